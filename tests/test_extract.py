"""extract() and decode_html(): fixtures that state their expectations, charsets, and bad input."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from yuqing.extract import article_to_dict, decode_html, extract
from yuqing.extract.site import site_from_url, split_title

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
CST = timezone(timedelta(hours=8))

PARAGRAPH = "国家卫生健康委员会近日发布数据，全国已建成互联网医院超过两千七百家，远程医疗服务覆盖所有地级市。"


def page(body: str, title: str = "测试标题_测试网", head: str = "") -> str:
    return f"<html><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>{body}</body></html>"


# --- fixtures with their own Expect: lines -------------------------------------------------------

def test_reprint_on_a_government_site() -> None:
    data = (FIXTURES / "reprint_gbk_labelled_utf8.html").read_bytes()
    a = extract(data, url="http://wsjkw.example.gov.cn/xwzx/202405/t20240520_1.html")
    assert a is not None
    assert a.title == "全省远程医疗服务网络实现县级医院全覆盖"
    assert a.outlet == "新华社"
    assert a.site == "XX省卫生健康委员会"
    assert a.author == "张三 李四"
    assert a.editor == "王五"
    assert a.published_at == datetime(2024, 5, 20, 9, 30, tzinfo=CST)
    assert len(a.paragraphs) == 3
    assert a.paragraphs[0].startswith("新华社讯 记者从省卫生健康委员会获悉")
    for junk in ("责任编辑", "相关新闻", "版权所有", "分享到", "打印本页", "发布时间", "来源"):
        assert junk not in a.text
    assert a.method == "density"
    assert a.problems == []


def test_outlets_own_page() -> None:
    data = (FIXTURES / "own_page_ogsite.html").read_bytes()
    a = extract(data, url="http://health.people.com.cn/n1/2023/1102/c14739.html")
    assert a is not None
    assert a.title == "互联网医院建设提速"
    assert a.site == "人民网"
    assert a.outlet == "人民网"
    assert a.author == "赵六"
    assert a.published_at is not None and a.published_at.date().isoformat() == "2023-11-02"
    assert len(a.paragraphs) == 2
    assert "网友评论" not in a.text and "好消息" not in a.text


def test_portal_comment_thread_and_staff_coded_editor() -> None:
    # after how 163.com lays out an article: 跟贴 thread below the body, 责任编辑 with a staff code
    body = (
        "<div class='post_content_main'><h1>测试标题</h1><div class='post_text'>"
        + f"<p>{PARAGRAPH}</p>" * 4
        + "<div class='ep-source'><span>本文来源：北京日报</span> <span>责任编辑：李红_NBJ1024</span></div></div>"
        "<div class='post_comment'><div class='tie-titlebar'><span>跟贴</span><span>热度 111 跟贴 33 参与</span></div>"
        "<div class='tie-item'><span>网易上海市网友 ip:180.168.*.*</span>"
        "<p>孩子半夜发烧跑了两家医院，真希望这个早点落实，综合医院的儿科确实该加强了。</p></div>"
        "<p>网友评论仅供其表达个人看法，并不表明网易立场。</p></div></div>"
    )
    a = extract(page(body, title="测试标题_网易新闻"), url="http://bj.news.163.com/17/1024/08/D1GG0BEG04388CSB.html")
    assert a is not None
    assert a.editor == "李红"
    assert len(a.paragraphs) == 4
    for junk in ("跟贴", "网友", "ip:", "孩子半夜"):
        assert junk not in a.text


def test_article_to_dict_shape() -> None:
    a = extract((FIXTURES / "reprint_gbk_labelled_utf8.html").read_bytes())
    assert a is not None
    d = article_to_dict(a, path="pages/1.html")
    assert list(d) == ["path", "title", "published_at", "outlet", "site", "author", "editor", "text",
                       "method", "problems"]
    assert d["path"] == "pages/1.html"
    assert d["published_at"] == "2024-05-20T09:30:00+08:00"
    assert d["text"].count("\n") == 2


# --- titles and sites ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "headline", "tail"),
    [
        ("武汉的声音：有英勇的你，才有英雄的城！_新华网", "武汉的声音：有英勇的你，才有英雄的城！", ["新华网"]),
        ("国务院常务会议 - 中国政府网", "国务院常务会议", ["中国政府网"]),
        ("习近平：推进健康中国——人民网", "习近平：推进健康中国", ["人民网"]),
        ("新闻标题_滚动新闻_国际_新浪网", "新闻标题", ["滚动新闻", "国际", "新浪网"]),
        ("COVID-19疫情最新进展", "COVID-19疫情最新进展", []),
        ("充电宝涨价：回归理性_10%公司_澎湃新闻-The Paper", "充电宝涨价：回归理性", ["10%公司", "澎湃新闻", "The Paper"]),
        ("华为发布Mate-X", "华为发布Mate-X", []),
        ("标题中有——破折号但后面是一句很长的话，不是网站名", "标题中有——破折号但后面是一句很长的话，不是网站名", []),
    ],
)
def test_split_title(raw: str, headline: str, tail: list[str]) -> None:
    assert split_title(raw) == (headline, tail)


def test_site_is_the_chinese_name_not_its_english_one() -> None:
    a = extract(page(f"<h1>充电宝涨价：回归理性</h1><div class='content'>{f'<p>{PARAGRAPH}</p>' * 3}</div>",
                     title="充电宝涨价：回归理性_10%公司_澎湃新闻-The Paper"))
    assert a is not None and a.title == "充电宝涨价：回归理性" and a.site == "澎湃新闻"


def test_headline_over_the_date_line_when_the_title_names_only_the_column() -> None:
    body = ("<div class='nav'><h3>首页 - 新闻动态</h3></div><div class='news'><h5>学术年会在西南大学成功举行！</h5>"
            "<div class='ly'>发布时间：2019-05-18 来源：某某学会</div>"
            f"<div class='detail'>{f'<p>{PARAGRAPH}</p>' * 3}</div></div>")
    a = extract(page(body, title="新闻动态--某某学会官网"))
    assert a is not None
    assert a.title == "学术年会在西南大学成功举行！"
    assert a.published_at == datetime(2019, 5, 18, tzinfo=CST)
    assert "学术年会" not in a.text


def test_site_prefix_before_the_headline() -> None:
    body = ("<div class='art'><div class='title-text'>联合国报告：全球经济增长率降至2.3%</div>"
            "<div class='meta'>发布时间： 2019-09-26 10:09:11</div>"
            f"<div class='content'>{f'<p>{PARAGRAPH}</p>' * 3}</div></div>")
    a = extract(page(body, title="明日股评--联合国报告：全球经济增长率降至2.3%"))
    assert a is not None and a.title == "联合国报告：全球经济增长率降至2.3%"
    # a tagline that repeats the <title>'s tail is not a headline unless a date line follows it
    body = f"<div id='tagline'>某某百科，自由的百科全书</div><h1>某某人</h1><div class='content'>{PARAGRAPH * 3}</div>"
    a = extract(page(body, title="某某人 - 某某百科，自由的百科全书"))
    assert a is not None and a.title != "某某百科，自由的百科全书"


def test_relative_date_filled_by_a_script_is_the_date_the_script_holds() -> None:
    # after how WeChat articles show their date: a script turns the date it carries into 昨天/前天
    script = (
        "!function(e){if(window.__second_open__)return;var t=\"1581604666\",n=\"1581517074\",s=\"2020-02-12\";"
        "e(t,n,s,document.getElementById(\"publish_time\"));}(function(e,t,n,s){var i=\"\",o=86400,"
        "f=new Date(1e3*e),r=1*t,l=n||\"\";f.setHours(0),f.setMinutes(0),f.setSeconds(0);var c=f.getTime()/1e3;"
        "if(r>=c)i=\"今天\";else if(r>=c-o)i=\"昨天\";else if(r>=c-2*o)i=\"前天\";else i=l;s&&(s.innerText=i);});"
    )
    body = ("<h2 id='activity-name'>测试标题</h2><div class='meta'><span>某某科技</span> "
            f"<em id='publish_time'>昨天</em></div><script>{script}</script>"
            f"<div class='rich_media_content'>{f'<p>{PARAGRAPH}</p>' * 3}</div>")
    a = extract(page(body, title="测试标题"))
    assert a is not None
    assert a.published_at == datetime(2020, 2, 12, tzinfo=CST)
    assert "某某科技" not in a.text  # the name-and-date line is a byline, not text


def test_labelled_date_under_the_text_beats_the_events_date() -> None:
    text = f"<p>2019年2月27日下午，{PARAGRAPH}</p>" + f"<p>{PARAGRAPH}</p>" * 2
    body = f"<h1>测试标题</h1><div class='content'>{text}</div><div class='info'>发布日期：2019-03-06 责任编辑：龙某</div>"
    a = extract(page(body))
    assert a is not None and a.published_at == datetime(2019, 3, 6, tzinfo=CST)
    # without a 发布日期 line the text's first date is still the best guess
    a = extract(page(f"<h1>测试标题</h1><div class='content'>{text}</div>"))
    assert a is not None and a.published_at == datetime(2019, 2, 27, tzinfo=CST)


def test_site_from_url_uses_the_registered_domain() -> None:
    assert site_from_url("http://health.people.com.cn/n1/x.html") == "人民网"
    assert site_from_url("https://www.nhc.gov.cn/x.shtml") == "国家卫生健康委员会"
    assert site_from_url("https://www.gov.cn/x.htm") == "中国政府网"
    assert site_from_url("https://unknown.example.com/") is None


def test_site_falls_back_to_the_domain_table() -> None:
    html = page(f"<h1>互联网医院建设提速</h1><div class='content'><p>{PARAGRAPH * 3}</p></div>",
                title="互联网医院建设提速")
    a = extract(html, url="http://www.news.cn/20240515/abc/c.html")
    assert a is not None
    assert a.site == "新华网" and a.outlet == "新华网"
    assert a.published_at == datetime(2024, 5, 15, tzinfo=CST)


# --- decode_html ---------------------------------------------------------------------------------

TEXT = "<html><head>{meta}</head><body><p>远程医疗服务覆盖所有县级医院，群众看病更方便。</p></body></html>"


def test_gbk_page_labelled_utf8_is_read_as_gb18030() -> None:
    data = TEXT.format(meta='<meta charset="utf-8">').encode("gbk")
    text, codec = decode_html(data)
    assert codec == "gb18030"
    assert "远程医疗" in text


def test_gb2312_label_reads_gbk_only_characters() -> None:
    # 镕 is in GBK but not in GB2312: a strict GB2312 decoder fails on it
    data = TEXT.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').replace(
        "群众", "朱镕基").encode("gbk")
    text, codec = decode_html(data)
    assert codec == "gb18030"
    assert "朱镕基" in text


def test_header_charset_beats_a_wrong_meta_when_the_bytes_agree() -> None:
    data = TEXT.format(meta='<meta charset="big5">').encode("gbk")
    text, codec = decode_html(data, declared="GBK")
    assert codec == "gb18030" and "远程医疗" in text


def test_utf8_bytes_win_over_a_gbk_header() -> None:
    data = TEXT.format(meta='<meta charset="gbk">').encode("utf-8")
    text, codec = decode_html(data, declared="gb2312")
    assert codec == "utf-8" and "远程医疗" in text


def test_latin1_header_is_a_server_default_not_a_fact() -> None:
    data = TEXT.format(meta='<meta charset="gbk">').encode("gbk")
    text, codec = decode_html(data, declared="ISO-8859-1")
    assert codec == "gb18030" and "远程医疗" in text


@pytest.mark.parametrize(("bom", "codec"), [("utf-8-sig", "utf-8"), ("utf-16", "utf-16")])
def test_bom_decides(bom: str, codec: str) -> None:
    text, used = decode_html(TEXT.format(meta="").encode(bom), declared="gbk")
    assert used == codec and "远程医疗" in text


def test_big5_page() -> None:
    html = '<html><head><meta charset="big5"></head><body><p>遠程醫療服務覆蓋所有縣級醫院，民眾看病更方便。</p></body></html>'
    text, codec = decode_html(html.encode("big5"))
    assert codec.startswith("big5") and "縣級醫院" in text


def test_undecodable_bytes_do_not_raise() -> None:
    text, codec = decode_html(b"<html>\xff\xfe\xfa\x80\x81" * 100 + "中文".encode("gbk"))
    assert isinstance(text, str) and codec


# --- bad input: None or a partial Article, never an exception, bounded time -----------------------

@pytest.mark.parametrize(
    "data",
    [
        b"",
        "",
        b"   \n  ",
        bytes(range(256)) * 40,
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 1000,
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"\x00\x01" * 500,
        "<html><head><script>var a = '远程医疗，服务覆盖所有县级医院。';</script></head><body><script>"
        "document.write('这是脚本里的文字，不是正文，不应当被当成文章。')</script></body></html>",
        "<html><body><ul>" + "".join(f"<li><a href='/{i}.html'>新闻标题第{i}条</a></li>" for i in range(200))
        + "</ul></body></html>",
        "just some text without any markup at all",
    ],
    ids=["empty-bytes", "empty-str", "blank", "binary", "png", "pdf", "script-only", "list-page", "no-markup"],
)
def test_no_article_gives_none(data: bytes | str) -> None:
    assert extract(data) is None


def test_truncated_page_gives_a_partial_article() -> None:
    html = page(f"<h1>测试标题</h1><div class='content'><p>{PARAGRAPH}</p><p>{PARAGRAPH}")
    cut = html.encode("utf-8")[: len(html.encode("utf-8")) - 40]
    a = extract(cut[:-1])  # also cut inside a multi-byte character
    assert a is not None
    assert "互联网医院" in a.text
    assert "no-date" in a.problems


def test_short_body_is_flagged() -> None:
    a = extract(page("<h1>测试标题</h1><div class='content'><p>这是一段很短的正文，只有一句话，讲的是远程医疗服务覆盖了县级医院。</p></div>"))
    assert a is not None and "short-body" in a.problems


def test_deeply_nested_page() -> None:
    html = "<html><body>" + "<div>" * 5000 + f"<p>{PARAGRAPH}</p>" + "</div>" * 5000 + "</body></html>"
    start = time.perf_counter()
    a = extract(html)
    assert time.perf_counter() - start < 5
    assert a is None or isinstance(a.text, str)


def test_ten_megabytes_is_capped_and_bounded() -> None:
    body = f"<p>{PARAGRAPH}</p>" * 80_000
    data = page(f"<h1>测试标题</h1><div class='content'>{body}</div>").encode("utf-8")
    assert len(data) > 10 * 1024 * 1024
    start = time.perf_counter()
    a = extract(data)
    elapsed = time.perf_counter() - start
    assert a is not None
    assert "truncated" in a.problems
    assert elapsed < 30


def test_time_limit_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    import yuqing.extract.article as article

    monkeypatch.setattr(article, "TIME_LIMIT", -1.0)
    a = extract(page(f"<h1>测试标题</h1><div class='content'><p>{PARAGRAPH * 3}</p></div>"))
    assert a is not None and "time-limit" in a.problems


def test_str_and_bytes_give_the_same_article() -> None:
    html = page(f"<h1>测试标题</h1><div class='content'><p>{PARAGRAPH * 3}</p></div>")
    a, b = extract(html), extract(html.encode("utf-8"))
    assert a is not None and b is not None
    assert article_to_dict(a) == article_to_dict(b)


def test_error_page_served_as_200_is_not_an_article() -> None:
    hot = "".join(f"<li><a href='/a{i}.html'>远程医疗服务覆盖全省所有乡镇卫生院第{i}批</a></li>" for i in range(8))
    body = ("<div class='err'><p>抱歉，您访问的页面不存在或已被删除！</p><p>5秒后自动跳转……</p></div>"
            f"<div class='side'><h2>热点新闻</h2><ul>{hot}</ul></div>")
    assert extract(page(body, title="404 页面不存在_网易新闻")) is None
    # a story whose headline merely starts with the number is an article
    prose = f"<h1>404名乡村医生完成远程医疗培训</h1><div class='content'>{f'<p>{PARAGRAPH}</p>' * 3}</div>"
    a = extract(page(prose, title="404名乡村医生完成远程医疗培训_测试网"))
    assert a is not None and a.title == "404名乡村医生完成远程医疗培训"

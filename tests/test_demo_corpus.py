"""The demo corpus (yuqing/data/demo): manifest consistent with the pages, issue 275 present and true."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import yaml

DEMO = Path(__file__).resolve().parents[1] / "yuqing" / "data" / "demo"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "weekly-report-275.md"

ISSUE_275 = {
    1: ("http://www.hebwt.gov.cn/index.do?id=371313&templet=content&cid=16",
        "李斌：80%以上居民15分钟内就能到达最近的医疗点", "新华社", "2017-10-23"),
    2: ("http://www.hebwst.gov.cn/index.do?id=371315&templet=content&cid=16",
        "李斌：加大健康扶贫力度，扩大集中救治的病种", "新华网", "2017-10-23"),
    3: ("http://www.stdaily.com/zhuanti01/yljqr/2017-10/17/content_584600.shtml",
        "广东省妇幼保健院基于微信公众号的住院服务再造", "中国数字医学", "2017-10-24"),
    4: ("http://bj.news.163.com/17/1024/08/D1GG0BEG04388CSB.html",
        "北京18家市属医院联手打造“大儿科”未来可互联互通", "北京日报", "2017-10-24"),
    5: ("http://www.donews.com/news/detail/4/2971278.html",
        "武汉第一医院：提升信息化管控，推进智慧医疗", "DoNews", "2017-10-24"),
    6: ("http://gansu.gscn.com.cn/system/2017/10/24/011829561.shtml",
        "甘肃省年底将实现四级全民健康信息平台互联互通全覆盖", "中国甘肃网", "2017-10-24"),
}

# Sentences of the reference's 主要内容 each page must carry (compared with all whitespace removed).
KEY_SENTENCES = {
    1: ["80%以上的居民 15 分钟内就能到达最近的医疗点", "家庭医生签约服务已经覆盖了 4.3 亿人",
        "逐步建立起维护公益性、调动积极性、保障可持续的运行新机制"],
    2: ["要加大健康扶贫力度，扩大集中救治的病种", "已经对所有 834 个贫困县都建立了对口支援的长效机制",
        "广泛推广预约诊疗、远程医疗、日间手术这样一些便民惠民措施"],
    3: ["利用医院微信公众号平台，对接医院信息系统", "总办理时间：7230.80 分钟，平均时间：24.10 分钟/人",
        "如果日后建立临床数据中心，有了大数据"],
    4: ["北京市医院管理局正式成立儿科学科协同发展中心", "市属医院儿科诊断识别准确率将达到 85%以上",
        "第一时间由专家通过远程会诊系统来判断患儿是否需要转诊"],
    5: ["武汉一医选择了易维帮助台来助其重新搭建服务流程体系", "工程师也由原来一天 200 工单量缩减了一半以上",
        "打破医院围墙实现健康管理 O2O 业务一体化"],
    6: ["签订了全民健康信息平台互联互通工作责任书",
        "2017 年底实现国家、省、市、县四级全民健康信息平台互联互通全覆盖",
        "实现与国家和省级平台互联互通，满足数据安全传输要求"],
}

# Words that make a text read as informatization: none may appear in a page that is not on topic.
IT_WORDS = ["信息化", "互联网", "远程医疗", "远程会诊", "电子病历", "电子健康", "智慧医院", "智慧医疗", "大数据",
            "人工智能", "互联互通", "信息平台", "信息系统", "预约诊疗", "微信", "公众号", "APP", "数字化", "云计算",
            "移动医疗", "健康档案", "在线", "网上", "智能"]

THIS_WEEK = (date(2017, 10, 23), date(2017, 10, 27))
WEEK_BEFORE = (date(2017, 10, 16), date(2017, 10, 20))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def page_text(record: dict) -> str:
    data = (DEMO / record["path"]).read_bytes()
    return data.decode("gb18030" if record["encoding"] == "gbk" else "utf-8")


def visible(html: str) -> str:
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"(?s)<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def manifest() -> list[dict]:
    lines = (DEMO / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def articles() -> dict[str, dict]:
    pages = yaml.safe_load((DEMO / "articles.yaml").read_text(encoding="utf-8"))
    return {p["url"]: p for p in pages}


def day(record: dict) -> date:
    return date.fromisoformat(record["expect"]["published_at"][:10])


def test_the_pages_are_built_from_the_data():
    done = subprocess.run([sys.executable, str(DEMO / "build.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, f"run python yuqing/data/demo/build.py:\n{done.stderr}"


def test_every_manifest_line_names_an_existing_page(manifest):
    assert len(manifest) >= 50
    keys = {"url", "path", "site", "tier", "encoding", "kind", "expect"}
    for record in manifest:
        assert keys <= record.keys(), record
        assert (DEMO / record["path"]).is_file(), record["path"]
        assert record["tier"] in {"central", "ministry", "provincial", "industry", "other"}
        assert record["kind"] in {"article", "list", "error"}
        assert record["encoding"] in {"gbk", "utf-8"}
    assert len({r["url"] for r in manifest}) == len(manifest)
    assert len({r["path"] for r in manifest}) == len(manifest)
    on_disk = {f"pages/{p.name}" for p in (DEMO / "pages").iterdir()}
    assert on_disk == {r["path"] for r in manifest}


def test_sites_cover_every_page(manifest):
    sites = yaml.safe_load((DEMO / "sites.yaml").read_text(encoding="utf-8"))
    hosts = {host: site for site in sites.values() for host in site["domains"]}
    for record in manifest:
        host = re.match(r"https?://([^/]+)/", record["url"]).group(1)
        assert host in hosts, host
        assert hosts[host]["name"] == record["site"]
        assert hosts[host]["tier"] == record["tier"]
        assert hosts[host]["encoding"] == record["encoding"]


def test_encodings_are_declared_and_true(manifest):
    gbk = [r for r in manifest if r["encoding"] == "gbk"]
    assert len(gbk) >= 15
    for record in manifest:
        data = (DEMO / record["path"]).read_bytes()
        head = data[:1024].decode("ascii", "replace").lower()
        declared = re.search(r"charset=\"?([\w-]+)", head).group(1)
        if record["encoding"] == "gbk":
            assert declared in {"gbk", "gb2312"}, record["path"]
            data.decode("gb18030")
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
        else:
            assert declared == "utf-8", record["path"]
            data.decode("utf-8")


def test_the_six_items_of_issue_275(manifest):
    items = {r["expect"]["in_issue_275"]: r for r in manifest if r["expect"]["in_issue_275"]}
    assert sorted(items) == [1, 2, 3, 4, 5, 6]
    for n, (url, title, outlet, published) in ISSUE_275.items():
        record = items[n]
        expect = record["expect"]
        assert record["url"] == url
        assert record["kind"] == "article"
        assert expect["title"] == title
        assert expect["outlet"] == outlet
        assert expect["published_at"][:10] == published
        assert expect["on_topic"] is True and expect["reprint_of"] is None
        text = visible(page_text(record))
        assert title in text
        assert published in text or "{}年{}月{}日".format(*published.split("-")) in text
    assert items[1]["site"] == items[2]["site"] == "河北省卫生和计划生育委员会"
    assert items[4]["encoding"] == items[1]["encoding"] == "gbk"


def test_issue_275_pages_carry_the_reference_text(manifest):
    items = {r["expect"]["in_issue_275"]: r for r in manifest if r["expect"]["in_issue_275"]}
    for n, sentences in KEY_SENTENCES.items():
        text = squeeze(visible(page_text(items[n])))
        for sentence in sentences:
            assert squeeze(sentence) in text, (n, sentence)


def test_issue_275_texts_match_the_reference_when_present(manifest, articles):
    if not REFERENCE.exists():
        pytest.skip(f"reference report not present: {REFERENCE}")
    reference = squeeze(REFERENCE.read_text(encoding="utf-8").replace("\\", "").replace("*", ""))
    for record in manifest:
        if record["expect"]["in_issue_275"]:
            for paragraph in articles[record["url"]]["body"]:
                if isinstance(paragraph, str) and "=" not in paragraph:
                    assert squeeze(paragraph) in reference, paragraph[:40]


def test_dates_fall_in_the_two_weeks(manifest):
    for record in manifest:
        if record["kind"] != "article":
            continue
        d = day(record)
        assert THIS_WEEK[0] <= d <= THIS_WEEK[1] or WEEK_BEFORE[0] <= d <= WEEK_BEFORE[1], record["path"]
    in_window = [r for r in manifest if r["kind"] == "article" and THIS_WEEK[0] <= day(r) <= THIS_WEEK[1]]
    originals = [r for r in in_window if r["expect"]["on_topic"] and not r["expect"]["reprint_of"]]
    assert {r["expect"]["in_issue_275"] for r in originals} == {1, 2, 3, 4, 5, 6}


def test_the_mix_of_pages(manifest):
    by_group: dict[str, list[dict]] = {}
    for record in manifest:
        by_group.setdefault(record["group"], []).append(record)
    assert len(by_group["issue"]) == 6
    assert len(by_group["offtopic"]) >= 14
    assert len(by_group["health"]) >= 10
    prior = by_group["prior"]
    assert len(prior) >= 5
    assert all(r["expect"]["on_topic"] and WEEK_BEFORE[0] <= day(r) <= WEEK_BEFORE[1] for r in prior)
    assert len(by_group["reprint"]) >= 5
    assert 2 <= len(by_group["nonarticle"]) <= 4
    assert all(r["kind"] != "article" for r in by_group["nonarticle"])


def test_reprints_point_at_stories_of_the_corpus(manifest, articles):
    urls = {r["url"]: r for r in manifest}
    reprinted_items = set()
    for record in manifest:
        origin = record["expect"]["reprint_of"]
        if not origin:
            continue
        original = urls[origin]
        assert original["expect"]["reprint_of"] is None
        assert record["expect"]["on_topic"] == original["expect"]["on_topic"]
        assert record["expect"]["title"] != original["expect"]["title"]
        assert record["site"] != original["site"]
        assert 0 <= (day(record) - day(original)).days <= 2
        assert record["expect"]["in_issue_275"] is None
        if original["expect"]["in_issue_275"]:
            reprinted_items.add(original["expect"]["in_issue_275"])
        assert articles[record["url"]].get("editor"), "a reprint names its 责任编辑"
    assert reprinted_items == {4, 5, 6}
    off = [r for r in manifest if r["expect"]["reprint_of"] and not r["expect"]["on_topic"]]
    assert len(off) >= 2


def test_texts_not_on_topic_do_not_read_as_informatization(articles):
    for page in articles.values():
        if page.get("on_topic") or not page.get("body"):
            continue
        text = page["title"] + "".join(p for p in page["body"] if isinstance(p, str))
        found = [w for w in IT_WORDS if w in text]
        assert not found, (page["file"], found)


def test_written_texts_are_short_news(articles):
    for page in articles.values():
        if page["group"] in {"issue", "reprint", "nonarticle"}:
            continue
        text = "".join(p for p in page["body"] if isinstance(p, str))
        assert 200 <= len(text) <= 800, (page["file"], len(text))


def test_article_pages_state_the_expected_metadata(manifest):
    for record in manifest:
        if record["kind"] != "article":
            continue
        expect = record["expect"]
        text = visible(page_text(record))
        assert expect["title"] in text, record["path"]
        for snippet in expect["body_includes"]:
            assert squeeze(snippet) in squeeze(text), (record["path"], snippet)
        if expect["outlet"] not in {record["site"]}:
            assert expect["outlet"] in text, record["path"]
        if expect["editor"]:
            assert expect["editor"] in text, record["path"]

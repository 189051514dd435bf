"""Write the demo corpus: pages/*.html and manifest.jsonl, from sites.yaml and articles.yaml.

    python yuqing/data/demo/build.py           # (re)write pages/ and manifest.jsonl
    python yuqing/data/demo/build.py --check   # exit 1 if the committed files differ from the data

Each site has its own template, drawn after how such sites looked in 2017 (table layouts on
government sites, 163's post_text, people.com.cn's rwb_zw …), with navigation, breadcrumbs,
sidebars, share widgets and footers around the article. Pages are encoded in their site's charset
(GBK sites really are GBK bytes). The output is deterministic: the same data gives the same bytes.

articles.yaml holds one entry per page:

    file, site, url, group (issue | offtopic | health | prior | reprint | nonarticle),
    kind (article, default | list | error), title, date ("YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DD"),
    date_style (optional, overrides the site's), source (the 来源 line, or null), outlet (what a
    bulletin credits; default: source, else the site's name), author, editor, on_topic, issue (1..6
    for the items of issue 275), reprint_of (the file of the original: its body is copied),
    cut (fraction of the copied body dropped at the end), note (a line put before the body),
    body: a list of paragraphs; a paragraph is a string or {h: 小标题} | {caption: 图注} | {table: rows}.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
GBK_DECL = {"gb2312", "gbk"}

# ---------------------------------------------------------------------------------------- helpers


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def parse_date(value: Any) -> tuple[datetime, bool]:
    """The page's publication time and whether it carries a time of day."""
    if isinstance(value, datetime):
        return value, True
    text = str(value)
    for fmt, timed in (("%Y-%m-%d %H:%M:%S", True), ("%Y-%m-%d %H:%M", True), ("%Y-%m-%d", False)):
        try:
            return datetime.strptime(text, fmt), timed
        except ValueError:
            continue
    raise ValueError(f"bad date {text!r}")


DATE_STYLES = {
    # style: (format, shows the time)
    "iso_sec": ("%Y-%m-%d %H:%M:%S", True),
    "iso_min": ("%Y-%m-%d %H:%M", True),
    "cn_min": ("%Y年%m月%d日 %H:%M", True),
    "cn_tight": ("%Y年%m月%d日%H:%M", True),
    "slash": ("%Y/%m/%d %H:%M", True),
    "cn_day": ("%Y年%m月%d日", False),
    "day": ("%Y-%m-%d", False),
}


def show_date(page: dict[str, Any], default: str) -> str:
    fmt, _ = DATE_STYLES[page.get("date_style") or default]
    return page["_dt"].strftime(fmt)


def split_sentences(text: str) -> list[str]:
    out, cur = [], ""
    for ch in text:
        cur += ch
        if ch in "。！？":
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def cut_body(body: list[Any], fraction: float) -> list[Any]:
    """Drop the last ``fraction`` of the body's text, ending on a whole sentence."""
    total = sum(len(p) for p in body if isinstance(p, str))
    keep, used, out = total * (1 - fraction), 0, []
    for p in body:
        if not isinstance(p, str):
            out.append(p)
            continue
        if used + len(p) <= keep:
            out.append(p)
            used += len(p)
            continue
        part = ""
        for s in split_sentences(p):
            if used + len(part) + len(s) > keep:
                break
            part += s
        if part:
            out.append(part)
        break
    while out and not isinstance(out[-1], str):
        out.pop()
    return out


def body_html(body: list[Any], *, indent: str = "", head: str = "strong", img_base: str = "/images") -> str:
    parts, figure = [], 0
    for item in body:
        if isinstance(item, str):
            parts.append(f"<p>{indent}{esc(item)}</p>")
        elif "h" in item:
            if head == "strong":
                parts.append(f"<p><strong>{indent}{esc(item['h'])}</strong></p>")
            else:
                parts.append(f"<{head}>{esc(item['h'])}</{head}>")
        elif "caption" in item:
            cap = item["caption"]
            if cap.startswith("图"):
                figure += 1
                parts.append(f'<p style="text-align: center;"><img src="{img_base}/fig{figure}.jpg" '
                             f'alt="" border="0" /></p>')
            parts.append(f'<p class="caption" style="text-align: center;">{esc(cap)}</p>')
        elif "table" in item:
            rows = []
            for i, row in enumerate(item["table"]):
                tag = "th" if i == 0 else "td"
                rows.append("<tr>" + "".join(f"<{tag}>{esc(c)}</{tag}>" for c in row) + "</tr>")
            parts.append('<table class="data" border="1" cellspacing="0" cellpadding="4" '
                         'style="margin: 0 auto;"><tbody>' + "".join(rows) + "</tbody></table>")
        else:
            raise ValueError(f"unknown body item {item!r}")
    return "\n".join(parts)


def links(items: list[tuple[str, str]], sep: str = "\n") -> str:
    return sep.join(f'<li><a href="{esc(u)}" target="_blank">{esc(t)}</a></li>' for t, u in items)


def nav(items: list[str], base: str, sep: str = "") -> str:
    return sep.join(f'<a href="{base}{i}/">{esc(name)}</a>' for i, name in enumerate(items, start=1))


STAT = ('<script type="text/javascript">var _hmt = _hmt || [];(function() {var hm = document.createElement("script");'
        'hm.src = "//hm.baidu.com/hm.js?{key}";var s = document.getElementsByTagName("script")[0]; '
        's.parentNode.insertBefore(hm, s);})();</script>')


def stat(key: str) -> str:
    return STAT.replace("{key}", key)


# ---------------------------------------------------------------------------------------- templates
# Each template takes the page (with _body, _site, _related: [(title, url)]) and returns the HTML.


def t_hebwt(p: dict[str, Any]) -> str:
    date = show_date(p, "iso_min")
    source = f"来源：{esc(p['source'])}" if p.get("source") else ""
    author = f"　作者：{esc(p['author'])}" if p.get("author") else ""
    menu = nav(["首页", "机构概况", "政务公开", "新闻中心", "卫生计生要闻", "通知公告", "政策法规", "办事服务",
                "公众参与", "专题专栏", "健康河北", "人事信息"], "/index.do?templet=list&cid=", "&nbsp;|&nbsp;")
    rel = links(p["_related"][:8])
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{esc(p['title'])}</title>
<meta name="keywords" content="河北省卫生和计划生育委员会,卫生计生,健康河北" />
<link href="/css/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/js/jquery-1.8.3.min.js"></script>
<script type="text/javascript">function doZoom(size){{document.getElementById('zoom').style.fontSize=size+'px';}}</script>
</head>
<body>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="top">
  <tr><td height="30" class="toplink"><a href="/">网站首页</a> | <a href="#" onclick="this.style.behavior='url(#default#homepage)';">设为首页</a> | <a href="javascript:window.external.AddFavorite('http://www.hebwt.gov.cn','河北省卫生和计划生育委员会')">加入收藏</a> | <a href="/wza/">无障碍浏览</a></td></tr>
  <tr><td height="120" background="/images/banner.jpg"><img src="/images/logo.png" alt="河北省卫生和计划生育委员会" /></td></tr>
  <tr><td height="36" class="menu">{menu}</td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr><td class="position">当前位置：<a href="/">首页</a> &gt; <a href="/index.do?templet=list&cid=4">新闻中心</a> &gt; <a href="/index.do?templet=list&cid=16">卫生计生要闻</a></td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="main">
<tr>
<td width="760" valign="top">
  <table width="96%" border="0" align="center" cellpadding="0" cellspacing="0">
    <tr><td class="title" align="center" height="60">{esc(p['title'])}</td></tr>
    <tr><td align="center" class="info">发布时间：{date}　{source}{author}　【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】　【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</td></tr>
    <tr><td height="1" bgcolor="#cccccc"></td></tr>
    <tr><td class="content"><div id="zoom">
{body_html(p['_body'], indent="　　")}
</div></td></tr>
    <tr><td align="right" class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
  </table>
</td>
<td width="240" valign="top" class="right">
  <div class="rbox"><div class="rtit">通知公告</div><ul>
{rel}
  </ul></div>
  <div class="rbox"><div class="rtit">便民服务</div><ul><li><a href="/bmfw/yyss/">医院查询</a></li><li><a href="/bmfw/yscx/">医师查询</a></li><li><a href="/bmfw/hscx/">护士查询</a></li><li><a href="/bmfw/ypcx/">药品价格查询</a></li></ul></div>
</td>
</tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="bottom">
  <tr><td align="center" height="90">主办单位：河北省卫生和计划生育委员会　地址：石家庄市合作路42号　邮编：050051<br />
  版权所有：河北省卫生和计划生育委员会　冀ICP备05003155号　网站标识码：1300000031<br />
  <a href="http://bszs.conac.cn/" target="_blank"><img src="/images/dzjg.png" alt="党政机关" /></a></td></tr>
</table>
{stat('2b5e08d1c13e4b3a8c0c9ab3e5b4f1a2')}
</body>
</html>
"""


def t_stdaily(p: dict[str, Any]) -> str:
    date = show_date(p, "iso_sec")
    source = f"来源：{esc(p['source'])}" if p.get("source") else "来源：科技日报"
    author = f'<span class="author">作者：{esc(p["author"])}</span>' if p.get("author") else ""
    editor = f'<div class="editor">责任编辑：{esc(p["editor"])}</div>' if p.get("editor") else ""
    menu = nav(["首页", "科技日报", "国内", "国际", "科技人物", "创新创业", "军民融合", "科普", "专题",
                "视频", "图片", "地方科技", "科技金融", "医疗健康"], "/index/kejixinwen/node_", "")
    rel = links(p["_related"][:6])
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{esc(p['title'])}-中国科技网</title>
<meta name="keywords" content="{esc(p['title'])}">
<meta name="description" content="{esc(p['_summary'])}">
<link rel="stylesheet" href="/images/2016/css/content.css">
</head>
<body>
<div class="top-bar"><div class="w1200"><span class="fl">欢迎访问中国科技网（科技日报社主办）</span><span class="fr"><a href="http://digitalpaper.stdaily.com/">数字报</a> | <a href="/app/">客户端</a> | <a href="/wb/">微博</a></span></div></div>
<div class="header w1200"><a href="/" class="logo"><img src="/images/2016/logo.png" alt="中国科技网"></a><div class="search"><form action="http://search.stdaily.com/"><input type="text" name="q" value=""><button>搜索</button></form></div></div>
<div class="nav w1200">{menu}</div>
<div class="w1200 crumbs">您的位置：<a href="/">首页</a> &gt; <a href="/zhuanti01/">专题</a> &gt; <a href="/zhuanti01/yljqr/">医疗健康</a> &gt; 正文</div>
<div class="w1200 clearfix">
  <div class="content-left fl">
    <h1 class="title">{esc(p['title'])}</h1>
    <div class="f14 h30 c666 info">{date}　{source}　{author}</div>
    <div class="share">分享到：<a class="wx">微信</a><a class="wb">微博</a><a class="qq">QQ空间</a></div>
    <div class="content" id="content">
{body_html(p['_body'], head="strong")}
    </div>
    {editor}
    <div class="relevant"><h3>相关新闻</h3><ul>
{rel}
    </ul></div>
  </div>
  <div class="content-right fr">
    <div class="hot"><h3>热点排行</h3><ol>
{links(p['_hot'][:8])}
    </ol></div>
    <div class="ad"><img src="/images/2016/ad_300x250.jpg" alt=""></div>
  </div>
</div>
<div class="footer"><p><a href="/gywm/">关于我们</a> | <a href="/lxwm/">联系我们</a> | <a href="/bqsm/">版权声明</a></p>
<p>科技日报社版权所有　京ICP备11027283号-1　京公网安备11010802007587号</p>
<p>未经书面授权禁止使用，违者必究</p></div>
{stat('8f0a4d1a3b2c1e0f9d8c7b6a5f4e3d2c')}
</body>
</html>
"""


def t_netease(p: dict[str, Any]) -> str:
    date = show_date(p, "iso_sec")
    src = esc(p.get("source") or "网易新闻")
    editor = esc(p.get("editor") or "网易北京")
    channel = "北京" if p["url"].startswith("http://bj.") else "新闻"
    menu = "\n".join(f'<a href="http://{host}.163.com/">{name}</a>' for host, name in [
        ("www", "首页"), ("news", "新闻"), ("sports", "体育"), ("sports", "NBA"), ("ent", "娱乐"), ("money", "财经"),
        ("money", "股票"), ("auto", "汽车"), ("tech", "科技"), ("mobile", "手机"), ("lady", "女人"), ("bbs", "论坛"),
        ("v", "视频"), ("travel", "旅游"), ("house", "房产"), ("home", "家居"), ("edu", "教育"), ("book", "读书"),
        ("play", "游戏"), ("jiankang", "健康"), ("caipiao", "彩票"), ("baoxian", "车险"), ("hai", "海淘"),
        ("m", "应用"), ("bj", "北京")])
    comments = "\n".join(
        f'<div class="tie-item"><span class="tie-user">网易{esc(u)}网友 ip:{ip}</span>'
        f'<p class="tie-cnt">{esc(c)}</p><span class="tie-vote">顶[{v}]</span></div>'
        for u, ip, c, v in p["_comments"])
    return f"""<!DOCTYPE HTML>
<html id="ne_wrap" data-publishtime="{p['_dt'].strftime('%Y-%m-%d %H:%M:%S')}" data-category="{channel}">
<head>
<meta charset="gbk">
<title>{esc(p['title'])}_网易{channel}</title>
<meta name="keywords" content="{esc(p['title'][:12])}"/>
<meta name="description" content="{esc(p['_summary'])}"/>
<meta name="author" content="网易">
<meta name="Copyright" content="网易版权所有">
<link rel="apple-touch-icon" href="http://img1.cache.netease.com/f2e/news/res/newsapp_logo.png">
<link href="http://img1.cache.netease.com/f2e/product/post_nfe/css/epost_2e0f5f1.css" rel="stylesheet" type="text/css">
<script>var _ntes_nacc = "news";</script>
</head>
<body>
<div class="N-nav-channel JS_NTES_LOG_FE" data-module-name="xwwzy_11_headdaohang">
{menu}
</div>
<div class="post_crumb">
  <a href="http://news.163.com/">网易新闻</a> &gt; <a href="http://bj.news.163.com/">网易{channel}</a> &gt; 正文
</div>
<div class="post_content post_area clearfix">
<div class="post_content_main" id="epContentLeft">
<h1>{esc(p['title'])}</h1>
<div class="post_time_source">
{date}　来源: <a id="ne_article_source" href="http://bj.news.163.com/" target="_blank" rel="nofollow">{src}</a>
</div>
<div class="post_body">
<div class="post_text" id="endText" style="border-top:1px solid #ddd;">
{f'<p class="otitle">（原标题：{esc(p["otitle"])}）</p>' if p.get("otitle") else ""}
{body_html(p['_body'])}
<div class="ep-source cDGray">
<span class="left"><a href="http://news.163.com/"><img src="http://static.ws.126.net/cnews/css13/img/end_news.png" alt="netease" width="13" height="12" class="icon"></a> 本文来源：{src} </span>
<span class="ep-editor">责任编辑：{editor}</span>
</div>
</div>
<div class="post_btmshare">
<span class="post_btmshare_tt">分享到：</span><a class="share_weixin">微信</a><a class="share_weibo">新浪微博</a><a class="share_qzone">QQ空间</a>
</div>
<div class="post_comment" id="tieArea">
<div class="tie-titlebar"><span class="tie-title">跟贴</span><span class="tie-info">热度 {len(p['_comments']) * 37} 跟贴 {len(p['_comments']) * 11} 参与</span></div>
{comments}
<div class="tie-input"><textarea placeholder="文明上网，登录发贴"></textarea><button>马上发表</button></div>
<p class="tie-notice">网友评论仅供其表达个人看法，并不表明网易立场。</p>
</div>
<div class="post_recommends">
<h2 class="hd">相关新闻</h2>
<ul>
{links(p['_related'][:6])}
</ul>
</div>
</div>
</div>
<div class="post_content_side">
<div class="side_box"><h2>热点新闻</h2><ul class="hot_list">
{links(p['_hot'][:10])}
</ul></div>
<div class="side_box"><h2>网易号</h2><p>各有态度</p></div>
</div>
</div>
<div class="N-nav-bottom">
<a href="http://corp.163.com/eng/about/overview.html">About NetEase</a> - <a href="http://gb.corp.163.com/gb/about/overview.html">公司简介</a> - <a href="http://gb.corp.163.com/gb/contactus.html">联系方法</a> - <a href="http://corp.163.com/gb/job/job.html">招聘信息</a> - <a href="http://help.163.com/">客户服务</a> - <a href="http://gb.corp.163.com/gb/legal.html">隐私政策</a> - <a href="http://emarketing.biz.163.com/">广告服务</a> - <a href="http://sitemap.163.com/">网站地图</a>
<p>网易公司版权所有 &copy;1997-2017</p>
</div>
<script src="http://img1.cache.netease.com/f2e/libs/jquery.js"></script>
</body>
</html>
"""


def t_donews(p: dict[str, Any]) -> str:
    date = show_date(p, "cn_min")
    author = f'<span class="author">作者：{esc(p["author"])}</span>' if p.get("author") else ""
    source = f'<span class="source">来源：{esc(p["source"])}</span>' if p.get("source") else ""
    tags = "".join(f'<a href="/tag/{i}">{esc(t)}</a>' for i, t in enumerate(p.get("tags") or [], start=1))
    menu = "".join(f'<li><a href="/{slug}/">{esc(n)}</a></li>' for slug, n in [
        ("", "首页"), ("news", "资讯"), ("original", "原创"), ("company", "公司"), ("people", "人物"),
        ("industry", "产业"), ("live", "直播"), ("activity", "活动"), ("ranking", "排行")])
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(p['title'])}_DoNews</title>
<meta name="keywords" content="{esc(','.join(p.get('tags') or []))}">
<meta name="description" content="{esc(p['_summary'])}">
<meta property="og:site_name" content="DoNews">
<meta property="og:title" content="{esc(p['title'])}">
<meta property="og:type" content="article">
<link rel="stylesheet" href="//www.donews.com/static/css/detail.css?v=20171012">
</head>
<body>
<header class="header"><div class="container"><a class="logo" href="/"><img src="/static/images/logo.png" alt="DoNews"></a>
<ul class="menu">{menu}</ul><div class="login"><a href="/user/login">登录</a> <a href="/user/register">注册</a></div></div></header>
<div class="container clearfix">
<div class="main-left">
<div class="breadcrumb"><a href="/">首页</a> / <a href="/news/">资讯</a> / <span>正文</span></div>
<div class="detail-con">
<h2 class="title">{esc(p['title'])}</h2>
<div class="info">{author}<span class="time">{date}</span>{source}<span class="read">阅读量：{p['_reads']}</span></div>
<div class="article-con">
{body_html(p['_body'], head="h3")}
</div>
<div class="tags">标签：{tags}</div>
<div class="statement">声明：本文为DoNews原创稿件，转载请注明来源。</div>
<div class="share-box">分享到：<a class="wx" href="javascript:;">微信</a><a class="wb" href="javascript:;">微博</a></div>
</div>
<div class="recommend"><h4>相关推荐</h4><ul>
{links(p['_related'][:5])}
</ul></div>
</div>
<div class="main-right">
<div class="hot-list"><h4>24小时热门</h4><ul>
{links(p['_hot'][:8])}
</ul></div>
<div class="qrcode"><img src="/static/images/qr.png" alt="">扫码关注DoNews公众号</div>
</div>
</div>
<footer class="footer"><div class="container"><p><a href="/about">关于我们</a> | <a href="/contact">联系我们</a> | <a href="/join">加入我们</a> | <a href="/copyright">版权声明</a></p>
<p>Copyright &copy; 2000-2017 DoNews.com All Rights Reserved　京ICP证090297号　京公网安备11010502031574号</p></div></footer>
{stat('a1f2c3d4e5f60718293a4b5c6d7e8f90')}
</body>
</html>
"""


def t_gscn(p: dict[str, Any]) -> str:
    date = show_date(p, "iso_sec")
    source = esc(p.get("source") or "中国甘肃网")
    author = f"　作者：{esc(p['author'])}" if p.get("author") else ""
    editor = f'<div class="editor">[责任编辑：{esc(p["editor"])}]</div>' if p.get("editor") else ""
    menu = nav(["首页", "甘肃", "国内", "国际", "社会", "图片", "视频", "评论", "旅游", "教育", "健康", "法治",
                "财经", "房产", "汽车", "文化", "兰州", "天水", "酒泉"], "http://www.gscn.com.cn/ch", " | ")
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{esc(p['title'])}_中国甘肃网</title>
<meta name="keywords" content="{esc(p['title'])}">
<meta property="og:site_name" content="中国甘肃网">
<link href="http://www.gscn.com.cn/css/cont.css" rel="stylesheet" type="text/css">
</head>
<body>
<div id="top"><img src="http://www.gscn.com.cn/images/gscn_logo.gif" alt="中国甘肃网"><span>甘肃省重点新闻网站</span></div>
<div id="menu">{menu}</div>
<div class="weizhi">您现在的位置：<a href="http://www.gscn.com.cn/">中国甘肃网</a> &gt;&gt; <a href="http://gansu.gscn.com.cn/">甘肃新闻</a> &gt;&gt; 正文</div>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td width="680" valign="top">
<h1 class="bt">{esc(p['title'])}</h1>
<div class="ly">{date}　来源：{source}{author}</div>
<div class="zw" id="zoom">
<!--enpcontent-->
{body_html(p['_body'], indent="　　")}
<!--/enpcontent-->
</div>
{editor}
<div class="fx">分享到：<a>微信</a> <a>新浪微博</a> <a>腾讯微博</a> <a>QQ空间</a></div>
<div class="xgxw"><b>相关新闻</b><ul>
{links(p['_related'][:6])}
</ul></div>
</td>
<td width="300" valign="top" class="right">
<div class="phb"><b>新闻排行</b><ul>
{links(p['_hot'][:10])}
</ul></div>
</td></tr>
</table>
<div id="bottom">
<p><a href="http://www.gscn.com.cn/about/">关于我们</a> | <a href="http://www.gscn.com.cn/ad/">广告服务</a> | <a href="http://www.gscn.com.cn/contact/">联系我们</a></p>
<p>中国甘肃网版权所有　未经书面授权不得转载　甘ICP备05000483号　互联网新闻信息服务许可证编号：6212006001</p>
<p>甘肃省互联网违法和不良信息举报中心　举报电话：0931-8960000</p>
</div>
</body>
</html>
"""


def t_xinhua(p: dict[str, Any]) -> str:
    date = show_date(p, "iso_sec")
    source = esc(p.get("source") or "新华网")
    editor = f'<span class="p-jc">【纠错】</span><span class="editor">[责任编辑: {esc(p["editor"])} ]</span>' \
        if p.get("editor") else '<span class="p-jc">【纠错】</span>'
    menu = nav(["首页", "时政", "地方", "国际", "财经", "网评", "图片", "社会", "军事", "体育", "健康", "文化",
                "教育", "科技", "旅游", "食品", "能源", "书画", "娱乐", "视频"], "http://www.xinhuanet.com/c", "\n")
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="apple-mobile-web-app-capable" content="yes" />
<title>{esc(p['title'])}-新华网</title>
<meta name="keywords" content="{esc(p['title'][:10])}" />
<meta name="description" content="{esc(p['title'])}---{esc(p['_summary'])}" />
<link rel="stylesheet" href="http://www.xinhuanet.com/detail2016/css/detail.css" />
</head>
<body>
<div class="domPC">
<div class="topBar"><div class="wrapper"><a href="http://www.xinhuanet.com/" class="logo"><img src="http://www.xinhuanet.com/detail2016/images/logo.png" alt="新华网"></a><div class="nav">
{menu}
</div></div></div>
<div class="header wrapper">
<div class="h-p3 clearfix"><div class="h-news"><div class="h-title">{esc(p['title'])}</div>
<div class="h-info"><span class="h-time">{date}</span> <span>来源： {source}</span></div></div></div>
<div class="h-share">分享到：<a class="wx">微信</a><a class="wb">新浪微博</a><a class="qq">QQ空间</a></div>
</div>
<div class="main clearfix wrapper">
<div class="part1 clearfix">
<div id="p-detail">
<div class="main-aticle" id="content">
{body_html(p['_body'], indent="　　")}
</div>
<div class="p-right left">{editor}</div>
</div>
<div class="relatedNews"><h3>相关新闻</h3><ul>
{links(p['_related'][:6])}
</ul></div>
</div>
<div class="part2"><h3>新华推荐</h3><ul>
{links(p['_hot'][:8])}
</ul></div>
</div>
<div class="foot"><p><a href="http://www.xinhuanet.com/aboutus.htm">关于我们</a> | <a href="http://www.xinhuanet.com/contactus.htm">联系我们</a> | <a href="http://www.xinhuanet.com/xhsd/">新华社简介</a></p>
<p>Copyright &copy; 2000-2017 XINHUANET.com　All Rights Reserved.　制作单位：新华网股份有限公司　版权所有：新华网股份有限公司</p></div>
</div>
</body>
</html>
"""


def t_people(p: dict[str, Any]) -> str:
    date = show_date(p, "cn_tight")
    source = esc(p.get("source") or "人民网")
    author = f'<p class="author">{esc(p["author"])}</p>' if p.get("author") else ""
    editor = f'<div class="edit clearfix">(责编：{esc(p["editor"])})</div>' if p.get("editor") else ""
    menu = nav(["首页", "时政", "国际", "军事", "台湾", "港澳", "社会", "法治", "财经", "汽车", "房产", "体育",
                "娱乐", "文化", "传媒", "健康", "科技", "教育", "旅游", "地方", "图片", "视频", "强国论坛"],
               "http://www.people.com.cn/GB/", " | ")
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="content-type" content="text/html;charset=GB2312"/>
<meta http-equiv="Content-Language" content="utf-8" />
<title>{esc(p['title'])}--{esc(p['_channel'])}--人民网 </title>
<meta name="keywords" content="{esc(p['title'][:12])}" />
<meta name="description" content="{esc(p['_summary'])}" />
<meta name="publishdate" content="{p['_dt'].strftime('%Y-%m-%d')}">
<meta name="source" content="来源：{source}" />
<meta name="author" content="" />
<link href="/img/2016wb/page.css" type="text/css" rel="stylesheet" media="all" />
</head>
<body>
<div class="header"><div class="w1000"><a href="http://www.people.com.cn/" target="_blank"><img src="/img/2016wb/images/logo.gif" alt="人民网" /></a><span>人民网&gt;&gt;{esc(p['_channel'])}</span></div></div>
<div class="nav w1000">{menu}</div>
<div class="clearfix w1000_320 text_title">
<h3 class="pre"></h3>
<h1>{esc(p['title'])}</h1>
<h4 class="sub"></h4>
{author}
<div class="box01"><div class="fl">{date}&nbsp;&nbsp;来源：<a href="http://www.people.com.cn/" target="_blank">{source}</a></div>
<div class="fr"><div class="fx">分享到：<a>人民微博</a> <a>微信</a> <a>QQ空间</a></div></div></div>
</div>
<div class="clearfix w1000_320 text_con">
<div class="fl text_con_left">
<div class="box_con" id="rwb_zw">
{body_html(p['_body'], indent="　　")}
{editor}
</div>
<div class="box_news"><h2>相关新闻</h2><ul>
{links(p['_related'][:6])}
</ul></div>
<div class="message"><a href="http://bbs1.people.com.cn/">我要留言</a> <a>进入讨论区</a></div>
</div>
<div class="fr text_con_right">
<div class="ph_list"><h2>24小时排行</h2><ul>
{links(p['_hot'][:10])}
</ul></div>
</div>
</div>
<div id="copyright">人 民 网 股 份 有 限 公 司 版 权 所 有 ，未 经 书 面 授 权 禁 止 使 用<br />Copyright &copy; 1997-2017 by www.people.com.cn. all rights reserved</div>
</body>
</html>
"""


def t_nhfpc(p: dict[str, Any]) -> str:
    date = show_date(p, "day")
    source = f"<span>来源：{esc(p['source'])}</span>" if p.get("source") else ""
    menu = nav(["首页", "机构设置", "新闻中心", "信息公开", "在线服务", "互动交流", "专题专栏", "数据统计",
                "政策法规", "工作动态"], "/zhuz/m", "\n")
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(p['title'])}</title>
<meta name="SiteName" content="国家卫生和计划生育委员会" />
<meta name="ColumnName" content="{esc(p['_channel'])}" />
<link href="/css/common.css" rel="stylesheet" type="text/css" />
</head>
<body>
<div class="header"><img src="/images/logo.jpg" alt="中华人民共和国国家卫生和计划生育委员会" /></div>
<div class="nav">{menu}</div>
<div class="w960">
<div class="position">您现在的位置：<a href="/">首页</a> &gt; <a href="/zhuz/xwfb/list.shtml">新闻中心</a> &gt; {esc(p['_channel'])}</div>
<div class="list">
<div class="tit">{esc(p['title'])}</div>
<div class="source"><span>发布时间：{date}</span>{source}<span class="print"><a href="javascript:window.print();">【打印本页】</a> <a href="javascript:window.close();">【关闭窗口】</a></span></div>
<div class="con" id="xw_box">
{body_html(p['_body'], indent="　　")}
</div>
<div class="fenxiang">分享到：<a>微信</a> <a>微博</a></div>
</div>
<div class="related"><h4>相关链接</h4><ul>
{links(p['_related'][:6])}
</ul></div>
</div>
<div class="footer">
<p><a href="/zhuz/wzdt/">网站地图</a> | <a href="/zhuz/lxwm/">联系我们</a> | <a href="/zhuz/wzsm/">网站声明</a></p>
<p>主办单位：中华人民共和国国家卫生和计划生育委员会　版权所有：国家卫生和计划生育委员会</p>
<p>地址：北京市西城区西直门外南路1号　邮编：100044　京ICP备05052971号　网站标识码：bm24000006</p>
</div>
</body>
</html>
"""


def t_govcn(p: dict[str, Any]) -> str:
    date = show_date(p, "iso_min")
    source = esc(p.get("source") or "中国政府网")
    editor = f'<div class="editor">责任编辑：{esc(p["editor"])}</div>' if p.get("editor") else ""
    menu = nav(["首页", "总理", "新闻", "政策", "互动", "服务", "数据", "国情"], "http://www.gov.cn/m", "\n")
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<title>{esc(p['title'])}_{esc(p['_channel'])}_中国政府网</title>
<meta name="firstpublishedtime" content="{p['_dt'].strftime('%Y-%m-%d-%H:%M:%S')}">
<meta name="lastmodifiedtime" content="{p['_dt'].strftime('%Y-%m-%d-%H:%M:%S')}">
<meta name="catalog" content="{esc(p['_channel'])}">
<meta name="contentid" content="{esc(p['file'])}">
<meta name="publishdate" content="{p['_dt'].strftime('%Y-%m-%d')}">
<link rel="stylesheet" href="http://www.gov.cn/govweb/xhtml/2016gov/css/common.css">
</head>
<body>
<div class="header"><div class="logo"><img src="http://www.gov.cn/govweb/xhtml/2016gov/images/logo.png" alt="中国政府网"></div><div class="nav">{menu}</div></div>
<div class="BreadcrumbNav"><a href="http://www.gov.cn/">首页</a> &gt; <a href="http://www.gov.cn/xinwen/">新闻</a> &gt; {esc(p['_channel'])}</div>
<div class="article oneColumn pub_border">
<h1>{esc(p['title'])}</h1>
<div class="pages-date">{date}　<span class="font">来源： {source}</span><span class="font index_switchsize">【字体：<span>大</span> <span>中</span> <span>小</span>】</span></div>
<div class="pages_content" id="UCAP-CONTENT">
{body_html(p['_body'], indent="　　")}
</div>
{editor}
<div class="shareBox">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="related"><h3>相关稿件</h3><ul>
{links(p['_related'][:6])}
</ul></div>
</div>
<div class="footer"><p><a href="http://www.gov.cn/home/2014-05/12/content_2677889.htm">网站说明</a> | <a href="http://www.gov.cn/home/2014-05/12/content_2677887.htm">网站声明</a> | <a href="http://www.gov.cn/home/2014-05/12/content_2677888.htm">联系我们</a></p>
<p>版权所有：中国政府网　中文域名：中国政府网.政务　京ICP备05070218号　网站标识码bm01000001</p>
<p>主办单位：国务院办公厅　运行维护单位：中国政府网运行中心</p></div>
</body>
</html>
"""


def t_sina(p: dict[str, Any]) -> str:
    date = show_date(p, "cn_min")
    source = esc(p.get("source") or "新浪新闻")
    editor = f'<p class="show_author">责任编辑：{esc(p["editor"])} </p>' if p.get("editor") else ""
    menu = nav(["新闻", "体育", "财经", "娱乐", "科技", "博客", "图片", "专栏", "更多", "汽车", "教育", "时尚",
                "女性", "星座", "健康", "房产", "历史", "视频", "收藏", "育儿", "读书", "佛学", "游戏", "旅游",
                "邮箱", "导航"], "http://news.sina.com.cn/n", "\n")
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8"/>
<meta name="sudameta" content="allCIDs:51923,56261;dataid:fymzzpv{esc(p['file'][-7:])}" />
<title>{esc(p['title'])}|{esc(p['title'][:6])}_新浪新闻</title>
<meta name="keywords" content="{esc(p['title'][:8])}" />
<meta name="description" content="{esc(p['_summary'])}" />
<meta property="og:type" content="news" />
<meta property="og:title" content="{esc(p['title'])}" />
<meta property="og:url" content="{esc(p['url'])}" />
<meta property="article:published_time" content="{p['_dt'].strftime('%Y-%m-%dT%H:%M:%S')}+08:00" />
<meta property="article:author" content="{source}" />
<meta name="weibo: article:create_at" content="{p['_dt'].strftime('%Y-%m-%d %H:%M:%S')}" />
<link rel="stylesheet" href="//n.sinaimg.cn/news/c28b7c56/20170928/css/article.css" />
</head>
<body>
<div class="top-nav">{menu}</div>
<div class="channel-path"><a href="http://news.sina.com.cn/">新闻中心</a> &gt; <a href="http://news.sina.com.cn/china/">国内新闻</a> &gt; 正文</div>
<div class="main-content w1240">
<h1 class="main-title">{esc(p['title'])}</h1>
<div class="top-bar-wrap"><div class="date-source"><span class="date">{date}</span> <a href="http://news.sina.com.cn/" target="_blank" class="source" rel="nofollow">{source}</a></div>
<div class="share">分享到：<a>微博</a> <a>微信</a></div></div>
<div class="article-content clearfix"><div class="article-content-left">
<div class="article" id="article">
{body_html(p['_body'], indent="　　")}
{editor}
</div>
<div class="keywords">文章关键词：{"".join(f'<a>{esc(t)}</a>' for t in (p.get('tags') or []))}</div>
<div class="article-bottom">我要反馈 <a>保存网页</a></div>
<div class="hotnews"><h3>相关新闻</h3><ul>
{links(p['_related'][:6])}
</ul></div>
</div>
<div class="article-content-right"><div class="ranking"><h3>新闻排行</h3><ol>
{links(p['_hot'][:10])}
</ol></div></div></div>
</div>
<div class="footer"><p><a href="http://corp.sina.com.cn/chn/">新浪简介</a> | <a href="http://corp.sina.com.cn/eng/">About Sina</a> | <a href="http://emarketing.sina.com.cn/">广告服务</a> | <a href="http://www.sina.com.cn/contactus.html">联系我们</a> | <a href="http://corp.sina.com.cn/chn/sina_job.html">招聘信息</a> | <a href="http://www.sina.com.cn/intro/lawfirm.shtml">通行证注册</a></p>
<p>Copyright &copy; 1996-2017 SINA Corporation, All Rights Reserved</p><p>新浪公司 版权所有</p></div>
</body>
</html>
"""


def t_cnhealthcare(p: dict[str, Any]) -> str:
    date = show_date(p, "slash")
    source = f'<span class="source">来源：{esc(p["source"])}</span>' if p.get("source") else ""
    author = f'<span class="author">作者：{esc(p["author"])}</span>' if p.get("author") else ""
    editor = f'<p class="editor">责任编辑：{esc(p["editor"])}</p>' if p.get("editor") else ""
    menu = "".join(f'<a href="/{s}">{esc(n)}</a>' for s, n in [
        ("", "首页"), ("articlelist/1", "资讯"), ("articlelist/2", "医院"), ("articlelist/3", "医生"),
        ("articlelist/4", "医药"), ("articlelist/5", "保险"), ("articlelist/6", "健康产业"), ("column", "专栏"),
        ("meeting", "会议"), ("course", "课程"), ("yuqing", "舆情")])
    return f"""<!DOCTYPE html>
<html lang="zh-cn">
<head>
<meta charset="utf-8">
<title>{esc(p['title'])} | 健康界</title>
<meta name="keywords" content="{esc(','.join(p.get('tags') or []))}">
<meta name="description" content="{esc(p['_summary'])}">
<meta property="og:site_name" content="健康界">
<link rel="stylesheet" href="/freework/common/css/article.css?v=2017">
</head>
<body>
<div class="top"><div class="wrap"><a href="/" class="logo"><img src="/freework/common/images/logo.png" alt="健康界"></a><nav>{menu}</nav><div class="user"><a href="/login">登录</a></div></div></div>
<div class="wrap clearfix">
<div class="article-left">
<div class="crumbs"><a href="/">健康界</a> &gt; <a href="/articlelist/2">医院</a> &gt; 正文</div>
<h1 class="article-title">{esc(p['title'])}</h1>
<div class="article-info"><span class="time">{date}</span>{source}{author}</div>
<div class="article-summary"><b>摘要：</b>{esc(p['_summary'])}</div>
<div class="article-content" id="article-content">
{body_html(p['_body'], head="h3")}
</div>
{editor}
<p class="copyright">版权声明：本文为转载文章，版权归原作者所有；如有侵权，请联系删除。</p>
<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ</a></div>
<div class="related"><h3>相关阅读</h3><ul>
{links(p['_related'][:5])}
</ul></div>
</div>
<div class="article-right"><div class="hot"><h3>热门文章</h3><ul>
{links(p['_hot'][:8])}
</ul></div><div class="app"><img src="/freework/common/images/app.png" alt="">下载健康界APP</div></div>
</div>
<div class="footer"><p>健康界　版权所有 &copy; 2013-2017　京ICP备13031220号-2　京公网安备11010502030116号</p></div>
</body>
</html>
"""


def t_cnhubei(p: dict[str, Any]) -> str:
    date = show_date(p, "iso_min")
    source = esc(p.get("source") or "荆楚网")
    author = f"　作者：{esc(p['author'])}" if p.get("author") else ""
    editor = f'<div class="bjname">责任编辑：{esc(p["editor"])}</div>' if p.get("editor") else ""
    menu = nav(["首页", "新闻", "湖北", "武汉", "评论", "图片", "视频", "财经", "体育", "娱乐", "教育", "健康",
                "旅游", "房产", "汽车", "文化", "地市"], "http://www.cnhubei.com/c", " ")
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>{esc(p['title'])}_武汉_新闻中心_荆楚网</title>
<meta name="keywords" content="{esc(p['title'][:10])}" />
<link href="http://www.cnhubei.com/css/content2015.css" rel="stylesheet" type="text/css" />
</head>
<body>
<div class="top_nav"><a href="http://www.cnhubei.com/"><img src="http://www.cnhubei.com/images/logo2015.png" alt="荆楚网" /></a>{menu}</div>
<div class="dqwz">当前位置：<a href="http://www.cnhubei.com/">荆楚网</a> &gt; <a href="http://news.cnhubei.com/">新闻中心</a> &gt; <a href="http://news.cnhubei.com/xw/wuhan/">武汉</a> &gt; 正文</div>
<div class="main_left">
<div class="title">{esc(p['title'])}</div>
<div class="title_info">发布时间：{date}　来源：{source}{author}　<a href="javascript:window.print()">【打印】</a></div>
<div class="content_box">
<div class="TRS_Editor">
{body_html(p['_body'], indent="　　")}
</div>
</div>
{editor}
<div class="share">分享到：<a>微信</a> <a>微博</a></div>
<div class="xgxw"><span>相关新闻</span><ul>
{links(p['_related'][:5])}
</ul></div>
</div>
<div class="main_right"><div class="rdph"><span>热点排行</span><ul>
{links(p['_hot'][:10])}
</ul></div></div>
<div class="footer">
<p>湖北日报网络传媒集团版权所有　鄂ICP备13005382号　互联网新闻信息服务许可证：4212006002</p>
<p>荆楚网（湖北日报网）　地址：武汉市东湖路181号</p>
</div>
</body>
</html>
"""


def t_gansudaily(p: dict[str, Any]) -> str:
    date = show_date(p, "slash")
    source = esc(p.get("source") or "每日甘肃网")
    author = f"　作者：{esc(p['author'])}" if p.get("author") else ""
    editor = f'<p class="bianji">编辑：{esc(p["editor"])}</p>' if p.get("editor") else ""
    menu = nav(["首页", "甘肃", "时政", "兰州", "天水", "社会", "经济", "文化", "教育", "卫生", "旅游",
                "图片", "视频", "专题"], "http://www.gansudaily.com.cn/c", " | ")
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{esc(p['title'])}-每日甘肃网</title>
<meta name="description" content="{esc(p['_summary'])}">
<link href="http://www.gansudaily.com.cn/css/article2017.css" rel="stylesheet">
</head>
<body>
<div class="toplogo"><img src="http://www.gansudaily.com.cn/images/mrgs_logo.png" alt="每日甘肃网"><span>甘肃日报报业集团主办</span></div>
<div class="topmenu">{menu}</div>
<div class="mainbox">
<div class="path">位置：<a href="http://www.gansudaily.com.cn/">每日甘肃网</a> &gt; <a href="http://gansu.gansudaily.com.cn/">甘肃新闻</a></div>
<div class="article">
<h1>{esc(p['title'])}</h1>
<div class="source">{date}　来源：{source}{author}</div>
<div class="text" id="text">
{body_html(p['_body'], indent="　　")}
</div>
{editor}
</div>
<div class="more"><h3>更多新闻</h3><ul>
{links(p['_related'][:6] + p['_hot'][:4])}
</ul></div>
</div>
<div class="foot">甘肃日报报业集团版权所有　甘ICP备09003163号　违法和不良信息举报电话：0931-8152520</div>
</body>
</html>
"""


TEMPLATES = {name[2:]: fn for name, fn in globals().items() if name.startswith("t_")}

# ---------------------------------------------------------------------------------------- non-articles


def list_page(p: dict[str, Any]) -> str:
    """A channel's index: the site's headlines with dates, paging, no article."""
    site = p["_site"]
    rows = "\n".join(f'<li><a href="{esc(u)}" target="_blank">{esc(t)}</a><span class="date">{d}</span></li>'
                     for t, u, d in p["_listing"])
    charset = "gb2312" if site["encoding"] == "gbk" else "utf-8"
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{esc(p['title'])}_{esc(site['name'])}</title>
</head>
<body>
<div class="top"><img src="/images/logo.png" alt="{esc(site['name'])}"></div>
<div class="nav"><a href="/">首页</a> | <a href="/news/">新闻</a> | <a href="/zwgk/">政务公开</a> | <a href="/zt/">专题</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; {esc(p['title'])}</div>
<div class="list_box">
<h2 class="lm_name">{esc(p['title'])}</h2>
<ul class="list">
{rows}
</ul>
<div class="page">共{len(p['_listing']) * 6}条　首页 上一页 <b>1</b> <a href="index_1.shtml">2</a> <a href="index_2.shtml">3</a> <a href="index_3.shtml">4</a> <a href="index_1.shtml">下一页</a> 尾页　跳转到 <input size="2"> 页</div>
</div>
<div class="footer">版权所有：{esc(site['name'])}</div>
</body>
</html>
"""


def error_page(p: dict[str, Any]) -> str:
    """A 404 page served with status 200, as many sites did."""
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="gbk">
<title>404 页面不存在_网易新闻</title>
</head>
<body>
<div class="N-nav-channel"><a href="http://www.163.com/">网易首页</a> <a href="http://news.163.com/">新闻</a> <a href="http://sports.163.com/">体育</a> <a href="http://ent.163.com/">娱乐</a></div>
<div class="err404">
<h1>抱歉，您访问的页面不存在或已被删除！</h1>
<p>您可以：<a href="http://news.163.com/">返回网易新闻首页</a> 或 <a href="http://bj.news.163.com/">浏览网易北京</a></p>
<p><span id="sec">5</span>秒后自动跳转……</p>
</div>
<div class="hot"><h2>热点新闻</h2><ul>
{links(p['_hot'][:8])}
</ul></div>
<div class="N-nav-bottom">网易公司版权所有 &copy;1997-2017</div>
<script>setTimeout(function(){{location.href="http://news.163.com/";}},5000);</script>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------- assembly

COMMENT_USERS = [("北京市", "221.216.*.*"), ("河北省石家庄市", "106.115.*.*"), ("广东省广州市", "113.108.*.*"),
                 ("上海市", "180.168.*.*"), ("湖北省武汉市", "59.172.*.*"), ("北京市", "123.118.*.*")]


def summary(body: list[Any]) -> str:
    first = next(p for p in body if isinstance(p, str))
    return first[:60] + ("…" if len(first) > 60 else "")


def expectation(p: dict[str, Any], site: dict[str, Any], by_file: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if p["kind"] != "article":
        return {"title": None, "outlet": None, "published_at": None, "on_topic": False,
                "in_issue_275": None, "reprint_of": None}
    style = p.get("date_style") or DEFAULT_STYLE[site["template"]]
    shows_time = DATE_STYLES[style][1] and p["_timed"]
    published = p["_dt"].strftime("%Y-%m-%dT%H:%M:%S+08:00") if shows_time else p["_dt"].strftime("%Y-%m-%d")
    texts = [x for x in p["_body"] if isinstance(x, str)]
    origin = by_file[p["reprint_of"]]["url"] if p.get("reprint_of") else None
    return {
        "title": p["title"],
        "outlet": p.get("outlet") or p.get("source") or site["name"],
        "published_at": published,
        "on_topic": bool(p.get("on_topic")),
        "in_issue_275": p.get("issue"),
        "reprint_of": origin,
        "author": p.get("author"),
        "editor": (p.get("editor") or "").split("_NBJ")[0] or None,
        "body_includes": [texts[0][:30], texts[-1][-30:]],
    }


DEFAULT_STYLE = {"hebwt": "iso_min", "stdaily": "iso_sec", "netease": "iso_sec", "donews": "cn_min",
                 "gscn": "iso_sec", "xinhua": "iso_sec", "people": "cn_tight", "nhfpc": "day",
                 "govcn": "iso_min", "sina": "cn_min", "cnhealthcare": "slash", "cnhubei": "iso_min",
                 "gansudaily": "slash"}
BOILERPLATE = ["版权所有", "分享到", "相关新闻", "热点排行", "ICP", "当前位置", "您的位置", "您现在的位置",
               "责任编辑", "跟贴", "打印", "网友评论", "24小时", "热门", "新闻排行", "相关阅读", "相关推荐",
               "相关链接", "相关稿件", "更多新闻"]


def build() -> dict[str, bytes]:
    """Every output file (relative path → bytes)."""
    sites = yaml.safe_load((HERE / "sites.yaml").read_text(encoding="utf-8"))
    pages = yaml.safe_load((HERE / "articles.yaml").read_text(encoding="utf-8"))
    by_file = {p["file"]: p for p in pages}
    if len(by_file) != len(pages):
        raise SystemExit("duplicate file names in articles.yaml")
    for p in pages:
        p.setdefault("kind", "article")
        p["_site"] = sites[p["site"]]
        p["_dt"], p["_timed"] = parse_date(p["date"])
        p["_channel"] = p.get("channel") or "新闻"
    for p in pages:
        if p.get("reprint_of"):
            body = by_file[p["reprint_of"]]["body"]
            p["_body"] = cut_body(body, p["cut"]) if p.get("cut") else list(body)
        else:
            p["_body"] = list(p.get("body") or [])
        if p.get("note"):
            p["_body"].insert(0, p["note"])
    articles = [p for p in pages if p["kind"] == "article"]
    out: dict[str, bytes] = {}
    manifest = []
    for n, p in enumerate(pages):
        site = p["_site"]
        same = [q for q in articles if q["site"] == p["site"] and q is not p]
        # Sidebars: the site's other stories (by distance in the list) and the week's headlines elsewhere.
        same.sort(key=lambda q: (abs(pages.index(q) - n), q["file"]))
        p["_related"] = [(q["title"], q["url"]) for q in same]
        others = [q for q in articles if q["site"] != p["site"]]
        p["_hot"] = [(q["title"], q["url"]) for q in others[n % 7::3]]
        p["_summary"] = summary(p["_body"]) if p["_body"] else p["title"]
        p["_reads"] = 1000 + (n * 7919) % 9000
        p["_comments"] = [(*COMMENT_USERS[(n + i) % len(COMMENT_USERS)], c)
                          + (((n + 3) * (i + 5)) % 97,) for i, c in enumerate(p.get("comments") or [])]
        if p["kind"] == "list":
            own = sorted((q for q in articles if q["site"] == p["site"]), key=lambda q: q["_dt"], reverse=True)
            p["_listing"] = [(q["title"], q["url"], q["_dt"].strftime("%Y-%m-%d")) for q in own]
            text = list_page(p)
        elif p["kind"] == "error":
            text = error_page(p)
        else:
            text = TEMPLATES[site["template"]](p)
        data = text.encode("gbk" if site["encoding"] == "gbk" else "utf-8")
        path = f"pages/{p['file']}.html"
        out[path] = data
        expect = expectation(p, site, by_file)
        if p["kind"] == "article":
            body_text = "".join(x for x in p["_body"] if isinstance(x, str))
            expect["body_excludes"] = [b for b in BOILERPLATE if b in text and b not in body_text][:6]
        manifest.append({"url": p["url"], "path": path, "site": site["name"], "tier": site["tier"],
                         "encoding": site["encoding"], "kind": p["kind"], "group": p["group"], "expect": expect})
    out["manifest.jsonl"] = "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in manifest).encode("utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the files on disk; write nothing")
    args = ap.parse_args(argv)
    files = build()
    if args.check:
        stale = [rel for rel, data in files.items()
                 if not (HERE / rel).exists() or (HERE / rel).read_bytes() != data]
        extra = sorted({f"pages/{f.name}" for f in (HERE / "pages").glob("*.html")} - set(files))
        for rel in stale + extra:
            print(f"out of date: {rel}", file=sys.stderr)
        return 1 if stale or extra else 0
    (HERE / "pages").mkdir(exist_ok=True)
    for f in (HERE / "pages").glob("*.html"):
        if f"pages/{f.name}" not in files:
            f.unlink()
    for rel, data in files.items():
        (HERE / rel).write_bytes(data)
    print(f"wrote {len(files) - 1} pages and manifest.jsonl", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Who carries a page: the site's name from og:site_name, the title suffix, or a table of known domains.

The table lists major Chinese outlets and government sites by registered domain; it is general
knowledge (the names these sites give themselves), used only when the page does not say.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["KNOWN_SITES", "split_title", "site_from_url"]

KNOWN_SITES: dict[str, str] = {
    "xinhuanet.com": "新华网",
    "news.cn": "新华网",
    "people.com.cn": "人民网",
    "people.cn": "人民网",
    "cctv.com": "央视网",
    "cntv.cn": "央视网",
    "chinanews.com": "中国新闻网",
    "chinanews.com.cn": "中国新闻网",
    "gmw.cn": "光明网",
    "china.com.cn": "中国网",
    "chinadaily.com.cn": "中国日报网",
    "cri.cn": "国际在线",
    "youth.cn": "中国青年网",
    "cyol.com": "中国青年网",
    "ce.cn": "中国经济网",
    "cnr.cn": "央广网",
    "qstheory.cn": "求是网",
    "81.cn": "中国军网",
    "huanqiu.com": "环球网",
    "thepaper.cn": "澎湃新闻",
    "jiemian.com": "界面新闻",
    "caixin.com": "财新网",
    "yicai.com": "第一财经",
    "bjnews.com.cn": "新京报",
    "infzm.com": "南方周末",
    "southcn.com": "南方网",
    "sina.com.cn": "新浪网",
    "sina.cn": "新浪网",
    "sohu.com": "搜狐",
    "163.com": "网易",
    "qq.com": "腾讯网",
    "ifeng.com": "凤凰网",
    "eastday.com": "东方网",
    "021east.com": "东方网",
    "banyuetan.org": "半月谈网",
    "stcn.com": "证券时报网",
    "cnstock.com": "中国证券网",
    "hexun.com": "和讯网",
    "guancha.cn": "观察者网",
    "baijiahao.baidu.com": "百家号",
    "baike.baidu.com": "百度百科",
    "toutiao.com": "今日头条",
    "39.net": "39健康网",
    "jkb.com.cn": "健康报网",
    "cn-healthcare.com": "健康界",
    "gov.cn": "中国政府网",
    "nhc.gov.cn": "国家卫生健康委员会",
    "nhsa.gov.cn": "国家医疗保障局",
    "natcm.gov.cn": "国家中医药管理局",
    "miit.gov.cn": "工业和信息化部",
    "ndrc.gov.cn": "国家发展和改革委员会",
    "moe.gov.cn": "教育部",
    "most.gov.cn": "科学技术部",
    "mof.gov.cn": "财政部",
    "cac.gov.cn": "中国网信网",
    "samr.gov.cn": "国家市场监督管理总局",
    "nmpa.gov.cn": "国家药品监督管理局",
    "chinacdc.cn": "中国疾病预防控制中心",
    "kepu.gov.cn": "中国科普网",
    "wikipedia.org": "维基百科",
    "udn.com": "聯合新聞網",
    "ltn.com.tw": "自由時報",
    "upmedia.mg": "上報",
}

# Separators between a headline and its channel/site names. Underscores, bars, doubled or spaced dashes
# always separate; a bare dash only when what follows reads like a site name (COVID-19 is not split).
_SEPARATOR = re.compile(r"\s*(?:_+|\|+|｜|\s[-–—－]+\s|--+|——|[-–—－·])\s*")
_STRONG = re.compile(r"_|\||｜|\s[-–—－]+\s|--|——")
_SITE_WORD = re.compile(r"网|报|社|台|新闻|政府|局|委|部|厅|办|院|频道|在线|门户|官网|百科|号|站|中心|首页|[A-Za-z]{2,}\.(com|cn|net)")
# a Chinese name dashed to its English one ("澎湃新闻-The Paper", "新华网-Xinhua News")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]*){0,3}")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def site_from_url(url: str | None) -> str | None:
    """Return the known name of the site at ``url`` (longest matching registered domain), or None."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    # archived copies name the original address inside their own
    m = re.search(r"/(?:https?://)?([a-z0-9.-]+\.[a-z]{2,})/", urlsplit(url).path or "") if "archive.org" in host else None
    if m:
        host = m.group(1)
    best: tuple[int, str] | None = None
    for domain, name in KNOWN_SITES.items():
        if host == domain or host.endswith("." + domain):
            if best is None or len(domain) > best[0]:
                best = (len(domain), name)
    return best[1] if best else None


def split_title(raw: str) -> tuple[str, list[str]]:
    """Return (headline, trailing segments) of a <title>: "标题_频道_新华网" → ("标题", ["频道", "新华网"]).

    Segments are peeled off the end only while they are short, as site and channel names are.
    """
    text = raw.strip()
    tail: list[str] = []
    while True:
        pieces = list(_SEPARATOR.finditer(text))
        if not pieces:
            break
        last = pieces[-1]
        segment = text[last.end():].strip()
        head = text[: last.start()].strip()
        if not segment or not head or len(segment) > 16 or len(head) < 2 or _is_sentence(segment):
            break
        if not _STRONG.search(last.group(0)) and not _SITE_WORD.search(segment) and not _english_name(head, segment):
            break
        tail.insert(0, segment)
        text = head
    return text, tail


def _english_name(head: str, segment: str) -> bool:
    return bool(_CJK.match(head[-1:]) and _LATIN_NAME.fullmatch(segment))


def _is_sentence(text: str) -> bool:
    return any(c in text for c in "，。！？：；")

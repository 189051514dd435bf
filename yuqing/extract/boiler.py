"""What Chinese news pages put around an article: the lines and class names that are never body text.

These are general conventions of Chinese news and government sites (责任编辑 lines, 分享到 widgets,
相关新闻 lists, 版权所有 footers), not rules for any particular site.
"""

from __future__ import annotations

import re

__all__ = [
    "BOILER_HINT",
    "CONTENT_HINT",
    "END_MARKER",
    "PUNCT",
    "is_boilerplate_line",
    "is_dated_name_line",
    "is_header_line",
    "is_post_meta_line",
]

PUNCT = frozenset("，。；：！？、“”‘’（）《》…—,.;:!?\"'()")
"""Sentence punctuation; body paragraphs are dense in it, menus and link lists are not."""

_SENTENCE_PUNCT = "，。；！？、,;!?"

CONTENT_HINT = re.compile(
    r"article|content|(?<![a-z])text|zoom|TRS_Editor|main|detail|post|entry|body|story|news|zw|cont|"
    r"show|neirong|wenzhang|con_|_con|artical|rich_media",
    re.I,
)
BOILER_HINT = re.compile(
    r"comment|footer|foot(?![a-z]*note)|nav|menu|sidebar|side|share|related|recommend|breadcrumb|crumb|"
    r"copyright|banner|advert|(?<![a-z])ad(?![a-z])|(?<![a-z])ads?_|login|toolbar|tool|hot|rank|"
    r"xgxw|xgyd|tuijian|paihang|fenxiang|pinglun|bottom|header|topbar|(?<![a-z])top(?![a-z])|"
    r"pagination|pager|print|qrcode|ewm|weixin|weibo|subscribe|tags?(?![a-z])|keyword",
    re.I,
)

END_MARKER = re.compile(
    r"^\s*[【\[（(]?\s*(相关新闻|相关阅读|相关链接|相关文章|相关报道|相关稿件|延伸阅读|推荐阅读|热点推荐|"
    r"热门推荐|猜你喜欢|你可能感兴趣|往期回顾|精彩推荐|更多精彩|今日推荐|网友评论|我要评论|发表评论|"
    r"评论\s*[（(]?\d*[)）]?\s*$|相关专题|专题推荐|上一篇|下一篇|免责声明|相关内容|文章评论|最热评论|最新评论|"
    r"跟[贴帖](?:热度|\s*\d|\s*$)|网友评论仅供|热门评论|全部评论|精彩评论|评论列表|评论区|评论内容|\d[\d,]*\s*条评论|已有\s*\d+\s*[件条篇]评论|"
    r"你可能還想看|你可能还想看|其他人也在看|大家都在看|为你推荐|更多推荐|热门文章|热门阅读|"
    r"#\s*re\s*:|Comments?\b|Leave a (?:reply|comment)|\d+\s*(?:Comments|Responses)\b|Trackback|"
    r"以上内容.{0,30}(?:用户|作者).{0,20}(?:上传|发布)|本平台仅提供信息存储服务)",
    re.I,
)
"""A line that starts a trailer: everything after it is not the article."""

_BOILER = re.compile(
    r"(责任?编辑|责编|值班编辑|编辑\s*[:：]|审核\s*[:：]|校对\s*[:：]|签发\s*[:：]|"
    r"^\s*[【\[]?\s*(纠错|打印|关闭|收藏|分享到?|字号|字体|返回顶部|打印本页|关闭窗口|打印文章|推荐给朋友|"
    r"扫一扫|扫描二维码|点击进入|查看原文|阅读原文|阅读全文|展开全文|我要纠错)|"
    r"版权所有|版权声明|Copyright|copyright|©|ICP备|ICP证|网安备|公网安备|未经授权|不得转载|禁止转载|"
    r"分享到\s*[:：]|分享至|微信扫一扫|手机扫一扫|用微信扫|关注我们|扫码关注|【字号|字号\s*[:：]|"
    r"[【\[]\s*(大|中|小)\s*[】\]]|本文来源于|点击查看|点击播放|视频加载中|仅提供信息存储服务|扫码|^\s*广告|"
    r"^\s*(举报|不喜欢|点赞|赞|回复|收藏|转发|分享)\s*$)"
)

_HEADER = re.compile(
    r"^\s*[【\[（(]?\s*(来源|稿源|文章来源|信息来源|稿件来源|新闻来源|作者|文\s*[/|｜]|记者|撰稿|"
    r"通讯员|发布时间|发布日期|发表时间|更新时间|时间|日期|浏览次数|阅读次数|点击数|访问量|字号)"
    r"\s*[:：/|｜]"
)
_DATE_LEAD = re.compile(r"^\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*(\d{1,2}[:：]\d{2}(?::\d{2})?)?\s*")


_POST_META = re.compile(r"\d{1,2}:\d{2}")


def is_post_meta_line(text: str) -> bool:
    """True for a short line with a date and a clock time and no prose: a post's signature or the next post's header."""
    if len(text) > 80 or not _POST_META.search(text) or _looks_like_sentence(text):
        return False
    return bool(re.search(r"\d{4}\s*[-/.年]\s*\d{1,2}|\b(19|20)\d{2}\b", text))


def is_boilerplate_line(text: str) -> bool:
    """Return True for a line that is a widget, credit or copyright notice, not body text."""
    if len(text) > 200:
        return False
    return bool(_BOILER.search(text))


def is_header_line(text: str) -> bool:
    """Return True for an article's header line: 来源/作者/发布时间 labels or a bare date with labels."""
    if len(text) > 160:
        return False
    if _HEADER.search(text):
        return not _looks_like_sentence(text)
    m = _DATE_LEAD.match(text)
    if m:
        rest = text[m.end():]
        return len(rest) < 60 and not _looks_like_sentence(rest)
    return False


_DATE_TAIL = re.compile(
    r"\s(?:\d{4}|\d{2})\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?::\d{2})?)?\s*$"
)


def is_dated_name_line(text: str) -> bool:
    """True for a short unpunctuated line of names ending in a date ("爱否科技 2020-02-12"): a byline, not text."""
    return len(text) <= 40 and not any(c in text for c in _SENTENCE_PUNCT) and bool(_DATE_TAIL.search(text))


def _looks_like_sentence(text: str) -> bool:
    """A line with several sentence punctuation marks and ending like a sentence is prose."""
    return sum(text.count(c) for c in "，。；！？") >= 2 and text.rstrip()[-1:] in "。！？”"

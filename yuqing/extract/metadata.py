"""Metadata of a Chinese article page: title, publication date, 来源, author and editor.

Evidence, in order of trust: ``<meta>`` tags and JSON-LD; the header lines Chinese sites print
between headline and body (来源：新华社 2020-02-19 08:30 作者：张三); credit lines at the end of the
body (责任编辑：李四, （记者 王五）); the date in the URL; htmldate as a last resort.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime

from lxml import html

from yuqing.text.dates import CHINA, find_dates, iter_url_dates, parse_date

__all__ = [
    "Meta",
    "bare_name_line",
    "bracket_name",
    "bylines",
    "credits",
    "meta_author",
    "find_editor",
    "find_outlet",
    "header_date",
    "issue_month",
    "posted_date",
    "json_ld",
    "meta_date",
    "read_meta",
]

Meta = dict[str, str]

_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish_date", "publishtime", "publish-date", "published_time", "og:release_date", "release_date",
    "sailthru.date", "dc.date.issued", "dc.date", "dcterms.created", "dcterms.date", "date", "ptime",
    "firstpublishedtime", "weibo:article:create_at", "bytedance:published_time", "article:published",
    "og:time", "created", "og:published_time", "publication_date", "citation_publication_date",
)


def read_meta(root: html.HtmlElement) -> Meta:
    """Return ``<meta>`` contents keyed by lower-cased name/property/itemprop/http-equiv (first wins)."""
    out: Meta = {}
    for el in root.iter("meta"):
        content = (el.get("content") or "").strip()
        if not content:
            continue
        for attr in ("name", "property", "itemprop", "http-equiv"):
            key = (el.get(attr) or "").strip().lower()
            if key and key not in out:
                out[key] = content
    for el in root.iter("time"):
        value = el.get("datetime") or ""
        if value and el.get("itemprop", "").lower() == "datepublished":
            out.setdefault("datepublished", value)
    return out


def json_ld(root: html.HtmlElement) -> dict[str, str]:
    """Return datePublished, headline, author and publisher names found in JSON-LD blocks."""
    out: dict[str, str] = {}
    for el in root.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
                continue
            if not isinstance(item, dict):
                continue
            stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
            for key in ("datePublished", "dateCreated", "headline"):
                if isinstance(item.get(key), str):
                    out.setdefault(key, item[key])
            for key in ("author", "publisher"):
                name = _ld_name(item.get(key))
                if name:
                    out.setdefault(key, name)
    return out


def _ld_name(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"]
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return " ".join(names) if names else None
    return None


def meta_date(meta: Meta, ld: dict[str, str]) -> datetime | None:
    """Return the publication date the page's metadata states, or None."""
    for raw in [ld.get("datePublished"), ld.get("dateCreated")] + [meta.get(k) for k in _DATE_KEYS]:
        if raw:
            value = parse_date(raw)
            if value is not None:
                return value
    return None


_LABELLED_DATE = re.compile(
    r"(发布时间|发布日期|发表时间|发表日期|时间|日期|发布于?|发表于|更新时间|发稿时间|[Pp]osted|Published)\s*[:：]?"
)
_POSTED_DATE = re.compile(r"(发布|发表|发帖|张贴|[Pp]osted)")


def header_date(lines: Iterable[str], *, labelled: bool = False, prose: bool = True) -> datetime | None:
    """Return the first full date (day precision or finer) in header lines, labelled ones first.

    With ``labelled`` only a date after a label (发布时间：, 日期：) counts; without ``prose`` sentences
    (the article's own text, whose dates are usually the event's) are skipped.
    """
    plain: datetime | None = None
    for line in lines:
        if len(line) > 300 or (not prose and _is_prose(line)):
            continue
        for found in find_dates(line):
            if found.precision in ("year", "month"):
                continue
            if _LABELLED_DATE.search(line[: found.start]):
                return found.value
            if plain is None and not labelled:
                plain = found.value
    return plain


def posted_date(lines: Iterable[str]) -> datetime | None:
    """Return a date on a short 发表于/发布/由…于…发表 line (a post's signature above or below the text)."""
    for line in lines:
        if len(line) > 120 or not _POSTED_DATE.search(line):
            continue
        for found in find_dates(line):
            if found.precision not in ("year", "month"):
                return found.value
    return None


def issue_month(lines: Iterable[str]) -> datetime | None:
    """Return the month of a closing citation line such as "——《北京之春》1996年6月号" (first of the month)."""
    for line in lines:
        if len(line) > 60:
            continue
        for found in find_dates(line):
            if found.precision == "month":
                return found.value
    return None


def url_date(url: str | None) -> datetime | None:
    """Return the date spelled in the URL path, or None."""
    if not url:
        return None
    return next(iter_url_dates(url), None)


def htmldate_fallback(doc: str, url: str | None) -> datetime | None:
    """Return htmldate's original-date guess, or None."""
    try:
        from htmldate import find_date

        raw = find_date(doc, url=url, original_date=True, outputformat="%Y-%m-%d", extensive_search=False)
    except Exception:  # noqa: BLE001 - optional fallback: a third-party failure must not fail the page
        return None
    if not raw:
        return None
    value = parse_date(raw)
    return value.replace(tzinfo=CHINA) if value and value.tzinfo is None else value


# --- 来源 / 作者 / 编辑 lines -------------------------------------------------------------------

_SOURCE = re.compile(
    r"(?:来源|稿源|文章来源|信息来源|稿件来源|新闻来源|出处|转自|转载自)\s*[:：]\s*[\[【]?\s*"
    r"([^\s:：|｜,，;；【】\[\]()（）]{2,30}?)"
    r"(?=\s*(?:来源|稿源|作者|记者|编辑|责任编辑|责编|发布|时间|日期|浏览|阅读|点击|字号|【|\[|\]|】|\||｜|$|\s|\d{4}[-/.年]))"
)
_BYLINE = re.compile(
    r"(?:作\s*者|撰稿|撰文|(?<![\u4e00-\u9fff])文\s*[/|｜:：]|^\s*文\s+|特约记者|见习记者|实习记者|记者|"
    r"通讯员|实习生)\s*[:：]?\s*"
)
_POSTED_BY = re.compile(r"由\s*([^\s于@]{2,12}?)\s*(?:于|张贴|发表|发布|@)")
_BRACKET_NAME = re.compile(r"[\[【]\s*([\u4e00-\u9fff]{2,4})\s*[\]】]")
_CREDIT = re.compile(r"[（(]\s*[^()（）]{0,16}?(?:记者|通讯员|作者|实习生)\s*([^()（）]{2,40})[)）]")
_NAME_END = re.compile(
    r"发自|报道|摄影|摄|电|来源|稿源|编辑|责编|审核|校对|时间|日期|发布|发表|出自|出处|阅读|浏览|点击|评论|"
    r"单位|简介|联系|系|\d|[【\[|｜:：;；。！？]"
)
_PLACE_END = re.compile(r"^(发自|报道|电)")
_NOT_NAME = re.compile(
    r"^(本报|本台|本网|本刊|新华社|中新社|记者|通讯员|实习生|作者|特约|见习|实习|编辑|综合|整理|报道|图片|图文|视频|"
    r"文字|摄影|新闻|中心|频道|我们|他们|大家|今天|昨天|获悉|表示|介绍|了解|网友|用户|匿名|佚名|未知|admin|本人|次数|指出|认为|说|称|发现|采访|来到|看到|获得|联系)$",
    re.I,
)
_STAFF = re.compile(r"^.{0,12}?(?:本报|本刊|本台|本网|新华社|中新社|日报|晚报|时报|网|社|台|·)?")
_CJK_NAME = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,5}")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,3}")
_PAREN_LATIN = re.compile(r"\s*[(（]([A-Za-z][A-Za-z .'-]{1,40})[)）]")

SURNAMES = frozenset(
    "风王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚"
    "岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练"
    "廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿"
    "鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由格扎次"
)
"""Common Chinese surnames (and first syllables of Tibetan/Uyghur names), to tell a bare name from a bare word."""


def _looks_like_name(token: str) -> bool:
    return 2 <= len(token) <= 4 and token[0] in SURNAMES and not _NOT_NAME.match(token)


def _names_after(text: str, strict: bool) -> list[str]:
    """Return the names at the start of ``text`` (what follows a byline label), stopping at the first non-name."""
    # keep "(Joel Spolsky)" after a Chinese name as one token
    text = _PAREN_LATIN.sub(lambda p: " (" + p.group(1).strip().replace(" ", "\x00") + ")", text, count=1)
    m = _NAME_END.search(text)
    head = text[: m.start()] if m else text
    tokens = [t for t in re.split(r"[\s、，,/]+|记者|通讯员|实习生", head) if t]
    if m and _PLACE_END.match(text[m.start():]) and len(tokens) > 1 and not head[-1:].isspace():
        tokens = tokens[:-1]  # "记者 彭冲 山东冠县报道": the word glued to 报道 is a place
    out: list[str] = []
    for token in tokens:
        if out and token.startswith("(") and "\x00" in token or (out and re.fullmatch(r"\([A-Za-z.'-]+\)", token)):
            out.append(token.replace("\x00", " "))
            continue
        token = token.strip("·.()（）[]【】")
        if not token:
            continue
        if _NOT_NAME.match(token):
            break
        if _CJK_NAME.fullmatch(token) and len(token) <= 4:
            # after a label the first name may be a pen name; further ones must look like names
            if (strict or out) and not _looks_like_name(token):
                break
            out.append(token)
        elif _LATIN_NAME.fullmatch(token) and not strict and not out:
            out.append(token)
        else:
            break
    return out


def bylines(lines: Iterable[str]) -> list[str]:
    """Return the names on the first byline (作者：, 文/, 记者, 通讯员, 由…发表) and on byline lines right after it."""
    names: list[str] = []
    for line in lines:
        found: list[str] = []
        if len(line) <= 60 and "作者单位" not in line and "作者简介" not in line:
            # a byline is a short line; 记者 inside prose is not one
            for m in _BYLINE.finditer(line):
                found += _names_after(line[m.end():], strict=False)
            m2 = _POSTED_BY.search(line)
            if m2 and not found:
                token = m2.group(1).strip()
                if not _NOT_NAME.match(token):
                    found.append(token)
        if not found and names:
            break
        for name in found:
            if name not in names:
                names.append(name)
    return names


def bare_name_line(lines: list[str]) -> list[str]:
    """Return names from a line holding nothing but one to three person names (a byline without a label)."""
    for line in lines[:6]:
        if _is_prose(line):
            break
        tokens = [t for t in re.split(r"[\s、，,]+", line.strip()) if t]
        if 1 <= len(tokens) <= 3 and all(_looks_like_name(t) and len(t) <= 3 for t in tokens):
            return tokens
    return []


def _is_prose(line: str) -> bool:
    return len(line) > 40 and sum(line.count(c) for c in "，。；！？") >= 2


def bracket_name(lines: Iterable[str]) -> list[str]:
    """Return a name set in brackets on a dated header line ("2004年7月16日08:19 [ 黄宇 ] 来源：…")."""
    for line in lines:
        if len(line) > 160 or not find_dates(line):
            continue
        for m in _BRACKET_NAME.finditer(line):
            before = line[: m.start()]
            if re.search(r"(来源|稿源)\s*[:：]\s*$", before):
                continue
            if _looks_like_name(m.group(1)):
                return [m.group(1)]
    return []


def credits(paragraphs: Iterable[str]) -> list[str]:
    """Return names credited in parentheses inside the body: （记者 张三 李四）, (信报记者 蔡雪婧)."""
    names: list[str] = []
    for text in paragraphs:
        for m in _CREDIT.finditer(text):
            for name in _names_after(m.group(1), strict=False):
                if name not in names:
                    names.append(name)
        if names:
            return names
    return names


def find_outlet(lines: Iterable[str]) -> str | None:
    """Return the publisher named on a 来源： line, or None."""
    for line in lines:
        if len(line) > 200:
            continue
        m = _SOURCE.search(line)
        if m:
            name = m.group(1).strip(" ·-—")
            if name and not re.fullmatch(r"[\d\s:：/-]+", name):
                return name
    return None


_EDITOR = re.compile(r"(?:(?:责任编辑|责编|值班编辑)\s*[:：\s]|(?<![a-zA-Z\u4e00-\u9fff])编辑\s*[:：])\s*")


_STAFF_CODE = re.compile(r"(?<=[\u4e00-\u9fff])_[A-Za-z]+\d*")


def find_editor(lines: Iterable[str]) -> str | None:
    """Return the names on a 责任编辑/编辑/责编 line, or None."""
    for line in lines:
        if len(line) > 200:
            continue
        for m in _EDITOR.finditer(line):
            # 163 appends a staff code to the name: 责任编辑：李红_NBJ1024
            rest = _STAFF_CODE.sub("", line[m.end():])
            names = _names_after(rest, strict=False)
            if names:
                return " ".join(names)
    return None


def meta_author(meta: Meta, ld: dict[str, str], site: str | None) -> str | None:
    """Return a person's name the page's metadata gives as author (site names and boilerplate are refused)."""
    for key in ("author", "article:author", "citation_author", "citation_authors", "dc.creator"):
        raw = meta.get(key)
        if raw:
            name = _person(raw, site)
            if name:
                return name
    return _person(ld.get("author") or "", site)


def _person(raw: str, site: str | None) -> str | None:
    raw = raw.strip()
    if not raw or len(raw) > 30 or (site and (raw in site or site in raw)):
        return None
    if re.search(r"网|报|社|台|新闻|中心|编辑部|出版|公司|团队|贡献者|项目|[Cc]ontributors|Team|http|www|\.com|\.cn|[,，;；!]", raw):
        return None
    # "赵  培": CJK names are sometimes spaced out
    parts = [p for p in re.split(r"[、;；]+", raw) if p.strip()]
    names = [re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", p.strip()) for p in parts]
    return " ".join(names) or None

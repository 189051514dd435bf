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
    "find_author",
    "find_editor",
    "find_outlet",
    "header_date",
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


_LABELLED_DATE = re.compile(r"(发布时间|发布日期|发表时间|发表日期|时间|日期|发布|更新时间|发稿时间|Published)\s*[:：]?")


def header_date(lines: Iterable[str]) -> datetime | None:
    """Return the first full date (day precision or finer) in header lines, labelled ones first."""
    plain: datetime | None = None
    for line in lines:
        if len(line) > 300:
            continue
        for found in find_dates(line):
            if found.precision in ("year", "month"):
                continue
            if _LABELLED_DATE.search(line[: found.start]):
                return found.value
            if plain is None:
                plain = found.value
    return plain


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

_STOP = r"(?=\s*(?:来源|稿源|作者|记者|编辑|责任编辑|责编|发布|时间|日期|浏览|阅读|点击|字号|【|\[|\||｜|$|\d{4}[-/.年]))"
_NAME = r"[\u4e00-\u9fff·]{2,5}|[A-Za-z][A-Za-z .'-]{1,30}[A-Za-z]"
_SOURCE = re.compile(
    r"(?:来源|稿源|文章来源|信息来源|稿件来源|新闻来源|出处|转自|转载自)\s*[:：]\s*"
    r"([^\s:：|｜,，;；【】\[\]()（）]{2,30}?)" + _STOP
)
_AUTHOR = re.compile(
    r"(?:作者|撰稿|撰文|文\s*[/|｜]|文\s*[:：]|^\s*文\s|记者|通讯员|特约记者|实习记者|见习记者|作\s*者)"
    r"\s*[:：]?\s*((?:(?:" + _NAME + r")(?:\s*[、，,\s]\s*|(?:\s*(?:记者|通讯员|实习生|实习记者)\s*))?)+)"
)
_EDITOR = re.compile(r"(?:责任编辑|责编|值班编辑|编辑)\s*[:：]?\s*((?:[\u4e00-\u9fff·]{2,4}[\s、，,]*){1,3})")
_NOT_NAME = re.compile(
    r"^(本报|本台|本网|报道|摄影|摄|电|讯|图|来源|编辑|责任|发布|时间|日期|综合|整理|新华社|中新社|"
    r"中国|人民|记者|通讯员|实习生|报|网|日|年|月|我们|他们|今天|昨天|获悉|表示|介绍|了解)|"
    r"(报道|摄影|摄|电|讯|获悉|表示|介绍|了解|说|的|在|和|是|了|到|从|对|为|等|等人|通讯员|实习生|记者)$"
)


def _names(raw: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"[\s、，,]+|记者|通讯员|实习生|实习记者", raw):
        part = part.strip("·")
        if not part or _NOT_NAME.search(part):
            continue
        if re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", part) or re.fullmatch(r"[A-Za-z][A-Za-z .'-]+", part):
            if part not in out:
                out.append(part)
    return out


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


def find_author(lines: Iterable[str]) -> str | None:
    """Return byline names (作者/记者/文/撰稿/通讯员) joined by a space, or None."""
    for line in lines:
        if len(line) > 200:
            continue
        for m in _AUTHOR.finditer(line):
            names = _names(m.group(1))
            if names:
                return " ".join(names)
    return None


def find_editor(lines: Iterable[str]) -> str | None:
    """Return the names on a 责任编辑/编辑/责编 line, or None."""
    for line in lines:
        if len(line) > 200:
            continue
        m = _EDITOR.search(line)
        if m:
            names = _names(m.group(1))
            if names:
                return " ".join(names)
    return None

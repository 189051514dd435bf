"""HTML → Article: decode, parse once, score the body, read the metadata, fall back only when unsure."""

from __future__ import annotations

import re
import time
from datetime import datetime

from lxml import html

from yuqing.extract.body import Candidate, density_body
from yuqing.extract.cascade import choose_body
from yuqing.extract.charset import decode_html
from yuqing.extract.metadata import (
    bare_name_line,
    bracket_name,
    bylines,
    credits,
    find_editor,
    find_outlet,
    header_date,
    htmldate_fallback,
    issue_month,
    json_ld,
    meta_author,
    meta_date,
    posted_date,
    read_meta,
    url_date,
)
from yuqing.extract.site import site_from_url, split_title
from yuqing.extract.title import dated_heading, find_headline
from yuqing.extract.tree import Block, blocks, clean, parse, text_len
from yuqing.models import Article

__all__ = ["MAX_BYTES", "TIME_LIMIT", "article_to_dict", "extract"]

MAX_BYTES = 10 * 1024 * 1024
"""Pages larger than this are cut (and flagged ``truncated``)."""
TIME_LIMIT = 5.0
"""Seconds one page may take; checked between stages (flagged ``time-limit`` when hit)."""
SHORT_BODY = 120


def extract(html_in: bytes | str, url: str | None = None) -> Article | None:
    """Return the Article on a page, a partial Article with ``problems``, or None when there is no article."""
    try:
        return _extract(html_in, url, time.monotonic() + TIME_LIMIT)
    except RecursionError:
        # lxml caps nesting, but a third-party fallback may still recurse on a pathological tree
        return None


def _extract(html_in: bytes | str, url: str | None, deadline: float) -> Article | None:
    problems: list[str] = []
    if isinstance(html_in, (bytes, bytearray)):
        data = bytes(html_in)
        if len(data) > MAX_BYTES:
            data, problems = data[:MAX_BYTES], ["truncated"]
        if _binary(data):
            return None
        doc, _ = decode_html(data)
    else:
        doc = html_in
        if len(doc) > MAX_BYTES:
            doc, problems = doc[:MAX_BYTES], ["truncated"]
    if "<" not in doc[:100_000]:
        return None
    root = parse(doc)
    if root is None:
        return None

    meta = read_meta(root)
    ld = json_ld(root)
    raw_title = _raw_title(root, meta, ld)
    clean(root)
    body_el = root.find(".//body")
    all_blocks = list(blocks(body_el if body_el is not None else root))
    headline, headline_at = find_headline(raw_title, all_blocks)
    candidate = density_body(all_blocks, headline_at)
    if headline_at is None and candidate is not None:
        # the <title> is not on the page (it names the site or column): take the heading over the date line,
        # unless it merely adds to the <title> (a counter after a chapter name)
        found = dated_heading(all_blocks, candidate.first_block)
        if found is not None and _WS.sub("", headline or "") not in _WS.sub("", found[0]):
            headline, headline_at = found
    if time.monotonic() > deadline:
        problems.append("time-limit")

    paragraphs, method = choose_body(candidate, doc, url, deadline, problems)
    paragraphs = _drop_title(paragraphs, headline)
    text = "\n".join(paragraphs)
    if text_len(text) < 20 or _is_list_page(all_blocks, paragraphs) or _is_error_page(raw_title, headline, text):
        return None

    before, lead, after = _credit_lines(candidate, all_blocks, headline_at)
    # an unlabelled date in the text's first sentences is usually the event's ("2019年2月27日下午，…"):
    # a labelled 发布日期 printed under the article wins over it
    head = before + lead + paragraphs[:1]
    published = (
        meta_date(meta, ld)
        or header_date(head, labelled=True)
        or header_date(head, prose=False)
        or header_date(after, labelled=True)
        or header_date(head)
    )
    if published is None:
        published = url_date(url)
    if published is None and "time-limit" not in problems:
        published = htmldate_fallback(doc, url)
    if published is None:
        published = posted_date(after + paragraphs)
    if published is None:
        published = issue_month(paragraphs[-3:] + after[:3])
        if published is not None:
            problems.append("date-month-only")
    if published is None:
        problems.append("no-date")

    site = _site(meta, raw_title, url)
    outlet = find_outlet(before + lead) or find_outlet(after) or site
    editor = find_editor(after + paragraphs[-3:]) or find_editor(before + lead)
    author = _author(meta, ld, site, before, lead, after, paragraphs) or editor
    if text_len(text) < SHORT_BODY:
        problems.append("short-body")
    if not headline:
        problems.append("no-title")
    return Article(
        url=url, title=headline, text=text, published_at=published, outlet=outlet, site=site,
        author=author, editor=editor, method=method, problems=problems,
    )


_ERROR_TITLE = re.compile(
    r"^\s*(?:404|403|410|500|502|503)(?:\s|$|[-_:：|]|错误|页面|error|not)|页面不存在|页面未找到|找不到(?:该|此|您要的)?页面|页面已(?:被)?删除|"
    r"无法找到该页|出错啦|出错了|not\s+found|page\s+(?:not|cannot)|forbidden|service\s+unavailable",
    re.I,
)

_ERROR_TEXT = re.compile(r"页面不存在|不存在或已被?删除|已被?删除或不存在|无法找到|找不到|无法访问|秒后自动跳转|not\s+found", re.I)


def _is_error_page(raw_title: str, headline: str | None, text: str) -> bool:
    """True for a server's error page served with 200 (“404 页面不存在” and a line or two)."""
    title = headline or raw_title
    if not _ERROR_TITLE.search(title):
        return False
    return text_len(text) < SHORT_BODY or bool(_ERROR_TEXT.search(text[:300]))


def _binary(data: bytes) -> bool:
    """True for bytes that are not a text page (NULs outside UTF-16, images, archives)."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return head.count(b"\x00") > 4 or head.startswith((b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"%PDF"))


def _raw_title(root: html.HtmlElement, meta: dict[str, str], ld: dict[str, str]) -> str:
    el = root.find(".//title")
    title = el.text_content().strip() if el is not None else ""
    return title or meta.get("og:title", "") or ld.get("headline", "")


_WS = re.compile(r"\s+")


def _drop_title(paragraphs: list[str], headline: str | None) -> list[str]:
    if paragraphs and headline and _WS.sub("", paragraphs[0]) == _WS.sub("", headline):
        return paragraphs[1:]
    return paragraphs


def _credit_lines(
    candidate: Candidate | None, all_blocks: list[Block], headline_at: int | None,
) -> tuple[list[str], list[str], list[str]]:
    """Return the lines between headline and body, the body container's first lines, and the lines after it."""
    if candidate is None:
        return [b.text for b in all_blocks[:60]], [], []
    start = candidate.first_block
    top = max(0, start - 15)
    if headline_at is not None and start - 60 <= headline_at < start:
        top = headline_at + 1
    elif headline_at is not None and headline_at >= start:
        top = start  # the headline is inside the container: what precedes it is page furniture
    before = [b.text for b in all_blocks[top:start]]
    inside = set(candidate.element.iter())
    end = start
    while end < len(all_blocks) and all_blocks[end].owner in inside:
        end += 1
    skip = headline_at + 1 if headline_at is not None and start <= headline_at < end else start
    lead = [b.text for b in all_blocks[skip:min(end, skip + 8)]]
    last = candidate.last_block if candidate.last_block >= start else end - 1
    after = [b.text for b in all_blocks[last + 1:last + 11]]
    return before, lead, after


def _author(
    meta: dict[str, str], ld: dict[str, str], site: str | None,
    before: list[str], lead: list[str], after: list[str], paragraphs: list[str],
) -> str | None:
    """Return the author: page metadata, a byline above the body, one below it, a credit inside it."""
    names = (
        bylines(before + lead)
        or bracket_name(before)
        or bare_name_line(before[-3:] + lead)
        or bylines(paragraphs[-3:] + after)
        or credits(paragraphs[:2] + paragraphs[-3:])
    )
    declared = meta_author(meta, ld, site)
    if declared:
        return declared
    return " ".join(names) if names else None


def _site(meta: dict[str, str], raw_title: str, url: str | None) -> str | None:
    name = meta.get("og:site_name") or meta.get("application-name")
    if name and len(name) <= 20:
        return name.strip()
    _, tail = split_title(raw_title)
    if len(tail) >= 2 and re.fullmatch(r"[A-Za-z .]+", tail[-1]) and re.search(r"[\u4e00-\u9fff]", tail[-2]):
        tail = tail[:-1]  # "澎湃新闻-The Paper": the Chinese name, not its English one
    if tail and len(tail[-1]) <= 12:
        return tail[-1]
    return site_from_url(url)


def _is_list_page(all_blocks: list[Block], paragraphs: list[str]) -> bool:
    """True for a page of links (channel index, search results, announcement list) with no prose of its own."""
    prose = sum(len(p) for p in paragraphs if len(p) >= 20 and any(c in p for c in "，。！？；"))
    if prose >= 50:
        return False
    chars = sum(b.chars for b in all_blocks) or 1
    links = sum(b.link_chars for b in all_blocks)
    link_lines = sum(1 for b in all_blocks if b.chars and b.link_chars / b.chars > 0.5)
    return links / chars >= 0.55 and link_lines >= 30


def article_to_dict(article: Article, path: str | None = None) -> dict:
    """Return the JSON shape of an Article: path, title, published_at (ISO 8601), outlet, site, … problems."""
    published: datetime | None = article.published_at
    return {
        "path": path,
        "title": article.title,
        "published_at": published.isoformat() if published else None,
        "outlet": article.outlet,
        "site": article.site,
        "author": article.author,
        "editor": article.editor,
        "text": article.text,
        "method": article.method,
        "problems": list(article.problems),
    }

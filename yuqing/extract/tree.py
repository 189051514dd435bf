"""Parse a page once with lxml and walk it as text blocks; every later step shares this tree.

A *block* is one line of rendered text (a paragraph, a heading, a list item, a line ended by
``<br>``) with the element that holds it and how many of its characters sit inside links.
Walking is iterative, so deeply nested pages cannot exhaust the Python stack (libxml2 also caps
HTML nesting at 255 levels).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree, html

__all__ = ["BLOCK_TAGS", "Block", "DROP_TAGS", "blocks", "clean", "parse", "text_len"]

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section "
    "summary table tbody td tfoot th thead tr ul br caption".split()
)
DROP_TAGS = frozenset(
    "script style noscript iframe object embed svg canvas template button select option textarea input "
    "map area audio video source track link meta head title".split()
)

_WS = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


def text_len(text: str) -> int:
    """Return the number of non-whitespace characters in ``text``."""
    return len(_WS.sub("", text))


def parse(text: str) -> html.HtmlElement | None:
    """Return the document root, or None when lxml finds no element in ``text``."""
    if not text.strip():
        return None
    # lxml refuses str input that carries an XML encoding declaration
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text[:500]) + text[500:]
    try:
        parser = html.HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False)
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return root


_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def clean(root: html.HtmlElement) -> None:
    """Remove in place what is never article text: scripts, styles, forms' widgets, hidden elements."""
    doomed = []
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            doomed.append(el)
        elif tag.lower() == "script" and _printed_date(el):
            continue
        elif tag.lower() in DROP_TAGS:
            if tag.lower() == "script":
                _filled_date(root, el)
            doomed.append(el)
        else:
            style = el.get("style")
            if style and _HIDDEN.search(style):
                doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


_SCRIPT_DATE = re.compile(r"[\"'](\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?)[^\"']*[\"']")


def _printed_date(el: html.HtmlElement) -> bool:
    """Turn a short inline script that prints a date (document.write("2020/04/17 01:43")) into that text.

    Old CMS templates and blog hosts write the post date with such scripts; the date is page text.
    """
    code = el.text or ""
    if len(code) > 300 or el.get("src"):
        return False
    m = _SCRIPT_DATE.search(code)
    if not m:
        return False
    el.tag = "span"
    el.attrib.clear()
    el.text = " " + m.group(1) + " "
    return True


_FILLS = re.compile(r"getElementById\(\s*[\"']([\w:.-]+)[\"']\s*\)")
_SHOWN_RELATIVE = re.compile(r"刚刚|今天|昨天|前天|\d+\s*(?:秒钟?|分钟|个?小时|天|周)前")


def _filled_date(root: html.HtmlElement, el: html.HtmlElement) -> None:
    """Write the one date an inline script holds into the element it fills by id, if that shows 昨天, 3天前 ….

    Such scripts turn the publication date they carry into a relative word when the page is shown
    (s="2020-02-12"; … getElementById("publish_time").innerText = "昨天"); the date is the fact, the
    word depends on the day the page was captured.
    """
    code = el.text or ""
    if len(code) > 3000 or el.get("src") or "getElementById" not in code:
        return
    dates = {m.group(1) for m in _SCRIPT_DATE.finditer(code)}
    if len(dates) != 1:
        return
    for m in _FILLS.finditer(code):
        target = root.get_element_by_id(m.group(1), None)
        if target is not None and len(target) == 0 and _SHOWN_RELATIVE.fullmatch((target.text or "").strip()):
            target.text = dates.pop()
            return


@dataclass(slots=True)
class Block:
    """One rendered line: its text, the element holding it, and its link characters."""

    text: str
    owner: html.HtmlElement
    chars: int = 0
    link_chars: int = 0
    tags: list[str] = field(default_factory=list)
    """Tags of the inline elements the line passes through (e.g. 'a', 'strong', 'img' is not text)."""


def blocks(root: html.HtmlElement) -> Iterator[Block]:
    """Yield the text blocks under ``root`` in reading order."""
    parts: list[str] = []
    link_parts: list[int] = [0]
    open_blocks: list[html.HtmlElement] = [root]
    in_link = 0

    def flush() -> Block | None:
        text = _WS.sub(" ", "".join(parts)).strip()
        parts.clear()
        links = link_parts[0]
        link_parts[0] = 0
        if not text:
            return None
        n = text_len(text)
        return Block(text, open_blocks[-1], n, min(links, n))

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        is_block = tag in BLOCK_TAGS
        if event == "start":
            if is_block:
                b = flush()
                if b:
                    yield b
                open_blocks.append(el)
            if tag == "a":
                in_link += 1
            if el.text:
                parts.append(el.text)
                if in_link:
                    link_parts[0] += text_len(el.text)
        else:
            if tag == "a":
                in_link -= 1
            if is_block:
                b = flush()
                if b:
                    yield b
                open_blocks.pop()
            if el is not root and el.tail:
                parts.append(el.tail)
                if in_link:
                    link_parts[0] += text_len(el.tail)
    b = flush()
    if b:
        yield b

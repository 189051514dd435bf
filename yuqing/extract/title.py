"""The headline: the heading the <title> starts with, else the <title> without its site suffix."""

from __future__ import annotations

import re

from yuqing.extract.site import split_title
from yuqing.extract.tree import Block
from yuqing.text.dates import find_dates

__all__ = ["dated_heading", "find_headline"]

_WS = re.compile(r"\s+")
_HEADINGS = ("h1", "h2", "h3")
_ANY_HEADING = ("h1", "h2", "h3", "h4", "h5", "h6")
# a short site or column name before the headline: "明日股市预测--联合国贸发报告：…"
_SITE_PREFIX = re.compile(r"^(.{2,16}?)\s*(?:--+|——|_+|\|+|｜|\s[-–—－]+\s)\s*(.{4,})$")


def find_headline(raw_title: str, all_blocks: list[Block]) -> tuple[str | None, int | None]:
    """Return (headline text, index of its block among ``all_blocks`` or None when not on the page)."""
    stripped, _ = split_title(raw_title)
    best = _title_block(_WS.sub("", raw_title), len(_WS.sub("", stripped)), all_blocks)
    prefixed = _SITE_PREFIX.match(stripped)
    if best is None and prefixed:
        # only as the line over the date line: "金锺国 - 维基百科，自由的百科全书" is not a site prefix
        rest = _WS.sub("", prefixed.group(2))
        best = _title_block(rest, len(rest), all_blocks)
        if best is not None and not _dated(all_blocks, best[1] + 1):
            best = None
    if best is None and not stripped:
        for i, b in enumerate(all_blocks[:1500]):
            if b.owner.tag == "h1" and 4 <= b.chars <= 80 and b.link_chars < b.chars:
                best = (b.text, i)
                break
    if best is not None:
        return best[0].strip(), best[1]
    return (stripped.strip() or None), None


def _title_block(key: str, short: int, all_blocks: list[Block]) -> tuple[str, int] | None:
    """Return the block the title ``key`` starts with (a heading first), or None."""
    best: tuple[str, int] | None = None
    for i, b in enumerate(all_blocks[:1500]):
        if b.chars < 4 or b.chars > 80:
            continue
        text = _WS.sub("", b.text)
        if key.startswith(text) and len(text) >= short * 0.6:
            heading = b.owner.tag in _HEADINGS
            if heading or best is None:
                best = (b.text, i)
                if heading:
                    break
    return best


def dated_heading(all_blocks: list[Block], start: int) -> tuple[str, int] | None:
    """Return the heading (h1–h6) nearest above the body at ``start`` whose next line gives a date.

    For pages whose <title> names only the site or column (新闻动态--某某官网): the headline is
    then the heading over the 发布时间 line.
    """
    for i in range(min(start + 3, len(all_blocks) - 1) - 1, max(0, start - 15) - 1, -1):
        b = all_blocks[i]
        if b.owner.tag in _ANY_HEADING and 4 <= b.chars <= 80 and b.link_chars * 2 <= b.chars and _dated(all_blocks, i + 1):
            return b.text.strip(), i
    return None


def _dated(all_blocks: list[Block], i: int) -> bool:
    """True when block ``i`` is a short line giving a full date (an article's 发布时间 line)."""
    if i >= len(all_blocks) or len(all_blocks[i].text) > 120:
        return False
    return any(f.precision not in ("year", "month") for f in find_dates(all_blocks[i].text))

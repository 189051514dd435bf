"""The headline: the heading the <title> starts with, else the <title> without its site suffix."""

from __future__ import annotations

import re

from yuqing.extract.site import split_title
from yuqing.extract.tree import Block

__all__ = ["find_headline"]

_WS = re.compile(r"\s+")
_HEADINGS = ("h1", "h2", "h3")


def find_headline(raw_title: str, all_blocks: list[Block]) -> tuple[str | None, int | None]:
    """Return (headline text, index of its block among ``all_blocks`` or None when not on the page)."""
    stripped, _ = split_title(raw_title)
    key = _WS.sub("", raw_title)
    short = len(_WS.sub("", stripped))
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
    if best is None and not stripped:
        for i, b in enumerate(all_blocks[:1500]):
            if b.owner.tag == "h1" and 4 <= b.chars <= 80 and b.link_chars < b.chars:
                best = (b.text, i)
                break
    if best is not None:
        return best[0].strip(), best[1]
    return (stripped.strip() or None), None

"""The other paths of the cascade: readability-lxml and trafilatura, run only when our scorer is unsure.

Both are optional third-party code working on pages that are often broken; a failure inside them
is caught here (and only here) and reads as "this path found nothing".
"""

from __future__ import annotations

import re

from yuqing.extract.boiler import END_MARKER, is_boilerplate_line, is_header_line
from yuqing.extract.tree import blocks, parse

__all__ = ["by_readability", "by_trafilatura", "clean_paragraphs"]

_CELL = re.compile(r"\s*\|\s*")  # trafilatura renders table cells as "| a | b |"
_PROSE = re.compile(r"[，。！？].*[，。！？]")


def clean_paragraphs(lines: list[str]) -> list[str]:
    """Return ``lines`` without header lines, credits, widgets, and without any trailer after 相关新闻."""
    out: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if END_MARKER.match(line) and any(_PROSE.search(x) for x in out):
            break
        if is_boilerplate_line(line) or is_header_line(line):
            continue
        out.append(line)
    return out


def by_readability(doc: str) -> list[str]:
    """Return readability-lxml's article paragraphs for ``doc`` (empty when it finds none)."""
    try:
        from readability import Document

        summary = Document(doc).summary(html_partial=True)
    except Exception:  # noqa: BLE001 - optional fallback: third-party failure means "no result"
        return []
    root = parse(summary)
    if root is None:
        return []
    return clean_paragraphs([b.text for b in blocks(root) if not (b.chars and b.link_chars / b.chars > 0.5)])


def by_trafilatura(doc: str, url: str | None) -> list[str]:
    """Return trafilatura's article paragraphs for ``doc`` (empty when it finds none)."""
    try:
        import trafilatura

        text = trafilatura.extract(doc, url=url, include_comments=False, include_tables=True, favor_recall=True)
    except Exception:  # noqa: BLE001 - optional fallback: third-party failure means "no result"
        return []
    lines = [_CELL.sub(" ", line).strip(" |") for line in (text or "").split("\n")]
    return clean_paragraphs(lines)

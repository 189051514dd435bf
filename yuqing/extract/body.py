"""Chinese-aware text-density scoring: find the element that holds the article and render its paragraphs.

Each text block gets a weight: positive for prose (non-link characters, more when dense in
，。 punctuation), negative for link lists, short labels and boilerplate lines. An element's
score is the sum of its blocks' weights, nudged by content/boilerplate class-name hints; the
best-scoring element is the article container. Ancestors of the container collect the negative
weight of menus and link lists around it, so the sum peaks at the container itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from lxml import html

from yuqing.extract.boiler import (
    BOILER_HINT,
    CONTENT_HINT,
    END_MARKER,
    PUNCT,
    is_boilerplate_line,
    is_dated_name_line,
    is_header_line,
    is_post_meta_line,
)
from yuqing.extract.tree import Block

__all__ = ["Candidate", "density_body", "render"]


@dataclass(slots=True)
class Candidate:
    """The chosen container, its rendered paragraphs, and how sure the scorer is (0–1)."""

    element: html.HtmlElement
    paragraphs: list[str]
    score: float
    confidence: float
    first_block: int
    """Index, among all page blocks, of the container's first block (metadata looks just above it)."""
    last_block: int = -1
    """Index of the last block kept in the body (credit lines follow it)."""
    near_headline: bool = False
    """True when the container won for being next to the headline rather than for its size."""


def _punct(text: str) -> int:
    return sum(1 for c in text if c in PUNCT)


def block_weight(b: Block) -> float:
    """Return how much a block looks like article prose (negative: navigation, widgets, credits)."""
    n = b.chars
    if n == 0:
        return 0.0
    plain = n - b.link_chars
    if b.link_chars / n > 0.5:
        return -float(n) * 0.8
    if is_boilerplate_line(b.text):
        return -min(float(n), 30.0)
    p = _punct(b.text)
    if p == 0:
        # labels, menus and headings: short ones are slightly negative, long unpunctuated text is neutral
        return -3.0 if plain < 12 else plain * 0.2
    density = min(p / plain * 8, 1.5) if plain else 0
    return plain * (1.0 + density) - b.link_chars * 2.0


def _hint(el: html.HtmlElement) -> float:
    """Return a multiplier from the element's class/id: >1 for content-like names, <1 for boilerplate."""
    name = f"{el.get('class', '')} {el.get('id', '')}"
    if not name.strip():
        return 1.0
    factor = 1.0
    if CONTENT_HINT.search(name):
        factor *= 1.15
    if BOILER_HINT.search(name):
        factor *= 0.6
    return factor


NEAR_HEADLINE = 6
"""How many levels above the headline the body's container may meet it (headline and body share a parent)."""
NEAR_MIN = 120.0
"""The least score a container near the headline needs to win over a bigger one elsewhere (teaser lists)."""


def density_body(all_blocks: list[Block], headline_at: int | None = None) -> Candidate | None:
    """Return the best container for ``all_blocks`` (a page's blocks in reading order), or None if no prose.

    When the headline's block is known, a container close to it in the tree wins over a bigger one
    far away: the article sits next to its headline, recommendation lists do not.
    """
    if not all_blocks:
        return None
    scores: dict[html.HtmlElement, float] = {}
    first: dict[html.HtmlElement, int] = {}
    for i, b in enumerate(all_blocks):
        w = block_weight(b)
        el: html.HtmlElement | None = b.owner
        while el is not None:
            scores[el] = scores.get(el, 0.0) + w
            if el not in first:
                first[el] = i
            el = el.getparent()
    ranked = sorted(((s * _hint(el), el) for el, s in scores.items() if s > 0), key=lambda t: -t[0])
    if not ranked:
        return None
    best_score, best = ranked[0]
    pool = ranked
    overridden = False
    if headline_at is not None:
        near = _near_headline(all_blocks[headline_at].owner)
        close = [(s, el) for s, el in ranked if el in near and s >= NEAR_MIN]
        if close and close[0][1] is not best:
            best_score, best = close[0]
            pool, overridden = close, True
    paragraphs, last = render(best, all_blocks, first[best], headline_at)
    runner = next((s for s, el in pool if el is not best and not _related(el, best)), 0.0)
    margin = 1.0 - runner / best_score if best_score else 0.0
    size = sum(len(p) for p in paragraphs)
    confidence = max(0.0, min(1.0, margin * 1.5)) * min(1.0, math.log10(max(size, 1)) / 2.7)
    return Candidate(best, paragraphs, best_score, confidence, first[best], last, overridden)


def _near_headline(heading: html.HtmlElement) -> set[html.HtmlElement]:
    """Return the elements whose lowest common ancestor with the headline is at most NEAR_HEADLINE levels up."""
    ancestors = list(heading.iterancestors())[:NEAR_HEADLINE]
    near: set[html.HtmlElement] = set()
    for anc in ancestors:
        if anc.tag in ("body", "html"):
            break
        near.add(anc)
    top = next((a for a in reversed(ancestors) if a in near), None)
    if top is not None:
        near.update(top.iter())
    return near


def _related(a: html.HtmlElement, b: html.HtmlElement) -> bool:
    """True if one element contains the other."""
    return any(x is b for x in a.iterancestors()) or any(x is a for x in b.iterancestors())


def render(
    container: html.HtmlElement, all_blocks: list[Block], start: int, skip: int | None = None,
) -> tuple[list[str], int]:
    """Return the container's paragraphs without headline, header lines, credits, widgets and trailers.

    ``skip`` is the index of the headline's block: it and anything before it are not body.
    Also returns the index of the last block kept.
    """
    inside = set()
    for el in container.iter():
        inside.add(el)
    out: list[str] = []
    seen_prose = False
    if skip is not None and skip >= start:
        start = skip + 1
    last = start - 1
    kept: list[int] = []
    for i in range(start, len(all_blocks)):
        b = all_blocks[i]
        if b.owner not in inside:
            break  # blocks are in reading order: the first one outside ends the container
        text = b.text
        if seen_prose and (END_MARKER.match(text) or is_post_meta_line(text)):
            break
        if b.chars and b.link_chars / b.chars > 0.5 and _punct(text) < 2:
            continue
        if is_header_line(text) or (not seen_prose and is_dated_name_line(text)):
            if not seen_prose:
                out.clear()  # what came before the 来源/date line is the headline block
            continue
        if is_boilerplate_line(text):
            continue
        out.append(text)
        kept.append(i)
        seen_prose = seen_prose or _is_prose(text)
    paragraphs = _trim(out)
    if paragraphs:
        last = kept[len(out) - 1 - _trailing_cut(out, paragraphs)]
    return paragraphs, last


def _trailing_cut(out: list[str], trimmed: list[str]) -> int:
    """How many lines _trim removed from the end of ``out``."""
    n = len(out) - len(trimmed)
    head = 0
    while head < len(out) and head < n and out[head] != trimmed[0]:
        head += 1
    return n - head


def _is_prose(text: str) -> bool:
    """A line that reads as running text: a full sentence, or several clauses (headlines are neither)."""
    marks = sum(text.count(c) for c in "，。！？；")
    return len(text) >= 20 and (marks >= 2 or text.rstrip()[-1:] in "。！？”")


def _trim(paragraphs: list[str]) -> list[str]:
    """Drop short unpunctuated lines dangling at either end (labels, bylines, page numbers)."""
    while paragraphs and _punct(paragraphs[-1]) == 0 and len(paragraphs[-1]) < 12:
        paragraphs.pop()
    while paragraphs and _punct(paragraphs[0]) == 0 and len(paragraphs[0]) < 6:
        paragraphs.pop(0)
    return paragraphs

"""Show why an article matched: escape the text first, then wrap the matched spans in ``<mark>``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from markupsafe import Markup, escape

from yuqing.text.normalize import normalize
from yuqing.topics.highlight import merge_spans

__all__ = ["excerpt", "mark_spans", "mark_words"]


def _merge(spans: Iterable[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    return merge_spans(((None, s, e) for s, e in spans), None, size)


_SPACE = re.compile(r"[\s\u200b\ufeff]")


def _aligned(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Return the text to show and the rule spans' offsets mapped onto it.

    Rules match the normalised text (，→, ：→: …), but an editor must read the page's own text, with
    its full-width punctuation. The normalised text is rebuilt character by character, remembering
    where each normalised character came from; when that does not reproduce :func:`normalize` exactly
    (a combining mark composing across characters), the normalised text is shown instead.
    Returns ``(shown, where)``: ``where[i]`` is the (start, end) in ``shown`` of normalised character i.
    """
    norm = normalize(text)
    where: list[tuple[int, int]] = []
    rebuilt: list[str] = []
    for j, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char):
            if _SPACE.match(folded):
                if rebuilt and rebuilt[-1] != " ":
                    rebuilt.append(" ")
                    where.append((j, j + 1))
                continue
            rebuilt.append(folded)
            where.append((j, j + 1))
    if rebuilt and rebuilt[-1] == " ":
        rebuilt.pop()
        where.pop()
    if "".join(rebuilt) != norm:
        return norm, [(i, i + 1) for i in range(len(norm))]
    return text, where


def _shown(text: str | None, spans: Iterable[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Return the text to show and ``spans`` (offsets into the normalised text) mapped onto it, merged."""
    shown, where = _aligned(text or "")
    size = len(where)
    mapped = [(where[s][0], where[e - 1][1]) for s, e in _merge(spans, size)]
    return shown, _merge(mapped, len(shown))


def _wrap(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> Markup:
    end = len(text) if end is None else end
    out: list[str] = []
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(str(escape(text[pos:s])))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(str(escape(text[pos:end])))
    return Markup("".join(out))


def field_spans(hits: list[dict], field: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Return the (start, end) spans of ``field`` over all rule hits, and every matched term."""
    spans = [(int(s), int(e)) for h in hits for f, s, e in (h.get("spans") or []) if f == field]
    terms = [term for h in hits for term in (h.get("terms") or [])]
    return spans, terms


def mark_spans(text: str | None, hits: list[dict], field: str) -> Markup:
    """Return ``text`` escaped, with the spans the rules matched in ``field`` marked."""
    spans, _ = field_spans(hits, field)  # offsets into the normalised field text
    value, merged = _shown(text, spans)
    return _wrap(value, merged)


def excerpt(text: str | None, hits: list[dict], field: str = "body", width: int = 40, most: int = 2) -> Markup:
    """Return up to ``most`` escaped passages of ``text`` around its marked spans (or its opening)."""
    spans, _ = field_spans(hits, field)
    value, merged = _shown(text, spans)
    if not merged:
        return _wrap(value, [], 0, min(len(value), width * 2)) + (Markup("…") if len(value) > width * 2 else "")
    pieces: list[Markup] = []
    shown_to = 0
    for s, e in merged:
        if len(pieces) >= most:
            break
        if pieces and s < shown_to:
            continue  # already inside the passage shown
        a, b = max(shown_to, s - width), min(len(value), e + width)
        pieces.append(_wrap(value, merged, a, b))
        shown_to = b
    return Markup(" … ").join(pieces)


def mark_words(text: str | None, words: Iterable[str], width: int | None = None) -> Markup:
    """Return ``text`` escaped with each occurrence of ``words`` marked (search results), as the page wrote it.

    With ``width``, only a passage around the first occurrence is returned.
    """
    patterns = [re.escape(normalize(w)) for w in words if normalize(w)]
    spans = []
    if patterns:
        spans = [m.span() for m in re.finditer("|".join(patterns), normalize(text or ""), flags=re.IGNORECASE)]
    value, merged = _shown(text, spans)
    if width is None:
        return _wrap(value, merged)
    first = merged[0][0] if merged else 0
    a, b = max(0, first - width), min(len(value), first + width * 2)
    head = Markup("…") if a > 0 else Markup("")
    tail = Markup("…") if b < len(value) else Markup("")
    return head + _wrap(value, merged, a, b) + tail

"""Mark the places a profile matched, for the CLI and the web UI."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from yuqing.text.normalize import normalize

__all__ = ["highlight", "merge_spans", "snippets"]


def _same(text: str) -> str:
    return text


def highlight(
    text: str,
    spans: Iterable[tuple[str, int, int]],
    *,
    field: str | None = None,
    before: str = "【",
    after: str = "】",
    escape: Callable[[str], str] = _same,
) -> str:
    """Return ``normalize(text)`` with each span wrapped in ``before``/``after`` (overlapping spans merged).

    Spans are (field, start, end) offsets into the normalised field text, as in :class:`RuleHit`.
    With ``field`` given, only that field's spans are used; pass ``before="[bold red]", after="[/]",
    escape=rich.markup.escape`` for rich markup.
    """
    norm = normalize(text)
    return _mark(norm, merge_spans(spans, field, len(norm)), 0, len(norm), before, after, escape)


def snippets(
    text: str,
    spans: Iterable[tuple[str, int, int]],
    *,
    field: str | None = None,
    context: int = 20,
    before: str = "【",
    after: str = "】",
    escape: Callable[[str], str] = _same,
) -> list[str]:
    """Return short excerpts of ``normalize(text)``: each span marked, ``context`` characters either side.

    Spans whose excerpts overlap share one excerpt while it stays within ``4 × context`` characters
    (plus the newest span), so that dense places do not chain into a paragraph. An excerpt that stops
    short of an end of the text shows ``…`` there.
    """
    norm = normalize(text)
    marked = merge_spans(spans, field, len(norm))
    windows: list[list[int]] = []
    for s, e in marked:
        lo, hi = max(0, s - context), min(len(norm), e + context)
        if windows and lo <= windows[-1][1] and hi - windows[-1][0] <= 4 * context + (e - s):
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    return [
        ("…" if lo > 0 else "")
        + _mark(norm, marked, lo, hi, before, after, escape)
        + ("…" if hi < len(norm) else "")
        for lo, hi in windows
    ]


def merge_spans(spans: Iterable[tuple[str | None, int, int]], field: str | None, size: int) -> list[tuple[int, int]]:
    """Return the spans of ``field`` (all with None) clipped to ``size``, sorted, overlaps joined."""
    merged: list[list[int]] = []
    for s, e in sorted((s, e) for f, s, e in spans if field is None or f == field):
        s, e = max(0, s), min(size, e)
        if s >= e:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _mark(
    text: str,
    ranges: list[tuple[int, int]],
    start: int,
    end: int,
    before: str,
    after: str,
    escape: Callable[[str], str],
) -> str:
    out: list[str] = []
    pos = start
    for s, e in ranges:
        if e <= start or s >= end:
            continue
        out.append(escape(text[pos:s]))
        out.append(before + escape(text[s:e]) + after)
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)

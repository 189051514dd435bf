"""Mark the places a profile matched, for the CLI and the web UI."""

from __future__ import annotations

from collections.abc import Iterable

from yuqing.text.normalize import normalize

__all__ = ["highlight"]


def highlight(
    text: str,
    spans: Iterable[tuple[str, int, int]],
    *,
    field: str | None = None,
    before: str = "【",
    after: str = "】",
) -> str:
    """Return ``normalize(text)`` with each span wrapped in ``before``/``after`` (overlapping spans merged).

    Spans are (field, start, end) offsets into the normalised field text, as in :class:`RuleHit`.
    With ``field`` given, only that field's spans are used; pass ``before="[bold red]", after="[/]"``
    for rich markup.
    """
    norm = normalize(text)
    ranges = sorted((s, e) for f, s, e in spans if field is None or f == field)
    merged: list[list[int]] = []
    for s, e in ranges:
        s, e = max(0, s), min(len(norm), e)
        if s >= e:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out: list[str] = []
    pos = 0
    for s, e in merged:
        out.append(norm[pos:s])
        out.append(before + norm[s:e] + after)
        pos = e
    out.append(norm[pos:])
    return "".join(out)

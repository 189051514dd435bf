"""Prepare a document's fields for matching and find terms in them.

Each field is normalised once (:func:`yuqing.text.normalize`: NFKC, collapsed whitespace), then
*squeezed* (a space next to a Chinese character is dropped: PDF and OCR text often reads "远程 医疗"
or "10 月 22 日") and case-folded without changing its length. Terms are folded the same way
(:func:`fold_term`), so a match is a plain substring search. Offsets found in the squeezed text are
mapped back to offsets into ``normalize(field)`` before they leave the matcher.

Substrings, not words, are the default: Chinese has no spaces and a keyword such as 远程医疗 must be
found inside 远程医疗协作网. A term that begins or ends with a Latin letter or digit (HIS, PACS, 5G)
must however sit on a Latin word boundary, so that HIS does not fire inside "this".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from yuqing.text.normalize import normalize

__all__ = ["Fields", "Vocabulary", "fold", "fold_term", "prepare"]

_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_SQUEEZABLE = re.compile(f" (?:(?<=[{_CJK}] )|(?=[{_CJK}]))")


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length (a few letters lengthen when lowered: keep them)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold_term(term: str) -> str:
    """Return ``term`` prepared exactly as field text is, so a match is a substring test."""
    return fold(_SQUEEZABLE.sub("", normalize(term)))


class PreparedText:
    """One field: ``text`` to search (squeezed, folded) and the map back to ``normalize(field)``."""

    __slots__ = ("text", "_gaps", "_cache", "_vocabulary")

    def __init__(self, raw: str, vocabulary: Vocabulary | None = None) -> None:
        norm = normalize(raw)
        gaps: list[int] = []
        if " " in norm:
            removed = [m.start() for m in _SQUEEZABLE.finditer(norm)]
            if removed:
                # The k-th removed space would have sat at squeezed index removed[k] - k.
                gaps = [pos - k for k, pos in enumerate(removed)]
                norm = _SQUEEZABLE.sub("", norm)
        self.text = fold(norm)
        self._gaps = gaps
        self._vocabulary = vocabulary
        self._cache: dict[str, list[tuple[int, int]]] = vocabulary.scan(self.text) if vocabulary else {}

    def find(self, term: str) -> list[tuple[int, int]]:
        """Every (start, end) of ``term`` in this field, overlapping ones included."""
        cached = self._cache.get(term)
        if cached is not None:
            return cached
        if self._vocabulary is not None and term in self._vocabulary.terms:
            return []  # scanned already: not present
        text = self.text
        found: list[tuple[int, int]] = []
        if term and term in text:
            size = len(term)
            latin_start = _is_latin(term[0])
            latin_end = _is_latin(term[-1])
            start = text.find(term)
            while start >= 0:
                end = start + size
                if _on_boundaries(text, start, end, latin_start, latin_end):
                    found.append((start, end))
                start = text.find(term, start + 1)
        self._cache[term] = found
        return found

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Map a squeezed (start, end) to offsets into ``normalize(field)``."""
        if not self._gaps:
            return start, end
        first = start + bisect_right(self._gaps, start)
        last = (end - 1) + bisect_right(self._gaps, end - 1)
        return first, last + 1


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _on_boundaries(text: str, start: int, end: int, latin_start: bool, latin_end: bool) -> bool:
    return not (
        (latin_start and start > 0 and _is_latin(text[start - 1]))
        or (latin_end and end < len(text) and _is_latin(text[end]))
    )


class Vocabulary:
    """All terms of a profile, compiled once into one regular expression that finds them in one pass.

    The pattern is a lookahead tried at each position whose character can start a term; it reports
    the longest term starting there. Every shorter term starting at the same place is a prefix of it,
    so each term's precomputed prefix list yields all occurrences, overlapping ones included.
    """

    __slots__ = ("terms", "_pattern", "_prefixes")

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = frozenset(t for t in terms if t)
        ordered = sorted(self.terms, key=lambda t: (-len(t), t))
        firsts = "".join(sorted({t[0] for t in ordered}))
        alternation = "|".join(map(re.escape, ordered)) or "(?!)"
        self._pattern = re.compile(f"(?=[{re.escape(firsts)}])(?=({alternation}))" if firsts else "(?!)")
        self._prefixes: dict[str, list[tuple[str, bool, bool]]] = {
            t: [(p, _is_latin(p[0]), _is_latin(p[-1])) for p in ordered if t.startswith(p)] for t in ordered
        }

    def scan(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Map each term found in ``text`` to its (start, end) occurrences."""
        found: dict[str, list[tuple[int, int]]] = {}
        prefixes = self._prefixes
        for match in self._pattern.finditer(text):
            start = match.start()
            for term, latin_start, latin_end in prefixes[match.group(1)]:
                end = start + len(term)
                if (latin_start or latin_end) and not _on_boundaries(
                    text, start, end, latin_start, latin_end
                ):
                    continue
                found.setdefault(term, []).append((start, end))
        return found


class Fields:
    """The fields of one document, each prepared on first use."""

    __slots__ = ("_doc", "_prepared", "_vocabulary")

    def __init__(self, doc: object, vocabulary: Vocabulary | None = None) -> None:
        self._doc = doc
        self._vocabulary = vocabulary
        self._prepared: dict[str, PreparedText] = {}

    def field(self, name: str) -> PreparedText:
        prepared = self._prepared.get(name)
        if prepared is None:
            attr = "text" if name == "body" else name
            prepared = PreparedText(getattr(self._doc, attr, None) or "", self._vocabulary)
            self._prepared[name] = prepared
        return prepared

    def find(self, field: str, term: str) -> list[tuple[int, int]]:
        if field == "tier":
            # A tier is a fixed word (central, ministry …): compare it whole, not as a substring.
            text = self.field("tier").text
            return [(0, len(text))] if text == term else []
        return self.field(field).find(term)

    def find_all(self, field: str, terms: tuple[str, ...]) -> list[tuple[str, int, int]]:
        """(field, start, end) of every occurrence of any of ``terms``."""
        if field == "tier":
            return [(field, s, e) for term in terms for s, e in self.find(field, term)]
        find = self.field(field).find
        return [(field, s, e) for term in terms for s, e in find(term)]

    def original(self, field: str, start: int, end: int) -> tuple[int, int]:
        return self.field(field).original(start, end)


def prepare(text: str) -> PreparedText:
    """Prepare one piece of text as the matcher sees it (for tests and the CLI)."""
    return PreparedText(text)

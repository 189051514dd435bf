"""The rule AST: terms, NOT, AND, OR and NEAR, and how each is evaluated against one document.

A node's ``evaluate(scan)`` returns ``(fired, spans)``. ``spans`` are the places that made it fire,
as ``(field, start, end)`` in the scanner's coordinates; terms under a NOT never contribute spans.
``str(node)`` prints the rule back, fully parenthesised, so tests can check precedence.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["And", "DEFAULT_FIELDS", "FIELDS", "Near", "Node", "Not", "Or", "Span", "Term"]

FIELDS = ("title", "body", "outlet", "site", "tier")
"""Every field a term can be scoped to."""

DEFAULT_FIELDS = ("title", "body")
"""Where an unscoped term is looked for."""

Span = tuple[str, int, int]


class Scanner(Protocol):
    def find(self, field: str, term: str) -> list[tuple[int, int]]: ...

    def find_all(self, field: str, terms: tuple[str, ...]) -> list[Span]: ...


class Node:
    """Base of the AST."""

    def evaluate(self, scan: Scanner) -> tuple[bool, list[Span]]:
        raise NotImplementedError

    def terms(self) -> Iterator[Term]:
        """Yield every term of this subtree, including those under NOT."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Term(Node):
    """A keyword or quoted phrase, already normalised and case-folded, looked for in ``fields``."""

    text: str
    fields: tuple[str, ...] = DEFAULT_FIELDS
    column: int = field(default=0, compare=False, repr=False)

    def occurrences(self, scan: Scanner) -> list[Span]:
        return [(f, s, e) for f in self.fields for s, e in scan.find(f, self.text)]

    def evaluate(self, scan: Scanner) -> tuple[bool, list[Span]]:
        spans = self.occurrences(scan)
        return bool(spans), spans

    def terms(self) -> Iterator[Term]:
        yield self

    def __str__(self) -> str:
        body = f'"{self.text}"' if _needs_quotes(self.text) else self.text
        if self.fields == DEFAULT_FIELDS:
            return body
        return "|".join(self.fields) + ":" + body


@dataclass(frozen=True, slots=True)
class Not(Node):
    child: Node

    def evaluate(self, scan: Scanner) -> tuple[bool, list[Span]]:
        fired, _ = self.child.evaluate(scan)
        return not fired, []

    def terms(self) -> Iterator[Term]:
        yield from self.child.terms()

    def __str__(self) -> str:
        return f"NOT {self.child}"


@dataclass(frozen=True, slots=True)
class And(Node):
    children: tuple[Node, ...]

    def evaluate(self, scan: Scanner) -> tuple[bool, list[Span]]:
        spans: list[Span] = []
        for child in self.children:
            fired, found = child.evaluate(scan)
            if not fired:
                return False, []
            spans.extend(found)
        return True, spans

    def terms(self) -> Iterator[Term]:
        for child in self.children:
            yield from child.terms()

    def __str__(self) -> str:
        return "(" + " AND ".join(map(str, self.children)) + ")"


@dataclass(frozen=True, slots=True)
class Or(Node):
    children: tuple[Node, ...]
    # When every child is a term looked for in the same fields (keyword lists, @lists), the whole OR
    # is one lookup per field: (fields, texts). Computed once; not part of the node's identity.
    plain: tuple[tuple[str, ...], tuple[str, ...]] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        terms = [c for c in self.children if isinstance(c, Term)]
        if self.plain is None and len(terms) == len(self.children):
            fields = {t.fields for t in terms}
            if len(fields) == 1:
                object.__setattr__(self, "plain", (fields.pop(), tuple(t.text for t in terms)))

    def evaluate(self, scan: Scanner) -> tuple[bool, list[Span]]:
        if self.plain is not None:
            found = self.occurrences(scan)
            return bool(found), found
        # Every branch is evaluated (no short cut) so that all matching places are highlighted.
        spans: list[Span] = []
        any_fired = False
        for child in self.children:
            fired, found = child.evaluate(scan)
            if fired:
                any_fired = True
                spans.extend(found)
        return any_fired, spans

    def occurrences(self, scan: Scanner) -> list[Span]:
        """Every place any child term occurs (for NEAR and the single-lookup path)."""
        if self.plain is not None:
            fields, texts = self.plain
            spans: list[Span] = []
            for f in fields:
                spans.extend(scan.find_all(f, texts))
            return spans
        return [span for child in self.children for span in _occurrences(child, scan)]

    def terms(self) -> Iterator[Term]:
        for child in self.children:
            yield from child.terms()

    def __str__(self) -> str:
        return "(" + " OR ".join(map(str, self.children)) + ")"


@dataclass(frozen=True, slots=True)
class Near(Node):
    """``left NEAR/distance right``: both in the same field, at most ``distance`` characters apart.

    Each side is a term or an OR of terms. Order does not matter; overlapping occurrences count as 0 apart.
    """

    left: Node
    right: Node
    distance: int

    def evaluate(self, scan: Scanner) -> tuple[bool, list[Span]]:
        left = _occurrences(self.left, scan)
        if not left:
            return False, []
        right = _occurrences(self.right, scan)
        if not right:
            return False, []
        n = self.distance
        spans: set[Span] = set()
        by_field: dict[str, list[tuple[int, int]]] = {}
        for f, s, e in right:
            by_field.setdefault(f, []).append((s, e))
        longest = {f: max(e - s for s, e in occ) for f, occ in by_field.items()}
        starts = {f: [s for s, _ in sorted(occ)] for f, occ in by_field.items()}
        ordered = {f: sorted(occ) for f, occ in by_field.items()}
        for f, ls, le in left:
            if f not in ordered:
                continue
            # A right occurrence is near when it starts within [ls - n - longest, le + n].
            lo = bisect_left(starts[f], ls - n - longest[f])
            hi = bisect_right(starts[f], le + n)
            for rs, re_ in ordered[f][lo:hi]:
                gap = max(rs - le, ls - re_, 0)
                if gap <= n:
                    spans.add((f, ls, le))
                    spans.add((f, rs, re_))
        return bool(spans), sorted(spans)

    def terms(self) -> Iterator[Term]:
        yield from self.left.terms()
        yield from self.right.terms()

    def __str__(self) -> str:
        return f"({self.left} NEAR/{self.distance} {self.right})"


def _occurrences(node: Node, scan: Scanner) -> list[Span]:
    assert isinstance(node, Term | Or)
    return node.occurrences(scan)


def _needs_quotes(text: str) -> bool:
    return any(c.isspace() or c in '()":&|' for c in text) or text in ("and", "or", "not")

"""Parse a rule expression into the AST of :mod:`yuqing.topics.nodes` (hand-written recursive descent).

Grammar, loosest binding first::

    expr    := and ( (OR | '|') and )*
    and     := unary ( (AND | '&') unary )*
    unary   := NOT unary | near
    near    := scoped ( NEAR[/n] scoped )?          each side a term or an OR of terms
    scoped  := FIELD ':' primary | primary          FIELD: title body outlet site tier
    primary := '(' expr ')' | "phrase" | @list | term

``@name`` stands for ``(t1 OR t2 OR …)`` over the profile's list ``name`` (see ``lists:`` in docs/rules.md).

Two operands side by side with no operator between them are an error, not an implicit AND.
Full-width brackets, colons and Chinese quotes typed with a Chinese input method are accepted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from yuqing.errors import RuleError
from yuqing.topics.nodes import DEFAULT_FIELDS, FIELDS, And, Near, Node, Not, Or, Term
from yuqing.topics.scan import fold_term

__all__ = ["DEFAULT_NEAR", "parse_rule"]

DEFAULT_NEAR = 20
"""Characters allowed between the two sides of a bare ``NEAR``."""

_QUOTES = {'"': '"', "\u201c": "\u201d", "\u300c": "\u300d"}
_STOP = set('()"&|:\u201c\u201d\u300c\u300d')
_NEAR = re.compile(r"NEAR(?:/(\d+))?")


@dataclass(slots=True)
class _Token:
    kind: str  # TERM PHRASE FIELD LPAREN RPAREN AND OR NOT NEAR END
    text: str
    column: int  # 1-based, in the expression as written
    distance: int = 0


def _width_fold(text: str) -> str:
    # Fold full-width punctuation char by char so that columns still point into the text as written.
    out = []
    for c in text:
        n = unicodedata.normalize("NFKC", c)
        out.append(n if len(n) == 1 else c)
    return "".join(out)


def _tokens(source: str, err) -> list[_Token]:
    text = _width_fold(source)
    tokens: list[_Token] = []
    i, size = 0, len(text)
    while i < size:
        c = text[i]
        col = i + 1
        if c.isspace():
            i += 1
        elif c == "(":
            tokens.append(_Token("LPAREN", c, col))
            i += 1
        elif c == ")":
            tokens.append(_Token("RPAREN", c, col))
            i += 1
        elif c == "&":
            tokens.append(_Token("AND", c, col))
            i += 1
        elif c == "|":
            tokens.append(_Token("OR", c, col))
            i += 1
        elif c in _QUOTES:
            close = text.find(_QUOTES[c], i + 1)
            if close < 0:
                raise err("unterminated phrase: no closing quote", col)
            tokens.append(_Token("PHRASE", text[i + 1 : close], col))
            i = close + 1
        elif c == ":":
            raise err(
                "':' must follow a field name (title, body, outlet, site, tier); quote a term that contains ':'",
                col,
            )
        elif c in _STOP:
            raise err(f"unexpected {c!r}", col)
        else:
            j = i
            while j < size and not text[j].isspace() and text[j] not in _STOP:
                j += 1
            word = text[i:j]
            if j < size and text[j] == ":":
                if word not in FIELDS:
                    raise err(f"unknown field {word!r} (known: {', '.join(FIELDS)})", col)
                tokens.append(_Token("FIELD", word, col))
                i = j + 1
                continue
            near = _NEAR.fullmatch(word)
            if word in ("AND", "OR", "NOT"):
                tokens.append(_Token(word, word, col))
            elif near:
                distance = int(near.group(1)) if near.group(1) else DEFAULT_NEAR
                tokens.append(_Token("NEAR", word, col, distance))
            else:
                tokens.append(_Token("TERM", word, col))
            i = j
    tokens.append(_Token("END", "", len(text) + 1))
    return tokens


class _Parser:
    def __init__(self, source: str, err, lists: Mapping[str, Sequence[str]]) -> None:
        self.err = err
        self.lists = lists
        self.tokens = _tokens(source, err)
        self.pos = 0

    @property
    def tok(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node:
        if self.tok.kind == "END":
            raise self.err("empty rule", 1)
        node = self.expr(None)
        tok = self.tok
        if tok.kind == "RPAREN":
            raise self.err("unexpected ')': no '(' to close", tok.column)
        if tok.kind != "END":
            raise self.err(f"unexpected {tok.text!r}", tok.column)
        return node

    def expr(self, scope: str | None) -> Node:
        children = [self.and_(scope)]
        while self.tok.kind == "OR":
            self.take()
            children.append(self.and_(scope))
        return children[0] if len(children) == 1 else Or(tuple(children))

    def and_(self, scope: str | None) -> Node:
        children = [self.unary(scope)]
        while True:
            tok = self.tok
            if tok.kind == "AND":
                self.take()
                children.append(self.unary(scope))
            elif tok.kind in ("TERM", "PHRASE", "LPAREN", "FIELD", "NOT"):
                raise self.err(
                    f"{tok.text!r} follows another operand with no operator: write AND or OR between them, "
                    'or quote a phrase that contains spaces ("…")',
                    tok.column,
                )
            else:
                break
        return children[0] if len(children) == 1 else And(tuple(children))

    def unary(self, scope: str | None) -> Node:
        if self.tok.kind == "NOT":
            self.take()
            return Not(self.unary(scope))
        return self.near(scope)

    def near(self, scope: str | None) -> Node:
        start = self.tok
        left = self.scoped(scope)
        if self.tok.kind != "NEAR":
            return left
        op = self.take()
        right_tok = self.tok
        right = self.scoped(scope)
        for side, tok in ((left, start), (right, right_tok)):
            if not _termish(side):
                raise self.err("each side of NEAR must be a term, a phrase or an OR of them", tok.column)
        if self.tok.kind == "NEAR":
            raise self.err("NEAR cannot be chained: join two NEARs with AND", self.tok.column)
        return Near(left, right, op.distance)

    def scoped(self, scope: str | None) -> Node:
        tok = self.tok
        if tok.kind == "FIELD":
            if scope is not None:
                raise self.err(f"field {tok.text!r} inside the scope of field {scope!r}", tok.column)
            self.take()
            if self.tok.kind not in ("TERM", "PHRASE", "LPAREN"):
                raise self.err(f"{tok.text}: must be followed by a term, a phrase or '('", self.tok.column)
            return self.primary(tok.text)
        return self.primary(scope)

    def primary(self, scope: str | None) -> Node:
        tok = self.tok
        if tok.kind == "LPAREN":
            self.take()
            if self.tok.kind == "RPAREN":
                raise self.err("empty parentheses", tok.column)
            node = self.expr(scope)
            if self.tok.kind != "RPAREN":
                raise self.err("missing ')' for this '('", tok.column)
            self.take()
            return node
        if tok.kind == "TERM" and tok.text.startswith("@") and len(tok.text) > 1:
            self.take()
            return self.named_list(tok, scope)
        if tok.kind in ("TERM", "PHRASE"):
            self.take()
            text = fold_term(tok.text)
            if not text:
                raise self.err("empty phrase", tok.column)
            return Term(text, (scope,) if scope else DEFAULT_FIELDS, tok.column)
        if tok.kind == "END":
            raise self.err("the rule ends where a term, a phrase or '(' was expected", tok.column)
        raise self.err(f"expected a term, a phrase or '(' but found {tok.text!r}", tok.column)

    def named_list(self, tok: _Token, scope: str | None) -> Node:
        name = tok.text[1:]
        if name not in self.lists:
            known = ", ".join("@" + k for k in self.lists) or "none defined"
            raise self.err(f"unknown list {tok.text!r} (known: {known})", tok.column)
        fields = (scope,) if scope else DEFAULT_FIELDS
        terms = tuple(Term(fold_term(t), fields, tok.column) for t in self.lists[name])
        return terms[0] if len(terms) == 1 else Or(terms)


def _termish(node: Node) -> bool:
    if isinstance(node, Term):
        return True
    return isinstance(node, Or) and all(_termish(c) for c in node.children)


def parse_rule(
    text: str,
    *,
    path: str | None = None,
    line: int | None = None,
    rule: str | None = None,
    lists: Mapping[str, Sequence[str]] | None = None,
) -> Node:
    """Parse one rule expression and return its AST; raise :class:`RuleError` naming where it fails.

    ``path`` and ``line`` say where the expression sits in its YAML file; the error's ``column`` is
    1-based inside the expression. The message repeats the expression with a caret under the fault.
    """

    def err(message: str, column: int) -> RuleError:
        label = f"rule {rule!r}: " if rule else ""
        shown = text.replace("\n", " ")
        pointer = (
            "".join("  " if unicodedata.east_asian_width(c) in "WF" else " " for c in shown[: column - 1])
            + "^"
        )
        return RuleError(
            f"{label}{message} (column {column})\n    {shown}\n    {pointer}", path, line, column
        )

    if not isinstance(text, str):
        raise err("a rule expression must be text", 1)
    return _Parser(text, err, lists or {}).parse()

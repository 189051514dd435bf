"""Choose the body among the cascade's paths: our density scorer, readability-lxml, trafilatura.

Our scorer answers alone when it is sure. Otherwise the fallbacks run and the paths vote: two
paths that agree (character-bigram F1) outvote a third; our rendering is kept whenever another
path confirms it, because it strips Chinese credit lines and widgets the others leave in.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable

from yuqing.extract.body import Candidate
from yuqing.extract.fallback import by_readability, by_trafilatura
from yuqing.extract.tree import text_len

__all__ = ["SURE", "agreement", "choose_body", "prose_quality"]

SURE = 0.55
"""At or above this confidence the density scorer answers alone."""
AGREE = 0.8
"""Bigram F1 at which two paths are taken to have found the same text."""

_WS = re.compile(r"\s+")
_PUNCT = re.compile(r"[，。；！？、“”]")


def _bigrams(text: str) -> Counter[str]:
    s = _WS.sub("", text)
    return Counter(s[i:i + 2] for i in range(len(s) - 1))


def agreement(a: list[str], b: list[str]) -> float:
    """Return the character-bigram F1 between two bodies (0 when either is empty)."""
    ga, gb = _bigrams("".join(a)), _bigrams("".join(b))
    if not ga or not gb:
        return 0.0
    common = sum((ga & gb).values())
    if not common:
        return 0.0
    p, r = common / sum(ga.values()), common / sum(gb.values())
    return 2 * p * r / (p + r)


def prose_quality(paragraphs: list[str]) -> float:
    """Score a body by how much punctuated prose it holds."""
    text = "".join(paragraphs)
    n = text_len(text)
    if n == 0:
        return 0.0
    return n * min(1.0, len(_PUNCT.findall(text)) / n * 12)


def choose_body(
    candidate: Candidate | None, doc: str, url: str | None, deadline: float, problems: list[str],
) -> tuple[list[str], str]:
    """Return the body paragraphs and the name of the path that produced them."""
    own = candidate.paragraphs if candidate else []
    if candidate and candidate.confidence >= SURE:
        return own, "density"
    runs: list[tuple[str, Callable[[], list[str]]]] = [
        ("readability", lambda: by_readability(doc)),
        ("trafilatura", lambda: by_trafilatura(doc, url)),
    ]
    found: dict[str, list[str]] = {}
    for name, run in runs:
        if time.monotonic() > deadline:
            problems.append("time-limit")
            break
        found[name] = run()
        if own and agreement(own, found[name]) >= AGREE:
            return own, "density"
    if candidate and candidate.near_headline and prose_quality(own) > 0:
        return own, "density"
    others = list(found.items())
    if len(others) == 2 and agreement(others[0][1], others[1][1]) >= 0.6:
        name, paragraphs = max(others, key=lambda o: prose_quality(o[1]))
        return paragraphs, name
    options = [("density", own)] + others
    name, paragraphs = max(options, key=lambda o: prose_quality(o[1]) * (1.0 if o[0] == "density" else 0.9))
    return paragraphs, name

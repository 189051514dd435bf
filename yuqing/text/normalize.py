"""Normalise Chinese text once, before any comparison.

NFKC folds full-width digits, letters and most punctuation to half width (互联网＋ → 互联网+, ２０１７ → 2017);
runs of whitespace collapse to one space. Chinese quotation marks and the ideographic full stop are kept:
they are not width variants.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize", "squeeze"]

_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


def normalize(text: str) -> str:
    """Return ``text`` NFKC-folded with whitespace runs collapsed to one space and ends trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def squeeze(text: str) -> str:
    """Return ``text`` NFKC-folded with all whitespace removed (for character-level comparison)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))

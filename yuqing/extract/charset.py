"""Bytes → text for Chinese pages, where the declared charset is often wrong.

Evidence, strongest first: a byte-order mark; bytes that are valid UTF-8 with multi-byte
sequences (random GBK almost never is); the HTTP header charset and the page's own
``<meta charset>`` / ``http-equiv`` / XML declaration, each checked against the bytes;
GB18030 (a superset of GB2312 and GBK, so it is always read in their place); then statistical
detection; finally GB18030 with replacement characters.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_html", "declared_charsets", "python_codec"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_XML = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)

# Labels servers and editors use loosely, mapped to the codec that reads what they mean.
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "windows-936": "gb18030",
    "gb18030": "gb18030",
    "hz-gb-2312": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cp950": "big5hkscs",
    "utf8": "utf-8",
    "unicode": "utf-8",
    "utf-16": "utf-16",
}
# Declarations that are usually a server default rather than a statement about the page.
_WEAK = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252"}


def python_codec(label: str | None) -> str | None:
    """Return the Python codec name for a charset label (GBK family → gb18030), or None if unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charsets(data: bytes) -> list[str]:
    """Return the charsets the page declares about itself (meta tags, XML declaration), first first."""
    head = data[:16384]
    labels = [m.group(1).decode("ascii", "ignore") for m in _XML.finditer(head)]
    labels += [m.group(1).decode("ascii", "ignore") for m in _META.finditer(head)]
    out: list[str] = []
    for label in labels:
        codec = python_codec(label)
        if codec and codec not in out:
            out.append(codec)
    return out


def _bad_chars(data: bytes, codec: str) -> int:
    """How many bytes ``codec`` cannot read (0 = clean)."""
    try:
        data.decode(codec)
        return 0
    except UnicodeDecodeError:
        pass
    except LookupError:
        return len(data)
    return data.decode(codec, errors="replace").count("\ufffd")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        # a page cut off mid-character is still UTF-8
        try:
            data[:-4].decode("utf-8")
        except UnicodeDecodeError:
            return False
        return len(data) > 4
    return True


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, codec used) for a page's bytes; ``declared`` is the HTTP header charset, if any.

    Never raises: undecodable bytes become U+FFFD.
    """
    if not data:
        return "", "utf-8"
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), codec.replace("-le", "").replace("-be", "")

    ascii_only = data.isascii()
    if not ascii_only and _is_utf8(data):
        return data.decode("utf-8", errors="replace"), "utf-8"

    candidates: list[str] = []
    header = python_codec(declared)
    strong_header = header is not None and (declared or "").strip().lower() not in _WEAK
    if strong_header and header:
        candidates.append(header)
    candidates += [c for c in declared_charsets(data) if c not in candidates]
    if ascii_only:
        # nothing outside ASCII: any ASCII-compatible declaration reads the same
        codec = next((c for c in candidates if c not in ("utf-16", "utf-32")), "utf-8")
        return data.decode(codec, errors="replace"), codec

    # wide encodings without BOM are vanishingly rare in HTML; a UTF-8 claim stays, checked like the rest
    candidates = [c for c in candidates if c not in ("utf-16", "utf-32") and c not in _WEAK]
    sample = data if len(data) < 2_000_000 else data[:2_000_000]
    allowance = max(2, len(sample) // 20000)
    for codec in candidates:
        if _bad_chars(sample, codec) <= allowance:
            return data.decode(codec, errors="replace"), codec
    if _bad_chars(sample, "gb18030") <= allowance:
        return data.decode("gb18030", errors="replace"), "gb18030"
    guess = _detect(sample)
    if guess and _bad_chars(sample, guess) <= allowance:
        return data.decode(guess, errors="replace"), guess
    best = min(candidates + ["gb18030", "big5hkscs"], key=lambda c: _bad_chars(sample, c))
    return data.decode(best, errors="replace"), best


def _detect(data: bytes) -> str | None:
    """Return charset-normalizer's guess as a Python codec name, or None."""
    from charset_normalizer import from_bytes

    match = from_bytes(data[:200_000]).best()
    return python_codec(match.encoding) if match is not None else None

"""Fingerprints of article bodies: character 3-gram shingles, MinHash signatures, LSH band keys.

Every comparison reads the *extracted body* only (never the page template), normalised once
(:func:`yuqing.text.normalize.squeeze`: NFKC, whitespace removed), with short 来源/责任编辑/作者 …
lines dropped, so an added 责任编辑 line or a different byline changes nothing. The same functions
serve the store path (:mod:`yuqing.dedup.stories`) and the in-memory core (:mod:`yuqing.dedup.group`).

Parameters (see docs/stories.md for the reasoning):

* ``NUM_PERM`` = 128 MinHash permutations, cut into ``BANDS`` = 32 bands of ``ROWS`` = 4 rows. Two bodies
  of Jaccard ``s`` share at least one band key with probability ``1 - (1 - s**4)**32``:
  0.99999995 at s = 0.8, 0.988 at s = 0.6, 0.87 at s = 0.5, 0.23 at s = 0.3, 0.0003 at s = 0.1.
* Candidates are then checked *exactly* on the shingle sets (:func:`same_story`).

Changing ``NUM_PERM``, ``BANDS``, ``SEED`` or the shingle hash makes stored band keys meaningless:
bump ``SCHEME`` and re-band (``yuqing stories assign --all``).
"""

from __future__ import annotations

import gc
import itertools
import re
from collections.abc import Sequence

import numpy as np
import rensa

from yuqing.text.normalize import squeeze

__all__ = [
    "BANDS",
    "MIN_SHINGLES",
    "NUM_PERM",
    "band_keys",
    "batch_codes",
    "batch_distinct",
    "batch_signatures",
    "body_for_fingerprint",
    "jaccard_containment",
    "raw_codes",
    "same_story",
    "shingle_codes",
    "signatures",
]

SCHEME = 1
NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SEED = 20171027
SHINGLE = 3

MIN_SHINGLES = 50
"""Bodies with fewer distinct shingles (≈ 50 characters) are never grouped: too little text to tell
a reprint from two notices that share a template sentence."""

JACCARD_MIN = 0.6
"""Two bodies whose shingle sets have at least this Jaccard similarity are one story."""

CONTAINMENT_MIN = 0.8
SIZE_RATIO_MIN = 0.5
"""A cut reprint: at least ``CONTAINMENT_MIN`` of the shorter body's shingles are in the longer one,
and the shorter has at least ``SIZE_RATIO_MIN`` of the longer's shingles (so a short notice quoted
inside a long round-up stays apart)."""

# Short lines that name who wrote, edited or carried a page; they differ between reprints of one story.
_META_LINE = re.compile(
    r"^[\s【\[（(]*(?:(?:来源|稿源|出处|责任编辑|责编|编辑|作者|记者|通讯员|摄影|校对|审核|发布时间|发布日期|"
    r"时间|日期|浏览次数|点击数|原标题|本文原标题|本文来源|文章来源)\s*[:：]|字号|分享到|打印|关闭窗口)"
)
_META_MAX = 60

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def _mix(x: np.ndarray) -> np.ndarray:
    """Return splitmix64's finaliser of ``x`` (uint64, wrapping): well-spread 64-bit values."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


def body_for_fingerprint(text: str) -> str:
    """Return ``text`` without its short byline/来源/责任编辑 lines, squeezed (NFKC, no whitespace)."""
    lines = [ln for ln in text.split("\n") if not (len(ln) <= _META_MAX and _META_LINE.match(ln))]
    return squeeze("\n".join(lines)).replace("\x00", "")


def _codes_of(squeezed: str) -> np.ndarray:
    """Return the hashed 3-gram shingles of an already squeezed string, with repeats (uint64)."""
    if len(squeezed) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    cps = np.frombuffer(squeezed.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    packed = (cps[:-2] << np.uint64(42)) | (cps[1:-1] << np.uint64(21)) | cps[2:]
    with np.errstate(over="ignore"):
        return _mix(packed)


def raw_codes(text: str) -> np.ndarray:
    """Return the shingle hashes of an article body in text order, repeats kept (enough for MinHash)."""
    return _codes_of(body_for_fingerprint(text))


def shingle_codes(text: str) -> np.ndarray:
    """Return the sorted distinct shingle hashes (uint64) of an article body."""
    return np.unique(_codes_of(body_for_fingerprint(text)))


def _to_matrix(matrix: rensa.RMinHashDigestMatrix, rows: int) -> np.ndarray:
    gc_was_on = gc.isenabled()
    gc.disable()  # to_rows makes NUM_PERM ints a row; collector passes over them cost more than the copy
    try:
        flat = np.fromiter(itertools.chain.from_iterable(matrix.to_rows()), dtype=np.uint32, count=rows * NUM_PERM)
    finally:
        if gc_was_on:
            gc.enable()
    return flat.reshape(rows, NUM_PERM)


def signatures(codes: Sequence[np.ndarray]) -> np.ndarray:
    """Return the MinHash signatures (rensa RMinHash, ``NUM_PERM`` uint32 each) as an (n, NUM_PERM) array.

    Rows of empty inputs are meaningless; callers skip bodies under ``MIN_SHINGLES``.
    """
    if not codes:
        return np.empty((0, NUM_PERM), dtype=np.uint32)
    lengths = np.fromiter((len(c) for c in codes), dtype=np.uint64, count=len(codes))
    offsets = np.zeros(len(codes) + 1, dtype=np.uint64)
    np.cumsum(lengths, out=offsets[1:])
    flat = np.concatenate(codes) if int(offsets[-1]) else np.empty(0, dtype=np.uint64)
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, NUM_PERM, SEED)
    return _to_matrix(matrix, len(codes))


def batch_codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return (all shingle hashes in text order, shingle count of each body) of many bodies at once.

    The same values as :func:`raw_codes` per body, hashed in one vector pass over all bodies joined by
    NUL (shingles that would span two bodies are dropped).
    """
    bodies = [body_for_fingerprint(t) for t in texts]
    counts = np.fromiter((max(len(b) - SHINGLE + 1, 0) for b in bodies), dtype=np.int64, count=len(bodies))
    cps = np.frombuffer("\x00".join(bodies).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(cps) < SHINGLE:
        return np.empty(0, dtype=np.uint64), counts
    inside = (cps[:-2] != 0) & (cps[1:-1] != 0) & (cps[2:] != 0)
    packed = (cps[:-2] << np.uint64(42)) | (cps[1:-1] << np.uint64(21)) | cps[2:]
    with np.errstate(over="ignore"):
        return _mix(packed[inside]), counts


def batch_distinct(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return (sorted distinct shingle hashes of each body, concatenated; offsets (n + 1,)) of many bodies.

    One sort for all bodies: the key is the body's index in the top 24 bits over the top 40 bits of the
    shingle hash (two bodies of 1,000 shingles share a 40-bit value by chance with p ≈ 1e-6).
    """
    if len(texts) >= 1 << 24:
        raise ValueError("batch_distinct takes fewer than 16M bodies at once")
    flat, counts = batch_codes(texts)
    doc = np.repeat(np.arange(len(counts), dtype=np.uint64), counts)
    keys = np.sort((doc << np.uint64(40)) | (flat >> np.uint64(24)))
    keep = np.ones(len(keys), dtype=bool)
    keep[1:] = keys[1:] != keys[:-1]
    keys = keys[keep]
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(np.bincount((keys >> np.uint64(40)).astype(np.int64), minlength=len(counts)), out=offsets[1:])
    return keys & np.uint64((1 << 40) - 1), offsets


def batch_signatures(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return (signatures (n, NUM_PERM) uint32, shingle count with repeats (n,)) of many bodies at once."""
    if not texts:
        return np.empty((0, NUM_PERM), dtype=np.uint32), np.empty(0, dtype=np.int64)
    flat, counts = batch_codes(texts)
    offsets = np.zeros(len(counts) + 1, dtype=np.uint64)
    np.cumsum(counts, out=offsets[1:])
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, NUM_PERM, SEED)
    return _to_matrix(matrix, len(counts)), counts


def band_keys(sigs: np.ndarray) -> np.ndarray:
    """Return one 64-bit key per band for each signature: an (n, BANDS) uint64 array."""
    rows = sigs.astype(np.uint64).reshape(len(sigs), BANDS, ROWS)
    with np.errstate(over="ignore"):
        key = np.full(rows.shape[:2], np.uint64(SCHEME), dtype=np.uint64)
        for r in range(ROWS):
            key = _mix(key ^ rows[:, :, r] ^ (np.uint64(r + 1) << np.uint64(40)))
    return key


def _intersection(a: np.ndarray, b: np.ndarray) -> int:
    if len(a) > len(b):
        a, b = b, a
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    return int(np.count_nonzero(b[at] == a))


def jaccard_containment(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Return (Jaccard, containment of the smaller in the larger) of two sorted distinct code arrays."""
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    inter = _intersection(a, b)
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


def same_story(a: np.ndarray, b: np.ndarray) -> bool:
    """Return whether two bodies (sorted distinct shingle codes) are one story: near-duplicate or cut reprint."""
    small, large = sorted((len(a), len(b)))
    if small < MIN_SHINGLES:
        return False
    jaccard, containment = jaccard_containment(a, b)
    if jaccard >= JACCARD_MIN:
        return True
    return containment >= CONTAINMENT_MIN and small >= SIZE_RATIO_MIN * large

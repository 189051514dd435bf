"""The in-memory grouping core: band keys → candidate pairs → exact check → connected stories.

:mod:`yuqing.dedup.stories` does the same against the ``story_bands`` table; both use
:mod:`yuqing.dedup.fingerprint` for shingles, signatures, band keys and the exact check.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np

from yuqing.dedup.fingerprint import (
    BANDS,
    MIN_SHINGLES,
    band_keys,
    batch_distinct,
    batch_signatures,
    same_story,
)

__all__ = ["GroupResult", "UnionFind", "candidate_pairs", "fingerprint_keys", "group_texts", "verify_pairs", "verify_texts"]

FULL_BUCKET = 20
"""A bucket (one band key shared by several bodies) up to this size yields every pair; a larger one
(a body reprinted on hundreds of sites) yields a chain and a star, enough to connect true copies."""


class UnionFind:
    """Disjoint sets over 0..n-1 with path halving and union by size."""

    def __init__(self, n: int):
        self.parent = np.arange(n, dtype=np.int64)
        self.size = np.ones(n, dtype=np.int64)

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = int(parent[x])
        return x

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return True

    def labels(self) -> np.ndarray:
        """Return each element's set representative."""
        return np.fromiter((self.find(i) for i in range(len(self.parent))), dtype=np.int64,
                           count=len(self.parent))


def fingerprint_keys(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return (band keys (n, BANDS) uint64, usable mask) of ``texts``; short bodies are not usable.

    Shingles are counted with repeats here (no per-body sort); the exact check counts distinct ones.
    """
    sigs, counts = batch_signatures(texts)
    return band_keys(sigs), counts >= MIN_SHINGLES


_TRIU: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _bucket_pairs(order: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> list[np.ndarray]:
    """Return pairs (as rows of 2 indices) inside each bucket [start, end) of ``order``."""
    out: list[np.ndarray] = []
    sizes = ends - starts
    # Buckets of one size are expanded together: all pairs up to FULL_BUCKET members.
    for size in np.unique(sizes[sizes <= FULL_BUCKET]).tolist():
        if size not in _TRIU:
            _TRIU[size] = np.triu_indices(size, k=1)
        i, j = _TRIU[size]
        first = starts[sizes == size][:, None]
        out.append(np.stack([order[first + i].ravel(), order[first + j].ravel()], axis=1))
    for s, e in zip(starts[sizes > FULL_BUCKET], ends[sizes > FULL_BUCKET], strict=True):
        members = order[s:e]
        chain = np.stack([members[:-1], members[1:]], axis=1)
        star = np.stack([np.full(len(members) - 1, members[0]), members[1:]], axis=1)
        out.append(np.concatenate([chain, star]))
    return out


def candidate_pairs(keys: np.ndarray, usable: np.ndarray | None = None) -> np.ndarray:
    """Return the distinct pairs (i < j) of rows that share a key in at least one band: an (m, 2) int64 array."""
    rows = np.arange(len(keys), dtype=np.int64)
    if usable is not None:
        rows = rows[usable]
    pairs: list[np.ndarray] = []
    for band in range(keys.shape[1]):
        column = keys[rows, band]
        order_local = np.argsort(column, kind="stable")
        sorted_keys = column[order_local]
        if len(sorted_keys) < 2:
            continue
        boundary = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
        starts = np.concatenate([[0], boundary])
        ends = np.concatenate([boundary, [len(sorted_keys)]])
        multi = ends - starts > 1
        pairs.extend(_bucket_pairs(rows[order_local], starts[multi], ends[multi]))
    if not pairs:
        return np.empty((0, 2), dtype=np.int64)
    allp = np.concatenate(pairs)
    allp.sort(axis=1)
    n = np.int64(len(keys))
    flat = np.unique(allp[:, 0] * n + allp[:, 1])
    return np.stack([flat // n, flat % n], axis=1)


def verify_pairs(pairs: np.ndarray, codes_of: Callable[[int], np.ndarray]) -> np.ndarray:
    """Return the rows of ``pairs`` that pass the exact check (:func:`same_story`), in order."""
    keep = np.zeros(len(pairs), dtype=bool)
    cache_id, cache = -1, np.empty(0, dtype=np.uint64)
    for k, (i, j) in enumerate(pairs.tolist()):
        if i != cache_id:
            cache_id, cache = i, codes_of(i)
        keep[k] = same_story(cache, codes_of(j))
    return pairs[keep]


def verify_texts(pairs: np.ndarray, texts: Sequence[str], chunk: int = 20000) -> np.ndarray:
    """Return the rows of ``pairs`` whose texts pass the exact check, hashing each chunk's bodies at once."""
    kept: list[np.ndarray] = []
    for start in range(0, len(pairs), chunk):
        part = pairs[start:start + chunk]
        docs, inverse = np.unique(part, return_inverse=True)
        local = cast("list[list[int]]", np.asarray(inverse).reshape(part.shape).tolist())
        flat, offsets = batch_distinct([texts[d] for d in docs.tolist()])
        ok = np.array([same_story(flat[offsets[i]:offsets[i + 1]], flat[offsets[j]:offsets[j + 1]])
                       for i, j in local], dtype=np.bool_)
        kept.append(part[ok])
    return np.concatenate(kept) if kept else np.empty((0, 2), dtype=np.int64)


@dataclass(slots=True)
class GroupResult:
    """Story labels of each text (equal label = one story) and how many pairs were looked at."""

    labels: np.ndarray
    candidates: int
    verified: int


def group_texts(texts: Sequence[str], chunk: int = 20000) -> GroupResult:
    """Group ``texts`` (article bodies) into stories in memory; return a label per text."""
    n = len(texts)
    keys = np.zeros((n, BANDS), dtype=np.uint64)
    usable = np.zeros(n, dtype=bool)
    for start in range(0, n, chunk):
        k, u = fingerprint_keys(texts[start:start + chunk])
        keys[start:start + len(k)], usable[start:start + len(u)] = k, u
    pairs = candidate_pairs(keys, usable)
    del keys
    good = verify_texts(pairs, texts)
    sets = UnionFind(n)
    for i, j in good.tolist():
        sets.union(i, j)
    return GroupResult(sets.labels(), len(pairs), len(good))

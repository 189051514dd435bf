"""Benchmark story grouping on synthetic Chinese-like documents with planted reprints and near-misses.

    .venv/bin/python benchmarks/stories.py                      # 100k in memory + 100k store + baselines
    .venv/bin/python benchmarks/stories.py --sizes 100000 1000000

Documents are drawn from a Zipf distribution over 3,500 CJK characters with punctuation (mean ≈ 300
characters). 25% of documents are planted reprints of a base (last ≤ 15% cut, ≤ 1% characters
replaced, 责任编辑/来源 lines added): their exact Jaccard with the base is measured and those ≥ 0.8
count for recall. 8% are near-misses of a base (a 15–40% block kept, the rest new: Jaccard < 0.3).
Every size runs in its own process, so peak RSS is that size's.

Figures printed: time (generation excluded), peak RSS, recall of planted reprints (J ≥ 0.8), near-misses
merged, false merges (documents put in a story with another planted family's document, over all
documents). Baselines: datasketch MinHashLSH (same 32×4 banding, same exact check) at 100k, and an
exhaustive exact all-pairs Jaccard (sparse product) on a 5k sample, with the ratios.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from yuqing.dedup.fingerprint import BANDS, NUM_PERM, ROWS, body_for_fingerprint, same_story, shingle_codes  # noqa: E402
from yuqing.dedup.group import UnionFind, candidate_pairs, group_texts, verify_pairs  # noqa: E402

ALPHABET = 3500
_rng0 = np.random.default_rng(7)
CHARS = (0x4E00 + _rng0.permutation(20000)[:ALPHABET]).astype(np.uint32)
_weights = 1.0 / (np.arange(ALPHABET) + 8.0) ** 1.05
CUM = np.cumsum(_weights / _weights.sum())
PUNCT = np.array([ord(c) for c in "，。、；：“”"], dtype=np.uint32)


def random_texts(rng: np.random.Generator, lengths: np.ndarray, chunk: int = 20000) -> list[str]:
    """Return one random Chinese-like string per length (drawn a chunk at a time: memory stays flat)."""
    out: list[str] = []
    for start in range(0, len(lengths), chunk):
        part = lengths[start:start + chunk]
        total = int(part.sum())
        cps = CHARS[np.minimum(np.searchsorted(CUM, rng.random(total)), ALPHABET - 1)]
        mask = rng.random(total) < 1 / 14
        cps[mask] = PUNCT[rng.integers(0, len(PUNCT), int(mask.sum()))]
        buf = cps.astype("<u4").tobytes().decode("utf-32-le")
        offsets = np.concatenate([[0], np.cumsum(part)])
        out += [buf[offsets[i]:offsets[i + 1]] for i in range(len(part))]
    return out


def reprint(rng: np.random.Generator, base: str) -> str:
    """Return an edited reprint of ``base``: cut, a few characters replaced, lines added."""
    n = len(base)
    text = base[: n - int(n * 0.15 * rng.random())]
    k = int(len(text) * 0.01 * rng.random())
    if k:
        chars = list(text)
        for pos, new in zip(rng.integers(0, len(chars), k), random_texts(rng, np.array([k]))[0], strict=True):
            chars[pos] = new
        text = "".join(chars)
    if rng.random() < 0.5:
        text += "\n责任编辑：" + random_texts(rng, np.array([3]))[0]
    if rng.random() < 0.3:
        text = "来源：新华社\n" + text
    return text


def near_miss(rng: np.random.Generator, base: str) -> str:
    """Return a different story sharing one 15–40% block with ``base``."""
    n = len(base)
    keep = int(n * (0.15 + 0.25 * rng.random()))
    start = int(rng.integers(0, n - keep + 1))
    before, after = random_texts(rng, np.array([start, n - keep - start]))
    return before + base[start:start + keep] + after


def corpus(n: int, seed: int = 1) -> tuple[list[str], np.ndarray, list[tuple[int, int]], list[tuple[int, int]]]:
    """Return (texts, family of each text, planted reprint pairs, near-miss pairs), shuffled."""
    rng = np.random.default_rng(seed)
    n_rep, n_near = int(n * 0.25), int(n * 0.08)
    n_base = n - n_rep - n_near
    texts = random_texts(rng, rng.integers(150, 450, n_base))
    family = list(range(n_base))
    rep_bases = rng.integers(0, max(1, int(n_rep * 0.6)), n_rep)
    reprints, nears = [], []
    for b in rep_bases.tolist():
        reprints.append((b, len(texts)))
        texts.append(reprint(rng, texts[b]))
        family.append(b)
    for b in rng.integers(0, n_base, n_near).tolist():
        nears.append((b, len(texts)))
        texts.append(near_miss(rng, texts[b]))
        family.append(len(family) + n)  # a family of its own
    order = rng.permutation(len(texts))
    where = np.empty_like(order)
    where[order] = np.arange(len(order))
    texts = [texts[i] for i in order.tolist()]
    fam = np.asarray(family, dtype=np.int64)[order]
    return (texts, fam, [(int(where[a]), int(where[b])) for a, b in reprints],
            [(int(where[a]), int(where[b])) for a, b in nears])


def exact_jaccard(texts: list[str], pairs: list[tuple[int, int]]) -> np.ndarray:
    out = np.empty(len(pairs))
    for k, (a, b) in enumerate(pairs):
        x, y = shingle_codes(texts[a]), shingle_codes(texts[b])
        inter = len(np.intersect1d(x, y, assume_unique=True))
        out[k] = inter / (len(x) + len(y) - inter)
    return out


def score(labels: np.ndarray, fam: np.ndarray, reprints, rep_j, nears) -> dict:
    """Return recall of planted reprints (J ≥ 0.8), near-misses merged and falsely merged documents."""
    good = [p for p, j in zip(reprints, rep_j, strict=True) if j >= 0.8]
    found = sum(labels[a] == labels[b] for a, b in good)
    merged_near = sum(labels[a] == labels[b] for a, b in nears)
    # Documents in a predicted story that do not belong to its biggest planted family.
    pairs = np.stack([labels, fam], axis=1)
    uniq, counts = np.unique(pairs, axis=0, return_counts=True)
    order = np.lexsort((-counts, uniq[:, 0]))
    uniq, counts = uniq[order], counts[order]
    first = np.concatenate([[True], uniq[1:, 0] != uniq[:-1, 0]])
    false_docs = int(counts[~first].sum())
    return {"planted": len(reprints), "planted_j08": len(good), "recall": found / max(1, len(good)),
            "near_misses": len(nears), "near_merged": int(merged_near), "false_merged_docs": false_docs,
            "false_merge_rate": false_docs / len(labels)}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_memory(n: int) -> dict:
    t0 = time.perf_counter()
    texts, fam, reprints, nears = corpus(n)
    gen = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = group_texts(texts)
    took = time.perf_counter() - t0
    rep_j = exact_jaccard(texts, reprints)
    out = {"mode": "memory", "docs": n, "generate_s": gen, "group_s": took, "candidates": result.candidates,
           "verified": result.verified, "rep_j_min": float(rep_j.min()), "peak_rss_mb": peak_rss_mb()}
    out.update(score(result.labels, fam, reprints, rep_j, nears))
    return out


def run_store(n: int) -> dict:
    from datetime import datetime

    from sqlalchemy import insert, select

    from yuqing.dedup import assign_stories
    from yuqing.store import schema as t
    from yuqing.store.db import open_engine
    from yuqing.store.repo import Store

    texts, fam, reprints, nears = corpus(n)
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"sqlite:///{tmp}/bench.db")
        store = Store(engine)
        now = datetime(2017, 10, 24)
        t0 = time.perf_counter()
        with engine.begin() as conn:
            for start in range(0, n, 5000):
                conn.execute(insert(t.articles), [
                    {"id": i + 1, "canonical_url": f"http://bench/{i}", "url": f"http://bench/{i}", "text": texts[i],
                     "fetched_at": now, "updated_at": now, "content_hash": str(i), "site": f"s{i % 97}",
                     "outlet": f"s{i % 97}", "published_at": now}
                    for i in range(start, min(n, start + 5000))])
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        counts = assign_stories(store, range(1, n + 1))
        took = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = assign_stories(store, range(1, 2001))
        again_s = time.perf_counter() - t0
        with engine.connect() as conn:
            story = dict(conn.execute(select(t.articles.c.id, t.articles.c.story_id)).all())
        engine.dispose()
    labels = np.array([story[i + 1] for i in range(n)], dtype=np.int64)
    rep_j = exact_jaccard(texts, reprints)
    out = {"mode": "store-sqlite", "docs": n, "insert_s": load, "assign_s": took, "counts": dict(counts),
           "reassign_2000_s": again_s, "reassign_unchanged": again["unchanged"], "peak_rss_mb": peak_rss_mb()}
    out.update(score(labels, fam, reprints, rep_j, nears))
    return out


def run_datasketch(n: int) -> dict:
    from datasketch import MinHash, MinHashLSH

    texts, fam, reprints, nears = corpus(n)
    t0 = time.perf_counter()
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    hashes = []
    for i, text in enumerate(texts):
        body = body_for_fingerprint(text)
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([body[k:k + 3].encode("utf-8") for k in range(len(body) - 2)])
        hashes.append(m)
        lsh.insert(i, m)
    pairs = {(min(i, j), max(i, j)) for i, m in enumerate(hashes) for j in lsh.query(m) if j != i}
    arr = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    good = verify_pairs(arr, lambda i: shingle_codes(texts[i]))
    sets = UnionFind(n)
    for i, j in good.tolist():
        sets.union(i, j)
    took = time.perf_counter() - t0
    rep_j = exact_jaccard(texts, reprints)
    out = {"mode": "datasketch", "docs": n, "group_s": took, "candidates": len(arr), "peak_rss_mb": peak_rss_mb()}
    out.update(score(sets.labels(), fam, reprints, rep_j, nears))
    return out


def run_exhaustive(n: int) -> dict:
    """Exact all-pairs check on ``n`` documents (sparse product), against the LSH grouping of the same."""
    from scipy import sparse

    texts, fam, reprints, nears = corpus(n, seed=5)
    t0 = time.perf_counter()
    codes = [shingle_codes(x) for x in texts]
    vocab, inverse = np.unique(np.concatenate(codes), return_inverse=True)
    rows = np.repeat(np.arange(n), [len(c) for c in codes])
    x = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, inverse)), shape=(n, len(vocab)))
    inter = sparse.triu(x @ x.T, k=1).tocoo()
    sizes = np.array([len(c) for c in codes])
    keep = inter.data > 0
    i, j, inter_n = inter.row[keep], inter.col[keep], inter.data[keep]
    union = sizes[i] + sizes[j] - inter_n
    small, large = np.minimum(sizes[i], sizes[j]), np.maximum(sizes[i], sizes[j])
    jac, cont = inter_n / union, inter_n / small
    ok = (small >= 50) & ((jac >= 0.6) | ((cont >= 0.8) & (small >= 0.5 * large)))
    exact_pairs = {(int(a), int(b)) for a, b in zip(i[ok], j[ok], strict=True)}
    exact_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    from yuqing.dedup.group import fingerprint_keys

    keys, usable = fingerprint_keys(texts)
    lsh_pairs = {(int(a), int(b)) for a, b in
                 verify_pairs(candidate_pairs(keys, usable), lambda k: codes[k]).tolist()}
    lsh_s = time.perf_counter() - t0
    assert all(same_story(codes[a], codes[b]) for a, b in list(exact_pairs)[:200])
    return {"mode": "exhaustive", "docs": n, "exact_s": exact_s, "lsh_s": lsh_s, "exact_pairs": len(exact_pairs),
            "lsh_pairs": len(lsh_pairs), "lsh_found_of_exact": len(exact_pairs & lsh_pairs) / max(1, len(exact_pairs)),
            "lsh_extra": len(lsh_pairs - exact_pairs)}


MODES = {"memory": run_memory, "store": run_store, "datasketch": run_datasketch, "exhaustive": run_exhaustive}


def child(mode: str, n: int) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--one", mode, str(n)], capture_output=True, text=True)
    if proc.returncode:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"{mode} {n} failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    ap.add_argument("--store", type=int, default=100_000, help="documents for the store path (0: skip)")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--one", nargs=2, metavar=("MODE", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(MODES[args.one[0]](int(args.one[1]))))
        return
    print(f"num_perm={NUM_PERM} bands={BANDS}x{ROWS}; machine: {subprocess.getoutput('nproc')} cores")
    results = {}
    for n in args.sizes:
        r = results[n] = child("memory", n)
        print(f"memory  {n:>9,} docs: group {r['group_s']:.1f} s (generation {r['generate_s']:.1f} s), "
              f"peak RSS {r['peak_rss_mb']:.0f} MB, recall {r['recall']:.4f} of {r['planted_j08']:,} planted "
              f"reprints (J>=0.8; min planted J {r['rep_j_min']:.2f}), near-misses merged {r['near_merged']}/"
              f"{r['near_misses']:,}, false merges {r['false_merged_docs']} docs = {r['false_merge_rate']:.4%}, "
              f"candidates {r['candidates']:,}, verified {r['verified']:,}")
    if args.store:
        r = child("store", args.store)
        print(f"store   {args.store:>9,} docs on SQLite: assign {r['assign_s']:.1f} s (insert {r['insert_s']:.1f} s), "
              f"re-assign 2,000 unchanged {r['reassign_2000_s']:.2f} s ({r['reassign_unchanged']} unchanged), "
              f"peak RSS {r['peak_rss_mb']:.0f} MB, recall {r['recall']:.4f}, near-misses merged "
              f"{r['near_merged']}, false merges {r['false_merge_rate']:.4%}, counts {r['counts']}")
    if not args.no_baseline:
        n = 100_000
        try:
            d = child("datasketch", n)
        except SystemExit as exc:
            print(f"datasketch baseline not run: {exc}")
        else:
            ours = results.get(n) or child("memory", n)
            print(f"datasketch {n:,} docs (same banding and exact check): {d['group_s']:.1f} s, peak RSS "
                  f"{d['peak_rss_mb']:.0f} MB, recall {d['recall']:.4f}, false merges {d['false_merge_rate']:.4%}; "
                  f"ours {ours['group_s']:.1f} s → {d['group_s'] / ours['group_s']:.1f}x faster")
        e = child("exhaustive", 5000)
        print(f"exhaustive exact all-pairs on 5,000 docs: {e['exact_s']:.2f} s, {e['exact_pairs']} pairs; LSH "
              f"{e['lsh_s']:.2f} s found {e['lsh_found_of_exact']:.4f} of them (+{e['lsh_extra']} not in exact); "
              f"ratio {e['exact_s'] / e['lsh_s']:.1f}x")


if __name__ == "__main__":
    main()

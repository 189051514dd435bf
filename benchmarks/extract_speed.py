"""Pages per second of yuqing's extract and of trafilatura over the same pages, in one run.

Run from the project root::

    .venv/bin/python benchmarks/extract_speed.py              # every corpus page with truth, plus gne
    .venv/bin/python benchmarks/extract_speed.py --repeat 2

Both get the raw bytes and produce body and metadata (trafilatura: ``bare_extraction`` with
metadata, which is what yuqing's extract does too). One warm-up pass, then timed passes.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _corpus import corpus_root, load_pages  # noqa: E402

from yuqing.extract import extract  # noqa: E402


def _yuqing(data: bytes, url: str | None) -> None:
    extract(data, url)


def _trafilatura(data: bytes, url: str | None) -> None:
    import trafilatura

    try:
        trafilatura.bare_extraction(data, url=url, with_metadata=True)
    except Exception:  # noqa: BLE001 - a failing page still counts as processed for the clock
        pass


def timed(fn, pages: list[tuple[bytes, str | None]], repeat: int) -> float:
    """Return pages per second of ``fn`` over ``pages`` (best of ``repeat`` passes)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for data, url in pages:
            fn(data, url)
        best = min(best, time.perf_counter() - start)
    return len(pages) / best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="timed passes per extractor (best is kept)")
    args = parser.parse_args(argv)
    root = corpus_root()
    if root is None:
        print("corpus not found (set YUQING_CORPUS or place it at ../shared/corpus)")
        return 1
    warnings.filterwarnings("ignore")
    pages = [(p.read(), p.url) for p in load_pages(root, ("cwced", "magic_html", "adbar/trafilatura",
                                                              "adbar/htmldate", "gne"))]
    size = sum(len(d) for d, _ in pages) / 1e6
    for fn in (_yuqing, _trafilatura):  # warm-up: imports, caches
        for data, url in pages[:5]:
            fn(data, url)
    ours = timed(_yuqing, pages, args.repeat)
    theirs = timed(_trafilatura, pages, args.repeat)
    print(f"{len(pages)} pages, {size:.1f} MB")
    print(f"{'extractor':<12} {'pages/s':>8} {'ms/page':>8}")
    print(f"{'yuqing':<12} {ours:>8.1f} {1000 / ours:>8.1f}")
    print(f"{'trafilatura':<12} {theirs:>8.1f} {1000 / theirs:>8.1f}")
    print(f"ratio yuqing/trafilatura: {ours / theirs:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

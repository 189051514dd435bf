"""Extraction quality of yuqing against trafilatura, readability-lxml and GNE on the shared corpus.

Run from the project root::

    .venv/bin/python benchmarks/extract_quality.py            # table per dataset and overall
    .venv/bin/python benchmarks/extract_quality.py --pages    # also one line per page for yuqing

Every extractor gets the same decoded text (yuqing's decode_html), so the table compares extraction,
not charset handling. Metrics are defined in benchmarks/_corpus.py and docs/extraction.md.
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _corpus import (  # noqa: E402
    Page,
    author_correct,
    bigram_f1,
    corpus_root,
    date_correct,
    load_pages,
    snippets_score,
    title_correct,
)

from yuqing.extract import decode_html, extract  # noqa: E402
from yuqing.text.dates import parse_date  # noqa: E402

__all__ = ["EXTRACTORS", "Result", "evaluate", "main"]


@dataclass
class Result:
    """What one extractor returned for one page (None: it does not give that field)."""

    text: str | None
    date: datetime | None
    author: str | None
    title: str | None = None
    gives_date: bool = True
    gives_author: bool = True
    gives_title: bool = True


def run_yuqing(data: bytes, doc: str, url: str | None) -> Result:
    a = extract(data, url)
    if a is None:
        return Result("", None, None)
    return Result(a.text, a.published_at, a.author, a.title)


def run_trafilatura(data: bytes, doc: str, url: str | None) -> Result:
    import trafilatura

    try:
        d = trafilatura.bare_extraction(doc, url=url, with_metadata=True)
    except Exception:  # noqa: BLE001 - an anchor failing on a page scores zero for it, the run goes on
        return Result("", None, None)
    if d is None:
        return Result("", None, None)
    get = d.get if isinstance(d, dict) else lambda k: getattr(d, k, None)
    return Result(get("text") or "", parse_date(get("date") or ""), get("author") or None, get("title") or None)


def run_readability(data: bytes, doc: str, url: str | None) -> Result:
    from lxml import html
    from readability import Document

    text, title = "", None
    try:
        document = Document(doc)
        title = document.short_title() or None
        text = html.fromstring(document.summary(html_partial=True)).text_content()
    except Exception:  # noqa: BLE001 - an anchor failing on a page scores zero for it, the run goes on
        pass
    return Result(text, None, None, title, gives_date=False, gives_author=False)


def run_gne(data: bytes, doc: str, url: str | None) -> Result:
    from gne import GeneralNewsExtractor

    try:
        r = GeneralNewsExtractor().extract(doc)
    except Exception:  # noqa: BLE001 - an anchor failing on a page scores zero for it, the run goes on
        return Result("", None, None)
    author = r.get("author") or None
    return Result(r.get("content") or "", parse_date(r.get("publish_time") or ""), author, r.get("title") or None)


EXTRACTORS: dict[str, Callable[[bytes, str, str | None], Result]] = {
    "yuqing": run_yuqing,
    "trafilatura": run_trafilatura,
    "readability": run_readability,
    "gne": run_gne,
}


def date_checkable(page: Page) -> bool:
    """A date truth is usable when it has digits or says UNKNOWN (one cwced file holds a name instead)."""
    return page.date is not None and (bool(re.search(r"\d", page.date)) or "UNK" in page.date.upper())


def evaluate(pages: list[Page], names: list[str]) -> dict[tuple[str, str, str], list[float]]:
    """Return scores keyed by (extractor, dataset, metric): body, snippets, date, author, title."""
    scores: dict[tuple[str, str, str], list[float]] = {}

    def add(name: str, page: Page, metric: str, value: float) -> None:
        scores.setdefault((name, page.dataset, metric), []).append(value)

    for page in pages:
        data = page.read()
        doc, _ = decode_html(data)
        for name in names:
            r = EXTRACTORS[name](data, doc, page.url)
            if page.body is not None:
                add(name, page, "body", bigram_f1(r.text, page.body))
            if page.with_snippets or page.without_snippets:
                add(name, page, "snippets", snippets_score(r.text, page.with_snippets, page.without_snippets))
            if date_checkable(page) and r.gives_date:
                add(name, page, "date", float(date_correct(r.date, page.date or "")))
            if page.author is not None and r.gives_author:
                add(name, page, "author", float(author_correct(r.author, page.author)))
            if page.title is not None and r.gives_title:
                add(name, page, "title", float(title_correct(r.title, page.title)))
    return scores


METRICS = ("body", "snippets", "date", "author", "title")


def table(scores: dict[tuple[str, str, str], list[float]], names: list[str], datasets: list[str]) -> str:
    """Return the table: one row per (dataset, extractor), one column per metric (mean, n pages)."""
    lines = [f"{'dataset':<18} {'extractor':<12} " + " ".join(f"{m:>14}" for m in METRICS)]
    for dataset in datasets + ["overall"]:
        for name in names:
            cells = []
            for metric in METRICS:
                if dataset == "overall":
                    values = [v for (n, _, m), vs in scores.items() if n == name and m == metric for v in vs]
                else:
                    values = scores.get((name, dataset, metric), [])
                cells.append(f"{sum(values) / len(values):>8.3f} ({len(values):>3})" if values else f"{'-':>14}")
            lines.append(f"{dataset:<18} {name:<12} " + " ".join(cells))
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=list(EXTRACTORS), help="extractors to run (default: all)")
    parser.add_argument("--pages", action="store_true", help="print yuqing's score on every page")
    args = parser.parse_args(argv)
    root = corpus_root()
    if root is None:
        print("corpus not found (set YUQING_CORPUS or place it at ../shared/corpus)")
        return 1
    warnings.filterwarnings("ignore")
    pages = load_pages(root)
    names = args.only or list(EXTRACTORS)
    scores = evaluate(pages, names)
    datasets = sorted({p.dataset for p in pages}, key=[p.dataset for p in pages].index)
    print(f"{len(pages)} pages; mean score (pages scored) — body: char-bigram F1; snippets: adbar with/without;"
          " date: day accuracy; author: name-set accuracy; title: exact match after NFKC and whitespace removal"
          " (readability: short_title())")
    print(table(scores, names, datasets))
    if args.pages:
        for page in pages:
            r = run_yuqing(page.read(), "", page.url)
            body = f"{bigram_f1(r.text, page.body):.3f}" if page.body is not None else "-"
            print(f"{page.dataset:<18} {page.id[:24]:<24} body={body} date={r.date} author={r.author} title={r.title}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Load the shared evaluation corpus (../shared/corpus) and score extractions against it.

Shared by benchmarks/extract_quality.py, benchmarks/extract_speed.py and tests/test_extract_quality.py.

Datasets and what each can check:

==================  =====================================================================
cwced               body (cleaned/), date (date/), author (author/)
magic_html          body (ground_truth.json content)
adbar/trafilatura   date, author, title, body snippets that must / must not appear
adbar/htmldate      date
gne                 title, date (benchmarks/data/gne_truth.json, checked by hand against each page)
==================  =====================================================================

Metrics:

* body F1: F1 over character bigrams (multiset) after NFKC and removal of all whitespace.
* date: correct when every part the truth gives (year, month, day) equals ours in the page's own
  offset; truth UNKNOWN → correct iff we return no date.
* author: the sets of names are equal after splitting on spaces, 、，,;/ and removing 记者/作者 labels;
  truth UNKNOWN or empty → correct iff we return no author.
* title: exact match after NFKC and removal of all whitespace.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

__all__ = [
    "Page",
    "author_correct",
    "bigram_f1",
    "corpus_root",
    "date_correct",
    "load_pages",
    "snippets_score",
    "title_correct",
]

ROOT = Path(__file__).resolve().parents[1]
GNE_TRUTH = ROOT / "benchmarks" / "data" / "gne_truth.json"


def corpus_root() -> Path | None:
    """Return the corpus folder (env YUQING_CORPUS, else ../shared/corpus), or None when absent."""
    env = os.environ.get("YUQING_CORPUS")
    path = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return path if path.is_dir() else None


@dataclass
class Page:
    """One evaluation page with whatever truth its dataset gives (None = not checkable)."""

    dataset: str
    id: str
    path: Path
    url: str | None = None
    body: str | None = None
    date: str | None = None
    author: str | None = None
    title: str | None = None
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)

    def read(self) -> bytes:
        return self.path.read_bytes()


def _text(path: Path) -> str | None:
    return path.read_text("utf-8", errors="replace").strip() if path.exists() else None


def load_pages(root: Path, datasets: tuple[str, ...] | None = None) -> list[Page]:
    """Return the corpus pages of ``datasets`` (all with truth when None), in a stable order."""
    wanted = datasets or ("cwced", "magic_html", "adbar/trafilatura", "adbar/htmldate", "gne")
    pages: list[Page] = []
    for name in wanted:
        pages.extend(_LOADERS[name](root))
    return pages


def _cwced(root: Path) -> Iterator[Page]:
    base = root / "cwced"
    for html in sorted((base / "original").glob("*.html")):
        pid = html.stem
        yield Page(
            "cwced", pid, html,
            body=_text(base / "cleaned" / f"{pid}.txt"),
            date=_text(base / "date" / f"{pid}.txt"),
            author=_text(base / "author" / f"{pid}.txt"),
        )


def _magic(root: Path) -> Iterator[Page]:
    base = root / "magic_html"
    truth = json.loads((base / "ground_truth.json").read_text("utf-8"))
    for pid in sorted(truth):
        yield Page("magic_html", pid, base / "htmls" / f"{pid}.html", url=truth[pid]["url"],
                   body=truth[pid]["content"])


def _adbar_trafilatura(root: Path) -> Iterator[Page]:
    base = root / "adbar" / "trafilatura"
    truth = json.loads((base / "evaldata_zh_subset.json").read_text("utf-8"))
    for url in sorted(truth):
        t = truth[url]
        yield Page("adbar/trafilatura", t["file"], base / "eval" / t["file"], url=url, date=t.get("date"),
                   author=t.get("author") or "UNKNOWN", title=t.get("title"),
                   with_snippets=t.get("with", []), without_snippets=t.get("without", []))


def _adbar_htmldate(root: Path) -> Iterator[Page]:
    base = root / "adbar" / "htmldate"
    truth = json.loads((base / "eval_zh_subset.json").read_text("utf-8"))
    for url in sorted(truth):
        t = truth[url]
        path = base / "eval" / t["file"]
        if not path.exists():
            path = base / "test_set" / t["file"]
        if path.exists():
            yield Page("adbar/htmldate", t["file"], path, url=url, date=t["date"])


def _gne(root: Path) -> Iterator[Page]:
    base = root / "gne"
    truth = json.loads(GNE_TRUTH.read_text("utf-8"))
    for html in sorted((base / "tests").glob("*/*.html")):
        t = truth.get(f"tests/{html.parent.name}/{html.name}", {})
        yield Page("gne", f"{html.parent.name}/{html.name}", html, date=t.get("date"), title=t.get("title"))


_LOADERS = {
    "cwced": _cwced,
    "magic_html": _magic,
    "adbar/trafilatura": _adbar_trafilatura,
    "adbar/htmldate": _adbar_htmldate,
    "gne": _gne,
}

_WS = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _WS.sub("", unicodedata.normalize("NFKC", text))


def bigram_f1(got: str | None, truth: str) -> float:
    """Return F1 over character bigrams of NFKC-folded, whitespace-free texts."""
    a, b = _squeeze(got or ""), _squeeze(truth)
    ga = Counter(a[i:i + 2] for i in range(len(a) - 1))
    gb = Counter(b[i:i + 2] for i in range(len(b) - 1))
    if not ga or not gb:
        return 1.0 if not ga and not gb else 0.0
    common = sum((ga & gb).values())
    if not common:
        return 0.0
    p, r = common / sum(ga.values()), common / sum(gb.values())
    return 2 * p * r / (p + r)


def snippets_score(got: str | None, with_: list[str], without: list[str]) -> float:
    """Return the share of snippets handled right: 'with' ones present and 'without' ones absent."""
    text = _squeeze(got or "")
    checks = [_squeeze(s) in text for s in with_] + [_squeeze(s) not in text for s in without]
    return sum(checks) / len(checks) if checks else 1.0


def title_correct(got: str | None, truth: str) -> bool:
    """True when the titles are equal after NFKC and whitespace removal."""
    return _squeeze(got or "") == _squeeze(truth)


def _unknown(value: str | None) -> bool:
    return not value or value.strip().upper() in ("UNKNOWN", "UNKNWON", "NONE", "")


def date_correct(got: datetime | None, truth: str) -> bool:
    """True when ``got`` agrees with every date part ``truth`` gives (UNKNOWN: iff got is None)."""
    if _unknown(truth):
        return got is None
    parts = [int(x) for x in re.findall(r"\d+", truth)[:3]]
    if got is None:
        return False
    return [got.year, got.month, got.day][: len(parts)] == parts


_AUTHOR_SPLIT = re.compile(r"[\s、，,;；/|｜]+")
_AUTHOR_LABEL = re.compile(r"^(本报|本刊|新华社|实习)?(记者|作者|通讯员|撰稿|文)[:：]?")


def author_names(value: str | None) -> frozenset[str]:
    """Return the set of names in an author string (labels and separators removed)."""
    if _unknown(value):
        return frozenset()
    text = unicodedata.normalize("NFKC", value or "")
    names = set()
    for part in _AUTHOR_SPLIT.split(text):
        part = _AUTHOR_LABEL.sub("", part).strip("()（）[]【】")
        if part:
            names.add(part.lower())
    return frozenset(names)


def author_correct(got: str | None, truth: str | None) -> bool:
    """True when the name sets are equal (UNKNOWN truth: iff got is empty)."""
    return author_names(got) == author_names(truth)

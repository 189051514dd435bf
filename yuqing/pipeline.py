"""Run the stages over a batch of pages: read → extract → match → store, counting every drop.

A page that cannot be used is a counted :class:`Drop` with a reason, never an exception that stops
the batch. What is already stored is never deleted here.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from yuqing.extract import extract
from yuqing.models import Article, Drop
from yuqing.store.repo import Store

__all__ = ["ImportReport", "Page", "import_pages", "iter_pages", "match_article", "read_page", "store_article",
           "store_page"]

log = logging.getLogger(__name__)

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".asp", ".aspx", ".jsp", ".php"}
MAX_BYTES = 20 * 1024 * 1024


@dataclass(slots=True)
class Page:
    """One page to bring in: its bytes (or text), the URL it was published at, hints from the input."""

    ref: str
    data: bytes | str
    url: str | None = None
    site: str | None = None
    tier: str | None = None
    source_id: str | None = None
    raw_ref: str | None = None


@dataclass(slots=True)
class ImportReport:
    """What a batch did: counts by outcome (new, updated, unchanged, matched) and every drop."""

    counts: Counter[str] = field(default_factory=Counter)
    drops: list[Drop] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)

    def drop(self, reason: str, detail: str, ref: str) -> None:
        self.drops.append(Drop(reason, detail, ref))
        self.counts["skipped"] += 1
        log.warning("skipped %s: %s (%s)", ref, reason, detail)

    @property
    def failed(self) -> bool:
        return bool(self.drops)


def _read_file(path: Path, report: ImportReport) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            report.drop("too-large", f"{size} bytes, over {MAX_BYTES}", str(path))
            return None
        return path.read_bytes()
    except OSError as exc:
        report.drop("unreadable", exc.strerror or str(exc), str(path))
        return None


def _jsonl_pages(path: Path, report: ImportReport) -> Iterator[Page]:
    base = path.parent
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        report.drop("unreadable", str(exc), str(path))
        return
    for number, line in enumerate(lines, start=1):
        ref = f"{path}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            report.drop("bad-jsonl", f"line {number}: {exc.msg}", ref)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("url"), str):
            report.drop("bad-jsonl", f"line {number}: needs an object with a string \"url\"", ref)
            continue
        hints = {k: record.get(k) for k in ("site", "tier", "source_id")}
        if isinstance(record.get("html"), str):
            yield Page(ref=ref, data=record["html"], url=record["url"], **hints)
        elif isinstance(record.get("path"), str):
            target = (base / record["path"]).resolve()
            data = _read_file(target, report)
            if data is not None:
                yield Page(ref=str(target), data=data, url=record["url"], **hints)
        else:
            report.drop("bad-jsonl", f"line {number}: needs \"html\" or \"path\"", ref)


def iter_pages(paths: Iterable[Path], report: ImportReport) -> Iterator[Page]:
    """Yield the pages named by ``paths``: HTML files, folders of them (recursively) and JSONL files."""
    for path in paths:
        if not path.exists():
            report.drop("missing", "no such file or folder", str(path))
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and
                           (p.suffix.lower() in HTML_SUFFIXES or p.suffix.lower() == ".jsonl"))
            yield from iter_pages(files, report)
        elif path.suffix.lower() == ".jsonl":
            yield from _jsonl_pages(path, report)
        else:
            data = _read_file(path, report)
            if data is not None:
                yield Page(ref=str(path), data=data, url=None)


def _unusable(data: bytes | str) -> tuple[str, str] | None:
    """Return (reason, detail) when ``data`` is plainly not a web page, else ``None``."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if not raw.strip():
        return "empty", "the file is empty"
    head = raw[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary", "the file holds binary data (NUL bytes), not HTML"
    if b"<" not in raw[:65536]:
        return "not-html", "no markup in the first 64 KiB"
    return None


def import_pages(pages: Iterable[Page], store: Store, profile, report: ImportReport | None = None) -> ImportReport:  # type: ignore[no-untyped-def]
    """Extract, match and store each page; return the counts. ``profile`` has ``name`` and ``match()``."""
    report = report if report is not None else ImportReport()
    for page in pages:
        store_page(page, store, profile, report)
    # -- stories (yuqing.dedup): group this batch's articles with their reprints; idempotent --
    if report.article_ids:
        from yuqing.dedup import assign_stories

        assign_stories(store, report.article_ids)
        # -- learning (yuqing.learn): the editor-trained classifier scores the new articles, if trained --
        from yuqing.learn import refresh_scores

        refresh_scores(store, profile.name, report.article_ids)
    return report


def read_page(page: Page, report: ImportReport) -> tuple[Article, str] | None:
    """Extract ``page``; return (article, the URL to store it under), or ``None`` with the drop counted."""
    problem = _unusable(page.data)
    if problem:
        report.drop(problem[0], problem[1], page.ref)
        return None
    article = extract(page.data, url=page.url)
    if article is None:
        report.drop("not-an-article", "no article body found", page.ref)
        return None
    url = page.url or article.url or Path(page.ref).resolve().as_uri()
    if page.site and not article.site:
        article.site = page.site
    if not article.outlet:
        article.outlet = article.site
    return article, url


def store_page(page: Page, store: Store, profile, report: ImportReport) -> int | None:  # type: ignore[no-untyped-def]
    """Extract, match and store one page; return the article id, or ``None`` with the drop counted."""
    read = read_page(page, report)
    if read is None:
        return None
    return store_article(store, profile, read[0], read[1], page, report)


def match_article(profile, article: Article, tier: str | None):  # type: ignore[no-untyped-def]
    """Return how ``article`` (carried by a source of ``tier``) scores against ``profile``."""
    return profile.match(_MatchDoc(article, tier or ""))


def store_article(store: Store, profile, article: Article, url: str, page: Page, report: ImportReport) -> int:  # type: ignore[no-untyped-def]
    """Upsert ``article`` and its topic match in one transaction; count the outcome."""
    match = match_article(profile, article, page.tier)
    with store.engine.begin() as conn:
        article_id, outcome = store.upsert_article(
            article, url, source_id=page.source_id, tier=page.tier, raw_ref=page.raw_ref, conn=conn)
        store.save_match(article_id, match, conn=conn)
    report.counts[outcome] += 1
    if match.matched:
        report.counts["matched"] += 1
    report.article_ids.append(article_id)
    return article_id


@dataclass(slots=True)
class _MatchDoc:
    """The fields a topic profile reads, with the source's tier beside the article."""

    article: Article
    tier: str | None

    @property
    def title(self) -> str:
        return self.article.title or ""

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def outlet(self) -> str:
        return self.article.outlet or ""

    @property
    def site(self) -> str:
        return self.article.site or ""

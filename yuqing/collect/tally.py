"""Counting a collect: per source, what was fetched, stored, matched, and every skip by reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from yuqing.models import Drop

__all__ = ["COUNTS", "SKIP_REASONS", "CollectReport", "classify_failure"]

COUNTS = ("fetched", "new", "updated", "unchanged", "matched")
SKIP_REASONS = (
    "not-modified", "already-seen", "not-an-article", "not-html", "robots", "http-404", "http-410", "http-4xx",
    "http-5xx", "timeout", "too-large", "redirect-loop", "unreachable", "bad-feed", "bad-sitemap", "fetch-error",
)
# Skips that say nothing is wrong: they are counted, and written to ``drops`` as one summary row.
QUIET = {"not-modified", "already-seen"}


@dataclass(slots=True)
class CollectReport:
    """Counts of one collect, by source; ``drops`` holds every skip with the URL it concerns."""

    run_id: str
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    drops: dict[str, list[Drop]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    """Why a source's index (feed, list, sitemap) could not be read this run; absent when it could."""
    stories: Any = None
    """What the stories stage did with them (counts by outcome)."""
    article_ids: list[int] = field(default_factory=list)
    """Ids of the articles stored (new or not) this run, for the stories stage."""

    def of(self, source_id: str) -> Counter[str]:
        return self.counts.setdefault(source_id, Counter())

    def count(self, source_id: str, key: str, n: int = 1) -> None:
        self.of(source_id)[key] += n

    def skip(self, source_id: str, reason: str, url: str, detail: str = "", n: int = 1) -> None:
        self.of(source_id)[reason] += n
        self.drops.setdefault(source_id, []).append(Drop(reason, detail, url))

    def total(self, key: str) -> int:
        return sum(c[key] for c in self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        return {sid: dict(c) for sid, c in self.counts.items()}


def classify_failure(exc: BaseException) -> tuple[str, str]:
    """Return (skip reason, detail) for a request that failed with ``exc`` (after retries)."""
    from scrapy.exceptions import IgnoreRequest
    from scrapy.spidermiddlewares.httperror import HttpError

    detail = f"{type(exc).__name__}: {exc}"[:500]
    if isinstance(exc, HttpError):
        status = exc.response.status
        if status in (404, 410):
            return f"http-{status}", f"HTTP {status}"
        if status >= 500:
            return "http-5xx", f"HTTP {status}"
        return "http-4xx", f"HTTP {status}"
    if isinstance(exc, IgnoreRequest):
        text = str(exc).lower()
        if "robots" in text:
            return "robots", "forbidden by robots.txt"
        if "redirect" in text:
            return "redirect-loop", str(exc)
        return "fetch-error", detail
    name = type(exc).__name__
    text = str(exc).lower()
    if "max size" in text or "maxsize" in text or "larger than" in text:
        return "too-large", str(exc)[:500]
    if "Timeout" in name or "timed out" in text:
        return "timeout", detail
    if any(k in name for k in ("ConnectionRefused", "DNSLookup", "CannotResolveHost", "NoRoute")):
        return "unreachable", detail
    return "fetch-error", detail

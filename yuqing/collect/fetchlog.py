"""The seen-URL record (table ``fetches``): what each URL last gave, and its validators for a conditional GET.

An article URL whose last outcome is final (stored, not an article, gone, too large) is not fetched
again; one that failed for a passing reason (timeout, 5xx, robots) is tried on the next run.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, insert, select, update

from yuqing.store import schema as t
from yuqing.store.db import utcnow
from yuqing.urls import canonical_url

__all__ = ["FINAL_OUTCOMES", "FetchLog"]

FINAL_OUTCOMES = frozenset({"stored", "not-an-article", "not-html", "too-large", "http-404", "http-410", "http-4xx"})
_CHUNK = 500


class FetchLog:
    """Reads and writes of ``fetches`` for one store."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def seen(self, urls: Iterable[str]) -> set[str]:
        """Return the canonical forms among ``urls`` whose last outcome is final."""
        keys = list(dict.fromkeys(canonical_url(u) for u in urls))
        found: set[str] = set()
        f = t.fetches
        with self.engine.connect() as conn:
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i:i + _CHUNK]
                found.update(conn.execute(select(f.c.canonical_url).where(
                    f.c.canonical_url.in_(chunk), f.c.outcome.in_(sorted(FINAL_OUTCOMES)))).scalars())
        return found

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """Return (etag, last_modified) last seen for ``url``, for If-None-Match / If-Modified-Since."""
        f = t.fetches
        with self.engine.connect() as conn:
            row = conn.execute(select(f.c.etag, f.c.last_modified)
                               .where(f.c.canonical_url == canonical_url(url))).first()
        return (row.etag, row.last_modified) if row else (None, None)

    def record(self, url: str, *, source_id: str | None, status: int | None, outcome: str,
               etag: str | None = None, last_modified: str | None = None, content_hash: str | None = None) -> None:
        """Upsert what fetching ``url`` gave."""
        key = canonical_url(url)
        values = {"source_id": source_id, "status": status, "outcome": outcome, "etag": etag,
                  "last_modified": last_modified, "content_hash": content_hash, "fetched_at": utcnow()}
        f = t.fetches
        with self.engine.begin() as conn:
            exists = conn.execute(select(f.c.canonical_url).where(f.c.canonical_url == key)).first()
            if exists is None:
                conn.execute(insert(f).values(canonical_url=key, **values))
            else:
                conn.execute(update(f).where(f.c.canonical_url == key).values(**values))

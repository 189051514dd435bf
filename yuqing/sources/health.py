"""The ``sources`` table: kept in step with sources.yaml, and the health each collect leaves there."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, insert, select, update

from yuqing.models import Source
from yuqing.store import schema as t
from yuqing.store.db import from_db, utcnow

__all__ = ["mark_attempt", "read_sources", "source_health", "sync_sources"]


def sync_sources(engine: Engine, sources: list[Source]) -> dict[str, int]:
    """Write ``sources`` into the table; a row no longer declared is disabled, never deleted.

    Return counts: added, updated, disabled. Health columns are left as they are.
    """
    counts = {"added": 0, "updated": 0, "disabled": 0}
    now = utcnow()
    with engine.begin() as conn:
        existing = {r.id: r for r in conn.execute(select(t.sources))}
        for s in sources:
            values = {"name": s.name, "tier": s.tier, "kind": s.kind, "urls": list(s.urls),
                      "schedule_minutes": s.schedule_minutes, "enabled": s.enabled, "options": dict(s.options)}
            row = existing.pop(s.id, None)
            if row is None:
                conn.execute(insert(t.sources).values(id=s.id, updated_at=now, **values))
                counts["added"] += 1
            elif any(getattr(row, k) != v for k, v in values.items()):
                conn.execute(update(t.sources).where(t.sources.c.id == s.id).values(updated_at=now, **values))
                counts["updated"] += 1
        for sid, row in existing.items():
            if row.enabled:
                conn.execute(update(t.sources).where(t.sources.c.id == sid).values(enabled=False, updated_at=now))
                counts["disabled"] += 1
    return counts


def read_sources(engine: Engine) -> list[Source]:
    """Return every source in the table, by id."""
    with engine.connect() as conn:
        rows = conn.execute(select(t.sources).order_by(t.sources.c.id)).all()
    return [Source(id=r.id, name=r.name, tier=r.tier, kind=r.kind, urls=list(r.urls),
                   schedule_minutes=r.schedule_minutes, enabled=bool(r.enabled), options=dict(r.options or {}))
            for r in rows]


def mark_attempt(engine: Engine, source_id: str, error: str | None) -> None:
    """Record one collect of ``source_id``: a success resets the failure count, an error adds one."""
    now = utcnow()
    values: dict[str, Any] = {"last_attempt_at": now}
    if error is None:
        values.update(last_success_at=now, consecutive_failures=0, last_error=None)
    else:
        values.update(consecutive_failures=t.sources.c.consecutive_failures + 1, last_error=error[:2000])
    with engine.begin() as conn:
        conn.execute(update(t.sources).where(t.sources.c.id == source_id).values(**values))


def source_health(engine: Engine, now: datetime | None = None) -> list[dict[str, Any]]:
    """Return one dict a source: its fields, health columns and ``articles_week`` (stored in the last 7 days)."""
    since = (now or utcnow()) - timedelta(days=7)
    a = t.articles
    week = (select(a.c.source_id, func.count().label("n")).where(a.c.fetched_at >= since)
            .group_by(a.c.source_id).subquery())
    query = (select(t.sources, func.coalesce(week.c.n, 0).label("articles_week"))
             .select_from(t.sources.outerjoin(week, week.c.source_id == t.sources.c.id))
             .order_by(t.sources.c.id))
    with engine.connect() as conn:
        rows = [r._asdict() for r in conn.execute(query)]
    for r in rows:
        for key in ("last_success_at", "last_attempt_at", "updated_at"):
            r[key] = from_db(r[key])
    return rows

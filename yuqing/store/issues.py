"""Reads and writes of the issue life cycle: draft → published (frozen) → corrections.

An issue record's ``status`` is ``draft`` (editable, recomposed by ``yuqing report``), ``published``
(frozen: nothing here or in :mod:`yuqing.store.repo` changes its items again) or ``correction`` (a new
record with the same number, ``correction_of`` the published id; frozen once ``published_at`` is set).
These functions only touch the database; :mod:`yuqing.report.lifecycle` renders and archives.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from yuqing.errors import ReportError
from yuqing.models import Issue, IssueItem
from yuqing.store import schema as t
from yuqing.store.db import from_db, to_db, utcnow
from yuqing.store.repo import Store

__all__ = [
    "article_tiers",
    "counter_exists",
    "create_correction",
    "failing_sources",
    "find_published",
    "frozen_issue_of_window",
    "get_issue",
    "issue_of_window",
    "item_rows",
    "list_issues",
    "publish_issue",
    "set_files",
]


def _row(row: Any) -> dict[str, Any]:
    d = dict(row._mapping)
    for key in ("created_at", "published_at"):
        d[key] = from_db(d.get(key))
    return d


def item_rows(conn: Connection, issue_id: int) -> list[IssueItem]:
    """Return the items of issue ``issue_id`` in their order."""
    rows = conn.execute(select(t.issue_items).where(t.issue_items.c.issue_id == issue_id)
                        .order_by(t.issue_items.c.position)).all()
    return [IssueItem(position=r.position, article_id=r.article_id, title=r.title, outlet=r.outlet,
                      published_at=from_db(r.published_at), link=r.link, summary=r.summary, site=r.site,
                      reprints=r.reprints) for r in rows]


def get_issue(store: Store, issue_id: int) -> Issue | None:
    """Return issue record ``issue_id`` with its items in order, or ``None``."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.issues).where(t.issues.c.id == issue_id)).first()
        if row is None:
            return None
        items = item_rows(conn, issue_id)
    return Issue(number=row.number, title=row.title, issuer=row.issuer, issue_date=row.issue_date,
                 window_from=row.window_from, window_to=row.window_to, scope=row.scope, items=items,
                 status=row.status, id=row.id, profile=row.profile, correction_of=row.correction_of)


def list_issues(store: Store, profile: str | None = None) -> list[dict[str, Any]]:
    """Return every issue record (newest window first) with ``items`` (count) and ``files``."""
    counts = (select(t.issue_items.c.issue_id, func.count().label("items"))
              .group_by(t.issue_items.c.issue_id).subquery())
    query = (select(t.issues, func.coalesce(counts.c["items"], 0).label("items"))
             .select_from(t.issues.outerjoin(counts, counts.c.issue_id == t.issues.c.id))
             .order_by(t.issues.c.window_from.desc(), t.issues.c.id.desc()))
    if profile is not None:
        query = query.where(t.issues.c.profile == profile)
    with store.engine.connect() as conn:
        return [_row(r) for r in conn.execute(query)]


def find_published(store: Store, profile: str, number: int, year: int | None = None) -> dict[str, Any] | None:
    """Return the published record of issue ``number`` (of ``year`` when given; else the newest)."""
    query = select(t.issues).where(t.issues.c.profile == profile, t.issues.c.number == number,
                                   t.issues.c.status == "published")
    if year is not None:
        query = query.where(t.issues.c.year == year)
    with store.engine.connect() as conn:
        row = conn.execute(query.order_by(t.issues.c.issue_date.desc())).first()
    return _row(row) if row else None


def issue_of_window(engine: Engine, profile: str, first: date, last: date, status: str) -> dict[str, Any] | None:
    """Return the newest record of ``status`` (draft, published …) covering exactly ``first``..``last``, or None."""
    i = t.issues
    with engine.connect() as conn:
        row = conn.execute(select(i).where(i.c.profile == profile, i.c.window_from == first, i.c.window_to == last,
                                           i.c.status == status).order_by(i.c.id.desc())).first()
    return _row(row) if row else None


def frozen_issue_of_window(store: Store, profile: str, first: date, last: date) -> dict[str, Any] | None:
    """Return the published record covering exactly ``first``..``last``, or ``None``."""
    return issue_of_window(store.engine, profile, first, last, "published")


def publish_issue(store: Store, issue_id: int, files: list[str] | None = None,
                  at: datetime | None = None) -> dict[str, Any]:
    """Freeze issue ``issue_id``: a draft becomes ``published``, a correction gets its publication time.

    Returns the record. Raises :class:`ReportError` when it does not exist, is already frozen, has no
    items, or (for a draft) its window already has a published issue.
    """
    with store.engine.begin() as conn:
        row = conn.execute(select(t.issues).where(t.issues.c.id == issue_id).with_for_update()).first()
        if row is None:
            raise ReportError(f"no issue record {issue_id}")
        if row.status == "published" or (row.status == "correction" and row.published_at is not None):
            raise ReportError(f"issue {row.number} (record {issue_id}) is already published and frozen")
        if not conn.execute(select(func.count()).select_from(t.issue_items)
                            .where(t.issue_items.c.issue_id == issue_id)).scalar_one():
            raise ReportError(f"issue {row.number} has no items; nothing to publish")
        if row.status == "draft":
            clash = conn.execute(select(t.issues.c.id).where(
                t.issues.c.profile == row.profile, t.issues.c.status == "published",
                t.issues.c.window_from == row.window_from, t.issues.c.window_to == row.window_to)).first()
            if clash is not None:
                raise ReportError(f"the window {row.window_from}–{row.window_to} is already published")
        values: dict[str, Any] = {"published_at": to_db(at) if at else utcnow()}
        if row.status == "draft":
            values["status"] = "published"
        if files is not None:
            values["files"] = files
        conn.execute(update(t.issues).where(t.issues.c.id == issue_id).values(**values))
        return _row(conn.execute(select(t.issues).where(t.issues.c.id == issue_id)).one())


def set_files(store: Store, issue_id: int, files: list[str]) -> None:
    """Record the archived files of issue ``issue_id`` (paths relative to the workspace)."""
    with store.engine.begin() as conn:
        conn.execute(update(t.issues).where(t.issues.c.id == issue_id).values(files=files))


def create_correction(store: Store, published_id: int, items: list[IssueItem] | None = None) -> Issue:
    """Store a correction of published record ``published_id``: same number and window, status
    ``correction``, not yet published. ``items`` default to the published issue's. Returns it with its id.
    """
    original = get_issue(store, published_id)
    if original is None or original.status != "published":
        raise ReportError(f"record {published_id} is not a published issue; only those can be corrected")
    items = original.items if items is None else items
    with store.engine.begin() as conn:
        new_id = int(conn.execute(insert(t.issues).values(
            profile=original.profile, number=original.number, year=original.issue_date.year,
            title=original.title, issuer=original.issuer, issue_date=original.issue_date,
            window_from=original.window_from, window_to=original.window_to, scope=original.scope,
            status="correction", correction_of=published_id, created_at=utcnow(),
        )).inserted_primary_key[0])
        if items:
            conn.execute(insert(t.issue_items), [
                {"issue_id": new_id, "position": i, "article_id": it.article_id, "title": it.title,
                 "outlet": it.outlet, "published_at": to_db(it.published_at), "link": it.link, "site": it.site,
                 "summary": it.summary, "reprints": it.reprints}
                for i, it in enumerate(items, start=1)
            ])
    correction = get_issue(store, new_id)
    assert correction is not None
    return correction


def counter_exists(store: Store, prefix: str) -> bool:
    """Return whether any issue counter's name starts with ``prefix``."""
    with store.engine.connect() as conn:
        return conn.execute(select(t.counters.c.name).where(t.counters.c.name.startswith(prefix))).first() is not None


def article_tiers(store: Store, article_ids: list[int]) -> dict[int, str | None]:
    """Return the source tier of each of ``article_ids`` that is stored."""
    if not article_ids:
        return {}
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.articles.c.id, t.articles.c.tier).where(t.articles.c.id.in_(article_ids)))
        return {r.id: r.tier for r in rows}


def failing_sources(store: Store, start: datetime) -> list[dict[str, Any]]:
    """Return enabled sources that are failing (consecutive failures) or had no success since ``start``.

    ``start`` is an aware datetime (the window's start); rows carry name, tier, consecutive_failures, last_success_at,
    last_error.
    """
    s = t.sources
    with store.engine.connect() as conn:
        rows = conn.execute(select(s).where(s.c.enabled.is_(True)).order_by(s.c.tier, s.c.name)).all()
    out = []
    for r in rows:
        last_ok = from_db(r.last_success_at)
        if r.consecutive_failures > 0 or last_ok is None or last_ok < start:
            out.append({"id": r.id, "name": r.name, "tier": r.tier, "consecutive_failures": r.consecutive_failures,
                        "last_success_at": last_ok, "last_error": r.last_error})
    return out

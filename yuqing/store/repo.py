"""Reads and writes of the store. Every write is an idempotent upsert keyed by a natural identity."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, and_, func, insert, select, update
from sqlalchemy.engine import Connection, Row

from yuqing.models import Article, Drop, Issue, IssueItem, TopicMatch
from yuqing.store import schema as t
from yuqing.store.db import from_db, to_db, utcnow
from yuqing.store.search import index_article
from yuqing.urls import canonical_url

__all__ = ["Store", "content_hash"]


def content_hash(article: Article) -> str:
    """Return a hash of what a reader sees of ``article``; a re-fetch with the same hash changes nothing."""
    parts = [
        article.title or "", article.text, article.published_at.isoformat() if article.published_at else "",
        article.outlet or "", article.site or "", article.author or "", article.editor or "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _article_values(article: Article) -> dict[str, Any]:
    return {
        "title": article.title,
        "published_at": to_db(article.published_at),
        "outlet": article.outlet,
        "site": article.site,
        "author": article.author,
        "editor": article.editor,
        "text": article.text or "",
        "method": article.method,
        "problems": list(article.problems),
        "content_hash": content_hash(article),
    }


class Store:
    """The store of one workspace. Methods open their own transaction unless given a connection."""

    def __init__(self, engine: Engine):
        self.engine = engine

    # -- articles -------------------------------------------------------------------------------------

    def upsert_article(
        self,
        article: Article,
        url: str,
        *,
        source_id: str | None = None,
        tier: str | None = None,
        raw_ref: str | None = None,
        conn: Connection | None = None,
    ) -> tuple[int, str]:
        """Store ``article`` under its canonical URL; return (id, "new" | "updated" | "unchanged")."""
        if conn is None:
            with self.engine.begin() as conn:
                return self.upsert_article(article, url, source_id=source_id, tier=tier, raw_ref=raw_ref, conn=conn)
        key = canonical_url(url)
        values = _article_values(article)
        row = conn.execute(
            select(t.articles.c.id, t.articles.c.content_hash, t.articles.c.tier, t.articles.c.source_id)
            .where(t.articles.c.canonical_url == key)
        ).first()
        now = utcnow()
        if row is None:
            result = conn.execute(insert(t.articles).values(
                canonical_url=key, url=url, tier=tier, source_id=source_id, raw_ref=raw_ref,
                fetched_at=now, updated_at=now, **values,
            ))
            new_id = int(result.inserted_primary_key[0])
            index_article(conn, new_id, article.title, article.text)  # search index, same transaction
            return new_id, "new"
        changes: dict[str, Any] = {}
        if row.content_hash != values["content_hash"]:
            changes.update(values, updated_at=now)
        if tier and row.tier != tier:
            changes["tier"] = tier
        if source_id and row.source_id != source_id:
            changes["source_id"] = source_id
        if raw_ref and "content_hash" in changes:
            changes["raw_ref"] = raw_ref
        if not changes:
            return int(row.id), "unchanged"
        conn.execute(update(t.articles).where(t.articles.c.id == row.id).values(**changes))
        if "content_hash" in changes:
            index_article(conn, int(row.id), article.title, article.text)  # search index, same transaction
        return int(row.id), "updated" if "content_hash" in changes else "unchanged"

    def article_id(self, url: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(t.articles.c.id).where(t.articles.c.canonical_url == canonical_url(url))
            ).scalar()

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.articles)).scalar_one())

    def list_articles(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        profile: str | None = None,
        matched_only: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Yield articles published in [start, end) (aware datetimes), oldest first, with their topic score."""
        a, m = t.articles, t.topic_matches
        join_on = a.c.id == m.c.article_id
        if profile is not None:
            join_on = and_(join_on, m.c.profile == profile)
        query = (
            select(a, m.c.score.label("topic_score"), m.c.matched.label("topic_matched"),
                   m.c.hits.label("topic_hits"), m.c.profile.label("topic_profile"))
            .select_from(a.outerjoin(m, join_on))
            .order_by(a.c.published_at.is_(None), a.c.published_at, a.c.id)
        )
        if start is not None:
            query = query.where(a.c.published_at >= to_db(start))
        if end is not None:
            query = query.where(a.c.published_at < to_db(end))
        if matched_only:
            query = query.where(m.c.matched.is_(True))
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield _row_dict(row)

    # -- topic matches -------------------------------------------------------------------------------

    def save_match(self, article_id: int, match: TopicMatch, conn: Connection | None = None) -> None:
        """Record how ``article_id`` scored against ``match.profile``, replacing an earlier score."""
        if conn is None:
            with self.engine.begin() as conn:
                return self.save_match(article_id, match, conn)
        values = {
            "score": match.score, "threshold": match.threshold, "matched": match.matched,
            "hits": [asdict(h) for h in match.hits], "vetoed_by": match.vetoed_by, "matched_at": utcnow(),
        }
        key = and_(t.topic_matches.c.article_id == article_id, t.topic_matches.c.profile == match.profile)
        old = conn.execute(select(t.topic_matches.c.score, t.topic_matches.c.hits).where(key)).first()
        if old is None:
            conn.execute(insert(t.topic_matches).values(article_id=article_id, profile=match.profile, **values))
        elif old.score != values["score"] or old.hits != values["hits"]:
            conn.execute(update(t.topic_matches).where(key).values(**values))
        return None

    # -- drops -----------------------------------------------------------------------------------------

    def record_drops(self, drops: Iterable[Drop], stage: str, run_id: str | None = None,
                     source_id: str | None = None) -> None:
        rows = [{"run_id": run_id, "stage": stage, "reason": d.reason, "detail": d.detail, "ref": d.ref,
                 "source_id": source_id, "at": utcnow()} for d in drops]
        if rows:
            with self.engine.begin() as conn:
                conn.execute(insert(t.drops), rows)

    # -- issues ----------------------------------------------------------------------------------------

    def find_issue(self, profile: str, first: date, last: date) -> dict[str, Any] | None:
        """Return the newest issue record of ``profile`` covering exactly ``first``..``last``."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(t.issues).where(t.issues.c.profile == profile, t.issues.c.window_from == first,
                                       t.issues.c.window_to == last).order_by(t.issues.c.id.desc())
            ).first()
        return row._asdict() if row else None

    def next_number(self, counter: str, floor: int, conn: Connection) -> int:
        """Take the next issue number of ``counter`` (at least ``floor``) and advance the counter."""
        current = conn.execute(select(t.counters.c.value).where(t.counters.c.name == counter)).scalar()
        number = max(floor, (current or 0) + 1) if current is not None else floor
        if current is None:
            conn.execute(insert(t.counters).values(name=counter, value=number))
        else:
            conn.execute(update(t.counters).where(t.counters.c.name == counter).values(value=number))
        return number

    def note_number(self, counter: str, number: int, conn: Connection) -> None:
        """Make sure the counter is at least ``number`` (an issue numbered by hand)."""
        current = conn.execute(select(t.counters.c.value).where(t.counters.c.name == counter)).scalar()
        if current is None:
            conn.execute(insert(t.counters).values(name=counter, value=number))
        elif current < number:
            conn.execute(update(t.counters).where(t.counters.c.name == counter).values(value=number))

    def save_draft(self, issue: Issue, counter: str, floor: int, number: int | None = None) -> Issue:
        """Store ``issue`` as the draft of its window, numbering it; a re-run keeps the draft's number.

        A published issue of the same window is never touched: that case raises in the caller.
        """
        with self.engine.begin() as conn:
            existing = conn.execute(
                select(t.issues.c.id, t.issues.c.number).where(
                    t.issues.c.profile == issue.profile, t.issues.c.window_from == issue.window_from,
                    t.issues.c.window_to == issue.window_to, t.issues.c.status == "draft")
            ).first()
            if number is not None:
                self.note_number(counter, number, conn)
            elif existing is not None:
                number = int(existing.number)
            else:
                number = self.next_number(counter, floor, conn)
            issue.number = number
            values = {
                "profile": issue.profile, "number": number, "year": issue.issue_date.year, "title": issue.title,
                "issuer": issue.issuer, "issue_date": issue.issue_date, "window_from": issue.window_from,
                "window_to": issue.window_to, "scope": issue.scope, "status": "draft",
            }
            if existing is None:
                issue.id = int(conn.execute(insert(t.issues).values(created_at=utcnow(), **values))
                               .inserted_primary_key[0])
            else:
                issue.id = int(existing.id)
                conn.execute(update(t.issues).where(t.issues.c.id == issue.id).values(**values))
                conn.execute(t.issue_items.delete().where(t.issue_items.c.issue_id == issue.id))
            if issue.items:
                conn.execute(insert(t.issue_items), [
                    {"issue_id": issue.id, "position": it.position, "article_id": it.article_id,
                     "title": it.title, "outlet": it.outlet, "published_at": to_db(it.published_at),
                     "link": it.link, "site": it.site, "summary": it.summary, "reprints": it.reprints}
                    for it in issue.items
                ])
        return issue

    def issue_items(self, issue_id: int) -> list[IssueItem]:
        """Return the items of issue ``issue_id`` in their order."""
        from yuqing.store.issues import item_rows

        with self.engine.connect() as conn:
            return item_rows(conn, issue_id)


def _row_dict(row: Row[Any]) -> dict[str, Any]:
    d = row._asdict()
    for key in ("published_at", "fetched_at", "updated_at"):
        if key in d:
            d[key] = from_db(d[key])
    return d

"""What the pages read: a week's candidates grouped by story, the archive, source health, daily counts.

Read-only queries over the store's tables (:mod:`yuqing.store.schema`); writes go through
:mod:`yuqing.web.draft` and the store.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, func, select

from yuqing.models import TIERS
from yuqing.report.window import CHINA, Window, window_for
from yuqing.store import schema as t
from yuqing.store.db import from_db, to_db

__all__ = ["Candidate", "StoryGroup", "article", "candidates", "daily_counts", "issues", "sources",
           "weeks_with_candidates"]


@dataclass(slots=True)
class Candidate:
    """One matched article of the week, with its scores, rule hits and the editor's decision."""

    id: int
    title: str
    outlet: str
    site: str | None
    url: str
    tier: str | None
    published_at: datetime | None
    text: str
    score: float
    classifier_score: float | None
    hits: list[dict]
    decision: str | None
    story_id: int | None


@dataclass(slots=True)
class StoryGroup:
    """A story of the week: the article that stands for it (the origin) and every page carrying it."""

    key: str
    origin: Candidate
    carriers: list[Candidate] = field(default_factory=list)
    origin_outlet: str | None = None
    in_draft: bool = False

    @property
    def members(self) -> list[Candidate]:
        return [self.origin, *self.carriers]

    @property
    def score(self) -> float:
        return max(c.score for c in self.members)

    @property
    def classifier_score(self) -> float | None:
        scores = [c.classifier_score for c in self.members if c.classifier_score is not None]
        return max(scores) if scores else None

    @property
    def decision(self) -> str | None:
        decisions = {c.decision for c in self.members}
        if "accept" in decisions:
            return "accept"
        return "reject" if "reject" in decisions else None


def _candidate(row: Any) -> Candidate:
    return Candidate(
        id=int(row.id), title=row.title or "(无标题)", outlet=row.outlet or row.site or "未知来源", site=row.site,
        url=row.url, tier=row.tier, published_at=from_db(row.published_at), text=row.text or "",
        score=float(row.score), classifier_score=row.classifier_score, hits=list(row.hits or []),
        decision=row.decision, story_id=row.story_id,
    )


def candidates(engine: Engine, profile: str, window: Window, draft_articles: set[int] | None = None
               ) -> list[StoryGroup]:
    """Return the window's matched articles grouped by story, best story first.

    A story's origin is the store's ``stories.origin_article_id`` when it falls in the week, else its
    earliest page. Articles without a story stand alone.
    """
    a, m, d, s = t.articles, t.topic_matches, t.decisions, t.stories
    start, end = window.bounds_utc()
    query = (
        select(a.c.id, a.c.title, a.c.outlet, a.c.site, a.c.url, a.c.tier, a.c.published_at, a.c.text,
               a.c.story_id, m.c.score, m.c.classifier_score, m.c.hits, d.c.decision,
               s.c.origin_article_id, s.c.origin_outlet)
        .select_from(a.join(m, and_(m.c.article_id == a.c.id, m.c.profile == profile))
                     .outerjoin(d, and_(d.c.article_id == a.c.id, d.c.profile == profile))
                     .outerjoin(s, s.c.id == a.c.story_id))
        .where(m.c.matched.is_(True), a.c.published_at >= to_db(start), a.c.published_at < to_db(end))
        .order_by(a.c.published_at, a.c.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    by_story: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        by_story[f"s{row.story_id}" if row.story_id is not None else f"a{row.id}"].append(row)
    draft_articles = draft_articles or set()
    groups = []
    for key, members in by_story.items():
        origin_row = next((r for r in members if r.origin_article_id == r.id), members[0])
        others = [_candidate(r) for r in members if r is not origin_row]
        group = StoryGroup(key, _candidate(origin_row), others, origin_row.origin_outlet)
        group.in_draft = any(c.id in draft_articles for c in group.members)
        groups.append(group)
    groups.sort(key=lambda g: (-g.score, g.origin.published_at or datetime.max.replace(tzinfo=CHINA)))
    return groups


def weeks_with_candidates(engine: Engine, profile: str, start: str, end: str, most: int = 12) -> list[Window]:
    """Return the newest windows holding matched articles (so an old week, like the demo's, is one click)."""
    a, m = t.articles, t.topic_matches
    query = (select(a.c.published_at).select_from(a.join(m, m.c.article_id == a.c.id))
             .where(m.c.profile == profile, m.c.matched.is_(True), a.c.published_at.is_not(None))
             .order_by(a.c.published_at.desc()).limit(5000))
    with engine.connect() as conn:
        days = {from_db(v).astimezone(CHINA).date() for v in conn.execute(query).scalars()}
    windows = sorted({window_for(day, start, end) for day in days}, key=lambda w: w.first, reverse=True)
    return windows[:most]


def article(engine: Engine, article_id: int, profile: str) -> dict[str, Any] | None:
    a, m = t.articles, t.topic_matches
    query = (select(a, m.c.score, m.c.classifier_score, m.c.hits, m.c.matched, m.c.vetoed_by)
             .select_from(a.outerjoin(m, and_(m.c.article_id == a.c.id, m.c.profile == profile)))
             .where(a.c.id == article_id))
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    out = row._asdict()
    out["published_at"] = from_db(out["published_at"])
    out["hits"] = list(out["hits"] or [])
    return out


def issues(engine: Engine, profile: str) -> list[dict[str, Any]]:
    """Return every issue of ``profile``, newest first, with its item count."""
    i, it = t.issues, t.issue_items
    count = select(func.count()).where(it.c.issue_id == i.c.id).scalar_subquery()
    query = select(i, count.label("items")).where(i.c.profile == profile).order_by(i.c.number.desc(), i.c.id.desc())
    with engine.connect() as conn:
        return [r._asdict() for r in conn.execute(query)]


def sources(engine: Engine) -> list[dict[str, Any]]:
    """Return every source with its health columns and how many articles it brought in."""
    s, a = t.sources, t.articles
    count = select(func.count()).where(a.c.source_id == s.c.id).scalar_subquery()
    latest = select(func.max(a.c.published_at)).where(a.c.source_id == s.c.id).scalar_subquery()
    query = select(s, count.label("articles"), latest.label("latest")).order_by(
        s.c.consecutive_failures.desc(), s.c.tier, s.c.name)
    with engine.connect() as conn:
        return [r._asdict() for r in conn.execute(query)]


@dataclass(slots=True)
class DailyCounts:
    days: list[tuple[date, int]]
    tiers: list[tuple[str, int]]
    total: int

    @property
    def day_peak(self) -> int:
        return max([n for _, n in self.days] + [1])

    @property
    def tier_peak(self) -> int:
        return max([n for _, n in self.tiers] + [1])


def daily_counts(engine: Engine, last: date, days: int = 14) -> DailyCounts:
    """Count articles published on each of the ``days`` days ending ``last`` (China time), and per tier."""
    first = last - timedelta(days=days - 1)
    start, end = Window(first, last).bounds_utc()
    a = t.articles
    query = select(a.c.published_at, a.c.tier).where(a.c.published_at >= to_db(start),
                                                     a.c.published_at < to_db(end))
    per_day: Counter[date] = Counter()
    per_tier: Counter[str] = Counter()
    with engine.connect() as conn:
        for published, tier in conn.execute(query):
            per_day[from_db(published).astimezone(CHINA).date()] += 1
            per_tier[tier or "other"] += 1
    series = [(first + timedelta(days=n), per_day[first + timedelta(days=n)]) for n in range(days)]
    tiers = [(tier, per_tier[tier]) for tier in TIERS if per_tier[tier]]
    tiers += [(tier, n) for tier, n in per_tier.items() if tier not in TIERS]
    return DailyCounts(series, tiers, sum(per_day.values()))


def newest_article_day(engine: Engine) -> date | None:
    with engine.connect() as conn:
        value = conn.execute(select(func.max(t.articles.c.published_at))).scalar()
    return from_db(value).astimezone(CHINA).date() if value else None

"""Reads and writes of stories: band keys, story membership and the ``stories`` rows.

Each function takes an open connection: :mod:`yuqing.dedup.stories` runs a batch in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection

from yuqing.store import schema as t
from yuqing.store.db import from_db, to_db, utcnow

__all__ = [
    "article_rows",
    "articles_for_assign",
    "band_rows",
    "count_stories",
    "delete_bands",
    "delete_story",
    "find_band_matches",
    "insert_bands",
    "member_rows",
    "move_story",
    "new_stories",
    "new_story",
    "occupied_stories",
    "set_stories",
    "set_story",
    "story_ids_of",
    "story_rows",
    "texts_of",
    "update_stories",
    "update_story",
]

_CHUNK = 500
"""Ids or keys per ``IN (...)`` list: well under SQLite's bound-parameter limit."""


def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def articles_for_assign(conn: Connection, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Return id, text and story_id of the articles ``ids`` (missing ids are left out)."""
    a = t.articles
    out: list[dict[str, Any]] = []
    for part in _chunks(list(ids)):
        out += [r._asdict() for r in conn.execute(select(a.c.id, a.c.text, a.c.story_id).where(a.c.id.in_(part)))]
    return out


def band_rows(conn: Connection, ids: Sequence[int]) -> dict[int, set[tuple[int, str]]]:
    """Return the stored (band, key) pairs of each article in ``ids``."""
    b = t.story_bands
    out: dict[int, set[tuple[int, str]]] = defaultdict(set)
    for part in _chunks(list(ids)):
        for r in conn.execute(select(b.c.article_id, b.c.band, b.c.key).where(b.c.article_id.in_(part))):
            out[r.article_id].add((r.band, r.key))
    return out


def find_band_matches(conn: Connection, wanted: dict[int, set[str]]) -> list[tuple[int, str, int]]:
    """Return stored (band, key, article_id) rows whose band key is in ``wanted[band]``."""
    b = t.story_bands
    out: list[tuple[int, str, int]] = []
    for band, keys in sorted(wanted.items()):
        for part in _chunks(sorted(keys)):
            out += [(r.band, r.key, r.article_id) for r in conn.execute(
                select(b.c.band, b.c.key, b.c.article_id).where(b.c.band == band, b.c.key.in_(part)))]
    return out


def delete_bands(conn: Connection, ids: Sequence[int]) -> None:
    for part in _chunks(list(ids)):
        conn.execute(delete(t.story_bands).where(t.story_bands.c.article_id.in_(part)))


def insert_bands(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert rows of {band, key, article_id}."""
    for part in _chunks(rows, 5000):
        conn.execute(insert(t.story_bands), list(part))


def texts_of(conn: Connection, ids: Sequence[int]) -> dict[int, str]:
    a = t.articles
    out: dict[int, str] = {}
    for part in _chunks(list(ids)):
        out.update({r.id: r.text for r in conn.execute(select(a.c.id, a.c.text).where(a.c.id.in_(part)))})
    return out


def article_rows(conn: Connection, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Return id, url, title, text, outlet, site and published_at (aware UTC) of the articles ``ids``."""
    a = t.articles
    out: dict[int, dict[str, Any]] = {}
    cols = (a.c.id, a.c.url, a.c.title, a.c.text, a.c.outlet, a.c.site, a.c.published_at)
    for part in _chunks(list(ids)):
        for r in conn.execute(select(*cols).where(a.c.id.in_(part))):
            d = r._asdict()
            d["published_at"] = from_db(d["published_at"])
            out[d["id"]] = d
    return out


def story_ids_of(conn: Connection, ids: Sequence[int]) -> dict[int, int | None]:
    a = t.articles
    out: dict[int, int | None] = {}
    for part in _chunks(list(ids)):
        out.update({r.id: r.story_id for r in conn.execute(select(a.c.id, a.c.story_id).where(a.c.id.in_(part)))})
    return out


def new_story(conn: Connection) -> int:
    """Insert an empty story row; return its id."""
    key = conn.execute(insert(t.stories).values(size=0, created_at=utcnow())).inserted_primary_key
    assert key is not None
    return int(key[0])


def new_stories(conn: Connection, n: int) -> list[int]:
    """Insert ``n`` empty story rows; return their ids in order."""
    if n <= 0:
        return []
    now = utcnow()
    result = conn.execute(insert(t.stories).returning(t.stories.c.id, sort_by_parameter_order=True),
                          [{"size": 0, "created_at": now} for _ in range(n)])
    return [int(r[0]) for r in result]


def set_stories(conn: Connection, story_of: dict[int, int]) -> None:
    """Set ``story_id`` of each article in ``story_of`` (article id → story id) in one executemany."""
    if story_of:
        conn.execute(update(t.articles).where(t.articles.c.id == bindparam("aid"))
                     .values(story_id=bindparam("sid")),
                     [{"aid": a, "sid": s} for a, s in sorted(story_of.items())])


def update_stories(conn: Connection, values: dict[int, dict[str, Any]]) -> int:
    """Write each story's (origin_article_id, origin_outlet, size, first_published_at) where it differs."""
    s = t.stories
    current = story_rows(conn, list(values))
    changed = []
    for sid, v in sorted(values.items()):
        row = current.get(sid)
        if row is None or any(row[k] != v[k] for k in v):
            changed.append({"sid": sid, **v, "first_published_at": to_db(v["first_published_at"])})
    if changed:
        conn.execute(update(s).where(s.c.id == bindparam("sid")).values(
            origin_article_id=bindparam("origin_article_id"), origin_outlet=bindparam("origin_outlet"),
            size=bindparam("size"), first_published_at=bindparam("first_published_at")), changed)
    return len(changed)


def set_story(conn: Connection, article_ids: Sequence[int], story_id: int | None) -> None:
    for part in _chunks(list(article_ids)):
        conn.execute(update(t.articles).where(t.articles.c.id.in_(part)).values(story_id=story_id))


def move_story(conn: Connection, from_story: int, to_story: int) -> None:
    """Move every member of ``from_story`` into ``to_story``."""
    conn.execute(update(t.articles).where(t.articles.c.story_id == from_story).values(story_id=to_story))


def delete_story(conn: Connection, story_id: int) -> None:
    conn.execute(delete(t.stories).where(t.stories.c.id == story_id))


def update_story(conn: Connection, story_id: int, values: dict[str, Any]) -> bool:
    """Write ``values`` (origin_article_id, origin_outlet, size, first_published_at) when they differ."""
    s = t.stories
    row = conn.execute(select(s.c.origin_article_id, s.c.origin_outlet, s.c.size, s.c.first_published_at)
                       .where(s.c.id == story_id)).first()
    values = dict(values, first_published_at=to_db(values.get("first_published_at")))
    if row is not None and all(getattr(row, k) == v for k, v in values.items()):
        return False
    conn.execute(update(s).where(s.c.id == story_id).values(**values))
    return True


def member_rows(conn: Connection, story_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Return the members of each story: id, url, title, outlet, site, tier, published_at (aware UTC)."""
    a = t.articles
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    cols = (a.c.id, a.c.story_id, a.c.url, a.c.title, a.c.outlet, a.c.site, a.c.tier, a.c.published_at)
    for part in _chunks(sorted(set(story_ids))):
        for r in conn.execute(select(*cols).where(a.c.story_id.in_(part)).order_by(a.c.id)):
            d = r._asdict()
            d["published_at"] = from_db(d["published_at"])
            out[d.pop("story_id")].append(d)
    return out


def story_rows(conn: Connection, story_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Return the ``stories`` rows of ``story_ids``."""
    s = t.stories
    out: dict[int, dict[str, Any]] = {}
    for part in _chunks(sorted(set(story_ids))):
        for r in conn.execute(select(s).where(s.c.id.in_(part))):
            d = r._asdict()
            d["first_published_at"] = from_db(d["first_published_at"])
            out[d["id"]] = d
    return out


def occupied_stories(conn: Connection, story_ids: Sequence[int]) -> set[int]:
    """Return which of ``story_ids`` still have members."""
    a = t.articles
    out: set[int] = set()
    for part in _chunks(list(story_ids)):
        out |= {r.story_id for r in conn.execute(select(a.c.story_id).where(a.c.story_id.in_(part)).distinct())}
    return out


def count_stories(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(t.stories)).scalar_one())

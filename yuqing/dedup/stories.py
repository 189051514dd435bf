"""Group stored articles into stories through the ``story_bands`` table, and keep ``stories`` rows true.

``assign_stories`` is idempotent: an article whose stored band keys equal its computed ones and
that already has a story is left alone. Stories only grow or merge; an article whose body changed
is taken out of its story and assigned afresh. Because candidates come from the shared table, any
number of processes (or machines, on PostgreSQL) can assign in turn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from yuqing.dedup.fingerprint import MIN_SHINGLES, band_keys, batch_distinct, batch_signatures, same_story
from yuqing.dedup.group import UnionFind, candidate_pairs
from yuqing.dedup.origin import carrying_sites, choose_link, choose_origin
from yuqing.store import stories as q
from yuqing.store.repo import Store

__all__ = ["StoryView", "assign_stories", "story_members", "story_views"]

BATCH = 500


@dataclass(slots=True)
class StoryView:
    """A story as the bulletin and the CLI show it."""

    id: int
    origin_article_id: int | None
    origin_outlet: str | None
    size: int
    first_published_at: datetime | None
    members: list[dict[str, Any]] = field(default_factory=list)
    link: dict[str, Any] | None = None
    sites: list[str] = field(default_factory=list)

    @property
    def reprints(self) -> int:
        """Return how many sites other than the linked page's carry the story (转载 N 家)."""
        own = (self.link or {}).get("site") or (self.link or {}).get("outlet")
        return len([s for s in self.sites if s != own])


def _hex(key: int) -> str:
    return f"{key:016x}"


def assign_stories(store: Store, article_ids: Iterable[int], batch: int = BATCH) -> Counter[str]:
    """Put each article into a story (joining, merging or founding one); return counts by outcome.

    Outcomes: ``unchanged`` (already assigned, same body), ``joined`` (joined an existing story),
    ``founded`` (a new story), ``short`` (too little body text to compare: a story of its own),
    ``merged`` (stories merged because a new article bridged them), ``missing`` (no such id).
    """
    ids = sorted(set(int(i) for i in article_ids))
    counts: Counter[str] = Counter()
    for start in range(0, len(ids), batch):
        with store.engine.begin() as conn:
            _assign_batch(conn, ids[start:start + batch], counts)
    return counts


def _assign_batch(conn, ids: Sequence[int], counts: Counter[str]) -> None:  # type: ignore[no-untyped-def]
    rows = q.articles_for_assign(conn, ids)
    counts["missing"] += len(ids) - len(rows)
    texts = {r["id"]: r["text"] or "" for r in rows}
    sigs, sizes = batch_signatures([texts[r["id"]] for r in rows])
    keys: dict[int, np.ndarray] = {}
    usable = sizes >= MIN_SHINGLES
    if usable.any():
        for r, k in zip([r for r, ok in zip(rows, usable, strict=True) if ok], band_keys(sigs[usable]), strict=True):
            keys[r["id"]] = k
    want = {aid: {(b, _hex(int(k))) for b, k in enumerate(keys[aid])} if aid in keys else set() for aid in texts}
    stored = q.band_rows(conn, list(texts))
    todo = [r for r in rows if not (r["story_id"] is not None and stored.get(r["id"], set()) == want[r["id"]])]
    counts["unchanged"] += len(rows) - len(todo)
    if not todo:
        return
    todo_ids = [r["id"] for r in todo]
    in_batch = set(todo_ids)
    old_story = {r["id"]: r["story_id"] for r in todo if r["story_id"] is not None}
    q.delete_bands(conn, [a for a in todo_ids if stored.get(a)])
    q.set_story(conn, list(old_story), None)

    # Candidates: stored articles sharing a band key, and other articles of this batch.
    wanted: dict[int, set[str]] = {}
    for aid in todo_ids:
        for band, key in want[aid]:
            wanted.setdefault(band, set()).add(key)
    key_owners: dict[tuple[int, str], list[int]] = {}
    for band, key, other in q.find_band_matches(conn, wanted):
        key_owners.setdefault((band, key), []).append(other)
    edges: set[tuple[int, int]] = set()
    for aid in todo_ids:
        for bk in want[aid]:
            for other in key_owners.get(bk, ()):
                if other != aid:
                    edges.add((aid, other))
    local = [a for a in todo_ids if a in keys]
    if len(local) > 1:
        for i, j in candidate_pairs(np.stack([keys[a] for a in local])).tolist():
            edges.add((local[i], local[j]))
    good = _verify(conn, sorted(edges), texts)

    # Connected components over this batch's articles and the stored articles they matched.
    nodes = sorted(in_batch | {b for _, b in good})
    index = {aid: n for n, aid in enumerate(nodes)}
    sets = UnionFind(len(nodes))
    for a, b in good:
        sets.union(index[a], index[b])
    stored_story = q.story_ids_of(conn, [a for a in nodes if a not in in_batch])
    components: dict[int, list[int]] = {}
    for aid in nodes:
        components.setdefault(sets.find(index[aid]), []).append(aid)

    touched: set[int] = set(old_story.values())
    occupied = q.occupied_stories(conn, sorted(touched))
    story_of: dict[int, int] = {}
    founding: list[list[int]] = []
    for members in components.values():
        new = [a for a in members if a in in_batch]
        existing = sorted({s for a in members if (s := stored_story.get(a)) is not None})
        if existing:
            target = existing[0]
            for other in existing[1:]:
                q.move_story(conn, other, target)
                touched.add(other)
                counts["merged"] += 1
            counts["joined"] += len(new)
            story_of.update(dict.fromkeys(new, target))
            continue
        short = [a for a in new if a not in keys]
        counts["short"] += len(short)
        counts["founded"] += 1 if len(new) > len(short) else 0
        counts["joined"] += max(0, len(new) - len(short) - 1)
        # A body edit that keeps the article alone keeps its story id, if nobody else is in it.
        reusable = sorted({old_story[a] for a in new if a in old_story} - occupied)
        if reusable:
            occupied.add(reusable[0])
            story_of.update(dict.fromkeys(new, reusable[0]))
        else:
            founding.append(new)
    for new, sid in zip(founding, q.new_stories(conn, len(founding)), strict=True):
        story_of.update(dict.fromkeys(new, sid))
    q.set_stories(conn, story_of)
    touched |= set(story_of.values())
    q.insert_bands(conn, [{"band": band, "key": key, "article_id": aid}
                          for aid in todo_ids for band, key in sorted(want[aid])])
    _refresh(conn, touched)


def _verify(conn, edges: list[tuple[int, int]], texts: dict[int, str]) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Return the candidate ``edges`` that pass the exact check, reading stored bodies not in ``texts``."""
    if not edges:
        return []
    involved = sorted({a for e in edges for a in e})
    bodies = dict(texts)
    bodies.update(q.texts_of(conn, [a for a in involved if a not in bodies]))
    involved = [a for a in involved if a in bodies]
    flat, offsets = batch_distinct([bodies[a] or "" for a in involved])
    at = {aid: n for n, aid in enumerate(involved)}

    def codes(aid: int) -> np.ndarray:
        n = at[aid]
        return flat[offsets[n]:offsets[n + 1]]

    return [(a, b) for a, b in edges if a in at and b in at and same_story(codes(a), codes(b))]


def _refresh(conn, story_ids: set[int]) -> None:  # type: ignore[no-untyped-def]
    """Recompute origin, size and first publication of ``story_ids``; drop the ones left empty."""
    members = q.member_rows(conn, sorted(story_ids))
    values = {}
    for sid in sorted(story_ids):
        group = members.get(sid, [])
        if not group:
            q.delete_story(conn, sid)
            continue
        origin, outlet = choose_origin(group)
        dates = [m["published_at"] for m in group if m["published_at"] is not None]
        values[sid] = {"origin_article_id": origin["id"], "origin_outlet": outlet, "size": len(group),
                       "first_published_at": min(dates) if dates else None}
    q.update_stories(conn, values)


def story_views(store: Store, story_ids: Iterable[int]) -> dict[int, StoryView]:
    """Return the stories ``story_ids`` with their members, linked page and carrying sites."""
    wanted = sorted({int(s) for s in story_ids if s is not None})
    with store.engine.connect() as conn:
        rows = q.story_rows(conn, wanted)
        members = q.member_rows(conn, wanted)
    out: dict[int, StoryView] = {}
    for sid, row in rows.items():
        group = members.get(sid, [])
        out[sid] = StoryView(
            id=sid, origin_article_id=row["origin_article_id"], origin_outlet=row["origin_outlet"],
            size=row["size"], first_published_at=row["first_published_at"], members=group,
            link=choose_link(group, row["origin_article_id"], row["origin_outlet"]) if group else None, sites=carrying_sites(group),
        )
    return out


def story_members(store: Store, story_id: int) -> list[dict[str, Any]]:
    """Return the pages carrying story ``story_id`` (id, url, title, outlet, site, tier, published_at)."""
    view = story_views(store, [story_id]).get(story_id)
    return view.members if view else []

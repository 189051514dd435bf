"""Compose an issue from the store: the window's matched articles, in order, one per story, numbered."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from yuqing.errors import ReportError
from yuqing.models import Issue, IssueItem
from yuqing.report.window import Window
from yuqing.settings import Settings
from yuqing.store import schema as t
from yuqing.store.issues import issue_of_window, item_rows
from yuqing.store.repo import Store
from yuqing.store.stories import story_ids_of

__all__ = ["compose_issue", "counter_name"]


def counter_name(profile: str) -> str:
    """Return the name of the issue counter of ``profile`` in the store."""
    return f"issue:{profile}"


def _outlet(row: dict) -> str:
    return row.get("outlet") or row.get("site") or "未知来源"


def select_items(store: Store, profile: str, window: Window) -> list[IssueItem]:
    """Return the window's matched articles as issue items, by publication time then score.

    Reprints of one story (same ``story_id``) appear once. A story is credited to its origin outlet
    (媒体), linked to its most authoritative carrying page (链接; its title and text are shown) and
    counts the other sites carrying it (``reprints``, 转载 N 家); see :mod:`yuqing.dedup.origin`.
    """
    start, end = window.bounds_utc()
    rows = list(store.list_articles(start, end, profile=profile, matched_only=True))
    rows.sort(key=lambda r: (r["published_at"], -(r["topic_score"] or 0.0), r["id"]))
    items: list[IssueItem] = []
    seen_stories: set[int] = set()
    for row in rows:
        story = row.get("story_id")
        if story is not None:
            if story in seen_stories:
                continue
            seen_stories.add(story)
        items.append(IssueItem(
            position=len(items) + 1, article_id=row["id"], title=row["title"] or "(无标题)",
            outlet=_outlet(row), published_at=row["published_at"], link=row["url"],
            summary=row["text"] or "", site=row.get("site"),
        ))
    return _credit_stories(store, items, {r["id"]: r.get("story_id") for r in rows})


def _credit_stories(store: Store, items: list[IssueItem], story_of: dict[int, int | None]) -> list[IssueItem]:
    """Point each item at its story's origin outlet and linked page, with its reprint count."""
    from yuqing.dedup import story_views
    from yuqing.store.stories import article_rows

    views = story_views(store, [s for s in story_of.values() if s is not None])
    linked = {v.link["id"] for v in views.values() if v.link is not None}
    with store.engine.connect() as conn:
        pages = article_rows(conn, sorted(linked))
    for item in items:
        view = views.get(story_of.get(item.article_id or -1) or -1)
        if view is None or view.link is None:
            continue
        origin = next((m for m in view.members if m["id"] == view.origin_article_id), None)
        page = pages.get(view.link["id"])
        if page is not None:
            item.article_id, item.link, item.site = page["id"], page["url"], page["site"]
            item.title, item.summary = page["title"] or item.title, page["text"] or item.summary
        item.outlet = view.origin_outlet or item.outlet
        if origin is not None and origin["published_at"] is not None:
            item.published_at = origin["published_at"]
        item.reprints = view.reprints
    return items


def _merge_with_draft(store: Store, profile: str, window: Window) -> list[IssueItem]:
    """Return the items of ``window``'s draft: fresh from the store, without undoing an editor's work.

    Stories the editor rejected are left out. A draft nobody has touched is simply composed again, so
    late articles take their place by time. A draft an editor has worked on (an item reworded,
    reordered, or an accepted story taken out, as the web workspace does) keeps its items as they
    are; only stories nobody has decided on yet are appended, in publication order.
    """
    fresh = select_items(store, profile, window)
    draft = issue_of_window(store.engine, profile, window.first, window.last, "draft")
    with store.engine.connect() as conn:
        decided_rows = conn.execute(select(t.decisions.c.article_id, t.decisions.c.decision)
                                    .where(t.decisions.c.profile == profile)).all()
        existing = item_rows(conn, int(draft["id"])) if draft is not None else []
        ids = {r.article_id for r in decided_rows} | {it.article_id for it in fresh + existing if it.article_id}
        story_of = story_ids_of(conn, sorted(ids))

    def key(article_id: int | None) -> tuple[str, int | None]:
        story = story_of.get(article_id) if article_id is not None else None
        return ("story", story) if story is not None else ("article", article_id)

    decision = {key(r.article_id): r.decision for r in decided_rows}
    fresh = [it for it in fresh if decision.get(key(it.article_id)) != "reject"]
    by_key = {key(it.article_id): it for it in fresh}
    have = [key(it.article_id) for it in existing]
    in_draft = set(have)
    untouched = (
        all((f := by_key.get(k)) is not None and (f.title, f.outlet, f.summary) == (it.title, it.outlet, it.summary)
            for k, it in zip(have, existing, strict=True))
        and have == [k for k in by_key if k in in_draft]
        and not any(decision.get(k) == "accept" and k not in in_draft for k in by_key)
    )
    if untouched:
        return fresh
    items = [it for it in existing if decision.get(key(it.article_id)) != "reject"]
    items += [it for k, it in by_key.items() if k not in in_draft and k not in decision]
    for n, it in enumerate(items, 1):
        it.position = n
    return items


def compose_issue(store: Store, settings: Settings, profile: str, window: Window,
                  number: int | None = None, issue_date: date | None = None) -> Issue:
    """Compose and store the draft issue of ``window``; its number is kept across re-runs."""
    if number is not None and number < 1:
        raise ReportError(f"issue numbers start at 1, not {number}")
    # -- life cycle (report/lifecycle.py): a published window is frozen; numbering per masthead.numbering --
    from yuqing.report.lifecycle import ensure_recomposable, numbering

    ensure_recomposable(store, profile, window)
    issue = Issue(
        number=0, title=settings["masthead.title"], issuer=settings["masthead.issuer"],
        issue_date=issue_date or window.issue_date, window_from=window.first, window_to=window.last,
        scope=settings["masthead.scope"], items=_merge_with_draft(store, profile, window), profile=profile,
    )
    counter, floor = numbering(store, settings, profile, issue.issue_date)
    issue.extras["numbering"] = settings["masthead.numbering"]
    return store.save_draft(issue, counter, floor, number)

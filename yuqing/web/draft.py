"""The editor's draft: decisions, and the items of the draft issue they produce.

The draft of a window is an ``issues`` row with status ``draft``; its ``issue_items`` are what the
editor accepted, in the editor's order, with the editor's wording. The rules that keep edits safe:

* accepting a story appends its item (title, outlet, full text as 主要内容) at the end;
* rejecting removes it; the other items keep their order and edits;
* "补入新候选" (:func:`add_missing`) only appends accepted stories that have no item yet, it never
  rewrites an existing item; so new candidates arriving mid-week never discard the editor's work;
* a published issue is frozen: every function here refuses to change it (:class:`ReportError`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, and_, delete, insert, select, update
from sqlalchemy.engine import Connection

from yuqing.errors import ReportError
from yuqing.models import Issue, IssueItem
from yuqing.report.lifecycle import numbering
from yuqing.report.window import Window
from yuqing.settings import Settings
from yuqing.store import schema as t
from yuqing.store.db import to_db, utcnow
from yuqing.store.issues import issue_of_window, item_rows
from yuqing.store.repo import Store
from yuqing.web.queries import StoryGroup

__all__ = ["add_missing", "decide", "draft_of", "ensure_draft", "load_issue", "move_item", "published_of",
           "update_item"]


def _issue_row(engine: Engine, profile: str, window: Window, status: str) -> dict[str, Any] | None:
    return issue_of_window(engine, profile, window.first, window.last, status)


def draft_of(engine: Engine, profile: str, window: Window) -> dict[str, Any] | None:
    """Return the draft issue row of ``window``, if one exists."""
    return _issue_row(engine, profile, window, "draft")


def published_of(engine: Engine, profile: str, window: Window) -> dict[str, Any] | None:
    return _issue_row(engine, profile, window, "published")


def ensure_draft(store: Store, settings: Settings, profile: str, window: Window) -> int:
    """Return the id of ``window``'s draft, creating an empty numbered one when there is none."""
    existing = draft_of(store.engine, profile, window)
    if existing is not None:
        return int(existing["id"])
    if published_of(store.engine, profile, window) is not None:
        raise ReportError("本周期刊已发布，内容已冻结；如需修改请发布更正")
    issue = Issue(number=0, title=settings["masthead.title"], issuer=settings["masthead.issuer"],
                  issue_date=window.issue_date, window_from=window.first, window_to=window.last,
                  scope=settings["masthead.scope"], items=[], profile=profile)
    counter, floor = numbering(store, settings, profile, window.issue_date)
    saved = store.save_draft(issue, counter, floor)
    assert saved.id is not None
    return saved.id


def load_issue(engine: Engine, issue_id: int) -> Issue | None:
    """Return the issue ``issue_id`` with its items in order, as the renderers take it."""
    with engine.connect() as conn:
        row = conn.execute(select(t.issues).where(t.issues.c.id == issue_id)).first()
        if row is None:
            return None
        items = item_rows(conn, issue_id)
    return Issue(number=row.number, title=row.title, issuer=row.issuer, issue_date=row.issue_date,
                 window_from=row.window_from, window_to=row.window_to, scope=row.scope, items=items,
                 status=row.status, id=row.id, profile=row.profile)


def _editable(conn: Connection, issue_id: int) -> list[IssueItem]:
    status = conn.execute(select(t.issues.c.status).where(t.issues.c.id == issue_id)).scalar()
    if status is None:
        raise ReportError(f"没有第 {issue_id} 号草稿")
    if status != "draft":
        raise ReportError("该期已发布，内容已冻结")
    return item_rows(conn, issue_id)


def _rewrite(conn: Connection, issue_id: int, items: list[IssueItem]) -> None:
    """Store ``items`` as the issue's items, numbered 1..n in the given order."""
    conn.execute(delete(t.issue_items).where(t.issue_items.c.issue_id == issue_id))
    if items:
        conn.execute(insert(t.issue_items), [
            {"issue_id": issue_id, "position": n, "article_id": it.article_id, "title": it.title,
             "outlet": it.outlet, "published_at": to_db(it.published_at), "link": it.link, "site": it.site,
             "summary": it.summary, "reprints": it.reprints}
            for n, it in enumerate(items, start=1)
        ])


def _item_for(group: StoryGroup) -> IssueItem:
    o = group.origin
    return IssueItem(position=0, article_id=o.id, title=o.title, outlet=o.outlet, published_at=o.published_at,
                     link=o.url, summary=o.text, site=o.site, reprints=len(group.carriers))


def decide(engine: Engine, profile: str, group: StoryGroup, decision: str, user: str,
           issue_id: int | None) -> None:
    """Record ``decision`` for the story's origin and bring the draft in line (append or remove its item)."""
    if decision not in ("accept", "reject"):
        raise ReportError(f"unknown decision {decision!r}")
    d = t.decisions
    members = [c.id for c in group.members]
    with engine.begin() as conn:
        items = _editable(conn, issue_id) if issue_id is not None else None
        conn.execute(delete(d).where(d.c.profile == profile, d.c.article_id.in_(members)))
        conn.execute(insert(d).values(article_id=group.origin.id, profile=profile, decision=decision,
                                      decided_by=user, decided_at=utcnow()))
        if items is None:
            return
        present = [it for it in items if it.article_id in members]
        if decision == "accept" and not present:
            _rewrite(conn, issue_id, [*items, _item_for(group)])  # type: ignore[arg-type]
        elif decision == "reject" and present:
            _rewrite(conn, issue_id, [it for it in items if it.article_id not in members])  # type: ignore[arg-type]


def add_missing(engine: Engine, issue_id: int, groups: list[StoryGroup]) -> int:
    """Append an item for each accepted story that has none; existing items stay as edited. Return how many."""
    with engine.begin() as conn:
        items = _editable(conn, issue_id)
        present = {it.article_id for it in items}
        new = [_item_for(g) for g in groups
               if g.decision == "accept" and not present.intersection(c.id for c in g.members)]
        if new:
            _rewrite(conn, issue_id, items + new)
    return len(new)


def move_item(engine: Engine, issue_id: int, position: int, to: int) -> None:
    """Move the item at ``position`` to position ``to`` (1-based, clamped)."""
    with engine.begin() as conn:
        items = _editable(conn, issue_id)
        index = next((n for n, it in enumerate(items) if it.position == position), None)
        if index is None:
            raise ReportError(f"第 {position} 条不存在")
        item = items.pop(index)
        items.insert(min(max(to, 1), len(items) + 1) - 1, item)
        _rewrite(conn, issue_id, items)


def update_item(engine: Engine, issue_id: int, position: int, *, title: str, outlet: str, summary: str) -> None:
    """Set the wording of one item: title, outlet and 主要内容 (whitespace at the ends trimmed)."""
    title, outlet = title.strip(), outlet.strip()
    summary = "\n".join(line.rstrip() for line in summary.replace("\r\n", "\n").strip().split("\n"))
    if not title or not outlet:
        raise ReportError("标题和媒体不能为空")
    with engine.begin() as conn:
        items = _editable(conn, issue_id)
        if not any(it.position == position for it in items):
            raise ReportError(f"第 {position} 条不存在")
        conn.execute(update(t.issue_items)
                     .where(and_(t.issue_items.c.issue_id == issue_id, t.issue_items.c.position == position))
                     .values(title=title, outlet=outlet, summary=summary))


def remove_item(engine: Engine, issue_id: int, position: int) -> None:
    with engine.begin() as conn:
        items = _editable(conn, issue_id)
        _rewrite(conn, issue_id, [it for it in items if it.position != position])


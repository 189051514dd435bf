"""The seam between the web workspace and the issue life cycle (publish, render, download).

The life cycle belongs to :mod:`yuqing.store.issues` and :mod:`yuqing.report`. This adapter calls
them when they offer the function, and otherwise does the least that keeps the promise: a published
issue is numbered, its status and time are set once, and nothing edits it afterwards
(:mod:`yuqing.web.draft` refuses). Swap the fallbacks out by deleting them once the life cycle lands.
"""

from __future__ import annotations

import importlib

from sqlalchemy import select, update

from yuqing.errors import ReportError
from yuqing.models import Issue
from yuqing.report import RENDERERS, issue_basename, parse_formats, render, write_issue
from yuqing.settings import Settings
from yuqing.store import schema as t
from yuqing.store.db import utcnow
from yuqing.store.repo import Store
from yuqing.web.draft import load_issue

__all__ = ["download", "formats", "preview_html", "publish"]

MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _life_cycle(name: str):  # type: ignore[no-untyped-def]
    """Return ``yuqing.store.issues.<name>`` when that module offers it, else ``None``."""
    try:
        module = importlib.import_module("yuqing.store.issues")
    except ImportError:  # the life-cycle module has not landed: use the fallback below
        return None
    return getattr(module, name, None)


def formats() -> list[str]:
    """Return the download formats the renderers offer, Word and PDF first when present."""
    order = {"docx": 0, "pdf": 1, "md": 2, "html": 3}
    return sorted(RENDERERS, key=lambda f: order.get(f, 9))


def publish(store: Store, settings: Settings, issue_id: int, user: str) -> Issue:
    """Publish draft ``issue_id``: frozen from now on; its files are written under reports/."""
    official = _life_cycle("publish_issue")
    if official is not None:
        official(store, issue_id)
    else:
        with store.engine.begin() as conn:
            status = conn.execute(select(t.issues.c.status).where(t.issues.c.id == issue_id)).scalar()
            if status != "draft":
                raise ReportError("只有草稿可以发布" if status else f"没有第 {issue_id} 号期刊")
            count = conn.execute(select(t.issue_items.c.position).where(t.issue_items.c.issue_id == issue_id)).all()
            if not count:
                raise ReportError("草稿没有任何条目，不能发布")
            conn.execute(update(t.issues).where(t.issues.c.id == issue_id)
                         .values(status="published", published_at=utcnow()))
    issue = load_issue(store.engine, issue_id)
    assert issue is not None
    paths = write_issue(issue, settings.reports_dir, parse_formats(settings["report.formats"]))
    with store.engine.begin() as conn:
        conn.execute(update(t.issues).where(t.issues.c.id == issue_id)
                     .values(files=[str(p.relative_to(settings.workspace)) for p in paths]))
    return issue


def download(issue: Issue, fmt: str) -> tuple[bytes, str, str]:
    """Render ``issue`` as ``fmt``; return (content, file name, media type). Raise ReportError when unknown."""
    if fmt not in RENDERERS:
        raise ReportError(f"没有 {fmt} 格式")
    return render(issue, fmt), f"{issue_basename(issue)}.{fmt}", MEDIA_TYPES.get(fmt, "application/octet-stream")


def preview_html(issue: Issue) -> str | None:
    """Return the HTML renderer's page of ``issue``, or ``None`` while there is no HTML renderer."""
    renderer = RENDERERS.get("html")
    if renderer is None:
        return None
    result = renderer(issue)
    return result.decode("utf-8") if isinstance(result, bytes) else str(result)

"""The web workspace's calls into the issue life cycle (:mod:`yuqing.report.lifecycle`) and the renderers.

Publishing, archiving and delivery are the life cycle's; this module only picks what the pages need:
publish a draft, load an issue as the renderers take it (with the sections the settings switch on),
render one format for a download or the preview.
"""

from __future__ import annotations

from yuqing.errors import ReportError
from yuqing.models import Issue
from yuqing.report import RENDERERS, issue_basename, render
from yuqing.report import lifecycle as life
from yuqing.settings import Settings
from yuqing.store.repo import Store

__all__ = ["download", "formats", "load_for_render", "preview_html", "publish"]

MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def formats() -> list[str]:
    """Return the download formats the renderers offer, Word and PDF first."""
    order = {"docx": 0, "pdf": 1, "md": 2, "html": 3}
    return sorted(RENDERERS, key=lambda f: order.get(f, 9))


def publish(store: Store, settings: Settings, issue_id: int) -> Issue:
    """Publish draft ``issue_id``: rendered into its archive folder, frozen, delivered if so configured."""
    return life.publish(store, settings, issue_id).issue


def load_for_render(store: Store, settings: Settings, issue_id: int) -> Issue:
    """Return the issue as the renderers take it; raise ReportError when there is none."""
    return life.load_issue(store, settings, issue_id)


def download(store: Store, settings: Settings, issue: Issue, fmt: str) -> tuple[bytes, str, str]:
    """Render ``issue`` as ``fmt``; return (content, file name, media type). Raise ReportError when unknown."""
    if fmt not in RENDERERS:
        raise ReportError(f"没有 {fmt} 格式")
    assert issue.id is not None
    full = load_for_render(store, settings, issue.id)
    content = render(full, fmt, docx_template=life.docx_template(settings))
    return content, f"{issue_basename(full)}.{fmt}", MEDIA_TYPES.get(fmt, "application/octet-stream")


def preview_html(store: Store, settings: Settings, issue: Issue) -> str:
    """Return the HTML rendering of ``issue``, as it will be published."""
    assert issue.id is not None
    return render(load_for_render(store, settings, issue.id), "html").decode("utf-8")

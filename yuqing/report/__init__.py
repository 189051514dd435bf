"""Compose an issue from the store and render it to files."""

from __future__ import annotations

from pathlib import Path

from yuqing.errors import ReportError
from yuqing.models import Issue
from yuqing.report.markdown import render_markdown

__all__ = ["RENDERERS", "issue_basename", "write_issue"]

RENDERERS = {"md": render_markdown}


def issue_basename(issue: Issue) -> str:
    """Return the file name stem of ``issue``: issue-275-2017-10-27."""
    return f"issue-{issue.number}-{issue.issue_date.isoformat()}"


def write_issue(issue: Issue, folder: Path, formats: list[str]) -> list[Path]:
    """Write ``issue`` into ``folder`` in each of ``formats``; return the paths written."""
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown:
        raise ReportError(f"unknown report format(s): {', '.join(unknown)}; known: {', '.join(RENDERERS)}")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = folder / f"{issue_basename(issue)}.{fmt}"
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(RENDERERS[fmt](issue), encoding="utf-8")
        tmp.replace(path)  # never leave a half-written report behind
        written.append(path)
    return written

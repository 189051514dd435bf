"""Compose an issue from the store and render it to files: Markdown, HTML, Word, PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from yuqing.errors import ReportError
from yuqing.models import Issue
from yuqing.report.markdown import render_markdown

__all__ = ["FORMATS", "RENDERERS", "issue_basename", "parse_formats", "render", "write_issue"]


def _html(issue: Issue) -> str:
    from yuqing.report.html import render_html

    return render_html(issue)


def _docx(issue: Issue) -> bytes:
    from yuqing.report.docx import render_docx

    return render_docx(issue)


def _pdf(issue: Issue) -> bytes:
    from yuqing.report.pdf import render_pdf

    return render_pdf(issue)


RENDERERS: dict[str, Callable[[Issue], str | bytes]] = {
    "md": render_markdown, "html": _html, "docx": _docx, "pdf": _pdf,
}
"""Format name → function of one composed Issue returning text (md, html) or bytes (docx, pdf)."""
FORMATS = tuple(RENDERERS)


def issue_basename(issue: Issue) -> str:
    """Return the file name stem of ``issue``: issue-275-2017-10-27 (…-correction for a correction)."""
    stem = f"issue-{issue.number}-{issue.issue_date.isoformat()}"
    return stem + "-correction" if issue.status == "correction" else stem


def parse_formats(text: str) -> list[str]:
    """Return the formats of ``md,html,docx,pdf`` (``all`` for every one); raise ReportError when unknown."""
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    if formats == ["all"]:
        return list(RENDERERS)
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown:
        raise ReportError(f"unknown report format(s): {', '.join(unknown)}; known: {', '.join(RENDERERS)}")
    return formats


def render(issue: Issue, fmt: str, docx_template: Path | None = None) -> bytes:
    """Return ``issue`` rendered as ``fmt``, as bytes (UTF-8 for the text formats)."""
    if fmt == "docx" and docx_template is not None:
        from yuqing.report.docx_template import render_docx_template

        return render_docx_template(issue, docx_template)
    if fmt not in RENDERERS:
        raise ReportError(f"unknown report format {fmt!r}; known: {', '.join(RENDERERS)}")
    out = RENDERERS[fmt](issue)
    return out.encode("utf-8") if isinstance(out, str) else out


def write_issue(issue: Issue, folder: Path, formats: list[str],
                docx_template: Path | None = None) -> list[Path]:
    """Write ``issue`` into ``folder`` in each of ``formats``; return the paths written.

    ``docx_template``: a user's .docx template (docxtpl) to fill instead of the built-in Word layout.
    """
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown:
        raise ReportError(f"unknown report format(s): {', '.join(unknown)}; known: {', '.join(RENDERERS)}")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = folder / f"{issue_basename(issue)}.{fmt}"
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(render(issue, fmt, docx_template))
        tmp.replace(path)  # never leave a half-written report behind
        written.append(path)
    return written

"""Render an issue as Markdown in the form of the model bulletin (issue 275)."""

from __future__ import annotations

import re

from yuqing.models import Issue
from yuqing.report.parts import (
    display_title,
    issue_date_text,
    item_date,
    lead_sentence,
    masthead_label,
    media_line,
    paragraphs,
    sections,
)

__all__ = ["render_markdown", "lead_sentence", "item_date"]

_LIST_START = re.compile(r"^(\d+)\.")


def _escape(text: str) -> str:
    """Escape what Markdown would read as markup at the start of a line or inside it."""
    out = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
    if _LIST_START.match(out):
        return _LIST_START.sub(r"\1\\.", out, count=1)
    if out[:1] in "#>-+|":
        return "\\" + out
    return out


def _overview(issue: Issue) -> list[str]:
    ov = issue.extras["overview"]
    lines = [f"本期共{ov['total']}篇。", ""]
    for caption, key in (("按日期", "by_day"), ("按信源类别", "by_tier"), ("按媒体", "by_outlet")):
        lines += [f"{caption}：", ""]
        lines += [f"- {_escape(label)}：{count}篇" for label, count in ov[key]]
        lines.append("")
    return lines


def _failed_sources(issue: Issue) -> list[str]:
    rows = issue.extras["failed_sources"]
    if not rows:
        return ["本期所有信源均采集正常。", ""]
    return [f"- {_escape(r['name'])}：{r['reason']}" for r in rows] + [""]


def render_markdown(issue: Issue) -> str:
    """Return the Markdown text of ``issue``: masthead, 本期导语, 一、信息目录, 二、具体内容."""
    lines = [
        f"# {display_title(issue)}", "",
        f"## {masthead_label(issue)}", "",
        issue.issuer, "",
        issue_date_text(issue), "",
        "---", "",
        "### 本期导语：", "",
        lead_sentence(issue), "",
    ]
    for section in sections(issue):
        lines += [f"### {section.heading}", ""]
        if section.key == "overview":
            lines += _overview(issue)
        elif section.key == "catalogue":
            lines += [f"{it.position}. {_escape(it.title)}（{it.outlet}）" for it in issue.items]
            lines.append("")
        elif section.key == "details":
            for it in issue.items:
                lines += [
                    f"#### {it.position}. 标题：{_escape(it.title)}", "",
                    media_line(issue, it), "",
                    f"链接：<{it.link}>", "",
                    "主要内容：", "",
                ]
                for para in paragraphs(it):
                    lines += [_escape(para), ""]
        elif section.key == "failed_sources":
            lines += _failed_sources(issue)
    return "\n".join(lines).rstrip("\n") + "\n"

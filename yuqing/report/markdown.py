"""Render an issue as Markdown in the form of the model bulletin (issue 275)."""

from __future__ import annotations

import re
from datetime import timedelta, timezone

from yuqing.models import Issue, IssueItem
from yuqing.text.numerals import chinese_date, issue_label

__all__ = ["render_markdown", "lead_sentence"]

CHINA = timezone(timedelta(hours=8))
_LIST_START = re.compile(r"^(\d+)\.")


def lead_sentence(issue: Issue) -> str:
    """Return the 本期导语 sentence: how many items, the window, the scope."""
    return (f"本次监测共收集到{len(issue.items)}篇相关信息，时间从{chinese_date(issue.window_from)}"
            f"到{chinese_date(issue.window_to)}，监测范围包括{issue.scope}。")


def item_date(item: IssueItem) -> str:
    """Return the item's publication day in China time as 2017-10-23, or an empty string."""
    if item.published_at is None:
        return ""
    return item.published_at.astimezone(CHINA).date().isoformat()


def _escape(text: str) -> str:
    """Escape what Markdown would read as markup at the start of a line or inside it."""
    out = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
    if _LIST_START.match(out):
        return _LIST_START.sub(r"\1\\.", out, count=1)
    if out[:1] in "#>-+|":
        return "\\" + out
    return out


def render_markdown(issue: Issue) -> str:
    """Return the Markdown text of ``issue``: masthead, 本期导语, 一、信息目录, 二、具体内容."""
    lines = [
        f"# {issue.title}", "",
        f"## {issue_label(issue.number)}", "",
        issue.issuer, "",
        chinese_date(issue.issue_date), "",
        "---", "",
        "### 本期导语：", "",
        lead_sentence(issue), "",
        "### 一、信息目录", "",
    ]
    lines += [f"{it.position}. {_escape(it.title)}（{it.outlet}）" for it in issue.items]
    lines += ["", "### 二、具体内容", ""]
    for it in issue.items:
        lines += [
            f"#### {it.position}. 标题：{_escape(it.title)}", "",
            f"媒体：{it.outlet} {item_date(it)}".rstrip(), "",
            f"链接：<{it.link}>", "",
            "主要内容：", "",
        ]
        for para in it.summary.split("\n"):
            if para.strip():
                lines += [_escape(para.strip()), ""]
    return "\n".join(lines).rstrip("\n") + "\n"

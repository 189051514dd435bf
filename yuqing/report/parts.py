"""What every rendering of an issue prints, worked out once: masthead lines, lead, section headings.

The renderers (Markdown, HTML, Word, PDF) differ only in layout; the words come from here, so the four
files of one issue never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, timezone

from yuqing.models import Issue, IssueItem
from yuqing.text.numerals import chinese_date, digits_one_by_one, issue_label

__all__ = [
    "CORRECTION_MARK",
    "Section",
    "display_title",
    "item_date",
    "lead_sentence",
    "masthead_label",
    "sections",
]

CHINA = timezone(timedelta(hours=8))
CORRECTION_MARK = "更正"
_SECTION_NUMERALS = "一二三四五六七八九十"


def display_title(issue: Issue) -> str:
    """Return the title as printed: a correction carries （更正） after it."""
    if issue.status == "correction":
        return f"{issue.title}（{CORRECTION_MARK}）"
    return issue.title


def masthead_label(issue: Issue) -> str:
    """Return the number line: （第二七五期）, or （2017年第五期） when issues are numbered per year."""
    if issue.extras.get("numbering") == "yearly":
        return f"（{issue.issue_date.year}年第{digits_one_by_one(issue.number)}期）"
    return issue_label(issue.number)


def issue_date_text(issue: Issue) -> str:
    """Return the issue's date as printed: 2017年10月27日."""
    return chinese_date(issue.issue_date)


def lead_sentence(issue: Issue) -> str:
    """Return the 本期导语 sentence: how many items, the window, the scope."""
    return (f"本次监测共收集到{len(issue.items)}篇相关信息，时间从{chinese_date(issue.window_from)}"
            f"到{chinese_date(issue.window_to)}，监测范围包括{issue.scope}。")


def item_date(item: IssueItem) -> str:
    """Return the item's publication day in China time as 2017-10-23, or an empty string."""
    if item.published_at is None:
        return ""
    return item.published_at.astimezone(CHINA).date().isoformat()


def media_line(issue: Issue, item: IssueItem) -> str:
    """Return the 媒体 line: origin outlet and day, and （转载 N 家） when ``report.reprint_counts`` is on."""
    line = f"媒体：{item.outlet} {item_date(item)}".rstrip()
    if issue.extras.get("reprint_counts") and item.reprints > 0:
        line += f"（转载 {item.reprints} 家）"
    return line


def paragraphs(item: IssueItem) -> list[str]:
    """Return the item's 主要内容 as stripped, non-empty paragraphs."""
    return [p.strip() for p in item.summary.split("\n") if p.strip()]


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    """``overview`` | ``catalogue`` | ``details`` | ``failed_sources``"""
    heading: str
    """一、信息目录 …: numbered in the order printed."""


def sections(issue: Issue) -> list[Section]:
    """Return the numbered sections of ``issue`` in print order; optional ones only when present.

    With no options this is the model bulletin's 一、信息目录 and 二、具体内容.
    """
    names = []
    if issue.extras.get("overview") is not None:
        names.append(("overview", "舆情概述"))
    names += [("catalogue", "信息目录"), ("details", "具体内容")]
    if issue.extras.get("failed_sources") is not None:
        names.append(("failed_sources", "本期未能采集的信源"))
    return [Section(key, f"{_SECTION_NUMERALS[i]}、{name}") for i, (key, name) in enumerate(names)]

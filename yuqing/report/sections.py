"""The optional sections of an issue, worked out from the store: 舆情概述 and 本期未能采集的信源.

:func:`add_sections` fills ``issue.extras`` as the workspace's settings ask; the renderers print what
is there. Counts come from the issue's own items, so they always agree with the catalogue.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from yuqing.models import TIERS, Issue
from yuqing.report.parts import item_date
from yuqing.report.window import Window
from yuqing.settings import Settings
from yuqing.store.repo import Store

__all__ = ["TIER_LABELS", "add_sections", "failed_sources", "overview"]

TIER_LABELS = {"central": "中央媒体", "ministry": "部委网站", "provincial": "地方政府及卫生部门",
               "industry": "行业媒体", "other": "其他"}


def overview(issue: Issue, tiers: dict[int, str | None]) -> dict[str, Any]:
    """Return the 舆情概述 counts of ``issue``: total, by day (every day of the window), by tier, by outlet."""
    days = Counter(item_date(it) for it in issue.items)
    by_day = []
    day = issue.window_from
    while day <= issue.window_to:
        by_day.append((f"{day.month}月{day.day}日", days.get(day.isoformat(), 0)))
        day += timedelta(days=1)
    undated = days.get("", 0)
    if undated:
        by_day.append(("日期不详", undated))
    tier_counts = Counter((tiers.get(it.article_id) if it.article_id is not None else None) or "other"
                          for it in issue.items)
    by_tier = [(TIER_LABELS.get(t, t), tier_counts[t]) for t in (*TIERS, *sorted(set(tier_counts) - set(TIERS)))
               if tier_counts.get(t)]
    outlets = Counter(it.outlet for it in issue.items)
    by_outlet = sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))
    return {"total": len(issue.items), "by_day": by_day, "by_tier": by_tier, "by_outlet": by_outlet}


def _reason(row: dict[str, Any]) -> str:
    if row["consecutive_failures"]:
        text = f"连续{row['consecutive_failures']}次采集失败"
        if row.get("last_error"):
            text += f"（{str(row['last_error'])[:60]}）"
        return text
    if row["last_success_at"] is None:
        return "从未采集成功"
    return f"本期无成功采集，最近一次成功于{row['last_success_at'].date().isoformat()}"


def failed_sources(store: Store, issue: Issue) -> list[dict[str, Any]]:
    """Return the sources that failed during ``issue``'s window, with a reason a reader understands."""
    from yuqing.store.issues import failing_sources

    start, _ = Window(issue.window_from, issue.window_to).bounds_utc()
    rows = failing_sources(store, start)
    return [{**r, "tier_label": TIER_LABELS.get(r["tier"], r["tier"]), "reason": _reason(r)} for r in rows]


def add_sections(issue: Issue, store: Store, settings: Settings) -> Issue:
    """Fill ``issue.extras`` with the sections and masthead options ``settings`` switch on; return it."""
    from yuqing.store.issues import article_tiers

    issue.extras["numbering"] = settings["masthead.numbering"]
    issue.extras["reprint_counts"] = bool(settings["report.reprint_counts"])
    if settings["report.overview"]:
        ids = [it.article_id for it in issue.items if it.article_id is not None]
        issue.extras["overview"] = overview(issue, article_tiers(store, ids))
    if settings["report.failed_sources"]:
        issue.extras["failed_sources"] = failed_sources(store, issue)
    return issue

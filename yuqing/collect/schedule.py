"""``yuqing run``: collect each source on its schedule and compose the draft issue on the report day.

APScheduler runs the jobs one at a time (a single worker thread): collects share one reactor and one
store. SIGTERM or Ctrl-C stops the scheduler after the job in progress.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from datetime import UTC, date
from typing import Any

__all__ = ["compose_draft", "run_forever"]

log = logging.getLogger(__name__)
_DAYS = {"monday": "mon", "tuesday": "tue", "wednesday": "wed", "thursday": "thu", "friday": "fri",
         "saturday": "sat", "sunday": "sun"}


def compose_draft(workspace: Any, day: date | None = None) -> Any:
    """Compose this week's draft issue and write it under reports/; return the issue."""
    from yuqing.report import write_issue
    from yuqing.report.compose import compose_issue
    from yuqing.report.window import window_for

    settings = workspace.settings
    window = window_for(day or date.today(), settings["window.start"], settings["window.end"])
    issue = compose_issue(workspace.store, settings, workspace.profile.name, window)
    fmts = [f.strip() for f in settings["report.formats"].split(",") if f.strip()]
    write_issue(issue, settings.reports_dir, fmts)
    return issue


def run_forever(workspace: Any, on_collect: Callable[[str, Any], None] | None = None) -> None:
    """Schedule every enabled source and the weekly draft; block until SIGTERM/SIGINT."""
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.cron import CronTrigger

    from yuqing.collect.crawl import collect, load_workspace_sources

    settings = workspace.settings
    sources = [s for s in load_workspace_sources(settings, workspace.store.engine) if s.enabled]
    scheduler = BlockingScheduler(executors={"default": ThreadPoolExecutor(1)}, timezone="Asia/Shanghai",
                                  job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600})

    def collect_one(source_id: str) -> None:
        try:
            report = collect(workspace, [source_id])
        except Exception:  # a failed run must not stop the schedule; it is logged and health shows it
            log.exception("collect of %s failed", source_id)
            return
        if on_collect:
            on_collect(source_id, report)

    for s in sources:
        scheduler.add_job(collect_one, "interval", minutes=s.schedule_minutes, args=[s.id], id=f"collect:{s.id}",
                          next_run_time=_now())
    day = _DAYS.get(str(settings["collect.report_day"]).lower(), "fri")
    scheduler.add_job(compose_draft, CronTrigger(day_of_week=day, hour=settings["collect.report_hour"],
                                                 timezone="Asia/Shanghai"), args=[workspace], id="report")

    def stop(signum: int, _frame: Any) -> None:
        log.warning("signal %s: stopping after the job in progress", signum)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    scheduler.start()


def _now() -> Any:
    from datetime import datetime

    return datetime.now(UTC)

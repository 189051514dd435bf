"""The offline demo: a workspace built from the bundled corpus, reporting the week of 2017-10-23."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from rich.console import Console

from yuqing.models import Issue

__all__ = ["DEMO_WEEK", "DemoResult", "demo_corpus", "run_demo"]

DEMO_WEEK = date(2017, 10, 23)
DEMO_NUMBER = 275


@dataclass(slots=True)
class DemoResult:
    workspace: Path
    issue: Issue
    paths: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def demo_corpus() -> Path:
    """Return the folder of the bundled demo corpus (its manifest.jsonl names every page)."""
    return Path(str(resources.files("yuqing") / "data" / "demo"))


def run_demo(out: Path, console: Console | None = None, formats: list[str] | None = None) -> DemoResult:
    """Make ``out`` a workspace (issue counter at 275), bring the corpus in and write the bulletin."""
    from yuqing.pipeline import ImportReport, import_pages, iter_pages
    from yuqing.report import write_issue
    from yuqing.report.compose import compose_issue
    from yuqing.report.window import window_for
    from yuqing.settings import load_settings
    from yuqing.store.db import open_engine
    from yuqing.store.repo import Store
    from yuqing.topics import load_profile
    from yuqing.workspace import init_workspace

    if not (out / "yuqing.toml").exists():
        init_workspace(out, {"masthead.next_number": DEMO_NUMBER})
    settings = load_settings(out)
    store = Store(open_engine(settings.database_url))
    profile = load_profile(settings.profile_path)
    report = ImportReport()
    import_pages(iter_pages([demo_corpus() / "manifest.jsonl"], report), store, profile, report)
    store.record_drops(report.drops, stage="import", run_id="demo")
    window = window_for(DEMO_WEEK, settings["window.start"], settings["window.end"])
    issue = compose_issue(store, settings, profile.name, window)
    paths = write_issue(issue, settings.reports_dir, formats or ["md"])
    if console is not None:
        c = report.counts
        console.print(f"demo corpus: {c['new']} new, {c['unchanged']} unchanged, {c['matched']} on topic, "
                      f"{c['skipped']} skipped (not articles)")
        console.print(f"issue {issue.number}: {len(issue.items)} items, {window.first} – {window.last}")
    return DemoResult(out, issue, paths, dict(report.counts))

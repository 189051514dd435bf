"""The offline demo: a workspace built from the bundled corpus, reporting the week of 2017-10-23."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from rich.console import Console

from yuqing.errors import ReportError
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
    failed: dict[str, str] = field(default_factory=dict)
    """Formats that could not be written, with the reason (a machine without Chinese fonts: pdf)."""


def demo_corpus() -> Path:
    """Return the folder of the bundled demo corpus (its manifest.jsonl names every page)."""
    return Path(str(resources.files("yuqing") / "data" / "demo"))


def run_demo(out: Path, console: Console | None = None, formats: list[str] | None = None) -> DemoResult:
    """Make ``out`` a workspace (issue counter at 275), crawl the corpus served locally, write the bulletin.

    The corpus is served by a local HTTP server on 127.0.0.1 acting as a proxy, so the crawler asks
    for (and stores) the pages' real URLs.
    """
    from yuqing.collect.crawl import collect
    from yuqing.collect.demo_web import demo_web
    from yuqing.report import write_issue
    from yuqing.report.compose import compose_issue
    from yuqing.report.window import window_for
    from yuqing.workspace import init_workspace, open_workspace

    web, sources_yaml = demo_web(demo_corpus())
    proxy = web.start()
    try:
        if not (out / "yuqing.toml").exists():
            init_workspace(out, {"masthead.next_number": DEMO_NUMBER})
        (out / "sources.yaml").write_text("# The demo corpus's sites, served locally by `yuqing demo`.\n"
                                          + sources_yaml, encoding="utf-8")
        # The local server is polite enough to take the crawl at full speed.
        overrides = {"collect.proxy": proxy, "collect.delay_ms": 0, "collect.autothrottle": False,
                     "collect.concurrency_per_domain": 8, "collect.timeout": 10, "collect.backoff_ms": 100}
        ws = open_workspace(out, overrides=overrides)
        report = collect(ws, run_id=None)
    finally:
        web.stop()
    settings, store, profile = ws.settings, ws.store, ws.profile
    window = window_for(DEMO_WEEK, settings["window.start"], settings["window.end"])
    issue = compose_issue(store, settings, profile.name, window)
    from yuqing.report import RENDERERS
    from yuqing.report.sections import add_sections

    add_sections(issue, store, settings)
    paths: list[Path] = []
    failed: dict[str, str] = {}
    for fmt in formats or list(RENDERERS):  # md, html, docx, pdf: one format failing keeps the others
        try:
            paths += write_issue(issue, settings.reports_dir, [fmt])
        except ReportError as exc:
            failed[fmt] = str(exc)
    counts = {key: report.total(key) for key in ("fetched", "new", "updated", "unchanged", "matched",
                                                 "not-an-article", "already-seen", "http-404")}
    if console is not None:
        from yuqing.collect.commands import print_report

        print_report(report, console)
        console.print(f"issue {issue.number}: {len(issue.items)} items, {window.first} – {window.last}")
    return DemoResult(out, issue, paths, counts, failed)

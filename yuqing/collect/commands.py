"""Commands of the collect stage: collect, run, reextract, sources list|check."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from yuqing.errors import YuqingError

__all__ = ["print_report", "register"]

console = Console()
err = Console(stderr=True)
sources_app = typer.Typer(help="The sources a collect watches (sources.yaml).", no_args_is_help=True)

WorkspaceOpt = Annotated[Path | None, typer.Option(
    "--workspace", "-w", help="Workspace folder (default: $YUQING_WORKSPACE or the current directory).")]


def _fail(exc: YuqingError) -> typer.Exit:
    err.print(f"[bold red]error:[/] {exc}", highlight=False)
    return typer.Exit(2)


def print_report(report: Any, out: Console = console) -> None:
    """Print one row a source: fetched, new, matched, and each skip reason with its count."""
    from yuqing.collect.tally import SKIP_REASONS

    table = Table("source", "fetched", "new", "updated", "matched", "skipped (by reason)",
                  title=f"collect {report.run_id}")
    for sid, c in sorted(report.counts.items()):
        skips = ", ".join(f"{r} {c[r]}" for r in SKIP_REASONS if c[r])
        table.add_row(sid, str(c["fetched"]), str(c["new"]), str(c["updated"]), str(c["matched"]), skips or "-")
    out.print(table)
    for sid, error in sorted(report.errors.items()):
        out.print(f"[yellow]{sid}[/]: {error}", highlight=False)


def collect_cmd(
    source: Annotated[list[str] | None, typer.Option("--source", "-s", help="Only this source id (repeatable).")] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Sync sources.yaml, then fetch what is new on each enabled source: extract, match, store."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from yuqing.collect.crawl import collect
    from yuqing.workspace import open_workspace

    try:
        ws = open_workspace(workspace)
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      console=err, transient=True) as progress:
            task = progress.add_task("collecting", total=None)

            def show(report: Any) -> None:
                progress.update(task, description=(
                    f"collecting: fetched {report.total('fetched')}, new {report.total('new')}, "
                    f"matched {report.total('matched')}"))

            report = collect(ws, source, progress=show)
    except YuqingError as exc:
        raise _fail(exc) from exc
    print_report(report)
    raise typer.Exit(1 if report.errors else 0)


def run_cmd(workspace: WorkspaceOpt = None) -> None:
    """Keep collecting on each source's schedule; compose the draft issue on the report day. Stop: SIGTERM."""
    from yuqing.collect.schedule import run_forever
    from yuqing.workspace import open_workspace

    try:
        ws = open_workspace(workspace)
        console.print(f"running in {ws.path}; SIGTERM or Ctrl-C stops")
        run_forever(ws, on_collect=lambda sid, report: print_report(report))
    except YuqingError as exc:
        raise _fail(exc) from exc
    console.print("stopped")


def reextract_cmd(workspace: WorkspaceOpt = None) -> None:
    """Extract every archived article again from the WARC files (no fetching) and update the store."""
    from yuqing.collect.reextract import reextract
    from yuqing.workspace import open_workspace

    try:
        report = reextract(open_workspace(workspace))
    except YuqingError as exc:
        raise _fail(exc) from exc
    c = report.counts
    console.print(f"re-extracted: new {c['new']}, updated {c['updated']}, unchanged {c['unchanged']}, "
                  f"matched {c['matched']}, skipped {c['skipped']}")


@sources_app.command("list")
def sources_list(workspace: WorkspaceOpt = None) -> None:
    """Show every source with its health: last success, failures in a row, last error, articles this week."""
    from yuqing.collect.crawl import load_workspace_sources
    from yuqing.report.window import CHINA
    from yuqing.sources import source_health
    from yuqing.workspace import open_workspace

    try:
        ws = open_workspace(workspace)
        load_workspace_sources(ws.settings, ws.store.engine)
        rows = source_health(ws.store.engine)
    except YuqingError as exc:
        raise _fail(exc) from exc
    table = Table("id", "name", "tier", "kind", "every", "on", "last success", "failures", "last error",
                  "articles (7 days)", title=f"{len(rows)} sources")
    for r in rows:
        last = r["last_success_at"].astimezone(CHINA).strftime("%Y-%m-%d %H:%M") if r["last_success_at"] else "never"
        table.add_row(r["id"], r["name"], r["tier"], r["kind"], f"{r['schedule_minutes']} min",
                      "yes" if r["enabled"] else "no", last, str(r["consecutive_failures"]),
                      (r["last_error"] or "")[:60], str(r["articles_week"]))
    console.print(table)


@sources_app.command("check")
def sources_check(
    source_id: Annotated[str, typer.Argument(help="The source id to try.")],
    workspace: WorkspaceOpt = None,
) -> None:
    """Fetch one source once and show what a collect would bring in; store nothing."""
    from yuqing.collect.crawl import check_source
    from yuqing.workspace import open_workspace

    try:
        report, previews = check_source(open_workspace(workspace), source_id)
    except YuqingError as exc:
        raise _fail(exc) from exc
    table = Table("url", "title", "published", "outlet", "score", title=f"{source_id}: {len(previews)} new pages")
    for p in previews:
        table.add_row(p.url, p.title or f"[dim]({p.problem})[/]", str(p.published_at or "-"), p.outlet or "-",
                      "-" if p.score is None else f"{p.score:.1f}{' ✓' if p.matched else ''}")
    console.print(table)
    print_report(report)
    raise typer.Exit(1 if report.errors else 0)


def register(app: typer.Typer) -> None:
    app.command("collect")(collect_cmd)
    app.command("run")(run_cmd)
    app.command("reextract")(reextract_cmd)
    app.add_typer(sources_app, name="sources")

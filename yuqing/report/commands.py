"""`yuqing issues …`: list, show, publish and correct issues (the life cycle in the command line)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from yuqing.errors import ReportError, YuqingError

__all__ = ["register"]

console = Console()
err = Console(stderr=True)
issues_app = typer.Typer(help="The issue life cycle: list, show, publish, correct.", no_args_is_help=True)

WorkspaceOpt = Annotated[Path | None, typer.Option(
    "--workspace", "-w", help="Workspace folder (default: $YUQING_WORKSPACE or the current directory).")]
YearOpt = Annotated[int | None, typer.Option(help="Year of the issue (with yearly numbering).")]


def _fail(exc: YuqingError) -> typer.Exit:
    err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


def _open(workspace: Path | None):  # type: ignore[no-untyped-def]
    from yuqing.workspace import open_workspace

    return open_workspace(workspace)


def _records(ws, number: int, year: int | None) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    from yuqing.store.issues import list_issues

    rows = [r for r in list_issues(ws.store, ws.profile.name) if r["number"] == number
            and (year is None or r["issue_date"].year == year)]
    return sorted(rows, key=lambda r: r["id"])


def _status(row: dict[str, Any]) -> str:
    if row["status"] == "correction":
        return "correction" + (" (published)" if row["published_at"] else " (unpublished)")
    return str(row["status"])


@issues_app.command("list")
def issues_list(workspace: WorkspaceOpt = None) -> None:
    """List the issue records, newest window first."""
    try:
        ws = _open(workspace)
        from yuqing.store.issues import list_issues

        rows = list_issues(ws.store, ws.profile.name)
    except YuqingError as exc:
        raise _fail(exc) from exc
    table = Table("number", "status", "window", "items", "published", "record", title=f"{len(rows)} issue records")
    for r in rows:
        published = r["published_at"].strftime("%Y-%m-%d %H:%M") if r["published_at"] else "-"
        table.add_row(str(r["number"]), _status(r), f"{r['window_from']} – {r['window_to']}", str(r["items"]),
                      published, str(r["id"]))
    console.print(table)


@issues_app.command("show")
def issues_show(number: Annotated[int, typer.Argument(help="Issue number.")], year: YearOpt = None,
                workspace: WorkspaceOpt = None) -> None:
    """Show every record of issue NUMBER: status, window, items, archived files and whether they are intact."""
    from yuqing.report.lifecycle import MANIFEST, verify_archive
    from yuqing.store.issues import get_issue

    try:
        ws = _open(workspace)
        rows = _records(ws, number, year)
        if not rows:
            raise ReportError(f"there is no issue {number}")
        for r in rows:
            issue = get_issue(ws.store, r["id"])
            assert issue is not None
            console.print(f"[bold]issue {r['number']}[/] record {r['id']}: {_status(r)}"
                          + (f", corrects record {r['correction_of']}" if r["correction_of"] else ""),
                          highlight=False)
            console.print(f"  window {r['window_from']} – {r['window_to']}, dated {r['issue_date']}, "
                          f"{len(issue.items)} items", highlight=False)
            for it in issue.items:
                console.print(f"  {it.position}. {it.title}（{it.outlet}）", highlight=False, soft_wrap=True)
            for name in r["files"] or []:
                console.print(f"  file {name}", highlight=False, soft_wrap=True)
            if r["files"]:
                folder = (ws.path / r["files"][0]).parent
                if (folder / MANIFEST).is_file():
                    bad = verify_archive(folder)
                    console.print("  archive intact (SHA256SUMS)" if not bad
                                  else f"  [red]archive changed or missing:[/] {', '.join(bad)}")
    except YuqingError as exc:
        raise _fail(exc) from exc


@issues_app.command("publish")
def issues_publish(
    number: Annotated[int, typer.Argument(help="Issue number of the draft to publish.")],
    year: YearOpt = None,
    send: Annotated[bool | None, typer.Option("--send/--no-send",
                                                 help="Send the files (default: delivery.on_publish).")] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Publish issue NUMBER: archive every format with checksums, freeze it, send it."""
    from yuqing.report.lifecycle import publish

    try:
        ws = _open(workspace)
        rows = _records(ws, number, year)
        pending = [r for r in rows if r["status"] == "draft"
                   or (r["status"] == "correction" and r["published_at"] is None)]
        if not pending:
            if any(r["status"] == "published" for r in rows):
                raise ReportError(f"issue {number} is already published; to change it: "
                                  f"`yuqing issues correct {number}`")
            raise ReportError(f"there is no draft of issue {number}; compose one with `yuqing report`")
        result = publish(ws.store, ws.settings, pending[-1]["id"], send=send)
    except YuqingError as exc:
        raise _fail(exc) from exc
    _print_published(result)


@issues_app.command("correct")
def issues_correct(
    number: Annotated[int, typer.Argument(help="Number of the published issue to correct.")],
    year: YearOpt = None,
    copy: Annotated[bool, typer.Option("--copy", help="Keep the published items instead of selecting "
                                                      "the window's articles from the store again.")] = False,
    send: Annotated[bool | None, typer.Option("--send/--no-send",
                                                 help="Send the files (default: delivery.on_publish).")] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Publish a correction of issue NUMBER: its own record, same number, marked 更正, archived beside it."""
    from yuqing.report.lifecycle import correct, publish

    try:
        ws = _open(workspace)
        correction = correct(ws.store, ws.settings, ws.profile.name, number, year, recompose=not copy)
        assert correction.id is not None
        result = publish(ws.store, ws.settings, correction.id, send=send)
    except YuqingError as exc:
        raise _fail(exc) from exc
    _print_published(result)


def _print_published(result) -> None:  # type: ignore[no-untyped-def]
    kind = "correction of issue" if result.issue.status == "correction" else "issue"
    console.print(f"published {kind} {result.issue.number}: {len(result.issue.items)} items, "
                  f"archived in {result.folder}", highlight=False, soft_wrap=True)
    for p in result.paths:
        console.print(f"  {p.name}", highlight=False)
    if result.delivered_to:
        console.print(f"sent to {result.delivered_to} channel(s)")
    if result.delivery_error:
        err.print(f"[yellow]warning:[/] published, but {result.delivery_error}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``yuqing issues`` to the command line."""
    app.add_typer(issues_app, name="issues")

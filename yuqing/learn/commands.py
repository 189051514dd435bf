"""`yuqing articles accept|reject|rescore|ranked`: the editor's decisions and the classifier they train."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from yuqing.errors import YuqingError

__all__ = ["register"]

console = Console()
err = Console(stderr=True)

WorkspaceOpt = Annotated[Path | None, typer.Option(
    "--workspace", "-w", help="Workspace folder (default: $YUQING_WORKSPACE or the current directory).")]
ProfileOpt = Annotated[str | None, typer.Option("--profile", help="Topic profile (default: the workspace's).")]


def _fail(exc: YuqingError) -> typer.Exit:
    err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


def _decide(decision: str, url: str, profile: str | None, by: str | None, workspace: Path | None) -> None:
    from yuqing.learn import MIN_PER_CLASS, record_decision, rescore
    from yuqing.workspace import open_workspace

    try:
        ws = open_workspace(workspace)
        name = profile or ws.profile.name
        article_id = record_decision(ws.store, url, decision, name, decided_by=by)
        scored = rescore(ws.store, name)
    except YuqingError as exc:
        raise _fail(exc) from exc
    console.print(f"{decision}ed article {article_id} for {name}; " + (
        f"classifier retrained, {scored} candidates rescored" if scored else
        f"classifier waits for {MIN_PER_CLASS} accepted and {MIN_PER_CLASS} rejected articles"))


def accept(url: Annotated[str, typer.Argument(help="URL of a stored article.")], profile: ProfileOpt = None,
           by: Annotated[str | None, typer.Option(help="Who decided.")] = None, workspace: WorkspaceOpt = None) -> None:
    """Accept the article at URL for the profile (trains the classifier that re-ranks candidates)."""
    _decide("accept", url, profile, by, workspace)


def reject(url: Annotated[str, typer.Argument(help="URL of a stored article.")], profile: ProfileOpt = None,
           by: Annotated[str | None, typer.Option(help="Who decided.")] = None, workspace: WorkspaceOpt = None) -> None:
    """Reject the article at URL for the profile (trains the classifier that re-ranks candidates)."""
    _decide("reject", url, profile, by, workspace)


def rescore_cmd(profile: ProfileOpt = None, workspace: WorkspaceOpt = None) -> None:
    """Retrain the profile's classifier from its decisions and rescore every candidate (e.g. after an import)."""
    from yuqing.learn import rescore
    from yuqing.workspace import open_workspace

    try:
        ws = open_workspace(workspace)
        scored = rescore(ws.store, profile or ws.profile.name)
    except YuqingError as exc:
        raise _fail(exc) from exc
    console.print(f"{scored} articles scored" if scored else "not enough decisions to train yet")


def ranked(profile: ProfileOpt = None, limit: Annotated[int, typer.Option(help="How many to show.")] = 30,
           workspace: WorkspaceOpt = None) -> None:
    """List matched candidates best first: classifier probability, then rule score (both shown)."""
    from yuqing.learn import classifier_scores, rank_key
    from yuqing.workspace import open_workspace

    try:
        ws = open_workspace(workspace)
        name = profile or ws.profile.name
        rows = list(ws.store.list_articles(profile=name, matched_only=True))
        learned = classifier_scores(ws.store, name, [r["id"] for r in rows])
    except YuqingError as exc:
        raise _fail(exc) from exc
    rows.sort(key=lambda r: (*rank_key(r["topic_score"], learned.get(r["id"])), r["id"]))
    table = Table("rule", "learned", "title", "outlet", "url", title=f"{len(rows)} candidates of {name}")
    for r in rows[:limit]:
        p = learned.get(r["id"])
        table.add_row(f"{r['topic_score']:.1f}", "-" if p is None else f"{p:.2f}", r["title"] or "",
                      r["outlet"] or "", r["url"])
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add the decision commands to `yuqing articles`."""
    group = next(g.typer_instance for g in app.registered_groups if g.name == "articles")
    assert group is not None, "yuqing.cli defines the articles group before stage commands register"
    group.command("accept")(accept)
    group.command("reject")(reject)
    group.command("rescore")(rescore_cmd)
    group.command("ranked")(ranked)

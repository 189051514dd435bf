"""`yuqing stories …`: group stored articles into stories, and show one story's carrying pages."""

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
stories_app = typer.Typer(help="Reprint groups (stories): assign and show.", no_args_is_help=True)

WorkspaceOpt = Annotated[Path | None, typer.Option(
    "--workspace", "-w", help="Workspace folder (default: $YUQING_WORKSPACE or the current directory).")]


def _fail(exc: YuqingError) -> typer.Exit:
    err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


@stories_app.command("assign")
def assign(workspace: WorkspaceOpt = None) -> None:
    """Put every stored article into a story (idempotent: assigned articles with the same body are skipped)."""
    from sqlalchemy import select

    from yuqing.dedup import assign_stories
    from yuqing.store import schema as t
    from yuqing.workspace import open_workspace

    try:
        ws = open_workspace(workspace)
        with ws.store.engine.connect() as conn:
            ids = list(conn.execute(select(t.articles.c.id)).scalars())
        counts = assign_stories(ws.store, ids)
    except YuqingError as exc:
        raise _fail(exc) from exc
    console.print(", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if v) or "no articles")


@stories_app.command("show")
def show(story_id: Annotated[int, typer.Argument(help="Story id (see `yuqing articles list --json`).")],
         workspace: WorkspaceOpt = None) -> None:
    """Show a story: its origin outlet, the page a bulletin links and every page carrying it."""
    from yuqing.dedup import story_views
    from yuqing.workspace import open_workspace

    try:
        ws = open_workspace(workspace)
        view = story_views(ws.store, [story_id]).get(story_id)
    except YuqingError as exc:
        raise _fail(exc) from exc
    if view is None:
        raise _fail(YuqingError(f"no story {story_id}"))
    link = view.link["url"] if view.link else "-"
    console.print(f"story {view.id}: origin {view.origin_outlet}, {view.size} pages, 转载 {view.reprints} 家, "
                  f"link {link}", highlight=False, soft_wrap=True)
    table = Table("id", "published", "site", "outlet (来源)", "tier", "url")
    for m in view.members:
        mark = " *" if m["id"] == view.origin_article_id else ""
        table.add_row(f"{m['id']}{mark}", m["published_at"].isoformat() if m["published_at"] else "-",
                      m["site"] or "", m["outlet"] or "", m["tier"] or "", m["url"])
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(stories_app, name="stories")

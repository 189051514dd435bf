"""`yuqing serve` and `yuqing users …`: the web workspace and who may use it."""

from __future__ import annotations

import getpass
import sys
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

users_app = typer.Typer(help="Manage who may log in to the web workspace.", no_args_is_help=True)


def _fail(exc: YuqingError) -> typer.Exit:
    err.print(f"[bold red]error:[/] {exc}", highlight=False)
    return typer.Exit(2)


def serve(
    port: Annotated[int, typer.Option(help="TCP port to listen on.")] = 8000,
    host: Annotated[str, typer.Option(help="Address to bind; keep 127.0.0.1 unless behind a proxy.")] = "127.0.0.1",
    workspace: WorkspaceOpt = None,
) -> None:
    """Run the web workspace: review the week's candidates, edit and publish the issue, search."""
    import uvicorn

    from yuqing.store.users import list_users
    from yuqing.web.app import create_app

    try:
        app = create_app(workspace)
    except YuqingError as exc:
        raise _fail(exc) from exc
    if not list_users(app.state.store.engine):
        err.print("[yellow]no users yet:[/] add one with `yuqing users add NAME --role admin`", highlight=False)
    console.print(f"yuqing serving {app.state.workspace.path} on http://{host}:{port}/", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option(help="admin, editor or viewer.")] = "editor",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
    replace: Annotated[bool, typer.Option(help="Set a new password and role for an existing user.")] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Add a user (the password is asked for twice, or read from stdin)."""
    from yuqing.store.users import add_user
    from yuqing.workspace import open_workspace

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("密码 / password: ")
        if getpass.getpass("再输入一次 / again: ") != password:
            err.print("[bold red]error:[/] the passwords differ")
            raise typer.Exit(2)
    try:
        user = add_user(open_workspace(workspace).store.engine, name, password, role, replace=replace)
    except YuqingError as exc:
        raise _fail(exc) from exc
    console.print(f"user {user.name} ({user.role}) saved")


@users_app.command("list")
def users_list(workspace: WorkspaceOpt = None) -> None:
    """List the users and their roles."""
    from yuqing.store.users import list_users
    from yuqing.workspace import open_workspace

    try:
        users = list_users(open_workspace(workspace).store.engine)
    except YuqingError as exc:
        raise _fail(exc) from exc
    table = Table("name", "role", title=f"{len(users)} users")
    for u in users:
        table.add_row(u.name, u.role)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")

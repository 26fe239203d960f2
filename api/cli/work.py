"""`qbsync work`: sync work that needs a person. List it; retry it (the only way parked work
is sent again) or dismiss it, each recorded with who and why."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from api.cli.running import command_container
from api.schemas.work import InterventionOut

console = Console()
work_app = typer.Typer(
    help="Sync work that needs a person: list, retry, dismiss.", invoke_without_command=True
)
OPERATION = typer.Argument(help="The operation, e.g. invoice-add:1234567-1 (see `qbsync work`)")


def register(app: typer.Typer) -> None:
    app.add_typer(work_app, name="work")


@work_app.callback()
def list_work(
    context: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for programs")] = False,
) -> None:
    """List parked and stuck operations, with why."""
    if context.invoked_subcommand is not None:
        return
    with command_container() as container:
        sync = container.synchronizer()
        rows = sync.parked() + sync.stuck()
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        console.print("No sync work needs a person.")
        return
    table = Table(title="Sync work that needs a person")
    for column in ("operation", "status", "why"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["operation"], row["status"], row["why"])
    console.print(table)
    console.print("Retry one with `qbsync work retry OPERATION --by NAME`.")


@work_app.command("retry")
def retry(
    operation: Annotated[str, OPERATION],
    by: Annotated[str, typer.Option("--by", help="Who asks for the retry")],
    reason: Annotated[str, typer.Option("--why", help="Why (kept in its history)")] = "",
) -> None:
    """Send parked (or dismissed) work again from its first attempt, at the next sync."""
    with command_container(refused_code=2) as container:
        done = container.synchronizer().retry(operation, by, reason)
    console.print(f"{done.operation} will be sent again at the next sync (retried by {done.by}).")


@work_app.command("dismiss")
def dismiss(
    operation: Annotated[str, OPERATION],
    by: Annotated[str, typer.Option("--by", help="Who dismisses it")],
    reason: Annotated[str, typer.Option("--why", help="Why it is not to be sent")],
) -> None:
    """Never send this work (what depends on it keeps waiting); recorded with who and why."""
    with command_container(refused_code=2) as container:
        done = container.synchronizer().dismiss(operation, by, reason)
    console.print(f"{done.operation} dismissed by {done.by}: {done.reason}")


@work_app.command("history")
def history(
    operation: Annotated[str, OPERATION],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for programs")] = False,
) -> None:
    """Who retried or dismissed this work, when, and why."""
    with command_container() as container:
        entries = [InterventionOut.of(e) for e in container.synchronizer().interventions(operation)]
    if as_json:
        typer.echo(json.dumps([e.model_dump(mode="json") for e in entries], indent=2))
        return
    for entry in entries:
        why = f": {entry.reason}" if entry.reason else ""
        console.print(f"{entry.at.isoformat()} {entry.action} by {entry.by}{why}", markup=False)
    if not entries:
        console.print(f"No one has retried or dismissed {operation}.", markup=False)

"""`qbsync manual-actions`: work a person must do in QuickBooks; list it, mark it done."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from adapters.services.listing.manual_actions import find_manual_action
from api.bootstrap import bootstrap
from api.manual_action_list import listed_manual_actions
from api.schemas.manual_actions import ManualActionOut
from domain.errors import DomainError

console = Console()
manual_actions_app = typer.Typer(
    help="Manual actions: voids and write-offs to do by hand in QuickBooks.",
    invoke_without_command=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(manual_actions_app, name="manual-actions")


@manual_actions_app.callback()
def list_manual_actions(
    context: typer.Context,
    show_all: Annotated[bool, typer.Option("--all", help="Include those already done")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for programs")] = False,
) -> None:
    """List the open manual actions (with --all, every one)."""
    if context.invoked_subcommand is not None:
        return
    container = bootstrap()
    try:
        actions = listed_manual_actions(container.ledger, open_only=not show_all)
    finally:
        container.close()
    if as_json:
        rows = [ManualActionOut.of(action).model_dump(mode="json") for action in actions]
        typer.echo(json.dumps(rows, indent=2))
        return
    if not actions:
        console.print("No manual actions." if show_all else "No open manual actions.")
        return
    table = Table(title="Manual actions" if show_all else "Open manual actions")
    for column in ("id", "subject", "action", "QuickBooks TxnID", "instructions", "done by"):
        table.add_column(column, overflow="fold")
    for action in actions:
        table.add_row(
            str(action.id),
            action.subject,
            action.action,
            action.qb_txn_id,
            action.instructions,
            action.done_by or "-",
        )
    console.print(table)
    console.print("Mark one done by its record (invoice:2603021-2) or the start of its id.")


@manual_actions_app.command("done")
def mark_done(
    address: Annotated[
        str,
        typer.Argument(help="Its record, KIND:KEY (invoice:2603021-2), or a unique id prefix"),
    ],
    by: Annotated[str, typer.Option("--by", help="Who did the work in QuickBooks")],
    note: Annotated[str, typer.Option("--note")] = "",
) -> None:
    """Record that a person did the work in QuickBooks."""
    container = bootstrap()
    try:
        found = find_manual_action(container.ledger, address)
        action = container.ledger.mark_manual_action_done(found.id, by, note)
    except DomainError as refusal:
        console.print(f"[red]{refusal}[/red]", highlight=False)
        raise typer.Exit(code=2) from refusal
    finally:
        container.close()
    console.print(f"Manual action for {action.subject} marked done by {action.done_by}.")

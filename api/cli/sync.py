"""`qbsync sync`: a sync run delivered to the QuickBooks simulator now, then its report."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn
from rich.table import Table

from adapters.services.sync.reports import SyncReport
from api.bootstrap import Container, bootstrap
from api.schemas.sync import SyncReportOut, WaitingOut
from api.sync_selection import TYPE_NAMES, parse_only, selection_of
from domain.errors import DomainError

console = Console()


def register(app: typer.Typer) -> None:
    app.command(name="sync")(sync)


def sync(
    types: Annotated[
        list[str] | None,
        typer.Option("--type", help=f"Only this type ({', '.join(TYPE_NAMES)}); repeatable"),
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option("--only", help="Only this transaction, TYPE:KEY (invoice:1234567-1)"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
) -> None:
    """Send the ready work (all of it, or the selection) to QuickBooks now."""
    container = bootstrap()
    try:
        report = _run(container, types or [], only or [], show_progress=not as_json)
    except DomainError as refusal:
        console.print(f"[red]{refusal}[/red]")
        raise typer.Exit(code=2) from refusal
    finally:
        container.close()
    if as_json:
        typer.echo(SyncReportOut.of(report).model_dump_json(indent=2))
    else:
        _print_report(report)


def _run(
    container: Container, types: list[str], only: list[str], show_progress: bool
) -> SyncReport:
    quickbooks = container.quickbooks().connect()
    synchronizer = container.synchronizer()
    run_id = synchronizer.start_run(selection_of(types, parse_only(only), container.ledger))
    if not show_progress:
        return synchronizer.run_directly(run_id, quickbooks)
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task(f"Sync run {run_id}", total=100)
        report = synchronizer.run_directly(
            run_id, quickbooks, lambda percent: progress.update(task, completed=percent)
        )
        progress.update(task, completed=100)
    return report


def _print_report(report: SyncReport) -> None:
    sent = Table(title=f"Sync run {report.run_id} ({report.state}): sent to QuickBooks")
    for column in ("operation", "request", "status", "outcome", "message"):
        sent.add_column(column)
    for item in report.sent:
        sent.add_row(
            item.operation, item.request, str(item.status_code), item.outcome, item.message
        )
    console.print(sent if report.sent else "Nothing was sent to QuickBooks.")
    waiting = [WaitingOut.of(item) for item in report.waiting]
    if waiting:
        table = Table(title="Still waiting")
        table.add_column("what")
        table.add_column("why")
        for entry in waiting:
            table.add_row(entry.subject, "\n".join(entry.why))
        console.print(table)
    if report.quickbooks_unreachable:
        console.print(report.quickbooks_unreachable, style="red", markup=False)
    for parked in report.parked:
        console.print(f"[red]needs a person:[/red] {parked['operation']}: {parked['why']}")
    for action in report.manual_actions:
        console.print(
            f"[yellow]manual action:[/yellow] {action['subject']}: {action['instructions']}"
        )

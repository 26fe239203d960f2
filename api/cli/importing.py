"""`qbsync import` and `qbsync import-report`: the Import from QuickBooks and its reports."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn
from rich.table import Table

from adapters.quickbooks.gateway import GatewayKind
from adapters.services.importing.conversation import DEFAULT_PAGE_SIZE, ImportOptions
from adapters.services.importing.jobs import run_import
from adapters.services.importing.runs import ImportReport, list_runs, read_run
from adapters.storage.ledger.application import set_acting_name
from api.bootstrap import Container, bootstrap
from api.schemas.imports import ImportReportOut, ImportRunOut
from domain.errors import DomainError

console = Console()
QUEUED_FOR_THE_WEB_CONNECTOR = (
    "The import runs at the Web Connector's next session; `qbsync import-report` shows it."
)


def register(app: typer.Typer) -> None:
    app.command(name="import")(import_from_quickbooks)
    app.command(name="import-report")(import_report)


def import_from_quickbooks(
    confirm: Annotated[
        bool, typer.Option("--confirm", help="Repeat although the ledger holds transactions")
    ] = False,
    by: Annotated[str, typer.Option("--by", help="Who confirms the repeat")] = "",
    lists_only: Annotated[
        bool,
        typer.Option(
            "--lists-only",
            help="Refresh only items, accounts, terms, payment methods and tax codes "
            "(no repeat warning)",
        ),
    ] = False,
    via_webconnector: Annotated[
        bool,
        typer.Option(
            "--via-webconnector",
            help="Go through the Web Connector protocol (local endpoint + emulator)",
        ),
    ] = False,
    page_size: Annotated[int, typer.Option(min=1, max=1000)] = DEFAULT_PAGE_SIZE,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
) -> None:
    """Import customers, jobs, items, lists and open balances from QuickBooks."""
    if by:
        set_acting_name(by)
    container = bootstrap()
    try:
        options = ImportOptions(page_size, confirm, by, lists_only)
        if container.quickbooks_kind is GatewayKind.WEBCONNECTOR and not via_webconnector:
            container.import_requests().request(options)
            console.print(QUEUED_FOR_THE_WEB_CONNECTOR)
            return
        report = _run(container, options, via_webconnector, quiet=as_json)
    except DomainError as refusal:
        console.print(f"[red]{refusal}[/red]")
        raise typer.Exit(code=2) from refusal
    finally:
        container.close()
    if as_json:
        typer.echo(ImportReportOut.of(report).model_dump_json(indent=2))
    else:
        _print_report(report)
    if report.status != "completed":
        raise typer.Exit(code=1)


def import_report(
    run_id: Annotated[str | None, typer.Argument(help="A run (default: list them all)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for programs")] = False,
) -> None:
    """Show an import run's report (without RUN_ID: every run, then the latest in full)."""
    container = bootstrap()
    try:
        if run_id is not None:
            report = read_run(container.ledger, run_id)
            if as_json:
                typer.echo(ImportReportOut.of(report).model_dump_json(indent=2))
            else:
                _print_report(report)
            return
        reports = list_runs(container.ledger)
        if as_json:
            rows = [ImportRunOut.of(r).model_dump(mode="json") for r in reports]
            typer.echo(json.dumps(rows, indent=2))
            return
        if not reports:
            console.print("No import has run yet: run `qbsync import`.")
            return
        _print_runs(reports)
        _print_report(reports[-1])
    except DomainError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(code=2) from error
    finally:
        container.close()


def _run(
    container: Container, options: ImportOptions, via_webconnector: bool, quiet: bool = False
) -> ImportReport:
    quickbooks = container.quickbooks().connect()
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn())
    with Progress(*columns, console=console, disable=quiet) as progress:
        task = progress.add_task("Importing from QuickBooks", total=100)

        def show(percent: int) -> None:
            progress.update(task, completed=percent)

        if not via_webconnector:
            return run_import(container.ledger, quickbooks, options, show)
        from api.cli.importing_webconnector import import_via_webconnector

        return import_via_webconnector(container, quickbooks, options, show)


def _print_runs(reports: list[ImportReport]) -> None:
    table = Table(title="Import runs")
    for column in ("run", "status", "repeat", "started", "added", "updated", "warnings"):
        table.add_column(column)
    for report in reports:
        counts = report.counts().values()
        table.add_row(
            report.run_id,
            report.status,
            "yes" if report.repeat else "no",
            report.started_at,
            str(sum(c["added"] for c in counts)),
            str(sum(c["updated"] for c in counts)),
            str(len(report.warnings)),
        )
    console.print(table)


def _print_report(report: ImportReport) -> None:
    title = f"Import run {report.run_id}: {report.status}"
    table = Table(title=title)
    for column in ("kind", "added", "updated", "unchanged"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    for kind, counts in report.counts().items():
        table.add_row(kind, str(counts["added"]), str(counts["updated"]), str(counts["unchanged"]))
    console.print(table)
    for kind, entry in report.kinds.items():
        if entry.updated:
            shown = ", ".join(entry.updated[:20]) + (" …" if len(entry.updated) > 20 else "")
            console.print(f"[bold]{kind} updated:[/bold] {shown}")
    if report.confirmed_by:
        console.print(f"Repeat confirmed by {report.confirmed_by}.")
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")
    if report.failure:
        console.print(f"[red]failed:[/red] {report.failure}")

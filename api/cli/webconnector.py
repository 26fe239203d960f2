"""``qbsync webconnector``: emulate the QuickBooks Web Connector, make hashes and .qwc files."""

from __future__ import annotations

import dataclasses
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from adapters.quickbooks.webconnector.emulator import (
    DEFAULT_CLIENT_VERSION,
    Progress,
    QuickBooksBackend,
    SessionReport,
    WebConnectorEmulator,
)
from adapters.quickbooks.webconnector.qwc import QwcError, QwcSettings, build_qwc
from adapters.quickbooks.webconnector.users import make_password_hash

console = Console()
webconnector_app = typer.Typer(help="QuickBooks Web Connector tools.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the ``webconnector`` command group to the qbsync command line."""
    app.add_typer(webconnector_app, name="webconnector")


def open_quickbooks_backend(company_file: str) -> QuickBooksBackend:
    """The QuickBooks simulator holding `company_file` (imported only when needed)."""
    from adapters.quickbooks.simulator import QuickBooksSimulator  # type: ignore[import-not-found,unused-ignore]

    simulator = QuickBooksSimulator.open(company_file)
    handle: QuickBooksBackend = simulator.handle
    return handle


@webconnector_app.command("run")
def run(
    url: Annotated[str, typer.Argument(help="The SOAP endpoint, e.g. http://127.0.0.1:8000/qbwc")],
    username: Annotated[str, typer.Option("--username", "-u")],
    password: Annotated[
        str,
        typer.Option(
            "--password", "-p", prompt=True, hide_input=True, envvar="QBSYNC_QBWC_PASSWORD"
        ),
    ],
    company_file: Annotated[
        str, typer.Option("--company-file", "-f", help="The simulated company file to open")
    ],
    client_version: Annotated[str, typer.Option(help="Web Connector version to claim")] = (
        DEFAULT_CLIENT_VERSION
    ),
    max_requests: Annotated[int, typer.Option(min=1)] = 10_000,
    as_json: Annotated[bool, typer.Option("--json", help="Print the session as JSON")] = False,
) -> None:
    """Run one Web Connector session against URL, with the QuickBooks simulator behind it."""
    backend = open_quickbooks_backend(company_file)

    def show(progress: Progress) -> None:
        if as_json:
            return
        if progress.percent is not None:
            console.print(f"  request {progress.requests_sent}: {progress.percent}%")
        else:
            console.print(f"[dim]{progress.step}[/dim]")

    report = WebConnectorEmulator(
        url=url,
        username=username,
        password=password,
        backend=backend,
        company_file=company_file,
        client_version=client_version,
        max_requests=max_requests,
        on_progress=show,
    ).run()
    if as_json:
        typer.echo(json.dumps(dataclasses.asdict(report), indent=2))
    else:
        console.print(_report_table(report))
    if not report.succeeded:
        raise typer.Exit(code=1)


def _report_table(report: SessionReport) -> Table:
    table = Table(title="Web Connector session", show_header=False)
    table.add_row("Outcome", report.outcome)
    table.add_row("Server version", report.server_version)
    table.add_row("Requests sent", str(len(report.requests)))
    table.add_row("Last percent", str(report.percents[-1]) if report.percents else "-")
    for warning in report.warnings:
        table.add_row("Warning", warning)
    for error in report.errors:
        table.add_row("Error", error)
    table.add_row("closeConnection", report.close_message or "-")
    return table


@webconnector_app.command("hash-password")
def hash_password(
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
) -> None:
    """Print the scrypt hash to put in QBSYNC_QBWC_USERS."""
    typer.echo(make_password_hash(password))


@webconnector_app.command("qwc")
def qwc(
    app_url: Annotated[str, typer.Argument(help="The company's SOAP endpoint (HTTPS)")],
    username: Annotated[str, typer.Option("--username", "-u")],
    company_id: Annotated[str, typer.Option("--company", "-c")],
    support_url: Annotated[str | None, typer.Option(help="Defaults to APP_URL")] = None,
    run_every_minutes: Annotated[int, typer.Option(min=1)] = 15,
) -> None:
    """Print the .qwc file for one Web Connector user."""
    try:
        document = build_qwc(
            app_url=app_url,
            support_url=support_url or app_url,
            username=username,
            company_id=company_id,
            settings=QwcSettings(run_every_minutes=run_every_minutes),
        )
    except QwcError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(code=2) from error
    typer.echo(document.decode("utf-8"))

"""`qbsync demo`: the main job on the embedded default (SQLite and the QuickBooks simulator).

Import from QuickBooks (first run only), a working day in the ledger, what would export
under each policy level, a sync under the company's level, its report, and why what waits.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from adapters.services.demo.towing_day import RecordedDay, record_day
from adapters.services.importing.jobs import run_import
from adapters.services.listing.citations import Citations
from adapters.storage.ledger.application import Ledger
from api.bootstrap import Container, bootstrap
from domain.credit_source import CreditSource
from projections.readiness.what_if import WhatIf

console = Console()


def register(app: typer.Typer) -> None:
    app.command(name="demo")(demo)


def demo() -> None:
    """Import the simulated QuickBooks company, record a day, sync it, and explain what waits."""
    container = bootstrap()
    try:
        console.rule("[bold]qbsync demo")
        console.print(f"Data directory: {container.settings.data_dir.resolve()}")
        _import_once(container)
        day = record_day(container.ledger)
        console.rule(f"Step 2: the working day of {day.day.isoformat()}")
        _print_day(container.ledger, day)
        console.rule("Step 3: what a sync would export under each policy level")
        _print_what_if(container.readiness.what_if(container.ledger))
        _sync(container)
        _explain_waiting(container, day)
    finally:
        container.close()


def _import_once(container: Container) -> None:
    console.rule("Step 1: Import from QuickBooks")
    if container.ledger.company_settings().imports_completed:
        console.print("The import has completed before; it is not repeated.")
        return
    quickbooks = container.quickbooks().connect()
    with Progress(console=console) as progress:
        task = progress.add_task("importing", total=100)
        report = run_import(
            container.ledger,
            quickbooks,
            on_progress=lambda p: progress.update(task, completed=p),
        )
    table = Table(title=f"Import {report.run_id}: {report.status}")
    for column in ("kind", "added", "updated", "unchanged"):
        table.add_column(column)
    for kind, counts in report.counts().items():
        table.add_row(kind, str(counts["added"]), str(counts["updated"]), str(counts["unchanged"]))
    console.print(table)
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/] {warning}")


def _print_day(ledger: Ledger, day: RecordedDay) -> None:
    invoices = Table(title="Invoices")
    for column in ("number", "job", "customer", "status", "total", "open balance"):
        invoices.add_column(
            column, justify="right" if column in ("total", "open balance") else "left"
        )
    for number in day.invoices:
        inv = ledger.invoice(number)
        invoices.add_row(
            inv.number,
            inv.job_id,
            inv.customer,
            inv.status.value,
            str(inv.total),
            str(inv.open_balance),
        )
    console.print(invoices)
    credits = Table(title="Payments and credit memos")
    for column in ("record", "customer", "amount", "applied to", "finished"):
        credits.add_column(column)
    sources: list[CreditSource] = [ledger.payment(ref) for ref in day.payments]
    sources += [ledger.credit_memo(number) for number in day.credit_memos]
    for source in sources:
        applied = ", ".join(f"{inv} {amount}" for inv, amount in source.applications.items())
        credits.add_row(
            source.label,
            source.customer,
            str(source.amount),
            applied or "-",
            "yes" if source.finished else "no",
        )
    console.print(credits)


def _print_what_if(what_if: WhatIf) -> None:
    table = Table(title=f"Ready now (current level: {what_if.current.value})")
    for column in ("level", "imports", "applications"):
        table.add_column(column)
    for level, work in what_if.work.items():
        table.add_row(
            level.value,
            ", ".join(ref.label for ref in work.imports) or "-",
            ", ".join(f"{ref.key}→{invoice}" for ref, invoice in work.applications) or "-",
        )
    console.print(table)


def _sync(container: Container) -> None:
    level = container.ledger.company_settings().policy_level.value
    console.rule(f"Step 4: synchronize under the company's level ({level})")
    quickbooks = container.quickbooks().connect()
    synchronizer = container.synchronizer()
    run_id = synchronizer.start_run()
    with Progress(console=console) as progress:
        task = progress.add_task("syncing", total=100)
        report = synchronizer.run_directly(
            run_id,
            quickbooks,
            on_progress=lambda p: progress.update(task, completed=p),
        )
    sent = Table(title=f"Sync run {report.run_id}: what was sent and what QuickBooks answered")
    for column in ("operation", "request", "status", "outcome"):
        sent.add_column(column)
    for item in report.sent:
        sent.add_row(item.operation, item.request, str(item.status_code), item.outcome)
    console.print(sent)
    waiting = [str(item.get("transaction") or item.get("operation")) for item in report.waiting]
    console.print(f"Still waiting ({len(waiting)}): {', '.join(waiting) or 'nothing'}")
    for parked in report.parked:
        console.print(f"[red]needs a person:[/] {parked['operation']}: {parked['why']}")
    for action in report.manual_actions:
        console.print(f"[yellow]manual action:[/] {action['subject']}: {action['instructions']}")


def _explain_waiting(container: Container, day: RecordedDay) -> None:
    console.rule("Step 5: why is this invoice not in QuickBooks?")
    number = day.invoices[1]
    ref = container.readiness.resolve(container.ledger, "invoice", number)
    cite = Citations(container.ledger, container.readiness.model.facts()).words
    for line in container.readiness.explain(container.ledger, ref).lines(cite):
        console.print(line, markup=False, highlight=False)

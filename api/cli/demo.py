"""`qbsync demo`: the main job on the embedded default (SQLite and the QuickBooks simulator)."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from adapters.demo.towing_day import RecordedDay, record_day
from adapters.ledger.application import Ledger
from api.bootstrap import bootstrap
from domain.credit_source import CreditSource

console = Console()


def register(app: typer.Typer) -> None:
    app.command(name="demo")(demo)


def demo() -> None:
    """Record a day of a towing company in the ledger and show what the ledger holds."""
    container = bootstrap()
    try:
        console.rule("[bold]qbsync demo")
        console.print(f"Ledger: {container.settings.eventsourcing_env().get('SQLITE_DBNAME', '')}")
        day = record_day(container.ledger)
        console.print(f"Recorded the working day of {day.day.isoformat()}.")
        _print_day(container.ledger, day)
    finally:
        container.close()


def _print_day(ledger: Ledger, day: RecordedDay) -> None:
    invoices = Table(title=f"Invoices of {day.day.isoformat()}")
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

"""The whole app on a temporary SQLite data dir, its QuickBooks simulator, and a day of
towing work to synchronise."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.webconnector.users import QbwcUser, format_user
from adapters.settings import Settings
from api.bootstrap import Container, bootstrap
from domain.lines import make_line
from tests.unit.qbwc.factories import cheap_hash

TOKEN = "sync-test-token"
PASSWORD = "bookkeeper-correct-horse"
DAY = date(2024, 3, 1)


def settings_for(data_dir: Path, qbwc_users: str = "") -> Settings:
    return Settings(data_dir=data_dir, database_url="", api_token=TOKEN, qbwc_users=qbwc_users)


def bookkeeper_config() -> str:
    return format_user(QbwcUser("bookkeeper", "miller", cheap_hash(PASSWORD)))


@pytest.fixture
def container(tmp_path: Path) -> Iterator[Container]:
    built = bootstrap(settings_for(tmp_path, bookkeeper_config()))
    yield built
    built.close()


def record_paid_job(container: Container, job: str, customer: str, amount: str) -> None:
    """One finalized invoice `job-1` paid in full by job payment `P-job`."""
    ledger = container.ledger
    ledger.register_customer(customer, f"Customer {customer}")
    ledger.create_invoice(f"{job}-1", customer, DAY, [make_line("Towing", "tow", "1", amount)])
    ledger.finalize_invoice(f"{job}-1")
    ledger.record_job_payment(f"P-{job}", f"{job}-1", amount, DAY)


def record_draft_invoice(container: Container, number: str, customer: str) -> None:
    """An invoice not finalized: it waits, whatever the selection."""
    container.ledger.register_customer(customer, f"Customer {customer}")
    line = make_line("Towing", "tow", "1", "40.00")
    container.ledger.create_invoice(number, customer, DAY, [line])


def invoice_copies(sim: QuickBooksSimulator) -> Counter[str]:
    return Counter(str(invoice.ref_number) for invoice in sim.company.invoices.values())


def payment_copies(sim: QuickBooksSimulator) -> Counter[str]:
    return Counter(p.ref_number for p in sim.company.payments.values() if p.ref_number)


def applied_to(sim: QuickBooksSimulator, payment_ref: str) -> list[str]:
    """The QuickBooks invoices a payment is applied to (one entry per application)."""
    found: list[str] = []
    for payment in sim.company.payments.values():
        if payment.ref_number == payment_ref:
            found += [str(a.invoice_id) for a in payment.applications if a.payment_amount]
    return found

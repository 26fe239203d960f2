"""A realistic day at a towing and impound company, recorded through the Ledger.

Each call records a new day (numbers derive from the date), so the demo can run again and
again on the same data directory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from adapters.storage.ledger.application import Ledger
from domain.errors import UnknownRecord
from domain.lines import Line, make_line

FIRST_DAY = date(2026, 3, 2)

# Codes of customers the import brings from the demo QuickBooks company (their FullName),
# and one customer QuickBooks does not know yet, which the sync adds there.
SMITH, SPRINGFIELD, JANE, BOB = "Smith Auto Body", "City of Springfield", "Jane Doe", "Bob Carter"
NORTHGATE = "NORTHGATE"
CUSTOMERS: tuple[tuple[str, str], ...] = (
    (SMITH, SMITH),
    (SPRINGFIELD, SPRINGFIELD),
    (JANE, JANE),
    (BOB, BOB),
    (NORTHGATE, "Northgate Apartments"),
)


@dataclass
class RecordedDay:
    day: date
    invoices: list[str] = field(default_factory=list)
    payments: list[str] = field(default_factory=list)
    credit_memos: list[str] = field(default_factory=list)


def _tow(miles: str) -> list[Line]:
    return [
        make_line("Towing", "Light-duty tow, hook-up", "1", "125.00"),
        make_line("Mileage", "Loaded miles", miles, "4.50"),
    ]


def _storage(days: int) -> list[Line]:
    return [make_line("Storage", "Impound storage, per day", str(days), "35.00")]


def next_free_day(ledger: Ledger) -> date:
    day = FIRST_DAY
    while _day_recorded(ledger, day):
        day += timedelta(days=1)
    return day


def _day_recorded(ledger: Ledger, day: date) -> bool:
    try:
        ledger.invoice(f"{_job_base(day)}1-1")
    except UnknownRecord:
        return False
    return True


def _job_base(day: date) -> str:
    return day.strftime("%y%m%d")


def ensure_customers(ledger: Ledger) -> None:
    for code, name in CUSTOMERS:
        try:
            ledger.customer(code)
        except UnknownRecord:
            ledger.register_customer(code, name)


def record_day(ledger: Ledger, day: date | None = None) -> RecordedDay:
    """Record one working day: split jobs, job and account payments, credit memos."""
    ensure_customers(ledger)
    day = day or next_free_day(ledger)
    base = _job_base(day)
    recorded = RecordedDay(day)

    def invoice(number: str, customer: str, lines: list[Line], finalize: bool = True) -> None:
        ledger.create_invoice(number, customer, day, lines)
        if finalize:
            ledger.finalize_invoice(number)
        recorded.invoices.append(number)

    # Job 1: a truck towed for Smith Auto Body, then stored two days: a split job, paid by
    # card at the yard for the tow only.
    invoice(f"{base}1-1", SMITH, _tow("12"))
    invoice(f"{base}1-2", SMITH, _storage(2))
    ledger.record_job_payment(f"{base}-P1", f"{base}1-1", "179.00", day, method="Visa")
    recorded.payments.append(f"{base}-P1")

    # Job 2: Bob Carter's car, one invoice, paid later on account with a check.
    invoice(f"{base}2-1", BOB, _tow("8"))
    ledger.record_account_payment(f"{base}-P2", BOB, "200.00", day, method="Check")
    ledger.apply_payment(f"{base}-P2", f"{base}2-1", "161.00")
    recorded.payments.append(f"{base}-P2")

    # Job 3: a city fleet tow with a goodwill credit for a late arrival, then paid by ACH.
    invoice(f"{base}3-1", SPRINGFIELD, _tow("20"))
    ledger.create_credit_memo(
        f"CM-{base}3", SPRINGFIELD, day, [make_line("Towing", "Late arrival credit", "1", "25.00")]
    )
    ledger.apply_credit_memo(f"CM-{base}3", f"{base}3-1", "25.00")
    ledger.finish_credit_memo(f"CM-{base}3")
    recorded.credit_memos.append(f"CM-{base}3")
    ledger.record_account_payment(f"{base}-P3", SPRINGFIELD, "190.00", day, method="ACH")
    ledger.apply_payment(f"{base}-P3", f"{base}3-1", "190.00")
    ledger.finish_payment(f"{base}-P3")
    recorded.payments.append(f"{base}-P3")

    # Job 4: a private motorist; paid cash for the first part, the impound part still open.
    invoice(f"{base}4-1", JANE, _tow("5"))
    invoice(f"{base}4-2", JANE, _storage(3))
    ledger.record_job_payment(f"{base}-P4", f"{base}4-1", "147.50", day, method="Cash")
    recorded.payments.append(f"{base}-P4")

    # Job 5: a new customer, an apartment-complex impound, paid in full at release.
    invoice(f"{base}5-1", NORTHGATE, _tow("3") + _storage(1))
    ledger.record_job_payment(f"{base}-P5", f"{base}5-1", "173.50", day, method="MasterCard")
    recorded.payments.append(f"{base}-P5")

    # Job 6: a winch-out the office is still reviewing (draft).
    invoice(
        f"{base}6-1", SMITH, [make_line("Winching", "Winch-out from ditch", "1", "95.00")], False
    )
    return recorded

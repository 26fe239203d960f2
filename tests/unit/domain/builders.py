"""Small builders for domain unit tests: valid records that one test then breaks."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate

from adapters.storage.ledger.application import Ledger
from domain.credit_memo import CreditMemo
from domain.invoice import Invoice
from domain.lines import Line, make_line
from domain.payment import Payment, PaymentKind

DAY = date(2024, 3, 1)


def line(rate: str = "100.00", quantity: str = "1", item: str = "tow") -> Line:
    return make_line(item, f"{item} service", quantity, rate)


def draft_invoice(
    number: str = "1234567-1", customer: str = "C1", amount: str = "100.00"
) -> Invoice:
    return Invoice.create(number, customer, DAY, [line(amount)])


def finalized_invoice(
    number: str = "1234567-1", customer: str = "C1", amount: str = "100.00"
) -> Invoice:
    invoice = draft_invoice(number, customer, amount)
    invoice.finalize()
    return invoice


def account_payment(
    reference: str = "P-1", customer: str = "C1", amount: str = "100.00"
) -> Payment:
    return Payment.record(PaymentKind.ACCOUNT, reference, customer, amount, DAY)


def credit_memo(number: str = "CM-1", customer: str = "C1", amount: str = "50.00") -> CreditMemo:
    return CreditMemo.create(number, customer, DAY, [line(amount, item="credit")])


def event_names(aggregate: Aggregate) -> list[str]:
    """The class names of the aggregate's pending events, collected (and so cleared)."""
    return [type(event).__name__ for event in aggregate.collect_events()]


def event_fields(event: object) -> dict[str, Any]:
    return dict(vars(event))


def popo_ledger() -> Ledger:
    return Ledger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


def stored_event_count(ledger: Ledger) -> int:
    return ledger.recorder.max_notification_id() or 0

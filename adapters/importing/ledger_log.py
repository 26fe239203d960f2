"""Reading the ledger's notification log by event type, without loading aggregates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from eventsourcing.utils import get_topic

from adapters.ledger.application import Ledger
from domain.credit_memo import CreditMemo
from domain.invoice import Invoice
from domain.payment import Payment

_PAGE = 500


def event_topic(aggregate_class: type[Any], event_name: str) -> str:
    """`domain.customer:Customer.Renamed` for (Customer, "Renamed")."""
    return f"{get_topic(aggregate_class)}.{event_name}"


TRANSACTION_CREATED = (
    event_topic(Invoice, "Created"),
    event_topic(Payment, "Recorded"),
    event_topic(CreditMemo, "Created"),
)


def events_of(ledger: Ledger, *topics: str) -> Iterator[Any]:
    """Every event with one of these topics, oldest first, read a page at a time."""
    start = 1
    while True:
        page = ledger.recorder.select_notifications(start, _PAGE, topics=topics)
        for notification in page:
            yield ledger.mapper.to_domain_event(notification)
        if len(page) < _PAGE:
            return
        start = page[-1].id + 1


def ledger_holds_transactions(ledger: Ledger) -> bool:
    """Whether any invoice, payment or credit memo was ever recorded (one indexed read)."""
    return bool(ledger.recorder.select_notifications(1, 1, topics=TRANSACTION_CREATED))

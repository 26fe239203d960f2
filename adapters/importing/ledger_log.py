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
TRANSACTION_CREATED = (Invoice.Created, Payment.Recorded, CreditMemo.Created)


def events_of(ledger: Ledger, *event_classes: type[Any]) -> Iterator[Any]:
    """Every event of these classes in the ledger, oldest first, read a page at a time."""
    topics = [get_topic(cls) for cls in event_classes]
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
    topics = [get_topic(cls) for cls in TRANSACTION_CREATED]
    return bool(ledger.recorder.select_notifications(1, 1, topics=topics))

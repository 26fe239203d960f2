"""Reading the ledger's notification log by event type, without loading aggregates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from adapters.storage.ledger.application import Ledger
from adapters.storage.ledger.event_log import events_by_topic, topic_of
from domain.credit_memo import CreditMemo
from domain.invoice import Invoice
from domain.payment import Payment

event_topic = topic_of


TRANSACTION_CREATED = (
    event_topic(Invoice, "Created"),
    event_topic(Payment, "Recorded"),
    event_topic(CreditMemo, "Created"),
)


def events_of(ledger: Ledger, *topics: str) -> Iterator[Any]:
    """Every event with one of these topics, oldest first, read a page at a time."""
    for _position, _topic, event in events_by_topic(ledger, *topics):
        yield event


def ledger_holds_transactions(ledger: Ledger) -> bool:
    """Whether any invoice, payment or credit memo was ever recorded (one indexed read)."""
    return bool(ledger.recorder.select_notifications(1, 1, topics=TRANSACTION_CREATED))

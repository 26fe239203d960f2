"""Events of chosen types read from the ledger's log with their log positions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from eventsourcing.utils import get_topic

from adapters.ledger.application import Ledger

_PAGE = 500


def topic_of(aggregate_class: type[Any], event_name: str) -> str:
    """`domain.customer:Customer.Renamed` for (Customer, "Renamed")."""
    return f"{get_topic(aggregate_class)}.{event_name}"


def positioned_events(ledger: Ledger, *topics: str, after: int = 0) -> Iterator[tuple[int, Any]]:
    """(log position, domain event) of every event with one of `topics` after position
    `after`, oldest first."""
    start = after + 1
    while page := ledger.recorder.select_notifications(start, _PAGE, topics=topics):
        for notification in page:
            yield notification.id, ledger.mapper.to_domain_event(notification)
        if len(page) < _PAGE:
            return
        start = page[-1].id + 1


def event_name(event: object) -> str:
    """`Created` for an `Invoice.Created` event: the name used in every history and citation."""
    return type(event).__name__

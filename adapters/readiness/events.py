"""Ledger events as the readiness model reads them."""

from __future__ import annotations

from typing import Any

from eventsourcing.utils import get_topic

from adapters.ledger.application import Ledger
from projections.readiness.log import LoggedEvent

PAGE = 5_000


def logged(domain_event: Any, position: int, topic: str = "") -> LoggedEvent:
    data = vars(domain_event)
    return LoggedEvent(
        position=position,
        originator_id=str(data["originator_id"]),
        version=int(data["originator_version"]),
        topic=topic or get_topic(type(domain_event)),
        timestamp=data["timestamp"],
        data=data,
    )


def read_log(
    ledger: Ledger, after: int, limit: int = PAGE, upto: int | None = None
) -> list[LoggedEvent]:
    """One page of the notification log: events after position `after`, up to `upto`."""
    if upto is not None and upto <= after:
        return []
    page = ledger.recorder.select_notifications(after + 1, limit, stop=upto)
    return [logged(ledger.mapper.to_domain_event(n), n.id, n.topic) for n in page]


def whole_log(ledger: Ledger, upto: int | None = None) -> list[LoggedEvent]:
    events: list[LoggedEvent] = []
    while page := read_log(ledger, events[-1].position if events else 0, upto=upto):
        events.extend(page)
    return events

"""Events of chosen types read from the ledger's log with their log positions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from adapters.storage.ledger.application import Ledger
from adapters.storage.ledger.event_log import events_by_topic, topic_of

__all__ = ["event_name", "positioned_events", "topic_of"]


def positioned_events(ledger: Ledger, *topics: str, after: int = 0) -> Iterator[tuple[int, Any]]:
    """(log position, domain event) of every event with one of `topics` after position
    `after`, oldest first."""
    for position, _topic, event in events_by_topic(ledger, *topics, after=after):
        yield position, event


def event_name(event: object) -> str:
    """`Created` for an `Invoice.Created` event: the name used in every history and citation."""
    return type(event).__name__

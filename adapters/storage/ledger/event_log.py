"""The one way to read the ledger's event log by topic: page by page, oldest first."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from eventsourcing.application import Application
from eventsourcing.utils import get_topic

_PAGE = 500


def topic_of(aggregate_class: type[Any], event_name: str) -> str:
    """`domain.customer:Customer.Renamed` for (Customer, "Renamed")."""
    return f"{get_topic(aggregate_class)}.{event_name}"


def events_by_topic(
    app: Application[Any], *topics: str, after: int = 0
) -> Iterator[tuple[int, str, Any]]:
    """(log position, topic, domain event) of every event after `after` with one of `topics`."""
    start = after + 1
    while page := app.recorder.select_notifications(start, _PAGE, topics=topics):
        for notification in page:
            yield notification.id, notification.topic, app.mapper.to_domain_event(notification)
        if len(page) < _PAGE:
            return
        start = page[-1].id + 1

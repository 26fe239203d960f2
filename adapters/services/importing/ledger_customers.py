"""The ledger's customers as the import matches them, folded from the notification log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from adapters.storage.ledger.application import Ledger
from adapters.storage.ledger.event_log import events_by_topic, topic_of
from domain.customer import Customer


@dataclass(frozen=True)
class LedgerCustomer:
    code: str
    name: str
    qb_name: str = ""
    parent: str = ""
    list_id: str | None = None
    qb_full_name: str | None = None

    @property
    def name_for_quickbooks(self) -> str:
        return self.qb_name or self.name

    @property
    def is_linked(self) -> bool:
        return self.list_id is not None


_REGISTERED = topic_of(Customer, "Registered")
_CHANGES: dict[str, Callable[[LedgerCustomer, Any], LedgerCustomer]] = {
    topic_of(Customer, "Renamed"): lambda c, e: replace(c, name=e.name),
    topic_of(Customer, "QbNameSet"): lambda c, e: replace(c, qb_name=e.qb_name),
    topic_of(Customer, "LinkedToQuickBooks"): lambda c, e: replace(
        c, list_id=e.list_id, qb_full_name=e.full_name
    ),
}


def ledger_customers(ledger: Ledger) -> dict[str, LedgerCustomer]:
    """Every ledger customer by code, as of now."""
    by_id: dict[object, LedgerCustomer] = {}
    for _position, topic, event in events_by_topic(ledger, _REGISTERED, *_CHANGES):
        if topic == _REGISTERED:
            by_id[event.originator_id] = LedgerCustomer(
                event.code, event.name, event.qb_name, event.parent
            )
        else:
            by_id[event.originator_id] = _CHANGES[topic](by_id[event.originator_id], event)
    return {customer.code: customer for customer in by_id.values()}

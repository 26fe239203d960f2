"""The ledger's customers as the import matches them, folded from the notification log."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from adapters.importing.ledger_log import event_topic, events_of
from adapters.ledger.application import Ledger
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


_EVENTS = ("Registered", "Renamed", "QbNameSet", "LinkedToQuickBooks")


def ledger_customers(ledger: Ledger) -> dict[str, LedgerCustomer]:
    """Every ledger customer by code, as of now."""
    by_id: dict[object, LedgerCustomer] = {}
    topics = [event_topic(Customer, name) for name in _EVENTS]
    for event in events_of(ledger, *topics):
        kind = type(event).__qualname__.rpartition(".")[2]
        if kind == "Registered":
            by_id[event.originator_id] = LedgerCustomer(
                event.code, event.name, event.qb_name, event.parent
            )
        else:
            by_id[event.originator_id] = _changed(by_id[event.originator_id], kind, event)
    return {customer.code: customer for customer in by_id.values()}


def _changed(customer: LedgerCustomer, kind: str, event: Any) -> LedgerCustomer:
    if kind == "Renamed":
        return replace(customer, name=event.name)
    if kind == "QbNameSet":
        return replace(customer, qb_name=event.qb_name)
    return replace(customer, list_id=event.list_id, qb_full_name=event.full_name)

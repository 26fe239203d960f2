"""The ledger's customers as the import matches them, folded from the notification log."""

from __future__ import annotations

from dataclasses import dataclass, replace

from adapters.importing.ledger_log import events_of
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


def ledger_customers(ledger: Ledger) -> dict[str, LedgerCustomer]:
    """Every ledger customer by code, as of now."""
    by_id: dict[object, LedgerCustomer] = {}
    for event in events_of(
        ledger,
        Customer.Registered,
        Customer.Renamed,
        Customer.QbNameSet,
        Customer.LinkedToQuickBooks,
    ):
        if isinstance(event, Customer.Registered):
            by_id[event.originator_id] = LedgerCustomer(
                event.code, event.name, event.qb_name, event.parent
            )
            continue
        current = by_id[event.originator_id]
        if isinstance(event, Customer.Renamed):
            by_id[event.originator_id] = replace(current, name=event.name)
        elif isinstance(event, Customer.QbNameSet):
            by_id[event.originator_id] = replace(current, qb_name=event.qb_name)
        else:
            by_id[event.originator_id] = replace(
                current, list_id=event.list_id, qb_full_name=event.full_name
            )
    return {customer.code: customer for customer in by_id.values()}

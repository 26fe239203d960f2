"""The one way a ledger customer is linked to a QuickBooks ListID, used by the import (which
found the customer in QuickBooks) and by the sync (which created it there)."""

from __future__ import annotations

from eventsourcing.domain import Aggregate

from adapters.storage.ledger.unit_of_work import UnitOfWork
from domain import ids
from domain.customer import Customer
from domain.customer_link import CustomerLink
from domain.errors import InvalidReference


def linked_code(unit: UnitOfWork, list_id: str | None) -> str | None:
    """The code of the ledger customer holding `list_id`, or None."""
    if not list_id:
        return None
    link = unit.find(CustomerLink, ids.customer_link_id(list_id))
    return None if link is None else link.customer_code


def link_customer(
    unit: UnitOfWork, customer: Customer, list_id: str, edit_sequence: str, full_name: str
) -> list[Aggregate]:
    """Record QuickBooks' ListID (and its edit sequence and FullName) on `customer`, and claim
    the ListID for it; returns what changed. Refused when another customer holds the ListID."""
    holder = linked_code(unit, list_id)
    changed: list[Aggregate] = []
    if holder is None:
        link = CustomerLink(list_id=list_id, customer_code=customer.code)
        unit.add(link)
        changed.append(link)
    elif holder != customer.code:
        raise InvalidReference(
            f"QuickBooks customer {full_name!r} ({list_id}) is already linked to ledger customer "
            f"{holder!r}, so it cannot also be linked to {customer.code!r}"
        )
    customer.link_to_quickbooks(list_id, edit_sequence, full_name)
    return [*changed, customer]

"""Customers as a person lists them: found by code or name, linked to QuickBooks or not."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.services.listing.log_scan import positioned_events, topic_of
from adapters.services.listing.pages import DEFAULT_LIMIT, Page, page_of
from adapters.storage.ledger.application import Ledger
from domain.customer import Customer

_REGISTERED, _RENAMED, _LINKED = (
    topic_of(Customer, name) for name in ("Registered", "Renamed", "LinkedToQuickBooks")
)


@dataclass(frozen=True)
class CustomerQuery:
    text: str = ""  # part of the code or the name, any case
    linked: bool | None = None  # linked to a QuickBooks customer (ListID known)
    after: str = ""
    limit: int = DEFAULT_LIMIT


@dataclass
class _Seen:
    code: str
    name: str
    linked: bool = False


def list_customers(ledger: Ledger, query: CustomerQuery) -> Page[Customer]:
    """Matching customers by code, each read whole."""
    seen: dict[object, _Seen] = {}
    for _, event in positioned_events(ledger, _REGISTERED, _RENAMED, _LINKED):
        if type(event).__name__ == "Registered":
            seen[event.originator_id] = _Seen(event.code, event.name)
        elif type(event).__name__ == "Renamed":
            seen[event.originator_id].name = event.name
        else:
            seen[event.originator_id].linked = True
    wanted = query.text.strip().lower()
    codes = [
        s.code
        for s in seen.values()
        if (not wanted or wanted in s.code.lower() or wanted in s.name.lower())
        and (query.linked is None or s.linked is query.linked)
    ]
    page = page_of(codes, lambda code: (code,), query.after, query.limit)
    return Page([ledger.customer(code) for code in page.items], page.next_cursor, page.total)

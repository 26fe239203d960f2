"""A uniqueness index: one QuickBooks customer ListID belongs to one ledger customer."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import ids


class CustomerLink(Aggregate):
    kind = "QuickBooks customer link"

    @staticmethod
    def create_id(list_id: str, **_: Any) -> UUID:
        return ids.customer_link_id(list_id)

    @event("Claimed")
    def __init__(self, list_id: str, customer_code: str) -> None:
        self.list_id = list_id
        self.customer_code = customer_code

"""What the import brings from QuickBooks' lists besides customers.

Items, accounts, terms, payment methods and sales tax codes are kept as they are in
QuickBooks, keyed by ListID; an item may carry a QB Name that overrides its ledger name.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import ids
from domain.errors import InvalidReference


class ListKind(StrEnum):
    ITEM = "item"
    ACCOUNT = "account"
    TERMS = "terms"
    PAYMENT_METHOD = "payment method"
    SALES_TAX_CODE = "sales tax code"


class QuickBooksListEntry(Aggregate):
    kind = "QuickBooks list entry"

    @staticmethod
    def create_id(list_kind: str, list_id: str, **_: Any) -> UUID:
        return ids.list_entry_id(str(list_kind), list_id)

    @classmethod
    def import_entry(
        cls,
        list_kind: ListKind,
        list_id: str,
        name: str,
        full_name: str,
        edit_sequence: str,
        details: Mapping[str, str],
        is_active: bool = True,
    ) -> QuickBooksListEntry:
        if not list_id.strip():
            raise InvalidReference(f"a QuickBooks {list_kind} needs a ListID")
        if not name.strip():
            raise InvalidReference(f"QuickBooks {list_kind} {list_id} needs a name")
        return cls(
            list_kind=ListKind(list_kind),
            list_id=list_id,
            name=name,
            full_name=full_name or name,
            edit_sequence=edit_sequence,
            details=dict(details),
            is_active=is_active,
        )

    @event("Imported")
    def __init__(
        self,
        list_kind: ListKind,
        list_id: str,
        name: str,
        full_name: str,
        edit_sequence: str,
        details: dict[str, str],
        is_active: bool,
    ) -> None:
        self.list_kind = ListKind(list_kind)
        self.list_id = list_id
        self.name = name
        self.full_name = full_name
        self.edit_sequence = edit_sequence
        self.details = dict(details)
        self.is_active = is_active
        self.qb_name = ""

    @property
    def label(self) -> str:
        return f"QuickBooks {self.list_kind.value} {self.full_name}"

    def update_from_quickbooks(
        self,
        name: str,
        full_name: str,
        edit_sequence: str,
        details: Mapping[str, str],
        is_active: bool = True,
    ) -> bool:
        """Take QuickBooks' current version; returns whether anything changed."""
        incoming = (name, full_name or name, edit_sequence, dict(details), is_active)
        current = (self.name, self.full_name, self.edit_sequence, self.details, self.is_active)
        if incoming == current:
            return False
        self._updated(name, full_name or name, edit_sequence, dict(details), is_active)
        return True

    @event("UpdatedFromQuickBooks")
    def _updated(
        self,
        name: str,
        full_name: str,
        edit_sequence: str,
        details: dict[str, str],
        is_active: bool,
    ) -> None:
        self.name = name
        self.full_name = full_name
        self.edit_sequence = edit_sequence
        self.details = dict(details)
        self.is_active = is_active

    def set_qb_name(self, qb_name: str) -> None:
        if qb_name.strip() != self.qb_name:
            self._qb_name_set(qb_name.strip())

    @event("QbNameSet")
    def _qb_name_set(self, qb_name: str) -> None:
        self.qb_name = qb_name

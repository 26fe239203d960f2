"""The customer aggregate: ledger name, QB Name override and the QuickBooks link."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import fields, ids, limits
from domain.errors import InvalidReference, LockedByQuickBooks
from domain.money import ZERO, money


class Customer(Aggregate):
    kind = "customer"

    @staticmethod
    def create_id(code: str, **_: Any) -> UUID:
        return ids.customer_id(code)

    @classmethod
    def register(cls, code: str, name: str, qb_name: str = "", parent: str = "") -> Customer:
        code, name = code.strip(), name.strip()
        if not code:
            raise InvalidReference("a customer needs a code")
        if not name:
            raise InvalidReference(f"customer {code} needs a name")
        qb_name, parent = qb_name.strip(), parent.strip()
        fields.text("customer code", code, limits.CUSTOMER_CODE)
        fields.text("parent", parent, limits.CUSTOMER_CODE)
        _check_names(name, qb_name)
        return cls(code=code, name=name, qb_name=qb_name, parent=parent)

    @event("Registered")
    def __init__(self, code: str, name: str, qb_name: str, parent: str) -> None:
        self.code = code
        self.name = name
        self.qb_name = qb_name
        self.parent = parent
        self.qb_list_id: str | None = None
        self.qb_edit_sequence: str | None = None
        self.qb_full_name: str | None = None
        self.opening_balance = ZERO

    @property
    def label(self) -> str:
        return f"customer {self.code} ({self.name})"

    @property
    def name_for_quickbooks(self) -> str:
        """The name matched against QuickBooks when no ListID is known: QB Name, else name."""
        return self.qb_name or self.name

    def rename(self, name: str) -> None:
        name = name.strip()
        if not name:
            raise InvalidReference(f"customer {self.code} needs a name")
        _check_names(name, self.qb_name)
        if name != self.name:
            self._renamed(name)

    @event("Renamed")
    def _renamed(self, name: str) -> None:
        self.name = name

    def set_qb_name(self, qb_name: str) -> None:
        qb_name = qb_name.strip()
        if self.qb_list_id is not None and qb_name != self.qb_name:
            raise LockedByQuickBooks(
                f"{self.label} is linked to QuickBooks customer {self.qb_full_name} "
                f"(ListID {self.qb_list_id}); its QB Name no longer decides the match"
            )
        if qb_name:
            fields.name("qb_name", qb_name, limits.CUSTOMER_NAME)
        else:
            _check_names(self.name, qb_name)
        if qb_name != self.qb_name:
            self._qb_name_set(qb_name)

    @event("QbNameSet")
    def _qb_name_set(self, qb_name: str) -> None:
        self.qb_name = qb_name

    def link_to_quickbooks(self, list_id: str, edit_sequence: str, full_name: str) -> None:
        if not list_id.strip():
            raise InvalidReference(f"{self.label}: QuickBooks ListID must not be empty")
        if (list_id, edit_sequence, full_name) != (
            self.qb_list_id,
            self.qb_edit_sequence,
            self.qb_full_name,
        ):
            self._linked(list_id, edit_sequence, full_name)

    @event("LinkedToQuickBooks")
    def _linked(self, list_id: str, edit_sequence: str, full_name: str) -> None:
        self.qb_list_id = list_id
        self.qb_edit_sequence = edit_sequence
        self.qb_full_name = full_name

    def record_opening_balance(self, balance: Decimal) -> None:
        amount = money(balance, what=f"opening balance of {self.label}")
        if amount != self.opening_balance:
            self._opening_balance_recorded(amount)

    @event("OpeningBalanceRecorded")
    def _opening_balance_recorded(self, balance: Decimal) -> None:
        self.opening_balance = balance


def _check_names(name: str, qb_name: str) -> None:
    """The name QuickBooks will see must fit its Name field; a ledger name that QB Name
    replaces may be longer, but is clean text all the same."""
    if qb_name:
        fields.name("qb_name", qb_name, limits.CUSTOMER_NAME)
        fields.text("name", name, limits.LEDGER_CUSTOMER_NAME)
    else:
        fields.name("name", name, limits.CUSTOMER_NAME)

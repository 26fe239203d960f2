"""QuickBooks operations as the outbox holds them, each with a deterministic key."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class OpKind(StrEnum):
    CUSTOMER_ADD = "customer-add"
    INVOICE_ADD = "invoice-add"
    CREDIT_MEMO_ADD = "credit-memo-add"
    PAYMENT_ADD = "payment-add"
    PAYMENT_APPLY = "payment-apply"
    CREDIT_APPLY = "credit-apply"


class Status(StrEnum):
    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    DONE = "done"
    PARKED = "parked"
    DISMISSED = "dismissed"
    """A person decided it is not to be sent; only a retry brings it back."""


SETTLED = (Status.DONE, Status.PARKED, Status.DISMISSED)
"""Statuses a run's progress counts as answered."""


class Phase(StrEnum):
    ACT = "act"
    """Send the add or mod itself."""
    PROBE = "probe"
    """Outcome unknown (or a customer to match): query QuickBooks first, adopt what is there."""


def op_key(kind: OpKind, key: str, invoices: tuple[str, ...] = ()) -> str:
    """`invoice-add:1234567-1`, `payment-apply:P-9:1234567-2`, `customer-add:C-1`."""
    return ":".join([kind.value, key, *(["+".join(invoices)] if invoices else [])])


@dataclass(frozen=True)
class PlannedOp:
    kind: OpKind
    txn_kind: str
    """A `TxnKind` value, or "customer"."""
    txn_key: str
    customer: str
    invoices: tuple[str, ...] = ()
    """Applied with this operation: the invoices of an add, or those a mod/credit applies."""
    depends_on: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        applies = self.kind in (OpKind.PAYMENT_APPLY, OpKind.CREDIT_APPLY)
        return op_key(self.kind, self.txn_key, self.invoices if applies else ())


@dataclass(frozen=True)
class OutboxRow:
    id: int
    key: str
    kind: OpKind
    txn_kind: str
    txn_key: str
    invoices: tuple[str, ...]
    customer: str
    status: Status
    phase: Phase
    attempts: int
    next_attempt_at: float
    last_error: str
    run_id: str
    claimed_at: float
    hint: str

    @property
    def request_id(self) -> str:
        return f"{self.id}.{self.phase.value[0]}"

"""One registry of transaction kinds: each kind's name, aggregate, id function, label and the
spelling the CLI and the API use. Every dispatch on a kind goes through it.

Names people and old integrations wrote (`job payment`, `job_payment`, `credit memo`,
`credit_memo`, `CREDIT-MEMO`) are accepted as aliases of the one spelling (`job-payment`,
`credit-memo`); `payment` names both kinds of payment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from domain import ids
from domain.credit_memo import CreditMemo
from domain.credit_source import CreditSource
from domain.errors import InvalidInput
from domain.invoice import Invoice
from domain.payment import Payment
from domain.transaction import QuickBooksTransaction


class TxnKind(StrEnum):
    INVOICE = "invoice"
    JOB_PAYMENT = "job payment"
    ACCOUNT_PAYMENT = "account payment"
    CREDIT_MEMO = "credit memo"

    # A member equals its value, so hashes as its value does: the string's own hash, not
    # `Enum.__hash__` (a Python call per hash, and `TxnRef`s are hashed very often).
    __hash__ = str.__hash__

    @property
    def spelling(self) -> str:
        """How the CLI and the API write it: `job-payment`."""
        return self.value.replace(" ", "-")

    @property
    def record(self) -> RecordKind:
        return RECORD_OF[self]


@dataclass(frozen=True)
class RecordKind:
    """A kind of ledger record: one aggregate class, keyed by number or reference."""

    name: str
    spelling: str
    label: str
    aggregate: type[QuickBooksTransaction]
    id_of: Callable[[str], UUID]
    kinds: tuple[TxnKind, ...]


INVOICE = RecordKind("invoice", "invoice", "Invoice", Invoice, ids.invoice_id, (TxnKind.INVOICE,))
PAYMENT = RecordKind(
    "payment",
    "payment",
    "Payment",
    Payment,
    ids.payment_id,
    (TxnKind.JOB_PAYMENT, TxnKind.ACCOUNT_PAYMENT),
)
CREDIT_MEMO = RecordKind(
    "credit memo",
    "credit-memo",
    "Credit memo",
    CreditMemo,
    ids.credit_memo_id,
    (TxnKind.CREDIT_MEMO,),
)
RECORD_KINDS = (INVOICE, PAYMENT, CREDIT_MEMO)
RECORD_OF = {kind: record for record in RECORD_KINDS for kind in record.kinds}
CREDIT_SOURCES: dict[type[CreditSource], RecordKind] = {Payment: PAYMENT, CreditMemo: CREDIT_MEMO}

SPELLINGS = ("invoice", "payment", "job-payment", "account-payment", "credit-memo")
"""Every name a selection, a filter or a command may use, in the one spelling."""


class UnknownKind(InvalidInput):
    def __init__(self, given: str, valid: tuple[str, ...]) -> None:
        super().__init__(f"unknown transaction type {given!r}: use one of {', '.join(valid)}")
        self.given = given
        self.valid = valid


def _normal(text: str) -> str:
    return " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())


def kinds_named(text: str) -> tuple[TxnKind, ...]:
    """The kinds a name stands for: one, or both payments for `payment`."""
    wanted = _normal(text)
    if wanted == PAYMENT.name:
        return PAYMENT.kinds
    try:
        return (TxnKind(wanted),)
    except ValueError:
        raise UnknownKind(text, SPELLINGS) from None


def kind_named(text: str) -> TxnKind:
    """Exactly one kind (`payment` is refused: say which)."""
    kinds = kinds_named(text)
    if len(kinds) != 1:
        raise UnknownKind(text, tuple(k.spelling for k in TxnKind))
    return kinds[0]


def record_kind_named(text: str) -> RecordKind:
    """The kind of ledger record a name stands for (`job-payment` is a payment)."""
    wanted = _normal(text)
    for record in RECORD_KINDS:
        if wanted == record.name or wanted in record.kinds:
            return record
    raise UnknownKind(text, tuple(record.spelling for record in RECORD_KINDS))

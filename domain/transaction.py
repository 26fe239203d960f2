"""What every ledger transaction shares: its customer and the QuickBooks facts about it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from eventsourcing.domain import Aggregate, event

from domain import fields, limits
from domain.errors import InvalidReference, InvalidTransition, LockedByQuickBooks


class QuickBooksTransaction(Aggregate):
    """A transaction that QuickBooks may hold; QuickBooks' own answers are recorded here."""

    kind = "transaction"
    if TYPE_CHECKING:  # set by each subclass's creation event; eventsourcing would turn
        customer: str  # class-level annotations into constructor fields
        qb_txn_id: str | None
        qb_edit_sequence: str | None
        voided: bool

    @property
    def key(self) -> str:
        raise NotImplementedError

    @property
    def label(self) -> str:
        return f"{self.kind} {self.key}"

    @property
    def is_imported(self) -> bool:
        return self.qb_txn_id is not None

    def record_imported(self, txn_id: str, edit_sequence: str) -> None:
        """QuickBooks confirmed the transaction and returned its TxnID."""
        if not txn_id.strip():
            raise InvalidReference(f"{self.label}: QuickBooks TxnID must not be empty")
        if self.qb_txn_id is not None and self.qb_txn_id != txn_id:
            raise LockedByQuickBooks(
                f"{self.label} is already QuickBooks transaction {self.qb_txn_id}; "
                f"refusing to link it to {txn_id} as well"
            )
        if self.qb_txn_id == txn_id:
            return
        self._imported(txn_id, edit_sequence)

    @event("ImportedToQuickBooks")
    def _imported(self, txn_id: str, edit_sequence: str) -> None:
        self.qb_txn_id = txn_id
        self.qb_edit_sequence = edit_sequence

    def record_edit_sequence(self, edit_sequence: str) -> None:
        """QuickBooks reported a newer EditSequence for this transaction."""
        if edit_sequence != self.qb_edit_sequence:
            self._edit_sequence_changed(edit_sequence)

    @event("EditSequenceChanged")
    def _edit_sequence_changed(self, edit_sequence: str) -> None:
        self.qb_edit_sequence = edit_sequence

    def require_not_in_quickbooks(self, change: str) -> None:
        if self.qb_txn_id is not None:
            raise LockedByQuickBooks(
                f"cannot {change} {self.label}: QuickBooks already holds it as transaction "
                f"{self.qb_txn_id}; make the change in QuickBooks instead"
            )


def check_correction(record: QuickBooksTransaction, corrected_by: str, reason: str) -> None:
    """A correction names who makes it and why, and only of what QuickBooks does not hold."""
    record.require_not_in_quickbooks("correct")
    if record.voided:
        raise InvalidTransition(f"cannot correct {record.label}: it is voided")
    if not corrected_by.strip():
        raise InvalidReference(f"a correction of {record.label} needs the name of who makes it")
    if not reason.strip():
        raise InvalidReference(
            f"a correction of {record.label} needs a reason, e.g. what QuickBooks refused"
        )
    fields.text("corrected_by", corrected_by, limits.CUSTOMER_CODE)
    fields.text("reason", reason, limits.REASON, multiline=True)


def check_header(
    key_field: str, key: str, key_limit: int, customer: str, txn_date: date, memo: str
) -> None:
    """The fields every transaction sends QuickBooks, against QuickBooks' limits."""
    fields.text(key_field, key, key_limit)
    fields.text("customer", customer, limits.CUSTOMER_CODE)
    fields.txn_date("txn_date", txn_date)
    fields.text("memo", memo, limits.MEMO, multiline=True)

"""The invoice aggregate: lines while draft, then finalized; receives applications."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain import ids
from domain.errors import (
    CrossCustomerApplication,
    InvalidInput,
    InvalidReference,
    InvalidTransition,
    InvoiceNotEditable,
    OverApplication,
)
from domain.limits import INVOICE_REF_NUMBER
from domain.lines import Line, lines_total, validated_lines
from domain.money import ZERO, total
from domain.transaction import QuickBooksTransaction, check_correction, check_header


class InvoiceStatus(StrEnum):
    DRAFT = "draft"
    FINALIZED = "finalized"
    VOIDED = "voided"


def default_job_id(number: str) -> str:
    """`1234567-2` belongs to job `1234567`; a number without `-` is its own job."""
    head, separator, _ = number.rpartition("-")
    return head if separator and head else number


class Invoice(QuickBooksTransaction):
    kind = "invoice"

    @staticmethod
    def create_id(number: str, **_: Any) -> UUID:
        return ids.invoice_id(number)

    @classmethod
    def create(
        cls,
        number: str,
        customer: str,
        txn_date: date,
        lines: Sequence[Line],
        job_id: str | None = None,
        memo: str = "",
    ) -> Invoice:
        number = number.strip()
        if not number:
            raise InvalidReference("an invoice needs a number")
        if not customer.strip():
            raise InvalidReference(f"invoice {number} needs a customer")
        check_header("number", number, INVOICE_REF_NUMBER, customer, txn_date, memo)
        checked = validated_lines(lines, f"invoice {number}")
        job = (job_id or "").strip() or default_job_id(number)
        return cls(
            number=number,
            customer=customer,
            txn_date=txn_date,
            lines=checked,
            job_id=job,
            memo=memo,
        )

    @event("Created")
    def __init__(
        self,
        number: str,
        customer: str,
        txn_date: date,
        lines: Sequence[Line],
        job_id: str,
        memo: str,
    ) -> None:
        self.number = number
        self.customer = customer
        self.txn_date = txn_date
        self.lines: tuple[Line, ...] = tuple(lines)
        self.job_id = job_id
        self.memo = memo
        self.status = InvoiceStatus.DRAFT
        self.applications: dict[str, Decimal] = {}
        self.written_off = ZERO
        self.qb_txn_id = None
        self.qb_edit_sequence = None
        self.voided = False

    @property
    def key(self) -> str:
        return self.number

    @property
    def total(self) -> Decimal:
        return lines_total(self.lines)

    @property
    def applied_total(self) -> Decimal:
        return total(self.applications.values())

    @property
    def open_balance(self) -> Decimal:
        return self.total - self.applied_total - self.written_off

    @property
    def is_paid_in_full(self) -> bool:
        return self.status is not InvoiceStatus.VOIDED and self.open_balance == ZERO

    # Lines while draft ------------------------------------------------------------------

    def edit_lines(self, lines: Sequence[Line]) -> None:
        self._require_draft("edit the lines of")
        self.require_not_in_quickbooks("edit the lines of")
        checked = validated_lines(lines, f"invoice {self.number}")
        self._check_total_covers_applications(lines_total(checked))
        self._lines_edited(checked)

    @event("LinesEdited")
    def _lines_edited(self, lines: Sequence[Line]) -> None:
        self.lines = tuple(lines)

    def finalize(self) -> None:
        self._require_draft("finalize")
        self._finalized()

    @event("Finalized")
    def _finalized(self) -> None:
        self.status = InvoiceStatus.FINALIZED

    def correct(self, lines: Sequence[Line], corrected_by: str, reason: str) -> None:
        """Replace the lines of an invoice QuickBooks does not hold (e.g. one it refused),
        recording who and why; it is a draft again until finalized again."""
        check_correction(self, corrected_by, reason)
        checked = validated_lines(lines, f"invoice {self.number}")
        self._check_total_covers_applications(lines_total(checked))
        self._corrected(checked, corrected_by.strip(), reason.strip())

    @event("Corrected")
    def _corrected(self, lines: Sequence[Line], corrected_by: str, reason: str) -> None:  # noqa: ARG002  (the event records it)
        self.lines = tuple(lines)
        self.status = InvoiceStatus.DRAFT

    def _check_total_covers_applications(self, new_total: Decimal) -> None:
        if new_total < self.applied_total:
            raise OverApplication(
                f"invoice {self.number}: new total {new_total} is below the {self.applied_total} "
                "already applied to it; unapply payments or credits first"
            )

    # Applications of payments and credit memos -------------------------------------------

    def check_can_receive(self, source: str, source_customer: str, amount: Decimal) -> None:
        if self.status is InvoiceStatus.VOIDED:
            raise InvalidTransition(
                f"invoice {self.number} is voided; nothing can be applied to it"
            )
        if source_customer != self.customer:
            raise CrossCustomerApplication(
                f"{source} belongs to customer {source_customer} but invoice {self.number} "
                f"belongs to customer {self.customer}; apply it to an invoice of its own customer"
            )
        if source in self.applications:
            raise InvalidTransition(
                f"{source} is already applied to invoice {self.number}; unapply it first to change "
                "the amount"
            )
        if amount > self.open_balance:
            raise OverApplication(
                f"cannot apply {amount} from {source} to invoice {self.number}: "
                f"its open balance is "
                f"{self.open_balance}"
            )

    def receive_application(self, source: str, source_customer: str, amount: Decimal) -> None:
        self.check_can_receive(source, source_customer, amount)
        self._application_received(source, amount)

    @event("ApplicationReceived")
    def _application_received(self, source: str, amount: Decimal) -> None:
        self.applications[source] = amount

    def release_application(self, source: str) -> None:
        if source not in self.applications:
            raise InvalidTransition(f"{source} is not applied to invoice {self.number}")
        self._application_released(source)

    @event("ApplicationReleased")
    def _application_released(self, source: str) -> None:
        del self.applications[source]

    # Void and write-off -------------------------------------------------------------------

    def void(self, reason: str = "") -> None:
        if self.status is InvoiceStatus.VOIDED:
            raise InvalidTransition(f"invoice {self.number} is already voided")
        if self.applications:
            sources = ", ".join(sorted(self.applications))
            raise InvalidTransition(
                f"invoice {self.number} has applications ({sources}); unapply or void them first"
            )
        self._voided(reason)

    @event("Voided")
    def _voided(self, reason: str) -> None:  # noqa: ARG002  (the event records it)
        self.status = InvoiceStatus.VOIDED
        self.voided = True

    def write_off(self, reason: str = "") -> Decimal:
        """Write off the open balance of a finalized invoice; returns the amount written off."""
        if self.status is not InvoiceStatus.FINALIZED:
            raise InvalidTransition(
                f"invoice {self.number} is {self.status.value}; only a finalized invoice can be "
                "written off"
            )
        if self.open_balance <= ZERO:
            raise InvalidInput(f"invoice {self.number} has no open balance to write off")
        amount = self.open_balance
        self._written_off(amount, reason)
        return amount

    @event("WrittenOff")
    def _written_off(self, amount: Decimal, reason: str) -> None:  # noqa: ARG002  (the event records it)
        self.written_off = self.written_off + amount

    def _require_draft(self, change: str) -> None:
        if self.status is not InvoiceStatus.DRAFT:
            raise InvoiceNotEditable(
                f"cannot {change} invoice {self.number}: it is {self.status.value} and its lines "
                "and total are locked"
            )

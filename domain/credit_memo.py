"""The credit memo aggregate: lines, then applied invoice by invoice like an account payment."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain import ids
from domain.credit_source import CreditSource
from domain.errors import InvalidReference, OverApplication
from domain.limits import CREDIT_MEMO_REF_NUMBER
from domain.lines import Line, lines_total, validated_lines
from domain.transaction import check_correction, check_header


class CreditMemo(CreditSource):
    kind = "credit memo"

    @staticmethod
    def create_id(number: str, **_: Any) -> UUID:
        return ids.credit_memo_id(number)

    @classmethod
    def create(
        cls, number: str, customer: str, txn_date: date, lines: Sequence[Line], memo: str = ""
    ) -> CreditMemo:
        number = number.strip()
        if not number:
            raise InvalidReference("a credit memo needs a number")
        if not customer.strip():
            raise InvalidReference(f"credit memo {number} needs a customer")
        check_header("number", number, CREDIT_MEMO_REF_NUMBER, customer, txn_date, memo)
        checked = validated_lines(lines, f"credit memo {number}")
        return cls(number=number, customer=customer, txn_date=txn_date, lines=checked, memo=memo)

    @event("Created")
    def __init__(
        self, number: str, customer: str, txn_date: date, lines: Sequence[Line], memo: str
    ) -> None:
        self.number = number
        self.customer = customer
        self.txn_date = txn_date
        self.lines: tuple[Line, ...] = tuple(lines)
        self.memo = memo
        self._start_unapplied()

    @property
    def key(self) -> str:
        return self.number

    @property
    def amount(self) -> Decimal:
        return lines_total(self.lines)

    def correct(self, lines: Sequence[Line], corrected_by: str, reason: str) -> None:
        """Replace the lines of a credit memo QuickBooks does not hold (e.g. one it refused),
        recording who and why; it is open again until finished again."""
        check_correction(self, corrected_by, reason)
        checked = validated_lines(lines, f"credit memo {self.number}")
        new_amount = lines_total(checked)
        if new_amount < self.applied_total:
            raise OverApplication(
                f"credit memo {self.number}: new amount {new_amount} is below the "
                f"{self.applied_total} already applied from it; unapply it from invoices first"
            )
        self._corrected(checked, corrected_by.strip(), reason.strip())

    @event("Corrected")
    def _corrected(self, lines: Sequence[Line], corrected_by: str, reason: str) -> None:  # noqa: ARG002  (the event records it)
        self.lines = tuple(lines)
        self.finished = False

"""Payments: a job payment applied to one invoice, or an account payment applied to many."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain import fields, ids, limits
from domain.credit_source import CreditSource
from domain.errors import InvalidReference, InvalidTransition
from domain.money import positive_money
from domain.transaction import check_header


class PaymentKind(StrEnum):
    JOB = "job"
    ACCOUNT = "account"


class Payment(CreditSource):
    kind = "payment"

    @staticmethod
    def create_id(reference: str, **_: Any) -> UUID:
        return ids.payment_id(reference)

    @classmethod
    def record(
        cls,
        payment_kind: PaymentKind,
        reference: str,
        customer: str,
        amount: Decimal | str,
        txn_date: date,
        method: str = "",
        check_number: str = "",
        memo: str = "",
    ) -> Payment:
        reference = reference.strip()
        if not reference:
            raise InvalidReference("a payment needs a reference")
        if not customer.strip():
            raise InvalidReference(f"payment {reference} needs a customer")
        check_header(
            "reference", reference, limits.RECEIVE_PAYMENT_REF_NUMBER, customer, txn_date, memo
        )
        if method:
            fields.name("method", method, limits.SIMPLE_REF_FULL_NAME)
        fields.text("check_number", check_number, limits.CHECK_NUMBER)
        return cls(
            payment_kind=payment_kind,
            reference=reference,
            customer=customer,
            recorded_amount=positive_money(amount, what=f"amount of payment {reference}"),
            txn_date=txn_date,
            method=method,
            check_number=check_number,
            memo=memo,
        )

    @event("Recorded")
    def __init__(
        self,
        payment_kind: PaymentKind,
        reference: str,
        customer: str,
        recorded_amount: Decimal,
        txn_date: date,
        method: str,
        check_number: str,
        memo: str,
    ) -> None:
        self.payment_kind = PaymentKind(payment_kind)
        self.reference = reference
        self.customer = customer
        self.recorded_amount = recorded_amount
        self.txn_date = txn_date
        self.method = method
        self.check_number = check_number
        self.memo = memo
        self._start_unapplied()

    @property
    def key(self) -> str:
        return self.reference

    @property
    def label(self) -> str:
        return f"{self.payment_kind.value} payment {self.reference}"

    @property
    def amount(self) -> Decimal:
        return self.recorded_amount

    @property
    def is_job_payment(self) -> bool:
        return self.payment_kind is PaymentKind.JOB

    @property
    def job_invoice(self) -> str | None:
        """The one invoice a job payment belongs to."""
        if not self.is_job_payment or not self.applications:
            return None
        return next(iter(self.applications))

    def check_can_apply(self, invoice: str, amount: Decimal) -> Decimal:
        if self.is_job_payment and self.applications:
            raise InvalidTransition(
                f"{self.label} is applied to invoice {self.job_invoice}; a job payment is applied "
                "to exactly one invoice"
            )
        return super().check_can_apply(invoice, amount)

    def check_can_unapply(self, invoice: str) -> None:
        if self.is_job_payment:
            raise InvalidTransition(
                f"{self.label} stays applied to its invoice {invoice}; void the payment instead"
            )
        super().check_can_unapply(invoice)

    def finish(self) -> None:
        if self.is_job_payment:
            raise InvalidTransition(f"{self.label}: only account payments are finished")
        super().finish()

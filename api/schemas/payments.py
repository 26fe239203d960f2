"""Payments: a job payment on one invoice, or an account payment applied to many."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from api.schemas.credit_sources import ApplicationOut, applications_of
from api.schemas.history import HistoryEntry
from api.schemas.limited import (
    CheckNumber,
    CustomerCode,
    DatedIn,
    InvoiceNumber,
    ListEntryName,
    Memo,
    PaymentReference,
)
from api.schemas.manual_actions import ManualActionOutcome, outcome_fields
from api.schemas.values import AmountIn, Money
from domain.manual_action import ManualAction
from domain.payment import Payment, PaymentKind


class PaymentFields(DatedIn):
    reference: PaymentReference = Field(examples=["PMT-1001"])
    amount: AmountIn
    method: ListEntryName = Field(default="", description="Payment method, as named in QuickBooks")
    check_number: CheckNumber = ""
    memo: Memo = ""


class JobPaymentIn(PaymentFields):
    invoice: InvoiceNumber | None = Field(
        default=None,
        description=(
            "The one invoice the payment is for; required: a job payment without an invoice is "
            "refused (record an account payment instead)"
        ),
    )


class AccountPaymentIn(PaymentFields):
    customer: CustomerCode = Field(description="The customer's code")


class PaymentOut(BaseModel):
    reference: str
    kind: PaymentKind
    customer: str
    amount: Money
    txn_date: date
    method: str
    check_number: str
    memo: str
    applications: list[ApplicationOut]
    applied_total: Money
    unapplied: Money
    finished: bool = Field(description="Fully applied and reviewed; applications locked")
    voided: bool
    imported: bool = Field(description="QuickBooks holds the payment (its TxnID is known)")
    qb_txn_id: str | None
    qb_edit_sequence: str | None

    @classmethod
    def of(cls, payment: Payment) -> PaymentOut:
        return cls(
            reference=payment.reference,
            kind=payment.payment_kind,
            customer=payment.customer,
            amount=payment.amount,
            txn_date=payment.txn_date,
            method=payment.method,
            check_number=payment.check_number,
            memo=payment.memo,
            applications=applications_of(payment),
            applied_total=payment.applied_total,
            unapplied=payment.unapplied,
            finished=payment.finished,
            voided=payment.voided,
            imported=payment.is_imported,
            qb_txn_id=payment.qb_txn_id,
            qb_edit_sequence=payment.qb_edit_sequence,
        )


class PaymentDetail(PaymentOut):
    history: list[HistoryEntry]


class PaymentOutcome(ManualActionOutcome):
    """The payment after a void, and the manual action it opened, if any."""

    payment: PaymentOut

    @classmethod
    def of(cls, payment: Payment, action: ManualAction | None) -> PaymentOutcome:
        return cls(payment=PaymentOut.of(payment), **outcome_fields(action))

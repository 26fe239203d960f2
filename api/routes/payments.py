"""Payments: record, apply and unapply, finish, void; QuickBooks' answers."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.auth.access import Bookkeeper, Reader
from api.deps import LedgerDep
from api.routes.responses import READ_ERRORS, WRITE_ERRORS
from api.schemas.credit_sources import ApplicationIn
from api.schemas.history import recorded_history, with_history
from api.schemas.manual_actions import ReasonIn, reason_of
from api.schemas.payments import (
    AccountPaymentIn,
    JobPaymentIn,
    PaymentDetail,
    PaymentOut,
    PaymentOutcome,
)

router = APIRouter(prefix="/payments", tags=["payments"], dependencies=[Reader])


@router.post(
    "/job",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Record a job payment on one invoice",
)
def record_job_payment(body: JobPaymentIn, ledger: LedgerDep) -> PaymentOut:
    """Record a payment applied in full to exactly one invoice, of that invoice's customer."""
    payment = ledger.record_job_payment(
        body.reference,
        body.invoice,
        body.amount,
        body.txn_date,
        method=body.method,
        check_number=body.check_number,
        memo=body.memo,
    )
    return PaymentOut.of(payment)


@router.post(
    "/account",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Record an account payment",
)
def record_account_payment(body: AccountPaymentIn, ledger: LedgerDep) -> PaymentOut:
    """Record a payment on the customer's account, to be applied to its invoices."""
    payment = ledger.record_account_payment(
        body.reference,
        body.customer,
        body.amount,
        body.txn_date,
        method=body.method,
        check_number=body.check_number,
        memo=body.memo,
    )
    return PaymentOut.of(payment)


@router.post(
    "/{reference}/applications",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Apply an account payment to an invoice",
)
def apply_payment(reference: str, body: ApplicationIn, ledger: LedgerDep) -> PaymentOut:
    """Apply part of the payment to an invoice of its customer, within the payment's unapplied
    amount and the invoice's open balance."""
    return PaymentOut.of(ledger.apply_payment(reference, body.invoice, body.amount))


@router.delete(
    "/{reference}/applications/{invoice}",
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Unapply an account payment from an invoice",
)
def unapply_payment(reference: str, invoice: str, ledger: LedgerDep) -> PaymentOut:
    """Remove the payment's application to the invoice; refused once the payment is finished
    or QuickBooks has applied it."""
    return PaymentOut.of(ledger.unapply_payment(reference, invoice))


@router.post(
    "/{reference}/finish",
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Finish an account payment",
)
def finish_payment(reference: str, ledger: LedgerDep) -> PaymentOut:
    """Mark a fully applied account payment reviewed; its applications are then locked and it
    can no longer be voided."""
    return PaymentOut.of(ledger.finish_payment(reference))


@router.post(
    "/{reference}/void", dependencies=[Bookkeeper], responses=WRITE_ERRORS, summary="Void a payment"
)
def void_payment(reference: str, ledger: LedgerDep, body: ReasonIn | None = None) -> PaymentOutcome:
    """Void an unfinished payment, releasing its applications. If QuickBooks already holds it,
    a manual action is opened to void it there too."""
    action = ledger.void_payment(reference, reason_of(body))
    return PaymentOutcome.of(ledger.payment(reference), action)


@router.get("/{reference}", responses=READ_ERRORS, summary="Read a payment with its history")
def read_payment(reference: str, ledger: LedgerDep) -> PaymentDetail:
    """The payment's current state and every event of its history, oldest first."""
    payment = ledger.payment(reference)
    history = recorded_history(ledger, payment)
    return with_history(PaymentDetail, PaymentOut.of(payment), history)

"""Credit memos: create, apply and unapply, finish, void; QuickBooks' answers."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.auth.access import Bookkeeper, Reader
from api.deps import LedgerDep
from api.routes.responses import READ_ERRORS, WRITE_ERRORS
from api.schemas.credit_memos import (
    CreditMemoDetail,
    CreditMemoIn,
    CreditMemoOut,
    CreditMemoOutcome,
)
from api.schemas.credit_sources import ApplicationIn
from api.schemas.history import recorded_history, with_history
from api.schemas.lines import CorrectionIn
from api.schemas.manual_actions import ReasonIn, reason_of

router = APIRouter(prefix="/credit-memos", tags=["credit memos"], dependencies=[Reader])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Create a credit memo",
)
def create_credit_memo(body: CreditMemoIn, ledger: LedgerDep) -> CreditMemoOut:
    """Create a credit memo of a registered customer; its amount is the total of its lines."""
    memo = ledger.create_credit_memo(
        body.number, body.customer, body.txn_date, body.domain_lines(), memo=body.memo
    )
    return CreditMemoOut.of(memo)


@router.post(
    "/{number}/applications",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Apply a credit memo to an invoice",
)
def apply_credit_memo(number: str, body: ApplicationIn, ledger: LedgerDep) -> CreditMemoOut:
    """Apply part of the credit to an invoice of its customer, within the credit's unapplied
    amount and the invoice's open balance."""
    return CreditMemoOut.of(ledger.apply_credit_memo(number, body.invoice, body.amount))


@router.delete(
    "/{number}/applications/{invoice}",
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Unapply a credit memo from an invoice",
)
def unapply_credit_memo(number: str, invoice: str, ledger: LedgerDep) -> CreditMemoOut:
    """Remove the credit's application to the invoice; refused once the credit memo is
    finished or QuickBooks has applied it."""
    return CreditMemoOut.of(ledger.unapply_credit_memo(number, invoice))


@router.post(
    "/{number}/correction",
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Correct a credit memo QuickBooks does not hold",
)
def correct_credit_memo(number: str, body: CorrectionIn, ledger: LedgerDep) -> CreditMemoOut:
    """Replace the lines of a credit memo QuickBooks does not hold (one it refused, say),
    recording who corrected it and why; it must be finished again. Refused (409) once
    QuickBooks holds it."""
    memo = ledger.correct_credit_memo(number, body.to_domain(), body.corrected_by, body.reason)
    return CreditMemoOut.of(memo)


@router.post(
    "/{number}/finish",
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Finish a credit memo",
)
def finish_credit_memo(number: str, ledger: LedgerDep) -> CreditMemoOut:
    """Mark a fully applied credit memo reviewed; its applications are then locked and it can
    no longer be voided."""
    return CreditMemoOut.of(ledger.finish_credit_memo(number))


@router.post(
    "/{number}/void",
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Void a credit memo",
)
def void_credit_memo(
    number: str, ledger: LedgerDep, body: ReasonIn | None = None
) -> CreditMemoOutcome:
    """Void an unfinished credit memo, releasing its applications. If QuickBooks already holds
    it, a manual action is opened to void it there too."""
    action = ledger.void_credit_memo(number, reason_of(body))
    return CreditMemoOutcome.of(ledger.credit_memo(number), action)


@router.get("/{number}", responses=READ_ERRORS, summary="Read a credit memo with its history")
def read_credit_memo(number: str, ledger: LedgerDep) -> CreditMemoDetail:
    """The credit memo's current state and every event of its history, oldest first."""
    memo = ledger.credit_memo(number)
    history = recorded_history(ledger, memo)
    return with_history(CreditMemoDetail, CreditMemoOut.of(memo), history)

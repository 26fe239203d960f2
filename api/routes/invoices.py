"""Invoices: create, edit lines while draft, finalize, void, write off; QuickBooks' answers."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.auth.access import Bookkeeper, Reader
from api.deps import LedgerDep
from api.routes.responses import READ_ERRORS, WRITE_ERRORS
from api.schemas.history import recorded_history, with_history
from api.schemas.invoices import InvoiceDetail, InvoiceIn, InvoiceOut, InvoiceOutcome
from api.schemas.lines import CorrectionIn, LinesIn
from api.schemas.manual_actions import ReasonIn, reason_of

router = APIRouter(prefix="/invoices", tags=["invoices"], dependencies=[Reader])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Create a draft invoice",
)
def create_invoice(body: InvoiceIn, ledger: LedgerDep) -> InvoiceOut:
    """Create a draft invoice of a registered customer; its lines can change until finalized."""
    invoice = ledger.create_invoice(
        body.number,
        body.customer,
        body.txn_date,
        body.domain_lines(),
        job_id=body.job_id,
        memo=body.memo,
    )
    return InvoiceOut.of(invoice)


@router.put(
    "/{number}/lines",
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Replace a draft invoice's lines",
)
def edit_invoice_lines(number: str, body: LinesIn, ledger: LedgerDep) -> InvoiceOut:
    """Replace every line of a draft invoice; refused once it is finalized or voided."""
    return InvoiceOut.of(ledger.edit_invoice_lines(number, body.to_domain()))


@router.post(
    "/{number}/finalize",
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Finalize an invoice",
)
def finalize_invoice(number: str, ledger: LedgerDep) -> InvoiceOut:
    """Mark the invoice reviewed: its total is correct and its lines are locked."""
    return InvoiceOut.of(ledger.finalize_invoice(number))


@router.post(
    "/{number}/correction",
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Correct a finalized invoice QuickBooks does not hold",
)
def correct_invoice(number: str, body: CorrectionIn, ledger: LedgerDep) -> InvoiceOut:
    """Replace the lines of an invoice QuickBooks does not hold (one it refused, say),
    recording who corrected it and why; it is a draft again until finalized again. Refused
    (409) once QuickBooks holds it."""
    invoice = ledger.correct_invoice(number, body.to_domain(), body.corrected_by, body.reason)
    return InvoiceOut.of(invoice)


@router.post(
    "/{number}/void", dependencies=[Bookkeeper], responses=WRITE_ERRORS, summary="Void an invoice"
)
def void_invoice(number: str, ledger: LedgerDep, body: ReasonIn | None = None) -> InvoiceOutcome:
    """Void an invoice without applications. If QuickBooks already holds it, a manual action
    is opened to void it there too."""
    action = ledger.void_invoice(number, reason_of(body))
    return InvoiceOutcome.of(ledger.invoice(number), action)


@router.post(
    "/{number}/write-off",
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Write off an invoice's open balance",
)
def write_off_invoice(
    number: str, ledger: LedgerDep, body: ReasonIn | None = None
) -> InvoiceOutcome:
    """Write off the open balance of a finalized invoice. If QuickBooks already holds it, a
    manual action is opened to write it off there too."""
    action = ledger.write_off_invoice(number, reason_of(body))
    return InvoiceOutcome.of(ledger.invoice(number), action)


@router.get("/{number}", responses=READ_ERRORS, summary="Read an invoice with its history")
def read_invoice(number: str, ledger: LedgerDep) -> InvoiceDetail:
    """The invoice's current state and every event of its history, oldest first."""
    invoice = ledger.invoice(number)
    history = recorded_history(ledger, invoice)
    return with_history(InvoiceDetail, InvoiceOut.of(invoice), history)

"""Commands that change two or more aggregates at once.

Every check on every aggregate runs before any of them records an event, so a refused
command leaves no event behind; the caller saves all returned aggregates in one atomic save.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from domain.credit_source import CreditSource
from domain.errors import InvalidTransition, JobPaymentWithoutInvoice
from domain.invoice import Invoice
from domain.manual_action import ManualAction
from domain.money import positive_money
from domain.payment import Payment, PaymentKind
from domain.transaction import QuickBooksTransaction


def apply_credit(source: CreditSource, invoice: Invoice, amount: Decimal | str) -> None:
    """Apply `amount` of a payment or credit memo to one invoice of the same customer."""
    checked = source.check_can_apply(invoice.number, positive_money(amount))
    invoice.check_can_receive(source.token, source.customer, checked)
    source._applied(invoice.number, checked)
    invoice.receive_application(source.token, source.customer, checked)


def unapply_credit(source: CreditSource, invoice: Invoice) -> None:
    source.check_can_unapply(invoice.number)
    if source.token not in invoice.applications:
        raise InvalidTransition(f"{source.label} is not applied to invoice {invoice.number}")
    source._unapplied(invoice.number)
    invoice.release_application(source.token)


def record_job_payment(
    invoice: Invoice | None,
    reference: str,
    amount: Decimal | str,
    txn_date: date,
    method: str = "",
    check_number: str = "",
    memo: str = "",
) -> Payment:
    """A job payment exists only applied to its one invoice, of whose customer it is."""
    if invoice is None:
        raise JobPaymentWithoutInvoice(
            f"job payment {reference.strip() or '(no reference)'} must be applied to exactly one "
            "invoice; record it as an account payment if it has none"
        )
    payment = Payment.record(
        PaymentKind.JOB,
        reference,
        invoice.customer,
        amount,
        txn_date,
        method=method,
        check_number=check_number,
        memo=memo,
    )
    apply_credit(payment, invoice, payment.amount)
    return payment


def void_credit_source(
    source: CreditSource, invoices: Mapping[str, Invoice], reason: str = ""
) -> ManualAction | None:
    """Void a payment or credit memo, releasing its applications from `invoices`."""
    source.check_can_void()
    missing = set(source.applications) - set(invoices)
    if missing:
        raise InvalidTransition(
            f"voiding {source.label} needs its invoices {', '.join(sorted(missing))} loaded"
        )
    for invoice_number in source.applications:
        if source.token not in invoices[invoice_number].applications:
            raise InvalidTransition(
                f"{source.label} is not applied to invoice {invoice_number} on the invoice's side"
            )
    for invoice_number in list(source.applications):
        invoices[invoice_number].release_application(source.token)
    source._voided(reason)
    return _manual_action_if_imported(source, "void", reason)


def void_invoice(invoice: Invoice, reason: str = "") -> ManualAction | None:
    invoice.void(reason)
    return _manual_action_if_imported(invoice, "void", reason)


def write_off_invoice(invoice: Invoice, reason: str = "") -> ManualAction | None:
    amount = invoice.write_off(reason)
    return _manual_action_if_imported(invoice, f"write off {amount} of", reason)


def _manual_action_if_imported(
    record: QuickBooksTransaction, action: str, reason: str
) -> ManualAction | None:
    if record.qb_txn_id is None:
        return None
    why = f" ({reason})" if reason else ""
    return ManualAction(
        subject=record.label,
        action=action,
        occurrence=record.version,  # unique per record: a second equal write-off gets its own
        qb_txn_id=record.qb_txn_id,
        instructions=(
            f"{action} {record.label} in QuickBooks (TxnID {record.qb_txn_id}){why}: QuickBooks "
            "already holds it, so qbsync does not change it there; mark this action done after"
        ),
    )

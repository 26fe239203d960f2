"""Voids of invoices and credit memos: the payments and credits come off them."""

from __future__ import annotations

from decimal import Decimal

from adapters.quickbooks.simulator.balances import adjust_customer_balance, apply_allocations
from adapters.quickbooks.simulator.company import Company
from adapters.quickbooks.simulator.model import (
    ZERO,
    Application,
    CreditMemo,
    Invoice,
    ReceivePayment,
    SalesLine,
)
from adapters.quickbooks.simulator.status import (
    object_not_found,
)


def _void_memo(memo: str | None) -> str:
    return "VOID:" if not memo else f"VOID: {memo}"


def _rewrite_payments(
    company: Company, affected: list[ReceivePayment], keep: dict[str, list[Application]]
) -> None:
    for payment in affected:
        apply_allocations(company, payment, -1)
        payment.applications = keep[payment.txn_id]
        apply_allocations(company, payment, 1, touch=False)
        company.touch(payment)


def _void_invoice(company: Company, invoice: Invoice) -> None:
    """Voiding a paid invoice takes the payments and credits off it; they become unused."""
    affected = [
        payment
        for payment in company.payments.values()
        if any(app.invoice_id == invoice.txn_id for app in payment.applications)
    ]
    keep = {
        payment.txn_id: [app for app in payment.applications if app.invoice_id != invoice.txn_id]
        for payment in affected
    }
    _rewrite_payments(company, affected, keep)
    adjust_customer_balance(company, invoice.customer_id, -invoice.subtotal)
    _zero_lines(invoice.lines)


def _void_credit_memo(company: Company, memo: CreditMemo) -> None:
    affected = [
        payment
        for payment in company.payments.values()
        if any(
            use.credit_memo_id == memo.txn_id for app in payment.applications for use in app.credits
        )
    ]
    keep: dict[str, list[Application]] = {}
    for payment in affected:
        kept: list[Application] = []
        for app in payment.applications:
            credits = [use for use in app.credits if use.credit_memo_id != memo.txn_id]
            trimmed = Application(
                invoice_id=app.invoice_id, payment_amount=app.payment_amount, credits=credits
            )
            if trimmed.total > ZERO:
                kept.append(trimmed)
        keep[payment.txn_id] = kept
    _rewrite_payments(company, affected, keep)
    adjust_customer_balance(company, memo.customer_id, memo.subtotal)
    _zero_lines(memo.lines)


def _zero_lines(lines: list[SalesLine]) -> None:
    for line in lines:
        line.amount = ZERO
        line.quantity = None if line.quantity is None else Decimal("0")


def void_txn(company: Company, void_type: str, txn_id: str) -> Invoice | CreditMemo:
    """Voiding keeps the transaction with zero amounts and "VOID:" in front of its memo.

    qbXML 13 voids invoices and credit memos; a received payment is deleted instead.
    """
    txn: Invoice | CreditMemo | None
    if void_type == "Invoice":
        txn = company.invoices.get(txn_id)
    elif void_type == "CreditMemo":
        txn = company.credit_memos.get(txn_id)
    else:
        txn = None
    if txn is None:
        raise object_not_found(txn_id)
    if txn.is_voided:
        return txn
    if isinstance(txn, Invoice):
        _void_invoice(company, txn)
    else:
        _void_credit_memo(company, txn)
    txn.is_voided = True
    txn.memo = _void_memo(txn.memo)
    company.touch(txn)
    return txn

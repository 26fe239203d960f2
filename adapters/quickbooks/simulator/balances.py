"""Balances that follow from the transactions: customer Balance/TotalBalance, invoice
AppliedAmount, credit memo usage. Kept up to date on every change and recomputable from scratch.
"""

from __future__ import annotations

from decimal import Decimal

from adapters.quickbooks.simulator.company import Company
from adapters.quickbooks.simulator.model import ZERO, ReceivePayment


def adjust_customer_balance(company: Company, customer_id: str, delta: Decimal) -> None:
    """A job's balance also rolls into the TotalBalance of every ancestor."""
    customer = company.customers[customer_id]
    customer.balance += delta
    node = customer
    while True:
        node.total_balance += delta
        if node.parent_id is None:
            return
        node = company.customers[node.parent_id]


def apply_allocations(
    company: Company, payment: ReceivePayment, sign: int, *, touch: bool = True
) -> None:
    """Add (sign=1) or remove (sign=-1) a payment's applications to invoices and credit memos.

    QuickBooks gives an invoice or credit memo a new EditSequence whenever a payment is applied
    to it or taken off it; `touch` does the same.
    """
    for application in payment.applications:
        invoice = company.invoices[application.invoice_id]
        invoice.applied_amount += sign * application.total
        if touch:
            company.touch(invoice)
        for use in application.credits:
            memo = company.credit_memos[use.credit_memo_id]
            memo.used_amount += sign * use.amount
            if touch:
                company.touch(memo)


def unused_credits(company: Company, customer_id: str) -> Decimal:
    return sum(
        (
            memo.credit_remaining
            for memo in company.credit_memos.values()
            if memo.customer_id == customer_id and not memo.is_voided
        ),
        ZERO,
    )


def recompute(company: Company) -> None:
    """Rebuild every derived amount from the transactions (after loading a saved company)."""
    for customer in company.customers.values():
        customer.balance = ZERO
        customer.total_balance = ZERO
    for invoice in company.invoices.values():
        invoice.applied_amount = ZERO
        adjust_customer_balance(company, invoice.customer_id, invoice.subtotal)
    for memo in company.credit_memos.values():
        memo.used_amount = ZERO
        adjust_customer_balance(company, memo.customer_id, -memo.subtotal)
    for payment in company.payments.values():
        adjust_customer_balance(company, payment.customer_id, -payment.total_amount)
        apply_allocations(company, payment, 1, touch=False)

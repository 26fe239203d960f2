"""Received payments: add, modify (ReceivePaymentMod) and delete, with QuickBooks' checks.

Each operation resolves and checks everything first and only then changes the company, so a
refused request leaves no trace.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from adapters.quickbooks.simulator.balances import adjust_customer_balance, apply_allocations
from adapters.quickbooks.simulator.company import Company, Ref
from adapters.quickbooks.simulator.model import (
    ZERO,
    Application,
    CreditUse,
    Customer,
    ReceivePayment,
    TxnRecord,
    to_money,
)
from adapters.quickbooks.simulator.operations_sales import MEMO_LIMIT, check_length
from adapters.quickbooks.simulator.status import (
    STALE_EDIT_SEQUENCE,
    QbError,
    invalid_reference,
    invalid_value,
    object_not_found,
)

PAYMENT_REF_NUMBER_LIMIT = 20


@dataclass(frozen=True)
class CreditInput:
    credit_txn_id: str
    amount: Decimal


@dataclass(frozen=True)
class ApplicationInput:
    invoice_txn_id: str
    payment_amount: Decimal | None = None
    credits: list[CreditInput] = field(default_factory=list)


@dataclass(frozen=True)
class PaymentInput:
    customer: Ref
    applications: list[ApplicationInput] = field(default_factory=list)
    auto_apply: bool = False
    total_amount: Decimal | None = None
    txn_date: date | None = None
    ref_number: str | None = None
    memo: str | None = None
    ar_account: Ref | None = None
    payment_method: Ref | None = None
    deposit_to_account: Ref | None = None


@dataclass(frozen=True)
class PaymentChanges:
    """A ReceivePaymentMod: None keeps a field; `applications` None keeps the allocations."""

    txn_id: str
    edit_sequence: str
    customer: Ref | None = None
    applications: list[ApplicationInput] | None = None
    total_amount: Decimal | None = None
    txn_date: date | None = None
    ref_number: str | None = None
    memo: str | None = None
    ar_account: Ref | None = None
    payment_method: Ref | None = None
    deposit_to_account: Ref | None = None


def _check_not_negative(amount: Decimal, what: str) -> None:
    if amount < ZERO:
        raise invalid_value(f"The {what} {amount} cannot be negative.")


def _build_applications(
    company: Company,
    customer: Customer,
    inputs: list[ApplicationInput],
    replacing: ReceivePayment | None,
) -> list[Application]:
    """Check allocations against what each invoice and credit memo still has open.

    When a payment's allocations are replaced, what it had applied before counts as open again.
    """
    previous_on_invoice: dict[str, Decimal] = defaultdict(lambda: ZERO)
    previous_on_credit: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for old in replacing.applications if replacing else []:
        previous_on_invoice[old.invoice_id] += old.total
        for use in old.credits:
            previous_on_credit[use.credit_memo_id] += use.amount

    applications: list[Application] = []
    credit_needed: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for wanted in inputs:
        invoice = company.invoices.get(wanted.invoice_txn_id)
        if invoice is None or invoice.customer_id != customer.list_id:
            raise invalid_reference("invoice", wanted.invoice_txn_id)
        if any(app.invoice_id == invoice.txn_id for app in applications):
            raise invalid_value(f'The invoice "{invoice.txn_id}" is applied to more than once.')
        payment_amount = to_money(wanted.payment_amount or ZERO)
        _check_not_negative(payment_amount, "payment amount")
        credits: list[CreditUse] = []
        for credit in wanted.credits:
            memo = company.credit_memos.get(credit.credit_txn_id)
            if memo is None or memo.customer_id != customer.list_id or memo.is_voided:
                raise invalid_reference("credit memo", credit.credit_txn_id)
            amount = to_money(credit.amount)
            _check_not_negative(amount, "applied credit")
            credit_needed[memo.txn_id] += amount
            credits.append(CreditUse(credit_memo_id=memo.txn_id, amount=amount))
        application = Application(
            invoice_id=invoice.txn_id, payment_amount=payment_amount, credits=credits
        )
        open_amount = invoice.balance_remaining + previous_on_invoice[invoice.txn_id]
        if application.total > open_amount:
            raise invalid_value(
                f"Applying {application.total} to invoice {invoice.ref_number} "
                f"exceeds its balance of {open_amount}."
            )
        if application.total > ZERO:
            applications.append(application)
    for memo_id, needed in credit_needed.items():
        available = company.credit_memos[memo_id].credit_remaining + previous_on_credit[memo_id]
        if needed > available:
            raise invalid_value(
                f'Applying {needed} of credit memo "{memo_id}" exceeds its remaining '
                f"credit of {available}."
            )
    return applications


def _auto_applications(company: Company, customer: Customer, total: Decimal) -> list[Application]:
    """IsAutoApply: pay the customer's oldest open invoices first."""
    open_invoices = sorted(
        (
            invoice
            for invoice in company.invoices.values()
            if invoice.customer_id == customer.list_id and invoice.balance_remaining > ZERO
        ),
        key=lambda invoice: (invoice.txn_date, invoice.txn_number),
    )
    applications: list[Application] = []
    left = total
    for invoice in open_invoices:
        if left <= ZERO:
            break
        amount = min(left, invoice.balance_remaining)
        applications.append(Application(invoice_id=invoice.txn_id, payment_amount=amount))
        left -= amount
    return applications


def _check_covered(total: Decimal, applications: list[Application]) -> None:
    _check_not_negative(total, "payment total")
    applied = sum((app.payment_amount for app in applications), ZERO)
    if applied > total:
        raise invalid_value(f"The amounts applied ({applied}) exceed the payment total {total}.")


def add_payment(company: Company, data: PaymentInput) -> ReceivePayment:
    check_length(data.ref_number, "RefNumber", PAYMENT_REF_NUMBER_LIMIT)
    check_length(data.memo, "Memo", MEMO_LIMIT)
    customer = company.resolve_customer(data.customer)
    if data.auto_apply:
        total = to_money(data.total_amount or ZERO)
        _check_not_negative(total, "payment total")
        applications = _auto_applications(company, customer, total)
    else:
        applications = _build_applications(company, customer, data.applications, None)
        total = (
            to_money(data.total_amount)
            if data.total_amount is not None
            else sum((app.payment_amount for app in applications), ZERO)
        )
    _check_covered(total, applications)
    ar_account = (
        company.resolve(company.accounts, data.ar_account, "account")
        if data.ar_account is not None
        else company.account_of_special_type("AccountsReceivable")
    )
    deposit_account = (
        company.resolve(company.accounts, data.deposit_to_account, "account")
        if data.deposit_to_account is not None
        else company.account_of_special_type("UndepositedFunds")
    )
    method = company.resolve_optional(
        company.payment_methods, data.payment_method, "payment method"
    )
    now = company.now()
    payment = ReceivePayment(
        txn_id=company.new_txn_id(),
        txn_number=company.new_txn_number(),
        time_created=now,
        time_modified=now,
        edit_sequence=company.new_edit_sequence(),
        customer_id=customer.list_id,
        ar_account_id=ar_account.list_id,
        txn_date=data.txn_date or company.today(),
        ref_number=data.ref_number,
        memo=data.memo,
        total_amount=total,
        payment_method_id=None if method is None else method.list_id,
        deposit_account_id=deposit_account.list_id,
        applications=applications,
    )
    company.payments[payment.txn_id] = payment
    apply_allocations(company, payment, 1)
    adjust_customer_balance(company, customer.list_id, -total)
    return payment


def check_edit_sequence(record: TxnRecord, edit_sequence: str) -> None:
    if record.edit_sequence != edit_sequence:
        raise QbError(
            STALE_EDIT_SEQUENCE,
            f'The provided edit sequence "{edit_sequence}" is out-of-date.',
        )


def modify_payment(company: Company, changes: PaymentChanges) -> ReceivePayment:
    """Changing the customer without new allocations unapplies the old ones."""
    payment = company.payments.get(changes.txn_id)
    if payment is None:
        raise object_not_found(changes.txn_id)
    check_edit_sequence(payment, changes.edit_sequence)
    check_length(changes.ref_number, "RefNumber", PAYMENT_REF_NUMBER_LIMIT)
    check_length(changes.memo, "Memo", MEMO_LIMIT)
    customer = (
        company.resolve_customer(changes.customer)
        if changes.customer is not None
        else company.customers[payment.customer_id]
    )
    if changes.applications is not None:
        applications = _build_applications(company, customer, changes.applications, payment)
    elif customer.list_id == payment.customer_id:
        applications = payment.applications
    else:
        applications = []
    total = (
        to_money(changes.total_amount) if changes.total_amount is not None else payment.total_amount
    )
    _check_covered(total, applications)
    ar_account = company.resolve_optional(company.accounts, changes.ar_account, "account")
    deposit_account = company.resolve_optional(
        company.accounts, changes.deposit_to_account, "account"
    )
    method = company.resolve_optional(
        company.payment_methods, changes.payment_method, "payment method"
    )

    apply_allocations(company, payment, -1)
    adjust_customer_balance(company, payment.customer_id, payment.total_amount)
    payment.customer_id = customer.list_id
    payment.applications = applications
    payment.total_amount = total
    if changes.txn_date is not None:
        payment.txn_date = changes.txn_date
    if changes.ref_number is not None:
        payment.ref_number = changes.ref_number
    if changes.memo is not None:
        payment.memo = changes.memo
    if ar_account is not None:
        payment.ar_account_id = ar_account.list_id
    if deposit_account is not None:
        payment.deposit_account_id = deposit_account.list_id
    if method is not None:
        payment.payment_method_id = method.list_id
    apply_allocations(company, payment, 1)
    adjust_customer_balance(company, customer.list_id, -total)
    company.touch(payment)
    return payment


def delete_payment(company: Company, txn_id: str) -> ReceivePayment:
    """TxnDel of a ReceivePayment: its applications come off the invoices and credit memos."""
    payment = company.payments.get(txn_id)
    if payment is None:
        raise object_not_found(txn_id)
    apply_allocations(company, payment, -1)
    adjust_customer_balance(company, payment.customer_id, payment.total_amount)
    del company.payments[txn_id]
    return payment

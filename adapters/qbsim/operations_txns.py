"""Invoices, credit memos, received payments and voids, with QuickBooks' checks.

Each operation resolves and checks everything first and only then changes the company, so a
refused request leaves no trace.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from adapters.qbsim.company import Company, Ref
from adapters.qbsim.ledger import adjust_customer_balance, apply_allocations
from adapters.qbsim.model import (
    ZERO,
    Application,
    CreditMemo,
    CreditUse,
    Customer,
    Invoice,
    ReceivePayment,
    SalesLine,
    TxnRecord,
    to_money,
)
from adapters.qbsim.status import (
    STALE_EDIT_SEQUENCE,
    QbError,
    invalid_reference,
    invalid_value,
    object_not_found,
    string_too_long,
)

SALES_REF_NUMBER_LIMIT = 11
PAYMENT_REF_NUMBER_LIMIT = 20
MEMO_LIMIT = 4095


@dataclass(frozen=True)
class LineInput:
    item: Ref | None
    description: str | None = None
    quantity: Decimal | None = None
    rate: Decimal | None = None
    amount: Decimal | None = None
    sales_tax_code: Ref | None = None
    service_date: date | None = None


@dataclass(frozen=True)
class SalesTxnInput:
    customer: Ref
    lines: list[LineInput]
    txn_date: date | None = None
    ref_number: str | None = None
    memo: str | None = None
    ar_account: Ref | None = None
    terms: Ref | None = None
    due_date: date | None = None
    po_number: str | None = None
    is_pending: bool = False
    customer_sales_tax_code: Ref | None = None


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


# --- invoices and credit memos ------------------------------------------------------------------


def _check_length(value: str | None, field_name: str, limit: int) -> None:
    if value is not None and len(value) > limit:
        raise string_too_long(field_name, value, limit)


def _build_lines(company: Company, inputs: list[LineInput]) -> list[SalesLine]:
    lines: list[SalesLine] = []
    for line in inputs:
        item = company.resolve_optional(company.items, line.item, "item")
        tax_code = company.resolve_optional(
            company.sales_tax_codes, line.sales_tax_code, "sales tax code"
        )
        rate = line.rate if line.rate is not None else (item.price if item else None)
        if line.amount is not None:
            amount = to_money(line.amount)
        elif rate is not None:
            amount = to_money((line.quantity if line.quantity is not None else 1) * rate)
        else:
            amount = ZERO
        if item is None and amount != ZERO:
            raise invalid_value("A line without an ItemRef cannot carry an amount.")
        lines.append(
            SalesLine(
                line_id="",
                item_id=None if item is None else item.list_id,
                description=line.description
                if line.description is not None
                else (item.description if item else None),
                quantity=line.quantity,
                rate=rate,
                amount=amount,
                sales_tax_code_id=(
                    tax_code.list_id if tax_code else (item.sales_tax_code_id if item else None)
                ),
                service_date=line.service_date,
            )
        )
    return lines


def _next_ref_number(given: str | None, counter: int) -> tuple[str, int]:
    """QuickBooks numbers sales forms itself when no RefNumber is sent, after the last one."""
    if given is None:
        return str(counter), counter + 1
    if given.isdigit() and int(given) >= counter:
        return given, int(given) + 1
    return given, counter


@dataclass
class _SalesTxnFields:
    customer: Customer
    ar_account_id: str
    txn_date: date
    terms_id: str | None
    due_date: date | None
    tax_code_id: str | None
    lines: list[SalesLine]


def _resolve_sales_txn(company: Company, data: SalesTxnInput) -> _SalesTxnFields:
    _check_length(data.ref_number, "RefNumber", SALES_REF_NUMBER_LIMIT)
    _check_length(data.memo, "Memo", MEMO_LIMIT)
    customer = company.resolve_customer(data.customer)
    ar_account = (
        company.resolve(company.accounts, data.ar_account, "account")
        if data.ar_account is not None
        else company.account_of_special_type("AccountsReceivable")
    )
    terms = company.resolve_optional(company.terms, data.terms, "terms")
    if terms is None and customer.terms_id is not None:
        terms = company.terms.get(customer.terms_id)
    tax_code = company.resolve_optional(
        company.sales_tax_codes, data.customer_sales_tax_code, "sales tax code"
    )
    txn_date = data.txn_date or company.today()
    due_date = data.due_date
    if due_date is None and terms is not None:
        due_date = txn_date + timedelta(days=terms.due_days)
    lines = _build_lines(company, data.lines)
    if sum((line.amount for line in lines), ZERO) < ZERO:
        raise invalid_value("The transaction total cannot be negative.")
    return _SalesTxnFields(
        customer=customer,
        ar_account_id=ar_account.list_id,
        txn_date=txn_date,
        terms_id=None if terms is None else terms.list_id,
        due_date=due_date,
        tax_code_id=(tax_code.list_id if tax_code else customer.sales_tax_code_id),
        lines=lines,
    )


def _number_lines(company: Company, lines: list[SalesLine]) -> None:
    for line in lines:
        line.line_id = company.new_txn_id()


def add_invoice(company: Company, data: SalesTxnInput) -> Invoice:
    resolved = _resolve_sales_txn(company, data)
    _number_lines(company, resolved.lines)
    ref_number, company.sequences.next_invoice_ref = _next_ref_number(
        data.ref_number, company.sequences.next_invoice_ref
    )
    now = company.now()
    invoice = Invoice(
        txn_id=company.new_txn_id(),
        txn_number=company.new_txn_number(),
        time_created=now,
        time_modified=now,
        edit_sequence=company.new_edit_sequence(),
        customer_id=resolved.customer.list_id,
        ar_account_id=resolved.ar_account_id,
        txn_date=resolved.txn_date,
        ref_number=ref_number,
        memo=data.memo,
        lines=resolved.lines,
        terms_id=resolved.terms_id,
        due_date=resolved.due_date,
        po_number=data.po_number,
        is_pending=data.is_pending,
        customer_sales_tax_code_id=resolved.tax_code_id,
    )
    company.invoices[invoice.txn_id] = invoice
    adjust_customer_balance(company, invoice.customer_id, invoice.subtotal)
    return invoice


def add_credit_memo(company: Company, data: SalesTxnInput) -> CreditMemo:
    resolved = _resolve_sales_txn(company, data)
    _number_lines(company, resolved.lines)
    ref_number, company.sequences.next_credit_memo_ref = _next_ref_number(
        data.ref_number, company.sequences.next_credit_memo_ref
    )
    now = company.now()
    memo = CreditMemo(
        txn_id=company.new_txn_id(),
        txn_number=company.new_txn_number(),
        time_created=now,
        time_modified=now,
        edit_sequence=company.new_edit_sequence(),
        customer_id=resolved.customer.list_id,
        ar_account_id=resolved.ar_account_id,
        txn_date=resolved.txn_date,
        ref_number=ref_number,
        memo=data.memo,
        lines=resolved.lines,
        terms_id=resolved.terms_id,
        due_date=resolved.due_date,
        po_number=data.po_number,
        is_pending=data.is_pending,
        customer_sales_tax_code_id=resolved.tax_code_id,
    )
    company.credit_memos[memo.txn_id] = memo
    adjust_customer_balance(company, memo.customer_id, -memo.subtotal)
    return memo


# --- received payments ----------------------------------------------------------------------


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
    _check_length(data.ref_number, "RefNumber", PAYMENT_REF_NUMBER_LIMIT)
    _check_length(data.memo, "Memo", MEMO_LIMIT)
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
    _check_length(changes.ref_number, "RefNumber", PAYMENT_REF_NUMBER_LIMIT)
    _check_length(changes.memo, "Memo", MEMO_LIMIT)
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


# --- voids ----------------------------------------------------------------------------------


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


def delete_payment(company: Company, txn_id: str) -> ReceivePayment:
    """TxnDel of a ReceivePayment: its applications come off the invoices and credit memos."""
    payment = company.payments.get(txn_id)
    if payment is None:
        raise object_not_found(txn_id)
    apply_allocations(company, payment, -1)
    adjust_customer_balance(company, payment.customer_id, payment.total_amount)
    del company.payments[txn_id]
    return payment

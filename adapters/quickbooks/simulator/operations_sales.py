"""Invoices and credit memos, with QuickBooks' checks.

Each operation resolves and checks everything first and only then changes the company, so a
refused request leaves no trace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from adapters.quickbooks.simulator.balances import adjust_customer_balance
from adapters.quickbooks.simulator.company import Company, Ref
from adapters.quickbooks.simulator.model import (
    ZERO,
    CreditMemo,
    Customer,
    Invoice,
    SalesLine,
    to_money,
)
from adapters.quickbooks.simulator.status import (
    invalid_value,
    string_too_long,
)

SALES_REF_NUMBER_LIMIT = 11
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


def check_length(value: str | None, field_name: str, limit: int) -> None:
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
    check_length(data.ref_number, "RefNumber", SALES_REF_NUMBER_LIMIT)
    check_length(data.memo, "Memo", MEMO_LIMIT)
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


SalesTxn = TypeVar("SalesTxn", Invoice, CreditMemo)


def _new_sales_txn(
    company: Company, data: SalesTxnInput, kind: type[SalesTxn], counter: int
) -> tuple[SalesTxn, int]:
    """The resolved transaction, not yet in the company, and the next RefNumber counter."""
    resolved = _resolve_sales_txn(company, data)
    _number_lines(company, resolved.lines)
    ref_number, counter = _next_ref_number(data.ref_number, counter)
    now = company.now()
    txn = kind(
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
    return txn, counter


def add_invoice(company: Company, data: SalesTxnInput) -> Invoice:
    invoice, company.sequences.next_invoice_ref = _new_sales_txn(
        company, data, Invoice, company.sequences.next_invoice_ref
    )
    company.invoices[invoice.txn_id] = invoice
    adjust_customer_balance(company, invoice.customer_id, invoice.subtotal)
    return invoice


def add_credit_memo(company: Company, data: SalesTxnInput) -> CreditMemo:
    memo, company.sequences.next_credit_memo_ref = _new_sales_txn(
        company, data, CreditMemo, company.sequences.next_credit_memo_ref
    )
    company.credit_memos[memo.txn_id] = memo
    adjust_customer_balance(company, memo.customer_id, -memo.subtotal)
    return memo

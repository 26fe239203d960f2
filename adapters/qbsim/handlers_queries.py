"""The query requests: lists (Customer, Vendor, Employee, OtherName, Item, Account, Terms,
PaymentMethod, SalesTaxCode) and transactions (Invoice, CreditMemo, ReceivePayment), with
iterators."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

from adapters.qbsim import xmlread
from adapters.qbsim.company import Company
from adapters.qbsim.handling import Handler, Outcome
from adapters.qbsim.model import Customer, ListRecord, TxnRecord
from adapters.qbsim.query_filters import parse_list_query, parse_txn_query
from adapters.qbsim.responses import Element, keep_only
from adapters.qbsim.rets_lists import (
    account_ret,
    customer_ret,
    employee_ret,
    item_ret,
    other_name_ret,
    payment_method_ret,
    sales_tax_code_ret,
    terms_ret,
    vendor_ret,
)
from adapters.qbsim.rets_txns import credit_memo_ret, invoice_ret, receive_payment_ret
from adapters.qbsim.status import NOT_FOUND_WARNING, STATUS_NO_MATCH, STATUS_OK, Status

Found = TypeVar("Found", bound=ListRecord | TxnRecord)


def _key(record: ListRecord | TxnRecord) -> str:
    return record.list_id if isinstance(record, ListRecord) else record.txn_id


def _answer(
    company: Company,
    request: Element,
    matched: Sequence[Found],
    missing: list[str],
    max_returned: int | None,
    render: Callable[[str], Element | None],
) -> Outcome:
    """Page through `matched` (iterators), render each Ret and pick the status."""
    outcome = Outcome()
    iterator = request.get("iterator")
    if iterator == "Start":
        page = company.iterators.start(request.tag, [_key(r) for r in matched], max_returned)
    elif iterator == "Continue":
        page = company.iterators.resume(request.tag, request.get("iteratorID", ""), max_returned)
    else:
        page = None
    if page is None:
        keys = [_key(record) for record in matched][:max_returned]
    else:
        keys = page.ids
        outcome.iterator_id = page.iterator_id
        outcome.iterator_remaining = page.remaining
    include = xmlread.texts(request, "IncludeRetElement")
    for key in keys:
        ret = render(key)
        if ret is not None:
            outcome.rets.append(keep_only(ret, include))
    if missing:
        outcome.status = Status(
            NOT_FOUND_WARNING,
            "The query request has not been fully completed. There was a required element "
            f'("{missing[0]}") that could not be found in QuickBooks.',
        )
    elif not outcome.rets:
        outcome.status = STATUS_NO_MATCH
    else:
        outcome.status = STATUS_OK
    return outcome


def _compare(operator: str, value: Decimal, amount: Decimal) -> bool:
    results = {
        "LessThan": value < amount,
        "LessThanEqual": value <= amount,
        "Equal": value == amount,
        "GreaterThan": value > amount,
        "GreaterThanEqual": value >= amount,
    }
    return results[operator]


def _customer_named(company: Company, full_name: str) -> Customer | None:
    owner = company.names.owner(full_name)
    return None if owner is None else company.customers.get(owner.list_id)


def handle_customer_query(company: Company, request: Element) -> Outcome:
    query = parse_list_query(request)
    matched, missing = query.select(company.customers, lambda name: _customer_named(company, name))
    total_filter = xmlread.child(request, "TotalBalanceFilter")
    if total_filter is not None:
        operator = xmlread.required_text(total_filter, "Operator")
        amount = xmlread.required_amount(total_filter, "Amount")
        matched = [c for c in matched if _compare(operator, c.total_balance, amount)]

    def render(key: str) -> Element | None:
        customer = company.customers.get(key)
        return None if customer is None else customer_ret(company, customer)

    return _answer(company, request, matched, missing, query.max_returned, render)


def handle_vendor_query(company: Company, request: Element) -> Outcome:
    query = parse_list_query(request)
    matched, missing = query.select(company.vendors)

    def render(key: str) -> Element | None:
        vendor = company.vendors.get(key)
        return None if vendor is None else vendor_ret(vendor)

    return _answer(company, request, matched, missing, query.max_returned, render)


def handle_employee_query(company: Company, request: Element) -> Outcome:
    query = parse_list_query(request)
    matched, missing = query.select(company.employees)
    return _answer(
        company,
        request,
        matched,
        missing,
        query.max_returned,
        lambda key: employee_ret(company.employees[key]),
    )


def handle_other_name_query(company: Company, request: Element) -> Outcome:
    query = parse_list_query(request)
    matched, missing = query.select(company.other_names)
    return _answer(
        company,
        request,
        matched,
        missing,
        query.max_returned,
        lambda key: other_name_ret(company.other_names[key]),
    )


def handle_item_query(company: Company, request: Element) -> Outcome:
    query = parse_list_query(request)
    matched, missing = query.select(company.items)

    def render(key: str) -> Element | None:
        item = company.items.get(key)
        return None if item is None else item_ret(company, item)

    return _answer(company, request, matched, missing, query.max_returned, render)


def handle_account_query(company: Company, request: Element) -> Outcome:
    query = parse_list_query(request)
    matched, missing = query.select(company.accounts)
    account_types = xmlread.texts(request, "AccountType")
    if account_types:
        matched = [account for account in matched if account.account_type in account_types]
    return _answer(
        company,
        request,
        matched,
        missing,
        query.max_returned,
        lambda key: account_ret(company, company.accounts[key]),
    )


def handle_terms_query(company: Company, request: Element) -> Outcome:
    query = parse_list_query(request)
    matched, missing = query.select(company.terms)
    return _answer(
        company,
        request,
        matched,
        missing,
        query.max_returned,
        lambda key: terms_ret(company.terms[key]),
    )


def handle_payment_method_query(company: Company, request: Element) -> Outcome:
    query = parse_list_query(request)
    matched, missing = query.select(company.payment_methods)
    method_types = xmlread.texts(request, "PaymentMethodType")
    if method_types:
        matched = [method for method in matched if method.method_type in method_types]
    return _answer(
        company,
        request,
        matched,
        missing,
        query.max_returned,
        lambda key: payment_method_ret(company.payment_methods[key]),
    )


def handle_sales_tax_code_query(company: Company, request: Element) -> Outcome:
    query = parse_list_query(request)
    matched, missing = query.select(company.sales_tax_codes)
    return _answer(
        company,
        request,
        matched,
        missing,
        query.max_returned,
        lambda key: sales_tax_code_ret(company.sales_tax_codes[key]),
    )


def handle_invoice_query(company: Company, request: Element) -> Outcome:
    query = parse_txn_query(company, request)
    matched, missing = query.select(company.invoices)

    def render(key: str) -> Element | None:
        invoice = company.invoices.get(key)
        if invoice is None:
            return None
        return invoice_ret(
            company,
            invoice,
            include_lines=query.include_line_items,
            include_links=query.include_linked_txns,
        )

    return _answer(company, request, matched, missing, query.max_returned, render)


def handle_credit_memo_query(company: Company, request: Element) -> Outcome:
    query = parse_txn_query(company, request)
    matched, missing = query.select(company.credit_memos)

    def render(key: str) -> Element | None:
        memo = company.credit_memos.get(key)
        if memo is None:
            return None
        return credit_memo_ret(
            company,
            memo,
            include_lines=query.include_line_items,
            include_links=query.include_linked_txns,
        )

    return _answer(company, request, matched, missing, query.max_returned, render)


def handle_receive_payment_query(company: Company, request: Element) -> Outcome:
    """AppliedToTxnRet are the payment's lines: they come back with IncludeLineItems."""
    query = parse_txn_query(company, request)
    matched, missing = query.select(company.payments)

    def render(key: str) -> Element | None:
        payment = company.payments.get(key)
        if payment is None:
            return None
        return receive_payment_ret(company, payment, include_applications=query.include_line_items)

    return _answer(company, request, matched, missing, query.max_returned, render)


QUERY_HANDLERS: dict[str, Handler] = {
    "CustomerQueryRq": handle_customer_query,
    "VendorQueryRq": handle_vendor_query,
    "EmployeeQueryRq": handle_employee_query,
    "OtherNameQueryRq": handle_other_name_query,
    "ItemQueryRq": handle_item_query,
    "AccountQueryRq": handle_account_query,
    "TermsQueryRq": handle_terms_query,
    "PaymentMethodQueryRq": handle_payment_method_query,
    "SalesTaxCodeQueryRq": handle_sales_tax_code_query,
    "InvoiceQueryRq": handle_invoice_query,
    "CreditMemoQueryRq": handle_credit_memo_query,
    "ReceivePaymentQueryRq": handle_receive_payment_query,
}

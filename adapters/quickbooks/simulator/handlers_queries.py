"""The query requests: lists (Customer, Vendor, Employee, OtherName, Item, Account, Terms,
PaymentMethod, SalesTaxCode) and transactions (Invoice, CreditMemo, ReceivePayment), with
iterators."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TypeVar

from adapters.quickbooks.simulator import xmlread
from adapters.quickbooks.simulator.company import Company
from adapters.quickbooks.simulator.handling import Handler, Outcome
from adapters.quickbooks.simulator.model import (
    Account,
    Customer,
    ListRecord,
    PaymentMethod,
    TxnRecord,
)
from adapters.quickbooks.simulator.query_filters import TxnQuery, parse_list_query, parse_txn_query
from adapters.quickbooks.simulator.responses import Element, keep_only
from adapters.quickbooks.simulator.rets_lists import (
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
from adapters.quickbooks.simulator.rets_txns import (
    credit_memo_ret,
    invoice_ret,
    receive_payment_ret,
)
from adapters.quickbooks.simulator.status import (
    NOT_FOUND_WARNING,
    STATUS_NO_MATCH,
    STATUS_OK,
    Status,
)
from adapters.quickbooks.simulator.tables import TxnTable

Found = TypeVar("Found", bound=ListRecord | TxnRecord)
Listed = TypeVar("Listed", bound=ListRecord)
Txn = TypeVar("Txn", bound=TxnRecord)


def _key(record: ListRecord | TxnRecord) -> str:
    return record.list_id if isinstance(record, ListRecord) else record.txn_id


def _answer(
    company: Company,
    request: Element,
    selected: tuple[Sequence[Found], list[str]],
    max_returned: int | None,
    records: Mapping[str, Found],
    ret: Callable[[Found], Element],
) -> Outcome:
    """Page through the matched records (iterators), render each Ret and pick the status.

    A record gone since an iterator's first page (a deleted transaction) is left out."""
    matched, missing = selected
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
        record = records.get(key)
        if record is not None:
            outcome.rets.append(keep_only(ret(record), include))
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


def _list_answer(
    company: Company,
    request: Element,
    records: Mapping[str, Listed],
    ret: Callable[[Listed], Element],
    narrow: Callable[[list[Listed]], list[Listed]] | None = None,
    find_by_name: Callable[[str], Listed | None] | None = None,
) -> Outcome:
    """A list query: the common filters, then `narrow` (the list's own filter) if given."""
    query = parse_list_query(request)
    matched, missing = query.select(records, find_by_name)
    if narrow is not None:
        matched = narrow(matched)
    return _answer(company, request, (matched, missing), query.max_returned, records, ret)


def _txn_answer(
    company: Company,
    request: Element,
    records: TxnTable[Txn],
    ret: Callable[[TxnQuery, Txn], Element],
) -> Outcome:
    query = parse_txn_query(company, request)
    return _answer(
        company,
        request,
        query.select(records),
        query.max_returned,
        records,
        lambda txn: ret(query, txn),
    )


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
    def narrow(matched: list[Customer]) -> list[Customer]:
        total_filter = xmlread.child(request, "TotalBalanceFilter")
        if total_filter is None:
            return matched
        operator = xmlread.required_text(total_filter, "Operator")
        amount = xmlread.required_amount(total_filter, "Amount")
        return [c for c in matched if _compare(operator, c.total_balance, amount)]

    return _list_answer(
        company,
        request,
        company.customers,
        lambda customer: customer_ret(company, customer),
        narrow,
        lambda name: _customer_named(company, name),
    )


def handle_vendor_query(company: Company, request: Element) -> Outcome:
    return _list_answer(company, request, company.vendors, vendor_ret)


def handle_employee_query(company: Company, request: Element) -> Outcome:
    return _list_answer(company, request, company.employees, employee_ret)


def handle_other_name_query(company: Company, request: Element) -> Outcome:
    return _list_answer(company, request, company.other_names, other_name_ret)


def handle_item_query(company: Company, request: Element) -> Outcome:
    return _list_answer(company, request, company.items, lambda item: item_ret(company, item))


def handle_account_query(company: Company, request: Element) -> Outcome:
    def narrow(matched: list[Account]) -> list[Account]:
        account_types = xmlread.texts(request, "AccountType")
        if account_types:
            return [account for account in matched if account.account_type in account_types]
        return matched

    return _list_answer(
        company, request, company.accounts, lambda account: account_ret(company, account), narrow
    )


def handle_terms_query(company: Company, request: Element) -> Outcome:
    return _list_answer(company, request, company.terms, terms_ret)


def handle_payment_method_query(company: Company, request: Element) -> Outcome:
    def narrow(matched: list[PaymentMethod]) -> list[PaymentMethod]:
        method_types = xmlread.texts(request, "PaymentMethodType")
        if method_types:
            return [method for method in matched if method.method_type in method_types]
        return matched

    return _list_answer(company, request, company.payment_methods, payment_method_ret, narrow)


def handle_sales_tax_code_query(company: Company, request: Element) -> Outcome:
    return _list_answer(company, request, company.sales_tax_codes, sales_tax_code_ret)


def handle_invoice_query(company: Company, request: Element) -> Outcome:
    return _txn_answer(
        company,
        request,
        company.invoices,
        lambda query, invoice: invoice_ret(
            company,
            invoice,
            include_lines=query.include_line_items,
            include_links=query.include_linked_txns,
        ),
    )


def handle_credit_memo_query(company: Company, request: Element) -> Outcome:
    return _txn_answer(
        company,
        request,
        company.credit_memos,
        lambda query, memo: credit_memo_ret(
            company,
            memo,
            include_lines=query.include_line_items,
            include_links=query.include_linked_txns,
        ),
    )


def handle_receive_payment_query(company: Company, request: Element) -> Outcome:
    """AppliedToTxnRet are the payment's lines: they come back with IncludeLineItems."""
    return _txn_answer(
        company,
        request,
        company.payments,
        lambda query, payment: receive_payment_ret(
            company, payment, include_applications=query.include_line_items
        ),
    )


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

"""Queries: list queries (customers, items, accounts, terms, payment methods, sales tax
codes, and the vendor, employee and other-name lists that share the customers' name space)
and transaction queries (invoices, credit memos, payments), with iterators where QuickBooks
has them.

A query selects by ListIDs/TxnIDs, or by names/RefNumbers, or by a filter; QuickBooks allows
only one of the three, and MaxReturned/ActiveStatus belong to the filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal

from lxml import etree

from adapters.quickbooks.qbxml.checks import check_id, check_text, fail
from adapters.quickbooks.qbxml.query_paging import PagedQuery
from adapters.quickbooks.qbxml.values import QbRef
from adapters.quickbooks.qbxml.xml_build import add_bool, add_date, add_ref, add_text, add_texts
from domain import limits

ActiveStatus = Literal["ActiveOnly", "InactiveOnly", "All"]

_ACTIVE_STATUSES = ("ActiveOnly", "InactiveOnly", "All")


@dataclass(frozen=True, kw_only=True)
class _ListQuery(PagedQuery):
    request_tag: ClassVar[str]
    full_name_limit: ClassVar[int] = limits.REF_FULL_NAME

    list_ids: tuple[str, ...] = ()
    full_names: tuple[str, ...] = ()
    active_status: ActiveStatus | None = None

    def __post_init__(self) -> None:
        rq = self.request_tag.removesuffix("Rq")
        uses_filter = self.active_status is not None or self.max_returned is not None
        if sum((bool(self.list_ids), bool(self.full_names), uses_filter)) > 1:
            raise fail(
                rq,
                "select by ListIDs, by FullNames or by filter (MaxReturned, ActiveStatus); "
                "QuickBooks accepts only one of them",
            )
        for list_id in self.list_ids:
            check_id(rq, "ListID", list_id)
        for full_name in self.full_names:
            check_text(
                rq, "FullName", full_name, self.full_name_limit, "no entry can have this name"
            )
        if self.active_status is not None and self.active_status not in _ACTIVE_STATUSES:
            raise fail(rq, f"ActiveStatus {self.active_status!r} must be one of {_ACTIVE_STATUSES}")
        self._check_paging(rq, bool(self.list_ids or self.full_names))

    def to_xml(self) -> etree._Element:
        request = self._request_element(self.request_tag)
        add_texts(request, "ListID", self.list_ids)
        add_texts(request, "FullName", self.full_names)
        add_text(
            request, "MaxReturned", None if self.max_returned is None else str(self.max_returned)
        )
        add_text(request, "ActiveStatus", self.active_status)
        return request


@dataclass(frozen=True, kw_only=True)
class CustomerQuery(_ListQuery):
    request_tag: ClassVar[str] = "CustomerQueryRq"
    supports_iterator: ClassVar[bool] = True


@dataclass(frozen=True, kw_only=True)
class ItemQuery(_ListQuery):
    request_tag: ClassVar[str] = "ItemQueryRq"
    supports_iterator: ClassVar[bool] = True


@dataclass(frozen=True, kw_only=True)
class AccountQuery(_ListQuery):
    request_tag: ClassVar[str] = "AccountQueryRq"
    full_name_limit: ClassVar[int] = limits.ACCOUNT_REF_FULL_NAME


@dataclass(frozen=True, kw_only=True)
class TermsQuery(_ListQuery):
    request_tag: ClassVar[str] = "TermsQueryRq"
    full_name_limit: ClassVar[int] = limits.SIMPLE_REF_FULL_NAME


@dataclass(frozen=True, kw_only=True)
class PaymentMethodQuery(_ListQuery):
    request_tag: ClassVar[str] = "PaymentMethodQueryRq"
    full_name_limit: ClassVar[int] = limits.SIMPLE_REF_FULL_NAME


@dataclass(frozen=True, kw_only=True)
class SalesTaxCodeQuery(_ListQuery):
    request_tag: ClassVar[str] = "SalesTaxCodeQueryRq"
    full_name_limit: ClassVar[int] = limits.SALES_TAX_CODE_REF_FULL_NAME


@dataclass(frozen=True, kw_only=True)
class _TxnQuery(PagedQuery):
    request_tag: ClassVar[str]
    ref_number_limit: ClassVar[int]
    supports_iterator: ClassVar[bool] = True

    txn_ids: tuple[str, ...] = ()
    ref_numbers: tuple[str, ...] = ()
    customer: QbRef | None = None
    from_txn_date: date | None = None
    to_txn_date: date | None = None
    include_line_items: bool | None = None

    def __post_init__(self) -> None:
        rq = self.request_tag.removesuffix("Rq")
        uses_filter = (
            self.max_returned is not None
            or self.customer is not None
            or self.from_txn_date is not None
            or self.to_txn_date is not None
        )
        if sum((bool(self.txn_ids), bool(self.ref_numbers), uses_filter)) > 1:
            raise fail(
                rq,
                "select by TxnIDs, by RefNumbers or by filter (MaxReturned, customer, dates); "
                "QuickBooks accepts only one of them: filter the answer yourself",
            )
        for txn_id in self.txn_ids:
            check_id(rq, "TxnID", txn_id)
        for ref_number in self.ref_numbers:
            check_text(
                rq,
                "RefNumber",
                ref_number,
                self.ref_number_limit,
                "no transaction of this type can have this number",
            )
        if self.customer is not None:
            self.customer.check(rq, "customer", limits.REF_FULL_NAME)
        if self.from_txn_date and self.to_txn_date and self.from_txn_date > self.to_txn_date:
            raise fail(rq, f"date range {self.from_txn_date}..{self.to_txn_date} is empty")
        self._check_paging(rq, bool(self.txn_ids or self.ref_numbers))

    def _add_includes(self, request: etree._Element) -> None:
        add_bool(request, "IncludeLineItems", self.include_line_items)

    def to_xml(self) -> etree._Element:
        request = self._request_element(self.request_tag)
        add_texts(request, "TxnID", self.txn_ids)
        add_texts(request, "RefNumber", self.ref_numbers)
        add_text(
            request, "MaxReturned", None if self.max_returned is None else str(self.max_returned)
        )
        if self.from_txn_date is not None or self.to_txn_date is not None:
            dates = etree.SubElement(request, "TxnDateRangeFilter")
            add_date(dates, "FromTxnDate", self.from_txn_date)
            add_date(dates, "ToTxnDate", self.to_txn_date)
        if self.customer is not None:
            add_ref(request, "EntityFilter", self.customer)
        self._add_includes(request)
        return request


@dataclass(frozen=True, kw_only=True)
class InvoiceQuery(_TxnQuery):
    request_tag: ClassVar[str] = "InvoiceQueryRq"
    ref_number_limit: ClassVar[int] = limits.INVOICE_REF_NUMBER

    include_linked_txns: bool | None = None

    def _add_includes(self, request: etree._Element) -> None:
        super()._add_includes(request)
        add_bool(request, "IncludeLinkedTxns", self.include_linked_txns)


@dataclass(frozen=True, kw_only=True)
class CreditMemoQuery(_TxnQuery):
    request_tag: ClassVar[str] = "CreditMemoQueryRq"
    ref_number_limit: ClassVar[int] = limits.CREDIT_MEMO_REF_NUMBER


@dataclass(frozen=True, kw_only=True)
class ReceivePaymentQuery(_TxnQuery):
    request_tag: ClassVar[str] = "ReceivePaymentQueryRq"
    ref_number_limit: ClassVar[int] = limits.RECEIVE_PAYMENT_REF_NUMBER


@dataclass(frozen=True, kw_only=True)
class VendorQuery(_ListQuery):
    request_tag: ClassVar[str] = "VendorQueryRq"
    supports_iterator: ClassVar[bool] = True


@dataclass(frozen=True, kw_only=True)
class EmployeeQuery(_ListQuery):
    request_tag: ClassVar[str] = "EmployeeQueryRq"


@dataclass(frozen=True, kw_only=True)
class OtherNameQuery(_ListQuery):
    request_tag: ClassVar[str] = "OtherNameQueryRq"

"""Sales transactions: InvoiceAdd and CreditMemoAdd with their lines, and TxnVoid."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar

from lxml import etree

from adapters.quickbooks.qbxml.checks import (
    check_amount,
    check_id,
    check_price,
    check_quantity,
    check_text,
    fail,
)
from adapters.quickbooks.qbxml.values import QbRef
from adapters.quickbooks.qbxml.xml_build import (
    add_amount,
    add_date,
    add_number,
    add_ref,
    add_text,
    format_guid,
)
from domain import limits

VOIDABLE_TXN_TYPES = frozenset(
    {
        "ARRefundCreditCard",
        "Bill",
        "BillPaymentCheck",
        "BillPaymentCreditCard",
        "Charge",
        "Check",
        "CreditCardCharge",
        "CreditCardCredit",
        "CreditMemo",
        "Deposit",
        "InventoryAdjustment",
        "Invoice",
        "ItemReceipt",
        "JournalEntry",
        "SalesReceipt",
        "VendorCredit",
    }
)


@dataclass(frozen=True, kw_only=True)
class SalesLineAdd:
    """One line of an invoice or credit memo: an item, or a description-only line."""

    item: QbRef | None = None
    desc: str | None = None
    quantity: Decimal | None = None
    rate: Decimal | None = None
    amount: Decimal | None = None
    service_date: date | None = None
    sales_tax_code: QbRef | None = None

    def check(self, request: str, number: int) -> None:
        field = f"line {number}"
        if self.item is None and self.desc is None:
            raise fail(request, f"{field} has neither an item nor a description: give one")
        if self.item is not None:
            self.item.check(request, f"{field} item", limits.REF_FULL_NAME)
        check_text(
            request, f"{field} description", self.desc, limits.LINE_DESC, "shorten the description"
        )
        check_quantity(request, f"{field} quantity", self.quantity)
        check_price(request, f"{field} rate", self.rate)
        check_amount(request, f"{field} amount", self.amount, negative_ok=True)
        if self.sales_tax_code is not None:
            self.sales_tax_code.check(
                request, f"{field} sales tax code", limits.SALES_TAX_CODE_REF_FULL_NAME
            )

    def to_xml(self, parent: etree._Element, tag: str) -> None:
        line = etree.SubElement(parent, tag)
        add_ref(line, "ItemRef", self.item)
        add_text(line, "Desc", self.desc)
        add_number(line, "Quantity", self.quantity)
        add_number(line, "Rate", self.rate)
        add_amount(line, "Amount", self.amount)
        add_date(line, "ServiceDate", self.service_date)
        add_ref(line, "SalesTaxCodeRef", self.sales_tax_code)


@dataclass(frozen=True, kw_only=True)
class _SalesTxnAdd:
    """What InvoiceAdd and CreditMemoAdd share; element names come from the subclass."""

    request_tag: ClassVar[str]
    line_tag: ClassVar[str]
    ref_number_limit: ClassVar[int]

    customer: QbRef
    lines: tuple[SalesLineAdd, ...]
    txn_date: date | None = None
    ref_number: str | None = None
    memo: str | None = None
    external_guid: uuid.UUID | None = None
    request_id: str | None = None

    @property
    def _name(self) -> str:
        return self.request_tag.removesuffix("Rq")

    def __post_init__(self) -> None:
        rq = self._name
        self.customer.check(rq, "customer", limits.REF_FULL_NAME)
        check_text(
            rq,
            "RefNumber",
            self.ref_number,
            self.ref_number_limit,
            "use a shorter document number (QuickBooks stores at most "
            f"{self.ref_number_limit} characters)",
        )
        check_text(rq, "memo", self.memo, limits.MEMO, "shorten the memo")
        if not self.lines:
            raise fail(rq, "has no lines; QuickBooks needs at least one: add a line")
        for number, line in enumerate(self.lines, start=1):
            line.check(rq, number)
        self._check_extra(rq)

    def _check_extra(self, request: str) -> None:
        """Subclasses check their own fields here."""

    def _add_terms(self, txn: etree._Element) -> None:
        """Subclasses with payment terms add TermsRef and DueDate here."""

    def to_xml(self) -> etree._Element:
        request = etree.Element(self.request_tag)
        txn = etree.SubElement(request, self._name)
        add_ref(txn, "CustomerRef", self.customer)
        add_date(txn, "TxnDate", self.txn_date)
        add_text(txn, "RefNumber", self.ref_number)
        self._add_terms(txn)
        add_text(txn, "Memo", self.memo)
        if self.external_guid is not None:
            add_text(txn, "ExternalGUID", format_guid(self.external_guid))
        for line in self.lines:
            line.to_xml(txn, self.line_tag)
        return request


@dataclass(frozen=True, kw_only=True)
class InvoiceAdd(_SalesTxnAdd):
    request_tag: ClassVar[str] = "InvoiceAddRq"
    line_tag: ClassVar[str] = "InvoiceLineAdd"
    ref_number_limit: ClassVar[int] = limits.INVOICE_REF_NUMBER

    terms: QbRef | None = None
    due_date: date | None = None

    def _check_extra(self, request: str) -> None:
        if self.terms is not None:
            self.terms.check(request, "terms", limits.SIMPLE_REF_FULL_NAME)

    def _add_terms(self, txn: etree._Element) -> None:
        add_ref(txn, "TermsRef", self.terms)
        add_date(txn, "DueDate", self.due_date)


@dataclass(frozen=True, kw_only=True)
class CreditMemoAdd(_SalesTxnAdd):
    request_tag: ClassVar[str] = "CreditMemoAddRq"
    line_tag: ClassVar[str] = "CreditMemoLineAdd"
    ref_number_limit: ClassVar[int] = limits.CREDIT_MEMO_REF_NUMBER


@dataclass(frozen=True, kw_only=True)
class TxnVoid:
    """Voids a transaction: it stays in QuickBooks with zero amounts and a VOID memo."""

    txn_void_type: str
    txn_id: str
    request_id: str | None = None

    def __post_init__(self) -> None:
        if self.txn_void_type == "ReceivePayment":
            raise fail(
                "TxnVoid",
                "QuickBooks cannot void a ReceivePayment: delete it with TxnDel, "
                "or re-apply it with ReceivePaymentMod",
            )
        if self.txn_void_type not in VOIDABLE_TXN_TYPES:
            raise fail(
                "TxnVoid",
                f"transaction type {self.txn_void_type!r} cannot be voided; QuickBooks voids "
                f"only {', '.join(sorted(VOIDABLE_TXN_TYPES))}",
            )
        check_id("TxnVoid", "TxnID", self.txn_id)

    def to_xml(self) -> etree._Element:
        request = etree.Element("TxnVoidRq")
        add_text(request, "TxnVoidType", self.txn_void_type)
        add_text(request, "TxnID", self.txn_id)
        return request

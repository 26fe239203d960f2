"""Typed views of the `*Ret` objects in qbXML answers.

Only the fields the sync needs are typed; `QbRet.get` reaches anything else. Elements this
module does not know are ignored, so newer QuickBooks answers never break parsing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from lxml import etree

from adapters.quickbooks.qbxml.xml_read import (
    child_text,
    element_children,
    read_bool,
    read_date,
    read_decimal,
    read_int,
)


@dataclass(frozen=True)
class RetRef:
    """A reference inside an answer (CustomerRef, ItemRef, ParentRef, …)."""

    list_id: str | None
    full_name: str | None

    @classmethod
    def read(cls, element: etree._Element, tag: str) -> RetRef | None:
        ref = element.find(tag)
        if ref is None:
            return None
        return cls(list_id=child_text(ref, "ListID"), full_name=child_text(ref, "FullName"))


@dataclass(frozen=True)
class LinkedTxn:
    """A transaction linked to this one (a payment on an invoice, a credit applied, …)."""

    txn_id: str | None
    txn_type: str | None
    txn_date: date | None
    ref_number: str | None
    link_type: str | None
    amount: Decimal | None

    @classmethod
    def read(cls, element: etree._Element) -> LinkedTxn:
        return cls(
            txn_id=child_text(element, "TxnID"),
            txn_type=child_text(element, "TxnType"),
            txn_date=read_date(element, "TxnDate"),
            ref_number=child_text(element, "RefNumber"),
            link_type=child_text(element, "LinkType"),
            amount=read_decimal(element, "Amount"),
        )


@dataclass(frozen=True)
class AppliedToTxnRet:
    """Where part of a payment went; `credits` are the credit memos applied with it."""

    txn_id: str | None
    txn_type: str | None
    txn_date: date | None
    ref_number: str | None
    balance_remaining: Decimal | None
    payment_amount: Decimal | None
    discount_amount: Decimal | None
    credits: tuple[LinkedTxn, ...]

    @classmethod
    def read(cls, element: etree._Element) -> AppliedToTxnRet:
        return cls(
            txn_id=child_text(element, "TxnID"),
            txn_type=child_text(element, "TxnType"),
            txn_date=read_date(element, "TxnDate"),
            ref_number=child_text(element, "RefNumber"),
            balance_remaining=read_decimal(element, "BalanceRemaining"),
            payment_amount=read_decimal(element, "Amount"),
            discount_amount=read_decimal(element, "DiscountAmount"),
            credits=tuple(LinkedTxn.read(linked) for linked in element.iterfind("LinkedTxn")),
        )


@dataclass(frozen=True)
class LineRet:
    """One line of an invoice or credit memo (InvoiceLineRet, CreditMemoLineRet)."""

    txn_line_id: str | None
    item: RetRef | None
    desc: str | None
    quantity: Decimal | None
    rate: Decimal | None
    amount: Decimal | None
    service_date: date | None

    @classmethod
    def read(cls, element: etree._Element) -> LineRet:
        return cls(
            txn_line_id=child_text(element, "TxnLineID"),
            item=RetRef.read(element, "ItemRef"),
            desc=child_text(element, "Desc"),
            quantity=read_decimal(element, "Quantity"),
            rate=read_decimal(element, "Rate"),
            amount=read_decimal(element, "Amount"),
            service_date=read_date(element, "ServiceDate"),
        )


_LINE_TAGS = ("InvoiceLineRet", "CreditMemoLineRet")


@dataclass(frozen=True)
class QbRet:
    """One object QuickBooks returned: a list entry (ListID) or a transaction (TxnID)."""

    ret_type: str
    list_id: str | None
    txn_id: str | None
    edit_sequence: str | None
    txn_number: int | None
    name: str | None
    full_name: str | None
    is_active: bool | None
    parent: RetRef | None
    ref_number: str | None
    txn_date: date | None
    due_date: date | None
    customer: RetRef | None
    payment_method: RetRef | None
    memo: str | None
    external_guid: str | None
    subtotal: Decimal | None
    sales_tax_percentage: Decimal | None
    sales_tax_total: Decimal | None
    total_amount: Decimal | None
    applied_amount: Decimal | None
    balance_remaining: Decimal | None
    credit_remaining: Decimal | None
    is_paid: bool | None
    unused_payment: Decimal | None
    unused_credits: Decimal | None
    balance: Decimal | None
    total_balance: Decimal | None
    linked_txns: tuple[LinkedTxn, ...]
    applied_to: tuple[AppliedToTxnRet, ...]
    lines: tuple[LineRet, ...]
    element: etree._Element = field(repr=False, compare=False)

    @classmethod
    def read(cls, element: etree._Element, ret_type: str | None = None) -> QbRet:
        """Read `element`; `ret_type` overrides its tag (TxnVoidRs carries its fields inline)."""
        return cls(
            ret_type=ret_type or str(element.tag),
            list_id=child_text(element, "ListID"),
            txn_id=child_text(element, "TxnID"),
            edit_sequence=child_text(element, "EditSequence"),
            txn_number=read_int(element, "TxnNumber"),
            name=child_text(element, "Name"),
            full_name=child_text(element, "FullName"),
            is_active=read_bool(element, "IsActive"),
            parent=RetRef.read(element, "ParentRef"),
            ref_number=child_text(element, "RefNumber"),
            txn_date=read_date(element, "TxnDate"),
            due_date=read_date(element, "DueDate"),
            customer=RetRef.read(element, "CustomerRef"),
            payment_method=RetRef.read(element, "PaymentMethodRef"),
            memo=child_text(element, "Memo"),
            external_guid=child_text(element, "ExternalGUID"),
            subtotal=read_decimal(element, "Subtotal"),
            sales_tax_percentage=read_decimal(element, "SalesTaxPercentage"),
            sales_tax_total=read_decimal(element, "SalesTaxTotal"),
            total_amount=read_decimal(element, "TotalAmount"),
            applied_amount=read_decimal(element, "AppliedAmount"),
            balance_remaining=read_decimal(element, "BalanceRemaining"),
            credit_remaining=read_decimal(element, "CreditRemaining"),
            is_paid=read_bool(element, "IsPaid"),
            unused_payment=read_decimal(element, "UnusedPayment"),
            unused_credits=read_decimal(element, "UnusedCredits"),
            balance=read_decimal(element, "Balance"),
            total_balance=read_decimal(element, "TotalBalance"),
            linked_txns=tuple(LinkedTxn.read(e) for e in element.iterfind("LinkedTxn")),
            applied_to=tuple(AppliedToTxnRet.read(e) for e in element.iterfind("AppliedToTxnRet")),
            lines=tuple(LineRet.read(e) for e in element_children(element) if e.tag in _LINE_TAGS),
            element=element,
        )

    def get(self, path: str) -> str | None:
        """The text at `path` below this object ("SalesTaxCodeRef/FullName"), or None."""
        return child_text(self.element, path)

    def get_decimal(self, path: str) -> Decimal | None:
        return read_decimal(self.element, path)

    def get_bool(self, path: str) -> bool | None:
        return read_bool(self.element, path)

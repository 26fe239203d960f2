"""Customer payments: ReceivePaymentAdd and ReceivePaymentMod with their applications.

A payment either stays unapplied (IsAutoApply=false, shown as a customer credit) or names
the invoices it pays. Credit memos are applied the same way: an application whose
SetCredit entries name the credit memo, with a payment amount of 0 if no money moved.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lxml import etree

from adapters.quickbooks.qbxml.checks import (
    check_amount,
    check_edit_sequence,
    check_id,
    check_text,
    fail,
)
from adapters.quickbooks.qbxml.values import QbRef
from adapters.quickbooks.qbxml.xml_build import (
    add_amount,
    add_bool,
    add_date,
    add_ref,
    add_text,
    format_guid,
)
from domain import limits


@dataclass(frozen=True)
class SetCredit:
    """Use `applied_amount` of the credit memo `credit_txn_id` against the invoice."""

    credit_txn_id: str
    applied_amount: Decimal

    def check(self, request: str, field: str) -> None:
        check_id(request, f"{field} CreditTxnID", self.credit_txn_id)
        check_amount(request, f"{field} applied amount", self.applied_amount, negative_ok=False)
        if self.applied_amount == 0:
            raise fail(request, f"{field} applied amount is 0: leave the credit out instead")

    def to_xml(self, parent: etree._Element) -> None:
        credit = etree.SubElement(parent, "SetCredit")
        add_text(credit, "CreditTxnID", self.credit_txn_id)
        add_amount(credit, "AppliedAmount", self.applied_amount)


@dataclass(frozen=True)
class AppliedToTxn:
    """How much of a payment (and which credits) go to the invoice `txn_id`."""

    txn_id: str
    payment_amount: Decimal | None = None
    credits: tuple[SetCredit, ...] = ()

    def check(self, request: str, number: int) -> None:
        field = f"application {number}"
        check_id(request, f"{field} TxnID", self.txn_id)
        check_amount(request, f"{field} payment amount", self.payment_amount, negative_ok=False)
        if self.payment_amount is None and not self.credits:
            raise fail(
                request,
                f"{field} (invoice {self.txn_id}) has neither a payment amount nor a credit: "
                "give one",
            )
        seen: set[str] = set()
        for credit_number, credit in enumerate(self.credits, start=1):
            credit.check(request, f"{field} credit {credit_number}")
            if credit.credit_txn_id in seen:
                raise fail(
                    request,
                    f"{field} uses credit memo {credit.credit_txn_id} twice: merge the amounts",
                )
            seen.add(credit.credit_txn_id)

    def to_xml(self, parent: etree._Element, tag: str) -> None:
        applied = etree.SubElement(parent, tag)
        add_text(applied, "TxnID", self.txn_id)
        add_amount(applied, "PaymentAmount", self.payment_amount)
        for credit in self.credits:
            credit.to_xml(applied)


def _check_applications(
    request: str, applications: tuple[AppliedToTxn, ...], total: Decimal | None
) -> None:
    seen: set[str] = set()
    for number, application in enumerate(applications, start=1):
        application.check(request, number)
        if application.txn_id in seen:
            raise fail(
                request,
                f"invoice {application.txn_id} appears in two applications: merge them",
            )
        seen.add(application.txn_id)
    applied = sum((a.payment_amount or Decimal(0) for a in applications), Decimal(0))
    if total is not None and applied > total:
        raise fail(
            request,
            f"applications pay {applied} but TotalAmount is {total}; QuickBooks refuses to "
            "apply more than was received: lower the applications or raise the total",
        )


@dataclass(frozen=True, kw_only=True)
class ReceivePaymentAdd:
    """Records money received; `applied_to` empty means unapplied (IsAutoApply=false)."""

    customer: QbRef
    total_amount: Decimal | None = None
    txn_date: date | None = None
    ref_number: str | None = None
    payment_method: QbRef | None = None
    memo: str | None = None
    deposit_to_account: QbRef | None = None
    external_guid: uuid.UUID | None = None
    applied_to: tuple[AppliedToTxn, ...] = ()
    request_id: str | None = None

    def __post_init__(self) -> None:
        rq = "ReceivePaymentAdd"
        self.customer.check(rq, "customer", limits.REF_FULL_NAME)
        check_text(
            rq,
            "RefNumber",
            self.ref_number,
            limits.RECEIVE_PAYMENT_REF_NUMBER,
            "use a shorter check or reference number",
        )
        check_amount(rq, "TotalAmount", self.total_amount, negative_ok=False)
        if self.payment_method is not None:
            self.payment_method.check(rq, "payment method", limits.SIMPLE_REF_FULL_NAME)
        check_text(rq, "memo", self.memo, limits.MEMO, "shorten the memo")
        if self.deposit_to_account is not None:
            self.deposit_to_account.check(rq, "deposit-to account", limits.ACCOUNT_REF_FULL_NAME)
        if not self.applied_to and not self.total_amount:
            raise fail(rq, "an unapplied payment needs a TotalAmount above 0")
        _check_applications(rq, self.applied_to, self.total_amount)

    @property
    def is_unapplied(self) -> bool:
        return not self.applied_to

    def to_xml(self) -> etree._Element:
        request = etree.Element("ReceivePaymentAddRq")
        payment = etree.SubElement(request, "ReceivePaymentAdd")
        add_ref(payment, "CustomerRef", self.customer)
        add_date(payment, "TxnDate", self.txn_date)
        add_text(payment, "RefNumber", self.ref_number)
        add_amount(payment, "TotalAmount", self.total_amount)
        add_ref(payment, "PaymentMethodRef", self.payment_method)
        add_text(payment, "Memo", self.memo)
        add_ref(payment, "DepositToAccountRef", self.deposit_to_account)
        if self.external_guid is not None:
            add_text(payment, "ExternalGUID", format_guid(self.external_guid))
        if self.is_unapplied:
            add_bool(payment, "IsAutoApply", False)
        for application in self.applied_to:
            application.to_xml(payment, "AppliedToTxnAdd")
        return request


@dataclass(frozen=True, kw_only=True)
class ReceivePaymentMod:
    """Re-applies an existing payment; the applications sent replace all earlier ones."""

    txn_id: str
    edit_sequence: str
    applied_to: tuple[AppliedToTxn, ...]
    request_id: str | None = None

    def __post_init__(self) -> None:
        rq = "ReceivePaymentMod"
        check_id(rq, "TxnID", self.txn_id)
        check_edit_sequence(rq, self.edit_sequence)
        if not self.applied_to:
            raise fail(
                rq,
                "has no applications; QuickBooks keeps the old ones when none are sent: "
                "give at least one",
            )
        _check_applications(rq, self.applied_to, None)

    def to_xml(self) -> etree._Element:
        request = etree.Element("ReceivePaymentModRq")
        payment = etree.SubElement(request, "ReceivePaymentMod")
        add_text(payment, "TxnID", self.txn_id)
        add_text(payment, "EditSequence", self.edit_sequence)
        for application in self.applied_to:
            application.to_xml(payment, "AppliedToTxnMod")
        return request

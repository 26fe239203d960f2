"""The qbXML request for an outbox operation, built from the ledger as it is at send time:
the add or mod itself, or the query that finds an earlier copy when the outcome is unknown."""

from __future__ import annotations

from decimal import Decimal

from adapters.quickbooks.qbxml.envelope import QbRequest
from adapters.quickbooks.qbxml.errors import QbxmlFieldError
from adapters.quickbooks.qbxml.requests import (
    AppliedToTxn,
    CreditMemoAdd,
    CreditMemoQuery,
    CustomerAdd,
    CustomerQuery,
    InvoiceAdd,
    InvoiceQuery,
    QbRef,
    ReceivePaymentAdd,
    ReceivePaymentMod,
    ReceivePaymentQuery,
    SalesLineAdd,
    SetCredit,
)
from adapters.storage.ledger.application import Ledger
from adapters.storage.outbox.operations import OpKind, OutboxRow, Phase
from domain.lines import Line


class CannotSend(Exception):
    """The operation cannot be expressed in qbXML until a person fixes the record."""


def marker(row: OutboxRow) -> str:
    """The Memo of a credit application: how a resend finds the earlier copy."""
    return f"qbsync {row.key}"


def build_request(ledger: Ledger, row: OutboxRow) -> QbRequest:
    try:
        return _build(ledger, row, row.request_id)
    except QbxmlFieldError as error:
        raise CannotSend(_advice(ledger, row, str(error))) from error


def _build(ledger: Ledger, row: OutboxRow, rid: str) -> QbRequest:
    probe = row.phase is Phase.PROBE
    if row.kind is OpKind.CUSTOMER_ADD:
        return _customer(ledger, row.txn_key, rid, probe)
    customer = _customer_ref(ledger, row.customer)
    if row.kind is OpKind.INVOICE_ADD:
        invoice = ledger.invoice(row.txn_key)
        if probe:
            return InvoiceQuery(ref_numbers=(invoice.number,), request_id=rid)
        return InvoiceAdd(
            customer=customer,
            lines=_lines(invoice.lines),
            txn_date=invoice.txn_date,
            ref_number=invoice.number,
            memo=invoice.memo or None,
            request_id=rid,
        )
    if row.kind is OpKind.CREDIT_MEMO_ADD:
        memo = ledger.credit_memo(row.txn_key)
        if probe:
            return CreditMemoQuery(ref_numbers=(memo.number,), request_id=rid)
        return CreditMemoAdd(
            customer=customer,
            lines=_lines(memo.lines),
            txn_date=memo.txn_date,
            ref_number=memo.number,
            memo=memo.memo or None,
            request_id=rid,
        )
    if row.kind is OpKind.CREDIT_APPLY:
        if probe:
            return ReceivePaymentQuery(customer=customer, include_line_items=True, request_id=rid)
        memo = ledger.credit_memo(row.txn_key)
        target = row.invoices[0]
        credit = SetCredit(_txn_id(memo.qb_txn_id, row), memo.applications[target])
        applied = AppliedToTxn(_txn_id(ledger.invoice(target).qb_txn_id, row), credits=(credit,))
        return ReceivePaymentAdd(
            customer=customer,
            total_amount=Decimal("0.00"),
            memo=marker(row),
            applied_to=(applied,),
            request_id=rid,
        )
    payment = ledger.payment(row.txn_key)
    if row.kind is OpKind.PAYMENT_ADD:
        if probe:
            return ReceivePaymentQuery(
                ref_numbers=(payment.reference,), include_line_items=True, request_id=rid
            )
        return ReceivePaymentAdd(
            customer=customer,
            total_amount=payment.amount,
            txn_date=payment.txn_date,
            ref_number=payment.reference,
            memo=payment.memo or None,
            payment_method=QbRef.by_name(payment.method) if payment.method else None,
            applied_to=_applications(ledger, payment.applications, row.invoices, row),
            request_id=rid,
        )
    txn_id = _txn_id(payment.qb_txn_id, row)
    if probe:
        return ReceivePaymentQuery(txn_ids=(txn_id,), include_line_items=True, request_id=rid)
    invoices = tuple(sorted({*payment.applied_in_qb, *row.invoices}))
    return ReceivePaymentMod(
        txn_id=txn_id,
        edit_sequence=row.hint or payment.qb_edit_sequence or "",
        applied_to=_applications(ledger, payment.applications, invoices, row),
        request_id=rid,
    )


def _customer(ledger: Ledger, code: str, rid: str, probe: bool) -> QbRequest:
    customer = ledger.customer(code)
    parent = ledger.customer(customer.parent) if customer.parent else None
    if parent is not None and parent.qb_list_id is None:
        raise CannotSend(f"{parent.label} is not linked to QuickBooks yet")
    name = customer.name_for_quickbooks
    if probe:
        full = f"{parent.qb_full_name}:{name}" if parent is not None else name
        return CustomerQuery(full_names=(full,), request_id=rid)
    ref = QbRef.by_id(parent.qb_list_id) if parent is not None and parent.qb_list_id else None
    return CustomerAdd(name=name, parent=ref, request_id=rid)


def _customer_ref(ledger: Ledger, code: str) -> QbRef:
    customer = ledger.customer(code)
    if customer.qb_list_id is None:
        raise CannotSend(f"{customer.label} is not linked to QuickBooks yet")
    return QbRef.by_id(customer.qb_list_id)


def _applications(
    ledger: Ledger, amounts: dict[str, Decimal], invoices: tuple[str, ...], row: OutboxRow
) -> tuple[AppliedToTxn, ...]:
    return tuple(
        AppliedToTxn(_txn_id(ledger.invoice(inv).qb_txn_id, row), payment_amount=amounts[inv])
        for inv in invoices
        if inv in amounts
    )


def _txn_id(txn_id: str | None, row: OutboxRow) -> str:
    if txn_id is None:
        raise CannotSend(f"{row.key} needs a transaction QuickBooks does not hold yet")
    return txn_id


def _lines(lines: tuple[Line, ...]) -> tuple[SalesLineAdd, ...]:
    return tuple(
        SalesLineAdd(
            item=QbRef.by_name(line.item),
            desc=line.description or None,
            quantity=line.quantity,
            rate=line.rate,
            amount=line.amount,
        )
        for line in lines
    )


def _advice(ledger: Ledger, row: OutboxRow, problem: str) -> str:
    if row.kind is OpKind.CUSTOMER_ADD:
        customer = ledger.customer(row.txn_key)
        return (
            f"set a QB Name for customer {customer.code} ({customer.name}) that QuickBooks "
            f"accepts: {problem}"
        )
    return f"{row.key} cannot be sent to QuickBooks: {problem}"

"""InvoiceAdd, CreditMemoAdd, ReceivePaymentAdd/Mod, TxnVoid (invoices, credit memos) and
TxnDel (received payments: qbXML cannot void them) requests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TypedDict

from adapters.quickbooks.simulator import xmlread
from adapters.quickbooks.simulator.company import Company, Ref
from adapters.quickbooks.simulator.handling import Handler, Outcome
from adapters.quickbooks.simulator.operations_payments import (
    ApplicationInput,
    CreditInput,
    PaymentChanges,
    PaymentInput,
    add_payment,
    delete_payment,
    modify_payment,
)
from adapters.quickbooks.simulator.operations_sales import (
    LineInput,
    SalesTxnInput,
    add_credit_memo,
    add_invoice,
)
from adapters.quickbooks.simulator.operations_voids import void_txn
from adapters.quickbooks.simulator.responses import Element, add_text, format_datetime
from adapters.quickbooks.simulator.rets_txns import (
    credit_memo_ret,
    invoice_ret,
    receive_payment_ret,
)
from adapters.quickbooks.simulator.status import UNSUPPORTED_REQUEST, QbError, missing_element

UNSUPPORTED_SALES_ELEMENTS = (
    "SetCredit",
    "LinkToTxnID",
    "InvoiceLineGroupAdd",
    "CreditMemoLineGroupAdd",
    "DiscountLineAdd",
    "SalesTaxLineAdd",
    "ShippingLineAdd",
)


def _body(request: Element, tag: str) -> Element:
    body = xmlread.child(request, tag)
    if body is None:
        raise missing_element(f"{request.tag}/{tag}")
    return body


def _refuse_unsupported(body: Element) -> None:
    for tag in UNSUPPORTED_SALES_ELEMENTS:
        if xmlread.child(body, tag) is not None:
            raise QbError(UNSUPPORTED_REQUEST, f"{tag} is not supported by the simulator.")


def _line(line: Element) -> LineInput:
    return LineInput(
        item=xmlread.ref(line, "ItemRef"),
        description=xmlread.text(line, "Desc"),
        quantity=xmlread.amount(line, "Quantity"),
        rate=xmlread.amount(line, "Rate"),
        amount=xmlread.amount(line, "Amount"),
        sales_tax_code=xmlread.ref(line, "SalesTaxCodeRef"),
        service_date=xmlread.a_date(line, "ServiceDate"),
    )


def _sales_txn(body: Element, line_tag: str) -> SalesTxnInput:
    _refuse_unsupported(body)
    return SalesTxnInput(
        customer=xmlread.required_ref(body, "CustomerRef"),
        lines=[_line(line) for line in xmlread.children(body, line_tag)],
        txn_date=xmlread.a_date(body, "TxnDate"),
        ref_number=xmlread.text(body, "RefNumber"),
        memo=xmlread.text(body, "Memo"),
        ar_account=xmlread.ref(body, "ARAccountRef"),
        terms=xmlread.ref(body, "TermsRef"),
        due_date=xmlread.a_date(body, "DueDate"),
        po_number=xmlread.text(body, "PONumber"),
        is_pending=bool(xmlread.boolean(body, "IsPending")),
        customer_sales_tax_code=xmlread.ref(body, "CustomerSalesTaxCodeRef"),
    )


def handle_invoice_add(company: Company, request: Element) -> Outcome:
    invoice = add_invoice(company, _sales_txn(_body(request, "InvoiceAdd"), "InvoiceLineAdd"))
    ret = invoice_ret(company, invoice, include_lines=True, include_links=False)
    return Outcome(rets=[ret], changed=True)


def handle_credit_memo_add(company: Company, request: Element) -> Outcome:
    body = _body(request, "CreditMemoAdd")
    memo = add_credit_memo(company, _sales_txn(body, "CreditMemoLineAdd"))
    ret = credit_memo_ret(company, memo, include_lines=True, include_links=False)
    return Outcome(rets=[ret], changed=True)


def _applications(body: Element, tag: str) -> list[ApplicationInput]:
    return [
        ApplicationInput(
            invoice_txn_id=xmlread.required_text(applied, "TxnID"),
            payment_amount=xmlread.amount(applied, "PaymentAmount"),
            credits=[
                CreditInput(
                    credit_txn_id=xmlread.required_text(credit, "CreditTxnID"),
                    amount=xmlread.required_amount(credit, "AppliedAmount"),
                )
                for credit in xmlread.children(applied, "SetCredit")
            ],
        )
        for applied in xmlread.children(body, tag)
    ]


class _PaymentFields(TypedDict):
    total_amount: Decimal | None
    txn_date: date | None
    ref_number: str | None
    memo: str | None
    ar_account: Ref | None
    payment_method: Ref | None
    deposit_to_account: Ref | None


def _payment_fields(body: Element) -> _PaymentFields:
    """The fields ReceivePaymentAdd and ReceivePaymentMod share, in the schema's order."""
    return _PaymentFields(
        total_amount=xmlread.amount(body, "TotalAmount"),
        txn_date=xmlread.a_date(body, "TxnDate"),
        ref_number=xmlread.text(body, "RefNumber"),
        memo=xmlread.text(body, "Memo"),
        ar_account=xmlread.ref(body, "ARAccountRef"),
        payment_method=xmlread.ref(body, "PaymentMethodRef"),
        deposit_to_account=xmlread.ref(body, "DepositToAccountRef"),
    )


def handle_receive_payment_add(company: Company, request: Element) -> Outcome:
    body = _body(request, "ReceivePaymentAdd")
    applications = _applications(body, "AppliedToTxnAdd")
    auto_apply = xmlread.boolean(body, "IsAutoApply")
    if auto_apply is None and not applications:
        raise missing_element("ReceivePaymentAdd/IsAutoApply or AppliedToTxnAdd")
    payment = add_payment(
        company,
        PaymentInput(
            customer=xmlread.required_ref(body, "CustomerRef"),
            applications=applications,
            auto_apply=bool(auto_apply),
            **_payment_fields(body),
        ),
    )
    ret = receive_payment_ret(company, payment, include_applications=True)
    return Outcome(rets=[ret], changed=True)


def handle_receive_payment_mod(company: Company, request: Element) -> Outcome:
    body = _body(request, "ReceivePaymentMod")
    applications = _applications(body, "AppliedToTxnMod")
    payment = modify_payment(
        company,
        PaymentChanges(
            txn_id=xmlread.required_text(body, "TxnID"),
            edit_sequence=xmlread.required_text(body, "EditSequence"),
            customer=xmlread.ref(body, "CustomerRef"),
            applications=applications or None,
            **_payment_fields(body),
        ),
    )
    ret = receive_payment_ret(company, payment, include_applications=True)
    return Outcome(rets=[ret], changed=True)


def handle_txn_void(company: Company, request: Element) -> Outcome:
    void_type = xmlread.required_text(request, "TxnVoidType")
    txn = void_txn(company, void_type, xmlread.required_text(request, "TxnID"))
    holder = request.makeelement("TxnVoidRs")
    add_text(holder, "TxnVoidType", void_type)
    add_text(holder, "TxnID", txn.txn_id)
    add_text(holder, "TimeCreated", format_datetime(txn.time_created))
    add_text(holder, "TimeModified", format_datetime(txn.time_modified))
    add_text(holder, "RefNumber", txn.ref_number)
    return Outcome(rets=list(holder), changed=True)


def handle_txn_del(company: Company, request: Element) -> Outcome:
    del_type = xmlread.required_text(request, "TxnDelType")
    txn_id = xmlread.required_text(request, "TxnID")
    if del_type != "ReceivePayment":
        raise QbError(
            UNSUPPORTED_REQUEST, f"TxnDel of {del_type} is not supported by the simulator."
        )
    payment = delete_payment(company, txn_id)
    holder = request.makeelement("TxnDelRs")
    add_text(holder, "TxnDelType", del_type)
    add_text(holder, "TxnID", payment.txn_id)
    add_text(holder, "TimeDeleted", format_datetime(company.now()))
    add_text(holder, "RefNumber", payment.ref_number)
    return Outcome(rets=list(holder), changed=True)


TXN_HANDLERS: dict[str, Handler] = {
    "InvoiceAddRq": handle_invoice_add,
    "CreditMemoAddRq": handle_credit_memo_add,
    "ReceivePaymentAddRq": handle_receive_payment_add,
    "ReceivePaymentModRq": handle_receive_payment_mod,
    "TxnVoidRq": handle_txn_void,
    "TxnDelRq": handle_txn_del,
}

"""Tiny helpers to write qbXML request messages and read responses in the simulator tests."""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

Element = etree._Element


def message(*requests: str, on_error: str = "stopOnError") -> str:
    return (
        '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML>'
        f'<QBXMLMsgsRq onError="{on_error}">{"".join(requests)}</QBXMLMsgsRq></QBXML>'
    )


def customer_add(name: str, *, parent: str | None = None, request_id: str = "1") -> str:
    parent_ref = f"<ParentRef><FullName>{parent}</FullName></ParentRef>" if parent else ""
    return (
        f'<CustomerAddRq requestID="{request_id}"><CustomerAdd><Name>{name}</Name>'
        f"{parent_ref}</CustomerAdd></CustomerAddRq>"
    )


def invoice_add(
    customer: str,
    lines: list[tuple[str, str, str]],
    *,
    ref_number: str | None = None,
    request_id: str = "1",
) -> str:
    """`lines` are (item full name, quantity, rate)."""
    ref = f"<RefNumber>{ref_number}</RefNumber>" if ref_number else ""
    body = "".join(
        f"<InvoiceLineAdd><ItemRef><FullName>{item}</FullName></ItemRef>"
        f"<Quantity>{quantity}</Quantity><Rate>{rate}</Rate></InvoiceLineAdd>"
        for item, quantity, rate in lines
    )
    return (
        f'<InvoiceAddRq requestID="{request_id}"><InvoiceAdd>'
        f"<CustomerRef><FullName>{customer}</FullName></CustomerRef>{ref}{body}"
        "</InvoiceAdd></InvoiceAddRq>"
    )


def credit_memo_add(customer: str, amount: str, *, request_id: str = "1") -> str:
    return (
        f'<CreditMemoAddRq requestID="{request_id}"><CreditMemoAdd>'
        f"<CustomerRef><FullName>{customer}</FullName></CustomerRef>"
        "<CreditMemoLineAdd><ItemRef><FullName>Towing</FullName></ItemRef>"
        f"<Amount>{amount}</Amount></CreditMemoLineAdd></CreditMemoAdd></CreditMemoAddRq>"
    )


def applied(
    invoice_txn_id: str, amount: str | None, credits: list[tuple[str, str]] | None = None
) -> str:
    payment = f"<PaymentAmount>{amount}</PaymentAmount>" if amount is not None else ""
    set_credits = "".join(
        f"<SetCredit><CreditTxnID>{credit}</CreditTxnID>"
        f"<AppliedAmount>{value}</AppliedAmount></SetCredit>"
        for credit, value in credits or []
    )
    return f"<TxnID>{invoice_txn_id}</TxnID>{payment}{set_credits}"


def payment_add(
    customer: str,
    total: str | None,
    applications: list[str] | None = None,
    *,
    request_id: str = "1",
) -> str:
    """`applications` are bodies from `applied`; None sends IsAutoApply=false (unapplied)."""
    total_element = f"<TotalAmount>{total}</TotalAmount>" if total is not None else ""
    if applications is None:
        tail = "<IsAutoApply>false</IsAutoApply>"
    else:
        tail = "".join(f"<AppliedToTxnAdd>{body}</AppliedToTxnAdd>" for body in applications)
    return (
        f'<ReceivePaymentAddRq requestID="{request_id}"><ReceivePaymentAdd>'
        f"<CustomerRef><FullName>{customer}</FullName></CustomerRef>{total_element}"
        f"<PaymentMethodRef><FullName>Check</FullName></PaymentMethodRef>{tail}"
        "</ReceivePaymentAdd></ReceivePaymentAddRq>"
    )


def payment_mod(
    txn_id: str, edit_sequence: str, applications: list[str], *, total: str | None = None
) -> str:
    total_element = f"<TotalAmount>{total}</TotalAmount>" if total is not None else ""
    mods = "".join(f"<AppliedToTxnMod>{body}</AppliedToTxnMod>" for body in applications)
    return (
        '<ReceivePaymentModRq requestID="1"><ReceivePaymentMod>'
        f"<TxnID>{txn_id}</TxnID><EditSequence>{edit_sequence}</EditSequence>"
        f"{total_element}{mods}</ReceivePaymentMod></ReceivePaymentModRq>"
    )


def txn_void(void_type: str, txn_id: str) -> str:
    return (
        f'<TxnVoidRq requestID="1"><TxnVoidType>{void_type}</TxnVoidType>'
        f"<TxnID>{txn_id}</TxnID></TxnVoidRq>"
    )


def txn_del(del_type: str, txn_id: str) -> str:
    return (
        f'<TxnDelRq requestID="1"><TxnDelType>{del_type}</TxnDelType>'
        f"<TxnID>{txn_id}</TxnID></TxnDelRq>"
    )


def invoice_query(inner: str = "", *, attributes: str = "") -> str:
    return f"<InvoiceQueryRq {attributes}>{inner}</InvoiceQueryRq>"


def customer_query(inner: str = "", *, attributes: str = "") -> str:
    return f"<CustomerQueryRq {attributes}>{inner}</CustomerQueryRq>"


# --- reading responses -------------------------------------------------------------------------


def responses(root: Element) -> list[Element]:
    messages = root.find("QBXMLMsgsRs")
    assert messages is not None
    return list(messages)


def only_response(root: Element) -> Element:
    (response,) = responses(root)
    return response


def status_codes(root: Element) -> list[int]:
    return [int(response.get("statusCode", "-1")) for response in responses(root)]


def text_of(element: Element, path: str) -> str:
    found = element.find(path)
    assert found is not None, f"{path} missing in {etree.tostring(element)!r}"
    return found.text or ""


def money_of(element: Element, path: str) -> Decimal:
    return Decimal(text_of(element, path))

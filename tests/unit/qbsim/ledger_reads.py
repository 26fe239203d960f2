"""Reading customers, invoices and payments back through qbXML queries in the tests."""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from tests.unit.qbsim.conftest import Ask
from tests.unit.qbsim.messages import (
    customer_query,
    invoice_query,
    message,
    money_of,
    only_response,
    text_of,
)


def customer(ask: Ask, full_name: str) -> etree._Element:
    response = only_response(ask(message(customer_query(f"<FullName>{full_name}</FullName>"))))
    ret = response.find("CustomerRet")
    assert ret is not None, etree.tostring(response)
    return ret


def balances(ask: Ask, full_name: str) -> tuple[Decimal, Decimal]:
    ret = customer(ask, full_name)
    return money_of(ret, "Balance"), money_of(ret, "TotalBalance")


def invoice(ask: Ask, txn_id: str) -> etree._Element:
    query = invoice_query(
        f"<TxnID>{txn_id}</TxnID><IncludeLineItems>true</IncludeLineItems>"
        "<IncludeLinkedTxns>true</IncludeLinkedTxns>"
    )
    ret = only_response(ask(message(query))).find("InvoiceRet")
    assert ret is not None
    return ret


def payment(ask: Ask, txn_id: str) -> etree._Element:
    query = (
        f"<ReceivePaymentQueryRq><TxnID>{txn_id}</TxnID>"
        "<IncludeLineItems>true</IncludeLineItems></ReceivePaymentQueryRq>"
    )
    ret = only_response(ask(message(query))).find("ReceivePaymentRet")
    assert ret is not None
    return ret


def credit_memo(ask: Ask, txn_id: str) -> etree._Element:
    query = (
        f"<CreditMemoQueryRq><TxnID>{txn_id}</TxnID>"
        "<IncludeLinkedTxns>true</IncludeLinkedTxns></CreditMemoQueryRq>"
    )
    ret = only_response(ask(message(query))).find("CreditMemoRet")
    assert ret is not None
    return ret


def added_txn_id(root: etree._Element, ret_tag: str) -> tuple[str, str]:
    """TxnID and EditSequence of the Ret in a one-request Add response (which must be OK)."""
    response = only_response(root)
    assert response.get("statusCode") == "0", etree.tostring(response)
    ret = response.find(ret_tag)
    assert ret is not None
    return text_of(ret, "TxnID"), text_of(ret, "EditSequence")

"""Every request this project emits validates against Intuit's qbXML 13.0 schema."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from adapters.quickbooks.qbxml.requests import (
    AccountQuery,
    CreditMemoQuery,
    CustomerAdd,
    CustomerQuery,
    InvoiceQuery,
    ItemQuery,
    PaymentMethodQuery,
    QbRef,
    QbRequest,
    ReceivePaymentQuery,
    SalesTaxCodeQuery,
    TermsQuery,
    TxnVoid,
    build_message,
)
from tests.unit.qbxml import samples
from tests.unit.qbxml.samples import assert_valid, validate_one


def child_tags(element: etree._Element) -> list[str]:
    return [str(child.tag) for child in element]


def test_customer_add_validates_with_every_field(qbxml_schema: etree.XMLSchema) -> None:
    request = validate_one(qbxml_schema, samples.full_customer())
    assert child_tags(request[0]) == [
        "Name",
        "ParentRef",
        "CompanyName",
        "FirstName",
        "LastName",
        "BillAddress",
        "Phone",
        "Email",
    ]
    assert request.findtext("CustomerAdd/ParentRef/FullName") == "Hartley Plumbing"
    assert request.findtext("CustomerAdd/BillAddress/Addr2") == "12 Oak Street"


def test_customer_add_validates_with_only_a_name(qbxml_schema: etree.XMLSchema) -> None:
    request = validate_one(qbxml_schema, CustomerAdd(name="Walk-in"))
    assert child_tags(request[0]) == ["Name"]


def test_invoice_add_validates_and_formats_money(qbxml_schema: etree.XMLSchema) -> None:
    request = validate_one(qbxml_schema, samples.full_invoice())
    invoice = request[0]
    assert child_tags(invoice) == [
        "CustomerRef",
        "TxnDate",
        "RefNumber",
        "TermsRef",
        "DueDate",
        "Memo",
        "ExternalGUID",
        "InvoiceLineAdd",
        "InvoiceLineAdd",
        "InvoiceLineAdd",
    ]
    first_line = invoice.find("InvoiceLineAdd")
    assert first_line is not None
    assert child_tags(first_line) == [
        "ItemRef",
        "Desc",
        "Quantity",
        "Rate",
        "Amount",
        "ServiceDate",
        "SalesTaxCodeRef",
    ]
    assert first_line.findtext("Quantity") == "1.5"
    assert first_line.findtext("Rate") == "95"
    assert first_line.findtext("Amount") == "142.50"
    assert invoice.findtext("ExternalGUID") == "{6F1C2A9E-5D4B-4C3A-9E8F-0A1B2C3D4E5F}"
    assert invoice.findtext("TxnDate") == "2024-03-15"


def test_credit_memo_add_validates(qbxml_schema: etree.XMLSchema) -> None:
    request = validate_one(qbxml_schema, samples.full_credit_memo())
    assert request.tag == "CreditMemoAddRq"
    assert child_tags(request[0])[-1] == "CreditMemoLineAdd"
    assert request.findtext("CreditMemoAdd/CreditMemoLineAdd/Amount") == "25.00"


def test_applied_payment_with_set_credit_validates(qbxml_schema: etree.XMLSchema) -> None:
    request = validate_one(qbxml_schema, samples.applied_payment())
    payment = request[0]
    assert child_tags(payment) == [
        "CustomerRef",
        "TxnDate",
        "RefNumber",
        "TotalAmount",
        "PaymentMethodRef",
        "Memo",
        "DepositToAccountRef",
        "AppliedToTxnAdd",
    ]
    applied = payment.find("AppliedToTxnAdd")
    assert applied is not None
    assert child_tags(applied) == ["TxnID", "PaymentAmount", "SetCredit"]
    assert applied.findtext("SetCredit/CreditTxnID") == samples.CREDIT_MEMO_TXN_ID
    assert applied.findtext("SetCredit/AppliedAmount") == "25.00"


def test_unapplied_payment_ends_with_auto_apply_false(qbxml_schema: etree.XMLSchema) -> None:
    request = validate_one(qbxml_schema, samples.unapplied_payment())
    payment = request[0]
    assert child_tags(payment)[-1] == "IsAutoApply"
    assert payment.findtext("IsAutoApply") == "false"
    assert payment.find("AppliedToTxnAdd") is None


def test_credit_only_application_with_zero_amounts_validates(
    qbxml_schema: etree.XMLSchema,
) -> None:
    request = validate_one(qbxml_schema, samples.credit_only_application())
    assert request.findtext("ReceivePaymentAdd/TotalAmount") == "0.00"
    assert request.findtext("ReceivePaymentAdd/AppliedToTxnAdd/PaymentAmount") == "0.00"


def test_receive_payment_mod_validates(qbxml_schema: etree.XMLSchema) -> None:
    request = validate_one(qbxml_schema, samples.payment_reapplication())
    assert child_tags(request[0]) == ["TxnID", "EditSequence", "AppliedToTxnMod", "AppliedToTxnMod"]


@pytest.mark.parametrize("txn_type", ["Invoice", "CreditMemo"])
def test_txn_void_validates(qbxml_schema: etree.XMLSchema, txn_type: str) -> None:
    request = validate_one(qbxml_schema, TxnVoid(txn_void_type=txn_type, txn_id="1A2B-1"))
    assert child_tags(request) == ["TxnVoidType", "TxnID"]


LIST_QUERIES = [CustomerQuery, ItemQuery, AccountQuery, TermsQuery, PaymentMethodQuery]


@pytest.mark.parametrize(
    "query",
    [
        *(kind() for kind in LIST_QUERIES),
        *(kind(list_ids=("80000001-1", "80000002-1")) for kind in LIST_QUERIES),
        *(kind(full_names=("Net 30",)) for kind in LIST_QUERIES),
        *(kind(max_returned=25, active_status="All") for kind in LIST_QUERIES),
        SalesTaxCodeQuery(),
        SalesTaxCodeQuery(full_names=("Tax", "Non")),
        SalesTaxCodeQuery(active_status="ActiveOnly"),
    ],
    ids=repr,
)
def test_list_queries_validate(qbxml_schema: etree.XMLSchema, query: CustomerQuery) -> None:
    validate_one(qbxml_schema, query)


@pytest.mark.parametrize("kind", [CustomerQuery, ItemQuery])
def test_list_query_iterator_start_and_continue_validate(
    qbxml_schema: etree.XMLSchema, kind: type[CustomerQuery]
) -> None:
    start = kind(iterator="Start", max_returned=100, active_status="All")
    following = start.continue_with("{0B4F0C3E-7C1A-4C59-8E1C-2D7C5A0F9B11}")
    start_element = validate_one(qbxml_schema, start)
    next_element = validate_one(qbxml_schema, following)
    assert start_element.get("iterator") == "Start"
    assert start_element.get("iteratorID") is None
    assert next_element.get("iterator") == "Continue"
    assert next_element.get("iteratorID") == "{0B4F0C3E-7C1A-4C59-8E1C-2D7C5A0F9B11}"
    assert next_element.findtext("MaxReturned") == "100"
    stop = kind(iterator="Stop", iterator_id="{0B4F0C3E-7C1A-4C59-8E1C-2D7C5A0F9B11}")
    assert validate_one(qbxml_schema, stop).get("iterator") == "Stop"


@pytest.mark.parametrize(
    "query",
    [
        InvoiceQuery(txn_ids=("1A2B-1",), include_line_items=True, include_linked_txns=True),
        InvoiceQuery(ref_numbers=("W-1042", "W-1043")),
        InvoiceQuery(
            max_returned=50,
            customer=QbRef.by_name("Hartley Plumbing"),
            from_txn_date=date(2024, 1, 1),
            to_txn_date=date(2024, 12, 31),
            include_linked_txns=True,
        ),
        InvoiceQuery(iterator="Start", max_returned=50, customer=QbRef.by_id("80000001-1")),
        InvoiceQuery(iterator="Continue", iterator_id="{it-1}", max_returned=50),
        ReceivePaymentQuery(txn_ids=("1A2D-1",), include_line_items=True),
        ReceivePaymentQuery(ref_numbers=("CHK-20044",)),
        ReceivePaymentQuery(iterator="Start", max_returned=20, from_txn_date=date(2024, 3, 1)),
        ReceivePaymentQuery(iterator="Continue", iterator_id="{it-2}", max_returned=20),
    ],
    ids=repr,
)
def test_transaction_queries_validate(qbxml_schema: etree.XMLSchema, query: InvoiceQuery) -> None:
    validate_one(qbxml_schema, query)


@pytest.mark.parametrize(
    "query",
    [
        CreditMemoQuery(ref_numbers=("CM-1042",)),
        CreditMemoQuery(txn_ids=("1A2C-1",), include_line_items=True),
        CreditMemoQuery(
            max_returned=50,
            customer=QbRef.by_name("Hartley Plumbing"),
            from_txn_date=date(2024, 1, 1),
            to_txn_date=date(2024, 12, 31),
        ),
        CreditMemoQuery(iterator="Start", max_returned=50, customer=QbRef.by_id("80000001-1")),
        CreditMemoQuery(iterator="Continue", iterator_id="{it-3}", max_returned=50),
    ],
    ids=repr,
)
def test_credit_memo_queries_validate(
    qbxml_schema: etree.XMLSchema, query: CreditMemoQuery
) -> None:
    request = validate_one(qbxml_schema, query)
    assert request.tag == "CreditMemoQueryRq"


def test_invoice_query_filter_follows_schema_order(qbxml_schema: etree.XMLSchema) -> None:
    query = InvoiceQuery(
        max_returned=5,
        customer=QbRef.by_name("Hartley Plumbing"),
        from_txn_date=date(2024, 1, 1),
        include_line_items=True,
        include_linked_txns=True,
    )
    request = validate_one(qbxml_schema, query)
    assert child_tags(request) == [
        "MaxReturned",
        "TxnDateRangeFilter",
        "EntityFilter",
        "IncludeLineItems",
        "IncludeLinkedTxns",
    ]


def test_one_message_carries_every_request_type(qbxml_schema: etree.XMLSchema) -> None:
    requests: list[QbRequest] = [
        samples.full_customer(),
        samples.full_invoice(),
        samples.full_credit_memo(),
        samples.applied_payment(),
        samples.unapplied_payment(),
        samples.credit_only_application(),
        samples.payment_reapplication(),
        TxnVoid(txn_void_type="Invoice", txn_id="1A2B-1"),
        CustomerQuery(iterator="Start", max_returned=100),
        ItemQuery(),
        AccountQuery(),
        TermsQuery(),
        PaymentMethodQuery(),
        SalesTaxCodeQuery(),
        InvoiceQuery(ref_numbers=("W-1042",)),
        CreditMemoQuery(ref_numbers=("CM-1042",)),
        ReceivePaymentQuery(ref_numbers=("CHK-20044",)),
    ]
    document = assert_valid(
        qbxml_schema, build_message(requests, "continueOnError", new_message_set_id="sync-42")
    )
    messages = document[0]
    assert messages.get("onError") == "continueOnError"
    assert messages.get("newMessageSetID") == "sync-42"
    assert [request.get("requestID") for request in messages] == [
        str(n) for n in range(1, len(requests) + 1)
    ]


def test_schema_check_is_meaningful_wrong_order_is_refused(
    qbxml_schema: etree.XMLSchema,
) -> None:
    document = etree.fromstring(build_message([samples.full_invoice()]))
    invoice = document[0][0][0]
    memo = invoice.find("Memo")
    assert memo is not None
    invoice.remove(memo)
    invoice.insert(0, memo)
    assert not qbxml_schema.validate(document)


def test_money_never_renders_with_exponent_or_float_noise(qbxml_schema: etree.XMLSchema) -> None:
    payment = samples.unapplied_payment()
    for total, shown in [("1E+3", "1000.00"), ("0.1", "0.10"), ("9999999999999.99", None)]:
        request = validate_one(
            qbxml_schema,
            type(payment)(customer=payment.customer, total_amount=Decimal(total)),
        )
        assert request.findtext("ReceivePaymentAdd/TotalAmount") == (shown or total)

"""Parsing realistic QuickBooks answers, including errors, iterators and unknown elements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from adapters.quickbooks.qbxml.errors import QbxmlMessageError, QbxmlResponseError
from adapters.quickbooks.qbxml.responses import parse_response_document, parse_response_message
from adapters.quickbooks.qbxml.safe_xml import UnsafeXmlError


def answer(*responses: str, attributes: str = "") -> str:
    body = "\n".join(responses)
    return (
        '<?xml version="1.0" ?>\n<?qbxml version="13.0"?>\n'
        f"<QBXML>\n<QBXMLMsgsRs{attributes}>\n{body}\n</QBXMLMsgsRs>\n</QBXML>\n"
    )


CUSTOMER_ADD_OK = """
<CustomerAddRs requestID="cust-1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
  <CustomerRet>
    <ListID>80000005-1710000000</ListID>
    <TimeCreated>2024-03-21T10:15:00-05:00</TimeCreated>
    <TimeModified>2024-03-21T10:15:00-05:00</TimeModified>
    <EditSequence>1711034100</EditSequence>
    <Name>Oak Street Job</Name>
    <FullName>Hartley Plumbing:Oak Street Job</FullName>
    <IsActive>true</IsActive>
    <ParentRef><ListID>80000001-1700000000</ListID><FullName>Hartley Plumbing</FullName></ParentRef>
    <Sublevel>1</Sublevel>
    <CompanyName>Hartley Plumbing LLC</CompanyName>
    <Balance>0.00</Balance>
    <TotalBalance>0.00</TotalBalance>
    <JobStatus>None</JobStatus>
  </CustomerRet>
</CustomerAddRs>"""

INVOICE_ADD_BAD_REF = """
<InvoiceAddRs requestID="inv-1" statusCode="3140" statusSeverity="Error"
  statusMessage="There is an invalid reference to QuickBooks Customer &quot;Nobody&quot;
  in the Invoice." />"""

PAYMENT_NOT_PROCESSED = """
<ReceivePaymentAddRs requestID="pay-1" statusCode="3231" statusSeverity="Error"
  statusMessage="The request has not been processed." />"""

INVOICE_QUERY_PAGE = """
<InvoiceQueryRs requestID="q-1" statusCode="0" statusSeverity="Info" statusMessage="Status OK"
  retCount="1" iteratorRemainingCount="12" iteratorID="{9C4D7A1E-2B3F-4E5A-8C6D-7E8F9A0B1C2D}">
  <InvoiceRet>
    <TxnID>1A2B-1700000000</TxnID>
    <TimeCreated>2024-03-15T09:00:00-05:00</TimeCreated>
    <TimeModified>2024-03-21T10:20:00-05:00</TimeModified>
    <EditSequence>1711034400</EditSequence>
    <TxnNumber>1042</TxnNumber>
    <CustomerRef>
      <ListID>80000001-1700000000</ListID><FullName>Hartley Plumbing</FullName>
    </CustomerRef>
    <ARAccountRef><FullName>Accounts Receivable</FullName></ARAccountRef>
    <TxnDate>2024-03-15</TxnDate>
    <RefNumber>W-1042</RefNumber>
    <IsPending>false</IsPending>
    <IsFinanceCharge>false</IsFinanceCharge>
    <TermsRef><FullName>Net 30</FullName></TermsRef>
    <DueDate>2024-04-14</DueDate>
    <Subtotal>160.70</Subtotal>
    <ItemSalesTaxRef><FullName>State Tax</FullName></ItemSalesTaxRef>
    <SalesTaxPercentage>6.25</SalesTaxPercentage>
    <SalesTaxTotal>0.00</SalesTaxTotal>
    <AppliedAmount>-160.70</AppliedAmount>
    <BalanceRemaining>0.00</BalanceRemaining>
    <Memo>Work order 1042</Memo>
    <IsPaid>true</IsPaid>
    <IsToBePrinted>false</IsToBePrinted>
    <ExternalGUID>{6F1C2A9E-5D4B-4C3A-9E8F-0A1B2C3D4E5F}</ExternalGUID>
    <LinkedTxn>
      <TxnID>1A2D-1700000002</TxnID>
      <TxnType>ReceivePayment</TxnType>
      <TxnDate>2024-03-21</TxnDate>
      <RefNumber>CHK-20044</RefNumber>
      <LinkType>AMTTYPE</LinkType>
      <Amount>-135.70</Amount>
    </LinkedTxn>
    <LinkedTxn>
      <TxnID>1A2C-1700000001</TxnID>
      <TxnType>CreditMemo</TxnType>
      <TxnDate>2024-03-20</TxnDate>
      <RefNumber>CM-17</RefNumber>
      <LinkType>AMTTYPE</LinkType>
      <Amount>-25.00</Amount>
    </LinkedTxn>
    <InvoiceLineRet>
      <TxnLineID>1A2F-1700000000</TxnLineID>
      <ItemRef><ListID>80000010-1700000000</ListID><FullName>Labor:Service Call</FullName></ItemRef>
      <Desc>Diagnose leak</Desc>
      <Quantity>1.5</Quantity>
      <Rate>95.00</Rate>
      <Amount>142.50</Amount>
      <ServiceDate>2024-03-14</ServiceDate>
      <SalesTaxCodeRef><FullName>Non</FullName></SalesTaxCodeRef>
    </InvoiceLineRet>
    <InvoiceLineRet>
      <TxnLineID>1A30-1700000000</TxnLineID>
      <ItemRef><FullName>Parts</FullName></ItemRef>
      <Amount>18.20</Amount>
    </InvoiceLineRet>
  </InvoiceRet>
</InvoiceQueryRs>"""

PAYMENT_QUERY = """
<ReceivePaymentQueryRs requestID="q-2" statusCode="0" statusSeverity="Info"
  statusMessage="Status OK" retCount="1">
  <ReceivePaymentRet>
    <TxnID>1A2D-1700000002</TxnID>
    <TimeCreated>2024-03-21T10:20:00-05:00</TimeCreated>
    <TimeModified>2024-03-21T10:20:00-05:00</TimeModified>
    <EditSequence>1711034401</EditSequence>
    <TxnNumber>2001</TxnNumber>
    <CustomerRef>
      <ListID>80000001-1700000000</ListID><FullName>Hartley Plumbing</FullName>
    </CustomerRef>
    <TxnDate>2024-03-21</TxnDate>
    <RefNumber>CHK-20044</RefNumber>
    <TotalAmount>200.00</TotalAmount>
    <PaymentMethodRef><FullName>Check</FullName></PaymentMethodRef>
    <Memo>Check 20044</Memo>
    <DepositToAccountRef><FullName>Undeposited Funds</FullName></DepositToAccountRef>
    <UnusedPayment>64.30</UnusedPayment>
    <UnusedCredits>0.00</UnusedCredits>
    <AppliedToTxnRet>
      <TxnID>1A2B-1700000000</TxnID>
      <TxnType>Invoice</TxnType>
      <TxnDate>2024-03-15</TxnDate>
      <RefNumber>W-1042</RefNumber>
      <BalanceRemaining>0.00</BalanceRemaining>
      <Amount>135.70</Amount>
      <LinkedTxn>
        <TxnID>1A2C-1700000001</TxnID>
        <TxnType>CreditMemo</TxnType>
        <TxnDate>2024-03-20</TxnDate>
        <RefNumber>CM-17</RefNumber>
        <LinkType>AMTTYPE</LinkType>
        <Amount>25.00</Amount>
      </LinkedTxn>
    </AppliedToTxnRet>
  </ReceivePaymentRet>
</ReceivePaymentQueryRs>"""

ITEM_QUERY_MIXED = """
<ItemQueryRs requestID="items" statusCode="0" statusSeverity="Info"
  statusMessage="Status OK" retCount="3">
  <ItemServiceRet>
    <ListID>80000010-1700000000</ListID>
    <TimeCreated>2023-01-01T00:00:00-05:00</TimeCreated>
    <TimeModified>2023-01-01T00:00:00-05:00</TimeModified>
    <EditSequence>1672549200</EditSequence>
    <Name>Service Call</Name>
    <FullName>Labor:Service Call</FullName>
    <IsActive>true</IsActive>
    <ParentRef><ListID>8000000F-1700000000</ListID><FullName>Labor</FullName></ParentRef>
    <Sublevel>1</Sublevel>
    <SalesTaxCodeRef><FullName>Non</FullName></SalesTaxCodeRef>
    <SalesOrPurchase><Desc>Service call</Desc><Price>95.00</Price>
      <AccountRef><FullName>Service Income</FullName></AccountRef></SalesOrPurchase>
  </ItemServiceRet>
  <ItemNonInventoryRet>
    <ListID>80000011-1700000000</ListID>
    <TimeCreated>2023-01-01T00:00:00-05:00</TimeCreated>
    <TimeModified>2023-01-01T00:00:00-05:00</TimeModified>
    <EditSequence>1672549201</EditSequence>
    <Name>Parts</Name>
    <FullName>Parts</FullName>
    <IsActive>false</IsActive>
    <Sublevel>0</Sublevel>
  </ItemNonInventoryRet>
  <ItemOtherChargeRet>
    <ListID>80000012-1700000000</ListID>
    <TimeCreated>2023-01-01T00:00:00-05:00</TimeCreated>
    <TimeModified>2023-01-01T00:00:00-05:00</TimeModified>
    <EditSequence>1672549202</EditSequence>
    <Name>Trip Fee</Name>
    <FullName>Trip Fee</FullName>
    <IsActive>true</IsActive>
    <Sublevel>0</Sublevel>
  </ItemOtherChargeRet>
</ItemQueryRs>"""

CUSTOMER_NO_MATCH = """
<CustomerQueryRs requestID="find" statusCode="1" statusSeverity="Info"
  statusMessage="A query request did not find a matching object in QuickBooks" retCount="0" />"""

INVOICE_ADD_RECOVERED = """
<InvoiceAddRs requestID="inv-2" statusCode="3180" statusSeverity="Error"
  statusMessage="There was an error when saving a Invoice.">
  <ErrorRecovery>
    <TxnID>1A31-1711034500</TxnID>
    <TxnNumber>1043</TxnNumber>
    <EditSequence>1711034500</EditSequence>
    <ExternalGUID>{0B4F0C3E-7C1A-4C59-8E1C-2D7C5A0F9B11}</ExternalGUID>
  </ErrorRecovery>
</InvoiceAddRs>"""

TXN_VOID_OK = """
<TxnVoidRs requestID="void-1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
  <TxnVoidType>Invoice</TxnVoidType>
  <TxnID>1A2B-1700000000</TxnID>
  <TimeCreated>2024-03-15T09:00:00-05:00</TimeCreated>
  <TimeModified>2024-03-22T08:00:00-05:00</TimeModified>
  <RefNumber>W-1042</RefNumber>
</TxnVoidRs>"""


@pytest.mark.parametrize(
    "response",
    [
        CUSTOMER_ADD_OK,
        INVOICE_ADD_BAD_REF,
        PAYMENT_NOT_PROCESSED,
        INVOICE_QUERY_PAGE,
        PAYMENT_QUERY,
        ITEM_QUERY_MIXED,
        CUSTOMER_NO_MATCH,
        INVOICE_ADD_RECOVERED,
        TXN_VOID_OK,
    ],
)
def test_the_sample_answers_are_themselves_valid_qbxml(
    qbxml_schema: etree.XMLSchema, response: str
) -> None:
    document = etree.fromstring(answer(response).encode())
    assert qbxml_schema.validate(document), qbxml_schema.error_log


def test_a_mixed_answer_keeps_order_ids_and_statuses() -> None:
    responses = parse_response_message(
        answer(CUSTOMER_ADD_OK, INVOICE_ADD_BAD_REF, PAYMENT_NOT_PROCESSED)
    )
    assert [(r.request_id, r.response_type, r.status_code) for r in responses] == [
        ("cust-1", "CustomerAddRs", 0),
        ("inv-1", "InvoiceAddRs", 3140),
        ("pay-1", "ReceivePaymentAddRs", 3231),
    ]
    customer, invoice, payment = responses
    assert customer.ok
    assert not customer.is_error
    assert not invoice.ok
    assert invoice.is_error
    assert invoice.status_severity == "Error"
    assert invoice.status_message.startswith(
        'There is an invalid reference to QuickBooks Customer "'
    )
    assert invoice.rets == ()
    assert invoice.ret is None
    assert not payment.ok_or_empty


def test_customer_ret_fields() -> None:
    (response,) = parse_response_message(answer(CUSTOMER_ADD_OK))
    customer = response.ret
    assert customer is not None
    assert customer.ret_type == "CustomerRet"
    assert customer.list_id == "80000005-1710000000"
    assert customer.edit_sequence == "1711034100"
    assert (customer.name, customer.full_name) == (
        "Oak Street Job",
        "Hartley Plumbing:Oak Street Job",
    )
    assert customer.is_active is True
    assert customer.parent is not None
    assert customer.parent.full_name == "Hartley Plumbing"
    assert customer.balance == Decimal("0.00")
    assert customer.total_balance == Decimal("0.00")
    assert customer.txn_id is None
    assert customer.get("Sublevel") == "1"
    assert customer.get("JobStatus") == "None"
    assert customer.get("Notes") is None


def test_invoice_page_with_iterator_lines_and_links() -> None:
    (response,) = parse_response_message(answer(INVOICE_QUERY_PAGE))
    assert response.ok
    assert response.is_query
    assert response.iterator_id == "{9C4D7A1E-2B3F-4E5A-8C6D-7E8F9A0B1C2D}"
    assert response.iterator_remaining_count == 12
    assert response.has_more
    assert response.ret_count == 1
    (invoice,) = response.rets
    assert invoice.txn_id == "1A2B-1700000000"
    assert invoice.txn_number == 1042
    assert invoice.ref_number == "W-1042"
    assert invoice.txn_date == date(2024, 3, 15)
    assert invoice.due_date == date(2024, 4, 14)
    assert invoice.customer is not None
    assert invoice.customer.list_id == "80000001-1700000000"
    assert invoice.subtotal == Decimal("160.70")
    assert invoice.sales_tax_percentage == Decimal("6.25")
    assert invoice.sales_tax_total == Decimal("0.00")
    assert invoice.applied_amount == Decimal("-160.70")
    assert invoice.balance_remaining == Decimal("0.00")
    assert invoice.is_paid is True
    assert invoice.external_guid == "{6F1C2A9E-5D4B-4C3A-9E8F-0A1B2C3D4E5F}"
    assert [(t.txn_type, t.txn_id, t.amount) for t in invoice.linked_txns] == [
        ("ReceivePayment", "1A2D-1700000002", Decimal("-135.70")),
        ("CreditMemo", "1A2C-1700000001", Decimal("-25.00")),
    ]
    first, second = invoice.lines
    assert first.item is not None
    assert first.item.full_name == "Labor:Service Call"
    assert (first.quantity, first.rate, first.amount) == (
        Decimal("1.5"),
        Decimal("95.00"),
        Decimal("142.50"),
    )
    assert first.service_date == date(2024, 3, 14)
    assert second.desc is None
    assert second.amount == Decimal("18.20")
    assert invoice.get("TermsRef/FullName") == "Net 30"
    assert invoice.get_decimal("SalesTaxPercentage") == Decimal("6.25")
    assert invoice.get_bool("IsToBePrinted") is False


def test_payment_applications_and_credits() -> None:
    (response,) = parse_response_message(answer(PAYMENT_QUERY))
    payment = response.ret
    assert payment is not None
    assert payment.total_amount == Decimal("200.00")
    assert payment.unused_payment == Decimal("64.30")
    assert payment.unused_credits == Decimal("0.00")
    assert payment.payment_method is not None
    assert payment.payment_method.full_name == "Check"
    (applied,) = payment.applied_to
    assert applied.txn_id == "1A2B-1700000000"
    assert applied.txn_type == "Invoice"
    assert applied.payment_amount == Decimal("135.70")
    assert applied.balance_remaining == Decimal("0.00")
    (credit,) = applied.credits
    assert (credit.txn_type, credit.txn_id, credit.amount) == (
        "CreditMemo",
        "1A2C-1700000001",
        Decimal("25.00"),
    )
    assert payment.linked_txns == ()


def test_item_answers_mix_ret_types() -> None:
    (response,) = parse_response_message(answer(ITEM_QUERY_MIXED))
    assert [ret.ret_type for ret in response.rets] == [
        "ItemServiceRet",
        "ItemNonInventoryRet",
        "ItemOtherChargeRet",
    ]
    assert [ret.is_active for ret in response.rets] == [True, False, True]
    assert response.rets[0].get("SalesOrPurchase/Price") == "95.00"


def test_no_match_is_an_empty_success_for_queries_only() -> None:
    (response,) = parse_response_message(answer(CUSTOMER_NO_MATCH))
    assert not response.ok
    assert response.is_no_match
    assert response.ok_or_empty
    assert response.rets == ()
    assert not response.is_error
    add_with_code_1 = CUSTOMER_ADD_OK.replace('statusCode="0"', 'statusCode="1"')
    (add,) = parse_response_message(answer(add_with_code_1))
    assert not add.is_no_match
    assert not add.ok_or_empty


def test_error_recovery_is_exposed() -> None:
    (response,) = parse_response_message(answer(INVOICE_ADD_RECOVERED))
    assert response.status_code == 3180
    recovery = response.error_recovery
    assert recovery is not None
    assert recovery.txn_id == "1A31-1711034500"
    assert recovery.list_id is None
    assert recovery.txn_number == 1043
    assert recovery.external_guid == "{0B4F0C3E-7C1A-4C59-8E1C-2D7C5A0F9B11}"


def test_txn_void_answer_reads_its_inline_fields() -> None:
    (response,) = parse_response_message(answer(TXN_VOID_OK))
    ret = response.ret
    assert ret is not None
    assert ret.ret_type == "TxnVoidRet"
    assert ret.txn_id == "1A2B-1700000000"
    assert ret.get("TxnVoidType") == "Invoice"


def test_unknown_elements_and_attributes_are_ignored() -> None:
    future = INVOICE_QUERY_PAGE.replace(
        "<TxnNumber>1042</TxnNumber>",
        "<TxnNumber>1042</TxnNumber><FieldServiceTag><Nested>x</Nested></FieldServiceTag>",
    ).replace('retCount="1"', 'retCount="1" futureAttribute="yes"')
    future_answer = answer(
        future, "<UnheardOfRq />", "<SomethingNewRs statusCode='0' statusSeverity='Info'/>"
    )
    invoice_response, unknown = parse_response_message(future_answer)
    assert invoice_response.rets[0].txn_id == "1A2B-1700000000"
    assert unknown.response_type == "SomethingNewRs"
    assert unknown.ok


def test_text_answers_with_an_encoding_declaration_parse() -> None:
    text = answer(CUSTOMER_NO_MATCH).replace(
        '<?xml version="1.0" ?>', '<?xml version="1.0" encoding="utf-16"?>'
    )
    (response,) = parse_response_message(text)
    assert response.is_no_match


def test_message_set_refused_as_a_whole() -> None:
    refused = answer(attributes=' newMessageSetID="batch-7" messageSetStatusCode="9001"')
    with pytest.raises(QbxmlMessageError, match="messageSetStatusCode 9001") as caught:
        parse_response_message(refused)
    assert caught.value.status_code == 9001
    assert caught.value.message_set_id == "batch-7"
    document = parse_response_document(refused)
    assert document.refused
    assert document.responses == ()


def test_message_set_status_with_answers_returns_them() -> None:
    replayed = answer(
        CUSTOMER_ADD_OK, attributes=' newMessageSetID="batch-7" messageSetStatusCode="0"'
    )
    document = parse_response_document(replayed)
    assert document.new_message_set_id == "batch-7"
    assert document.message_set_status_code == 0
    assert not document.refused
    assert [r.request_id for r in parse_response_message(replayed)] == ["cust-1"]


def test_empty_message_set_is_an_empty_list() -> None:
    assert parse_response_message(answer()) == []


@pytest.mark.parametrize(
    ("document", "complaint"),
    [
        ("<NotQBXML/>", "expected <QBXML> as root"),
        ("<QBXML><SignonMsgsRs/></QBXML>", "no <QBXMLMsgsRs>"),
        (answer("<InvoiceAddRs statusSeverity='Error'/>"), "<InvoiceAddRs> has no statusCode"),
        (answer("<InvoiceAddRs statusCode='x' statusSeverity='Error'/>"), "statusCode 'x'"),
        (
            answer(PAYMENT_QUERY.replace("<TotalAmount>200.00", "<TotalAmount>two hundred")),
            "ReceivePaymentRet TotalAmount is 'two hundred', expected a number",
        ),
        (
            answer(INVOICE_QUERY_PAGE.replace("2024-03-15</TxnDate>", "15/03/2024</TxnDate>", 1)),
            "expected a date",
        ),
    ],
)
def test_answers_that_are_not_qbxml_are_refused(document: str, complaint: str) -> None:
    with pytest.raises(QbxmlResponseError, match=complaint):
        parse_response_message(document)


def test_hostile_answers_go_through_the_hardened_parser() -> None:
    hostile = '<?xml version="1.0"?><!DOCTYPE QBXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><QBXML>&x;</QBXML>'
    with pytest.raises(UnsafeXmlError):
        parse_response_message(hostile)

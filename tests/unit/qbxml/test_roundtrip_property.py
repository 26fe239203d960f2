"""Property tests: any request the checks accept is schema-valid qbXML carrying its values.

And the converse for hostile input: whatever text or number is thrown at a request, it is
either refused with QbxmlFieldError or it builds valid qbXML, never something in between.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from adapters.quickbooks.qbxml.requests import (
    AppliedToTxn,
    CustomerAdd,
    InvoiceAdd,
    QbRef,
    QbxmlFieldError,
    ReceivePaymentAdd,
    SalesLineAdd,
    SetCredit,
    build_message,
)
from adapters.quickbooks.qbxml.safe_xml import parse_untrusted
from tests.unit.qbxml.samples import assert_valid

XML_TEXT = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn"))
MAX_CENTS = Decimal("9999999999999.99")

ids = st.text(alphabet="0123456789ABCDEF-", min_size=1, max_size=36)
names = st.text(XML_TEXT, min_size=1, max_size=41).filter(lambda s: s.strip() and ":" not in s)
refs = st.one_of(st.builds(QbRef.by_id, ids), st.builds(QbRef.by_name, names))
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
money = st.decimals(min_value=0, max_value=MAX_CENTS, places=2)
signed_money = st.decimals(min_value=-MAX_CENTS, max_value=MAX_CENTS, places=2)
payment_money = st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2)
positive_money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999.99"), places=2)
five_place_numbers = st.integers(0, 5).flatmap(
    lambda places: st.decimals(min_value=0, max_value=Decimal("9999999999"), places=places)
)

lines = st.builds(
    SalesLineAdd,
    item=refs,
    desc=st.none() | st.text(XML_TEXT, max_size=200),
    quantity=st.none() | five_place_numbers,
    rate=st.none() | five_place_numbers,
    amount=st.none() | signed_money,
    service_date=st.none() | dates,
)

invoices = st.builds(
    InvoiceAdd,
    customer=refs,
    lines=st.lists(lines, min_size=1, max_size=5).map(tuple),
    txn_date=st.none() | dates,
    ref_number=st.none() | st.text(XML_TEXT, max_size=11),
    memo=st.none() | st.text(XML_TEXT, max_size=300),
)


@st.composite
def applications(draw: st.DrawFn) -> tuple[AppliedToTxn, ...]:
    invoice_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    result = []
    for invoice_id in invoice_ids:
        credit_ids = draw(st.lists(ids, max_size=2, unique=True))
        credits = tuple(SetCredit(credit_id, draw(positive_money)) for credit_id in credit_ids)
        amount = draw(payment_money if credits else positive_money)
        result.append(AppliedToTxn(invoice_id, amount, credits))
    return tuple(result)


@st.composite
def payments(draw: st.DrawFn) -> ReceivePaymentAdd:
    applied = draw(st.none() | applications())
    paid = sum((a.payment_amount or Decimal(0) for a in applied or ()), Decimal(0))
    extra = draw(positive_money if applied is None else payment_money)
    return ReceivePaymentAdd(
        customer=draw(refs),
        total_amount=paid + extra,
        txn_date=draw(st.none() | dates),
        ref_number=draw(st.none() | st.text(XML_TEXT, max_size=20)),
        memo=draw(st.none() | st.text(XML_TEXT, max_size=100)),
        applied_to=applied or (),
    )


def amounts(element: etree._Element, path: str) -> list[Decimal]:
    return [Decimal(e.text or "") for e in element.iterfind(path)]


@settings(max_examples=150, deadline=None)
@given(invoice=invoices)
def test_any_accepted_invoice_validates_and_round_trips(
    qbxml_schema: etree.XMLSchema, invoice: InvoiceAdd
) -> None:
    message = build_message([invoice])
    assert_valid(qbxml_schema, message)
    parsed = parse_untrusted(message).find("QBXMLMsgsRq/InvoiceAddRq/InvoiceAdd")
    assert parsed is not None
    assert amounts(parsed, "InvoiceLineAdd/Amount") == [
        line.amount for line in invoice.lines if line.amount is not None
    ]
    assert amounts(parsed, "InvoiceLineAdd/Rate") == [
        line.rate for line in invoice.lines if line.rate is not None
    ]
    assert parsed.findtext("Memo") == invoice.memo
    assert parsed.findtext("RefNumber") == invoice.ref_number


@settings(max_examples=150, deadline=None)
@given(payment=payments())
def test_any_accepted_payment_validates_and_round_trips(
    qbxml_schema: etree.XMLSchema, payment: ReceivePaymentAdd
) -> None:
    message = build_message([payment])
    assert_valid(qbxml_schema, message)
    parsed = parse_untrusted(message).find("QBXMLMsgsRq/ReceivePaymentAddRq/ReceivePaymentAdd")
    assert parsed is not None
    assert amounts(parsed, "TotalAmount") == [payment.total_amount]
    assert (parsed.findtext("IsAutoApply") == "false") == payment.is_unapplied
    assert [e.text for e in parsed.iterfind("AppliedToTxnAdd/TxnID")] == [
        a.txn_id for a in payment.applied_to
    ]
    assert amounts(parsed, "AppliedToTxnAdd/SetCredit/AppliedAmount") == [
        credit.applied_amount for a in payment.applied_to for credit in a.credits
    ]


@settings(max_examples=300, deadline=None)
@given(
    name=st.text(max_size=60),
    company=st.none() | st.text(max_size=60),
    phone=st.none() | st.text(max_size=30),
)
def test_customer_text_is_refused_or_valid_never_broken(
    qbxml_schema: etree.XMLSchema, name: str, company: str | None, phone: str | None
) -> None:
    try:
        request = CustomerAdd(name=name, company_name=company, phone=phone)
    except QbxmlFieldError:
        return
    assert_valid(qbxml_schema, build_message([request]))


@settings(max_examples=300, deadline=None)
@given(
    amount=st.decimals(allow_nan=True, allow_infinity=True),
    rate=st.decimals(allow_nan=False, allow_infinity=False),
)
def test_line_numbers_are_refused_or_valid_never_broken(
    qbxml_schema: etree.XMLSchema, amount: Decimal, rate: Decimal
) -> None:
    try:
        invoice = InvoiceAdd(
            customer=QbRef.by_name("Hartley Plumbing"),
            lines=(SalesLineAdd(desc="work", amount=amount, rate=rate),),
        )
    except QbxmlFieldError:
        return
    assert_valid(qbxml_schema, build_message([invoice]))

"""Sample requests and a schema assertion shared by the qbXML tests."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from lxml import etree

from adapters.quickbooks.qbxml.requests import (
    Address,
    AppliedToTxn,
    CreditMemoAdd,
    CustomerAdd,
    InvoiceAdd,
    QbRef,
    QbRequest,
    ReceivePaymentAdd,
    ReceivePaymentMod,
    SalesLineAdd,
    SetCredit,
    build_message,
)

INVOICE_TXN_ID = "1A2B-1700000000"
CREDIT_MEMO_TXN_ID = "1A2C-1700000001"
PAYMENT_TXN_ID = "1A2D-1700000002"


def assert_valid(schema: etree.XMLSchema, message: bytes) -> etree._Element:
    """Parse `message` and fail with the schema's own words unless it validates."""
    document = etree.fromstring(message)
    if not schema.validate(document):
        raise AssertionError(f"invalid qbXML: {schema.error_log}\n{message.decode()}")
    return document


def validate_one(schema: etree.XMLSchema, request: QbRequest) -> etree._Element:
    """Build a one-request message, validate it and return the `*Rq` element."""
    document = assert_valid(schema, build_message([request]))
    return document[0][0]


def full_customer() -> CustomerAdd:
    return CustomerAdd(
        name="Oak Street Job",
        parent=QbRef.by_name("Hartley Plumbing"),
        company_name="Hartley Plumbing LLC",
        first_name="Dana",
        last_name="Hartley",
        bill_address=Address(
            lines=("Hartley Plumbing", "12 Oak Street"),
            city="Springfield",
            state="IL",
            postal_code="62701",
            country="USA",
        ),
        phone="217-555-0100",
        email="dana@hartley.example",
    )


def full_invoice() -> InvoiceAdd:
    return InvoiceAdd(
        customer=QbRef.by_id("80000001-1700000000"),
        txn_date=date(2024, 3, 15),
        ref_number="W-1042",
        memo="Work order 1042",
        terms=QbRef.by_name("Net 30"),
        due_date=date(2024, 4, 14),
        external_guid=uuid.UUID("6f1c2a9e-5d4b-4c3a-9e8f-0a1b2c3d4e5f"),
        lines=(
            SalesLineAdd(
                item=QbRef.by_name("Labor:Service Call"),
                desc="Diagnose leak",
                quantity=Decimal("1.5"),
                rate=Decimal("95.00"),
                amount=Decimal("142.50"),
                service_date=date(2024, 3, 14),
                sales_tax_code=QbRef.by_name("Non"),
            ),
            SalesLineAdd(item=QbRef.by_id("80000010-1700000000"), amount=Decimal("18.20")),
            SalesLineAdd(desc="Thank you for your business"),
        ),
    )


def full_credit_memo() -> CreditMemoAdd:
    return CreditMemoAdd(
        customer=QbRef.by_name("Hartley Plumbing:Oak Street Job"),
        txn_date=date(2024, 3, 20),
        ref_number="CM-17",
        memo="Goodwill credit",
        lines=(SalesLineAdd(item=QbRef.by_name("Discount"), amount=Decimal("25.00")),),
    )


def applied_payment() -> ReceivePaymentAdd:
    return ReceivePaymentAdd(
        customer=QbRef.by_name("Hartley Plumbing"),
        txn_date=date(2024, 3, 21),
        ref_number="CHK-20044",
        total_amount=Decimal("160.70"),
        payment_method=QbRef.by_name("Check"),
        memo="Check 20044",
        deposit_to_account=QbRef.by_name("Undeposited Funds"),
        applied_to=(
            AppliedToTxn(
                INVOICE_TXN_ID,
                Decimal("135.70"),
                (SetCredit(CREDIT_MEMO_TXN_ID, Decimal("25.00")),),
            ),
        ),
    )


def unapplied_payment() -> ReceivePaymentAdd:
    return ReceivePaymentAdd(
        customer=QbRef.by_id("80000001-1700000000"),
        txn_date=date(2024, 3, 22),
        total_amount=Decimal("500.00"),
        payment_method=QbRef.by_name("Cash"),
    )


def credit_only_application() -> ReceivePaymentAdd:
    return ReceivePaymentAdd(
        customer=QbRef.by_name("Hartley Plumbing"),
        total_amount=Decimal("0.00"),
        applied_to=(
            AppliedToTxn(
                INVOICE_TXN_ID, Decimal("0"), (SetCredit(CREDIT_MEMO_TXN_ID, Decimal("25.00")),)
            ),
        ),
    )


def payment_reapplication() -> ReceivePaymentMod:
    return ReceivePaymentMod(
        txn_id=PAYMENT_TXN_ID,
        edit_sequence="1710000000",
        applied_to=(
            AppliedToTxn(INVOICE_TXN_ID, Decimal("100.00")),
            AppliedToTxn("1A2E-1700000003", Decimal("60.70")),
        ),
    )

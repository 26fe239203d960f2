"""Requests that would break a QuickBooks limit are refused before any XML is built."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from adapters.quickbooks.qbxml.requests import (
    Address,
    AppliedToTxn,
    CreditMemoAdd,
    CustomerAdd,
    CustomerQuery,
    InvoiceAdd,
    InvoiceQuery,
    QbRef,
    QbxmlFieldError,
    ReceivePaymentAdd,
    ReceivePaymentMod,
    SalesLineAdd,
    SalesTaxCodeQuery,
    SetCredit,
    TermsQuery,
    TxnVoid,
)

CUSTOMER = QbRef.by_name("Hartley Plumbing")
LINE = SalesLineAdd(item=QbRef.by_name("Labor"), amount=Decimal("10.00"))


def test_customer_name_over_41_names_field_value_limit_and_fix() -> None:
    name = "Hartley Plumbing and Heating Services of Springfield"
    with pytest.raises(QbxmlFieldError) as caught:
        CustomerAdd(name=name)
    message = str(caught.value)
    assert message.startswith("CustomerAdd: customer name 'Hartley Plumbing")
    assert f"is {len(name)} characters; QuickBooks allows 41" in message
    assert "set a QB Name for the customer" in message


def test_customer_name_of_exactly_41_is_accepted() -> None:
    assert CustomerAdd(name="x" * 41).name == "x" * 41


@pytest.mark.parametrize("name", ["", "   ", "Parent:Child"])
def test_customer_name_must_be_present_and_colon_free(name: str) -> None:
    with pytest.raises(QbxmlFieldError, match="customer name"):
        CustomerAdd(name=name)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"company_name": "c" * 42}, "company name"),
        ({"first_name": "f" * 26}, "first name"),
        ({"phone": "5" * 22}, "phone"),
        ({"bill_address": Address(city="c" * 32)}, "bill address city"),
        ({"bill_address": Address(lines=("a",) * 6)}, "bill address has 6 lines"),
        ({"parent": QbRef.by_name("p" * 210)}, "parent customer FullName"),
        ({"parent": QbRef()}, "exactly one of ListID or FullName"),
    ],
)
def test_customer_optional_fields_are_checked(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(QbxmlFieldError, match=field):
        CustomerAdd(name="Walk-in", **kwargs)  # type: ignore[arg-type]


def test_control_characters_are_refused_with_their_code_point() -> None:
    with pytest.raises(QbxmlFieldError, match="U\\+0007"):
        CustomerAdd(name="Bell\x07")


def test_invoice_ref_number_over_11() -> None:
    with pytest.raises(QbxmlFieldError, match="InvoiceAdd: RefNumber 'W-2024-000001' is 13"):
        InvoiceAdd(customer=CUSTOMER, ref_number="W-2024-000001", lines=(LINE,))


def test_credit_memo_ref_number_over_11_and_lines_required() -> None:
    with pytest.raises(QbxmlFieldError, match="CreditMemoAdd: RefNumber"):
        CreditMemoAdd(customer=CUSTOMER, ref_number="C" * 12, lines=(LINE,))
    with pytest.raises(QbxmlFieldError, match="CreditMemoAdd: has no lines"):
        CreditMemoAdd(customer=CUSTOMER, lines=())


def test_payment_ref_number_allows_20_not_21() -> None:
    ReceivePaymentAdd(customer=CUSTOMER, ref_number="R" * 20, total_amount=Decimal("1.00"))
    with pytest.raises(QbxmlFieldError, match=r"ReceivePaymentAdd: RefNumber .* 21 characters"):
        ReceivePaymentAdd(customer=CUSTOMER, ref_number="R" * 21, total_amount=Decimal("1.00"))


def test_memo_over_4095() -> None:
    with pytest.raises(QbxmlFieldError, match=r"memo .* 4096 characters; QuickBooks allows 4095"):
        InvoiceAdd(customer=CUSTOMER, memo="m" * 4096, lines=(LINE,))


def test_ref_full_name_over_209_and_payment_method_over_31() -> None:
    with pytest.raises(QbxmlFieldError, match=r"customer FullName .* allows 209"):
        InvoiceAdd(customer=QbRef.by_name("c" * 210), lines=(LINE,))
    with pytest.raises(QbxmlFieldError, match=r"payment method FullName .* allows 31"):
        ReceivePaymentAdd(
            customer=CUSTOMER,
            total_amount=Decimal("1.00"),
            payment_method=QbRef.by_name("p" * 32),
        )


def test_ids_over_36_and_edit_sequence_over_16() -> None:
    with pytest.raises(QbxmlFieldError, match=r"TxnVoid: TxnID .* allows 36"):
        TxnVoid(txn_void_type="Invoice", txn_id="t" * 37)
    with pytest.raises(QbxmlFieldError, match=r"EditSequence .* allows 16"):
        ReceivePaymentMod(
            txn_id="T-1",
            edit_sequence="9" * 17,
            applied_to=(AppliedToTxn("T-2", Decimal("1.00")),),
        )
    with pytest.raises(QbxmlFieldError, match=r"customer ListID .* allows 36"):
        InvoiceAdd(customer=QbRef.by_id("8" * 37), lines=(LINE,))


@pytest.mark.parametrize(
    ("amount", "complaint"),
    [
        (10.5, "is a float; QuickBooks amounts must be decimal.Decimal"),
        (Decimal("10.005"), "has 3 decimal places; QuickBooks allows 2"),
        (Decimal("NaN"), "not a finite number"),
        (Decimal("12345678901234"), "more than 13 digits"),
    ],
)
def test_amounts_must_be_decimals_with_two_places(amount: object, complaint: str) -> None:
    with pytest.raises(QbxmlFieldError, match=complaint):
        SalesLineAdd(amount=amount, desc="x").check("InvoiceAdd", 1)  # type: ignore[arg-type]
    with pytest.raises(QbxmlFieldError, match=f"line 1 amount .*{complaint}"):
        InvoiceAdd(
            customer=CUSTOMER,
            lines=(SalesLineAdd(desc="x", amount=amount),),  # type: ignore[arg-type]
        )


def test_trailing_zeros_beyond_two_places_are_harmless() -> None:
    invoice = InvoiceAdd(
        customer=CUSTOMER, lines=(SalesLineAdd(desc="x", amount=Decimal("1.500")),)
    )
    assert invoice.lines[0].amount == Decimal("1.5")


def test_rate_and_quantity_allow_five_places_not_six() -> None:
    SalesLineAdd(desc="x", rate=Decimal("1.12345"), quantity=Decimal("0.00001")).check("I", 1)
    with pytest.raises(QbxmlFieldError, match=r"line 1 rate .* 6 decimal places; .* allows 5"):
        SalesLineAdd(desc="x", rate=Decimal("1.123456")).check("I", 1)
    with pytest.raises(QbxmlFieldError, match="line 1 quantity"):
        SalesLineAdd(desc="x", quantity=Decimal("12345678901")).check("I", 1)


def test_line_needs_item_or_description() -> None:
    with pytest.raises(QbxmlFieldError, match="line 2 has neither an item nor a description"):
        InvoiceAdd(customer=CUSTOMER, lines=(LINE, SalesLineAdd(amount=Decimal("1.00"))))


def test_payments_refuse_negative_money_and_over_application() -> None:
    with pytest.raises(QbxmlFieldError, match=r"TotalAmount -5.00 is negative"):
        ReceivePaymentAdd(customer=CUSTOMER, total_amount=Decimal("-5.00"))
    with pytest.raises(QbxmlFieldError, match=r"applications pay 120.00 but TotalAmount is 100"):
        ReceivePaymentAdd(
            customer=CUSTOMER,
            total_amount=Decimal("100"),
            applied_to=(
                AppliedToTxn("T-1", Decimal("60.00")),
                AppliedToTxn("T-2", Decimal("60.00")),
            ),
        )
    with pytest.raises(QbxmlFieldError, match="unapplied payment needs a TotalAmount above 0"):
        ReceivePaymentAdd(customer=CUSTOMER, total_amount=Decimal("0.00"))


def test_applications_must_be_distinct_and_say_something() -> None:
    with pytest.raises(QbxmlFieldError, match="invoice T-1 appears in two applications"):
        ReceivePaymentAdd(
            customer=CUSTOMER,
            total_amount=Decimal("2.00"),
            applied_to=(AppliedToTxn("T-1", Decimal("1")), AppliedToTxn("T-1", Decimal("1"))),
        )
    with pytest.raises(QbxmlFieldError, match="neither a payment amount nor a credit"):
        ReceivePaymentAdd(customer=CUSTOMER, applied_to=(AppliedToTxn("T-1"),))
    with pytest.raises(QbxmlFieldError, match="uses credit memo C-1 twice"):
        AppliedToTxn(
            "T-1", None, (SetCredit("C-1", Decimal("1")), SetCredit("C-1", Decimal("2")))
        ).check("ReceivePaymentAdd", 1)
    with pytest.raises(QbxmlFieldError, match="applied amount is 0"):
        SetCredit("C-1", Decimal("0")).check("ReceivePaymentAdd", "credit 1")


def test_payment_mod_needs_applications() -> None:
    with pytest.raises(QbxmlFieldError, match="ReceivePaymentMod: has no applications"):
        ReceivePaymentMod(txn_id="T-1", edit_sequence="1", applied_to=())


def test_txn_void_refuses_payments_with_the_way_out() -> None:
    with pytest.raises(
        QbxmlFieldError, match="cannot void a ReceivePayment: delete it with TxnDel"
    ):
        TxnVoid(txn_void_type="ReceivePayment", txn_id="T-1")
    with pytest.raises(QbxmlFieldError, match="'Estimate' cannot be voided"):
        TxnVoid(txn_void_type="Estimate", txn_id="T-1")


def test_queries_refuse_mixed_selectors_and_unsupported_iterators() -> None:
    with pytest.raises(QbxmlFieldError, match="only one of them"):
        CustomerQuery(list_ids=("1",), full_names=("A",))
    with pytest.raises(QbxmlFieldError, match="only one of them"):
        InvoiceQuery(ref_numbers=("W-1",), customer=CUSTOMER)
    with pytest.raises(QbxmlFieldError, match="TermsQuery: QuickBooks has no iterator"):
        TermsQuery(iterator="Start")
    with pytest.raises(QbxmlFieldError, match="needs the iteratorID"):
        CustomerQuery(iterator="Continue")
    with pytest.raises(QbxmlFieldError, match="must not carry an iteratorID"):
        CustomerQuery(iterator="Start", iterator_id="{x}")
    with pytest.raises(QbxmlFieldError, match="MaxReturned 0 must be a whole number"):
        InvoiceQuery(max_returned=0)
    with pytest.raises(QbxmlFieldError, match="SalesTaxCodeQuery: FullName 'Taxable'"):
        SalesTaxCodeQuery(full_names=("Taxable",))
    with pytest.raises(QbxmlFieldError, match="InvoiceQuery: RefNumber"):
        InvoiceQuery(ref_numbers=("W-2024-000001",))
    with pytest.raises(QbxmlFieldError, match="date range"):
        InvoiceQuery(from_txn_date=date(2024, 2, 1), to_txn_date=date(2024, 1, 1))


def test_field_error_is_a_value_error() -> None:
    assert issubclass(QbxmlFieldError, ValueError)


@pytest.mark.parametrize(
    "amount", [Decimal("1E+1000000"), Decimal("289607601308704828619976.252688")]
)
def test_huge_numbers_are_refused_without_arithmetic_errors(amount: Decimal) -> None:
    with pytest.raises(QbxmlFieldError, match="more than 13 digits before the decimal point"):
        InvoiceAdd(customer=CUSTOMER, lines=(SalesLineAdd(desc="x", amount=amount),))

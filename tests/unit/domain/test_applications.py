"""Payments and credit memos applied to invoices: both sides agree, never over-applied."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from domain import applying
from domain.credit_memo import CreditMemo
from domain.credit_source import CreditSource, parse_source_token, source_token
from domain.errors import (
    CrossCustomerApplication,
    InvalidAmount,
    InvalidLines,
    InvalidReference,
    InvalidTransition,
    JobPaymentWithoutInvoice,
    LockedByQuickBooks,
    OverApplication,
    TransactionClosed,
)
from domain.payment import Payment, PaymentKind
from tests.unit.domain.builders import (
    DAY,
    account_payment,
    credit_memo,
    event_names,
    finalized_invoice,
)

SOURCES = [account_payment, credit_memo]


def source_of(build: object, amount: str = "50.00") -> CreditSource:
    source = build(amount=amount)  # type: ignore[operator]
    assert isinstance(source, CreditSource)
    return source


def test_source_tokens_name_the_kind_and_key() -> None:
    assert source_token("credit memo", "CM-1") == "credit_memo:CM-1"
    assert parse_source_token("credit_memo:CM-1") == ("credit memo", "CM-1")
    assert account_payment().token == "payment:P-1"


@pytest.mark.parametrize(
    ("reference", "customer", "amount", "error"),
    [
        ("", "C1", "10.00", InvalidReference),
        ("P-1", " ", "10.00", InvalidReference),
        ("P-1", "C1", "0.00", InvalidAmount),
        ("P-1", "C1", "-5.00", InvalidAmount),
        ("P-1", "C1", "10.001", InvalidAmount),
    ],
)
def test_a_payment_needs_a_reference_a_customer_and_a_positive_amount(
    reference: str, customer: str, amount: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        Payment.record(PaymentKind.ACCOUNT, reference, customer, amount, DAY)


def test_a_payment_amount_refuses_floats() -> None:
    with pytest.raises(InvalidAmount, match="float"):
        Payment.record(PaymentKind.ACCOUNT, "P-1", "C1", 10.0, DAY)  # type: ignore[arg-type]


def test_a_credit_memo_needs_a_number_a_customer_and_lines() -> None:
    with pytest.raises(InvalidReference):
        CreditMemo.create(" ", "C1", DAY, [])
    with pytest.raises(InvalidReference):
        CreditMemo.create("CM-1", "", DAY, [])
    with pytest.raises(InvalidLines):
        CreditMemo.create("CM-1", "C1", DAY, [])
    assert credit_memo(amount="12.34").amount == Decimal("12.34")


@pytest.mark.parametrize("build", SOURCES)
def test_an_application_records_the_amount_on_both_sides(build: object) -> None:
    source, invoice = source_of(build), finalized_invoice()
    applying.apply_credit(source, invoice, "30.00")
    assert source.applications == {invoice.number: Decimal("30.00")}
    assert invoice.applications == {source.token: Decimal("30.00")}
    assert source.unapplied == Decimal("20.00")
    assert invoice.open_balance == Decimal("70.00")


@pytest.mark.parametrize("build", SOURCES)
@pytest.mark.parametrize("amount", ["0", "-1.00", "1.001"])
def test_an_application_amount_must_be_positive_money(build: object, amount: str) -> None:
    source, invoice = source_of(build), finalized_invoice()
    with pytest.raises(InvalidAmount):
        applying.apply_credit(source, invoice, amount)
    assert source.applications == {}
    assert invoice.applications == {}


@pytest.mark.parametrize("build", SOURCES)
def test_an_application_amount_refuses_floats(build: object) -> None:
    with pytest.raises(InvalidAmount, match="float"):
        applying.apply_credit(source_of(build), finalized_invoice(), 1.0)  # type: ignore[arg-type]


@pytest.mark.parametrize("build", SOURCES)
def test_applications_never_exceed_the_source_amount(build: object) -> None:
    source = source_of(build, "50.00")
    first, second = finalized_invoice("1-1"), finalized_invoice("1-2")
    applying.apply_credit(source, first, "40.00")
    with pytest.raises(OverApplication, match=re.escape("only 10.00")):
        applying.apply_credit(source, second, "10.01")
    assert second.applications == {}
    assert source.applied_total == Decimal("40.00")
    applying.apply_credit(source, second, "10.00")
    assert source.is_fully_applied


@pytest.mark.parametrize("build", SOURCES)
def test_applications_never_exceed_the_invoice_open_balance(build: object) -> None:
    source, invoice = source_of(build, "500.00"), finalized_invoice(amount="100.00")
    with pytest.raises(OverApplication, match=re.escape("open balance is 100.00")):
        applying.apply_credit(source, invoice, "100.01")
    assert source.applications == {}
    assert invoice.applications == {}


@pytest.mark.parametrize("build", SOURCES)
def test_a_source_cannot_be_applied_to_another_customers_invoice(build: object) -> None:
    source, invoice = source_of(build), finalized_invoice(customer="C2")
    with pytest.raises(CrossCustomerApplication, match="C2"):
        applying.apply_credit(source, invoice, "10.00")
    assert source.applications == {}
    assert invoice.applications == {}
    assert event_names(source) in (["Recorded"], ["Created"])


@pytest.mark.parametrize("build", SOURCES)
def test_applying_twice_to_one_invoice_is_refused(build: object) -> None:
    source, invoice = source_of(build), finalized_invoice()
    applying.apply_credit(source, invoice, "10.00")
    with pytest.raises(InvalidTransition, match="already applied"):
        applying.apply_credit(source, invoice, "5.00")
    assert invoice.applications == {source.token: Decimal("10.00")}


@pytest.mark.parametrize("build", SOURCES)
def test_unapply_releases_both_sides(build: object) -> None:
    source, invoice = source_of(build), finalized_invoice()
    applying.apply_credit(source, invoice, "10.00")
    applying.unapply_credit(source, invoice)
    assert source.applications == {}
    assert invoice.applications == {}
    with pytest.raises(InvalidTransition, match="not applied"):
        applying.unapply_credit(source, invoice)


@pytest.mark.parametrize("build", SOURCES)
def test_an_application_already_applied_in_quickbooks_cannot_be_unapplied(build: object) -> None:
    source, invoice = source_of(build), finalized_invoice()
    applying.apply_credit(source, invoice, "10.00")
    source.record_imported("TXN-P", "E1")
    source.record_applied_in_quickbooks(invoice.number, "E2")
    with pytest.raises(LockedByQuickBooks, match="TXN-P"):
        applying.unapply_credit(source, invoice)
    assert invoice.number in source.applications
    assert source.token in invoice.applications


@pytest.mark.parametrize("build", SOURCES)
def test_applied_in_quickbooks_needs_a_ledger_application_and_is_recorded_once(
    build: object,
) -> None:
    source, invoice = source_of(build), finalized_invoice()
    with pytest.raises(InvalidTransition, match="no such application"):
        source.record_applied_in_quickbooks(invoice.number, "E1")
    applying.apply_credit(source, invoice, "10.00")
    source.record_applied_in_quickbooks(invoice.number, "E1")
    source.record_applied_in_quickbooks(invoice.number, "E2")
    assert source.applied_in_qb == {invoice.number: Decimal("10.00")}
    assert event_names(source)[-1] == "AppliedInQuickBooks"
    assert source.qb_edit_sequence == "E1"


@pytest.mark.parametrize("build", SOURCES)
def test_finishing_needs_the_source_fully_applied(build: object) -> None:
    source, invoice = source_of(build, "50.00"), finalized_invoice()
    applying.apply_credit(source, invoice, "49.99")
    with pytest.raises(InvalidTransition, match=re.escape("0.01 of its 50.00 is not applied")):
        source.finish()
    assert not source.finished


@pytest.mark.parametrize("build", SOURCES)
def test_a_finished_source_cannot_be_changed_or_voided(build: object) -> None:
    source, invoice, other = (
        source_of(build, "50.00"),
        finalized_invoice("1-1"),
        finalized_invoice("1-2"),
    )
    applying.apply_credit(source, invoice, "50.00")
    source.finish()
    assert source.finished
    with pytest.raises(TransactionClosed, match="finished"):
        source.finish()
    with pytest.raises(TransactionClosed, match="finished"):
        applying.apply_credit(source, other, "1.00")
    with pytest.raises(TransactionClosed, match="finished"):
        applying.unapply_credit(source, invoice)
    with pytest.raises(TransactionClosed, match="finished"):
        applying.void_credit_source(source, {invoice.number: invoice})
    assert invoice.applications == {source.token: Decimal("50.00")}
    assert not source.voided


@pytest.mark.parametrize("build", SOURCES)
def test_voiding_a_source_releases_its_invoices_and_closes_it(build: object) -> None:
    source, invoice = source_of(build), finalized_invoice()
    applying.apply_credit(source, invoice, "20.00")
    assert applying.void_credit_source(source, {invoice.number: invoice}, "bounced") is None
    assert source.voided
    assert source.applications == {}
    assert invoice.applications == {}
    assert invoice.open_balance == Decimal("100.00")
    with pytest.raises(TransactionClosed, match="voided"):
        applying.void_credit_source(source, {})
    with pytest.raises(TransactionClosed, match="voided"):
        applying.apply_credit(source, invoice, "1.00")
    with pytest.raises(TransactionClosed, match="voided"):
        source.finish()


@pytest.mark.parametrize("build", SOURCES)
def test_voiding_a_source_needs_all_its_invoices(build: object) -> None:
    source, invoice = source_of(build), finalized_invoice()
    applying.apply_credit(source, invoice, "20.00")
    with pytest.raises(InvalidTransition, match="needs its invoices 1234567-1"):
        applying.void_credit_source(source, {})
    assert not source.voided
    assert source.applications == {invoice.number: Decimal("20.00")}


@pytest.mark.parametrize("build", SOURCES)
def test_voiding_an_imported_source_opens_a_manual_action(build: object) -> None:
    source = source_of(build)
    source.record_imported("TXN-S", "E1")
    action = applying.void_credit_source(source, {}, "bounced")
    assert action is not None
    assert (action.subject, action.action, action.qb_txn_id) == (source.label, "void", "TXN-S")
    assert source.voided


def test_a_job_payment_without_an_invoice_is_refused() -> None:
    with pytest.raises(JobPaymentWithoutInvoice, match="J-1"):
        applying.record_job_payment(None, "J-1", "10.00", DAY)


def test_a_job_payment_is_applied_in_full_to_its_invoice_for_its_customer() -> None:
    invoice = finalized_invoice(customer="C7")
    payment = applying.record_job_payment(invoice, "J-1", "60.00", DAY, method="cash")
    assert payment.payment_kind is PaymentKind.JOB
    assert payment.is_job_payment
    assert payment.customer == "C7"
    assert payment.job_invoice == invoice.number
    assert payment.applications == {invoice.number: Decimal("60.00")}
    assert invoice.applications == {"payment:J-1": Decimal("60.00")}
    assert payment.label == "job payment J-1"


def test_a_job_payment_beyond_its_invoice_open_balance_is_refused() -> None:
    invoice = finalized_invoice(amount="100.00")
    with pytest.raises(OverApplication):
        applying.record_job_payment(invoice, "J-1", "100.01", DAY)
    assert invoice.applications == {}


def test_a_job_payment_cannot_be_unapplied_reapplied_or_finished() -> None:
    invoice, other = finalized_invoice("1-1"), finalized_invoice("1-2")
    payment = applying.record_job_payment(invoice, "J-1", "60.00", DAY)
    with pytest.raises(InvalidTransition, match="void the payment instead"):
        applying.unapply_credit(payment, invoice)
    with pytest.raises(InvalidTransition, match="exactly one invoice"):
        applying.apply_credit(payment, other, "1.00")
    with pytest.raises(InvalidTransition, match="only account payments"):
        payment.finish()
    assert payment.applications == {invoice.number: Decimal("60.00")}


def test_an_account_payment_can_be_applied_to_several_invoices_and_finished() -> None:
    payment = account_payment(amount="150.00")
    first, second = finalized_invoice("1-1"), finalized_invoice("1-2")
    applying.apply_credit(payment, first, "100.00")
    applying.apply_credit(payment, second, "50.00")
    payment.finish()
    assert payment.finished
    assert payment.job_invoice is None
    assert first.is_paid_in_full
    assert second.open_balance == Decimal("50.00")

"""The invoice: lines while draft, finalized once, voided or written off, linked to QuickBooks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain import applying
from domain.errors import (
    InvalidInput,
    InvalidReference,
    InvalidTransition,
    InvoiceNotEditable,
    LockedByQuickBooks,
    OverApplication,
)
from domain.invoice import Invoice, InvoiceStatus, default_job_id
from domain.manual_action import ManualAction
from tests.unit.domain.builders import (
    DAY,
    account_payment,
    draft_invoice,
    event_names,
    finalized_invoice,
    line,
)


@pytest.mark.parametrize(
    ("number", "job"),
    [("1234567-2", "1234567"), ("1234567", "1234567"), ("A-7-3", "A-7"), ("-5", "-5")],
)
def test_job_id_defaults_to_the_number_up_to_the_last_dash(number: str, job: str) -> None:
    assert default_job_id(number) == job
    assert Invoice.create(number, "C1", DAY, [line()]).job_id == job


def test_an_explicit_job_id_wins_and_a_blank_one_falls_back_to_the_default() -> None:
    assert Invoice.create("1234567-2", "C1", DAY, [line()], job_id="J-99").job_id == "J-99"
    assert Invoice.create("1234567-2", "C1", DAY, [line()], job_id="  ").job_id == "1234567"


def test_a_new_invoice_is_a_draft_with_its_lines_total_open() -> None:
    invoice = Invoice.create(" 1-1 ", "C1", DAY, [line("60.00"), line("40.00")], memo="m")
    assert invoice.number == "1-1"
    assert invoice.status is InvoiceStatus.DRAFT
    assert invoice.total == invoice.open_balance == Decimal("100.00")
    assert not invoice.is_paid_in_full


@pytest.mark.parametrize(("number", "customer"), [("", "C1"), ("  ", "C1"), ("1-1", " ")])
def test_an_invoice_needs_a_number_and_a_customer(number: str, customer: str) -> None:
    with pytest.raises(InvalidReference):
        Invoice.create(number, customer, DAY, [line()])


def test_an_invoice_needs_lines_with_a_positive_total() -> None:
    with pytest.raises(InvalidInput):
        Invoice.create("1-1", "C1", DAY, [])
    with pytest.raises(InvalidInput):
        Invoice.create("1-1", "C1", DAY, [line("0.00")])


def test_lines_can_be_edited_while_draft() -> None:
    invoice = draft_invoice()
    invoice.edit_lines([line("80.00"), line("45.00", item="storage")])
    assert invoice.total == Decimal("125.00")
    assert event_names(invoice) == ["Created", "LinesEdited"]


def test_edited_lines_are_checked_like_new_ones() -> None:
    invoice = draft_invoice()
    with pytest.raises(InvalidInput):
        invoice.edit_lines([])
    assert invoice.total == Decimal("100.00")


def test_lines_are_locked_once_finalized_or_voided() -> None:
    finalized = finalized_invoice()
    with pytest.raises(InvoiceNotEditable, match="finalized"):
        finalized.edit_lines([line("1.00")])
    voided = draft_invoice()
    voided.void()
    with pytest.raises(InvoiceNotEditable, match="voided"):
        voided.edit_lines([line("1.00")])


def test_lines_of_an_invoice_quickbooks_holds_are_locked_even_as_draft() -> None:
    invoice = draft_invoice()
    invoice.record_imported("TXN-1", "E1")
    with pytest.raises(LockedByQuickBooks, match="TXN-1"):
        invoice.edit_lines([line("50.00")])
    assert invoice.total == Decimal("100.00")


def test_lines_cannot_drop_the_total_below_what_is_applied() -> None:
    invoice = draft_invoice()
    applying.apply_credit(account_payment(), invoice, "70.00")
    with pytest.raises(OverApplication, match="below"):
        invoice.edit_lines([line("69.99")])
    invoice.edit_lines([line("70.00")])
    assert invoice.open_balance == Decimal("0.00")


def test_finalize_twice_is_refused() -> None:
    invoice = finalized_invoice()
    with pytest.raises(InvoiceNotEditable):
        invoice.finalize()
    assert event_names(invoice) == ["Created", "Finalized"]


def test_void_is_refused_while_payments_or_credits_are_applied() -> None:
    invoice = finalized_invoice()
    applying.apply_credit(account_payment(), invoice, "10.00")
    with pytest.raises(InvalidTransition, match="payment:P-1"):
        invoice.void()
    assert not invoice.voided


def test_void_twice_is_refused_and_nothing_can_be_applied_to_a_voided_invoice() -> None:
    invoice = finalized_invoice()
    invoice.void("duplicate")
    assert invoice.status is InvoiceStatus.VOIDED
    assert invoice.voided
    with pytest.raises(InvalidTransition, match="already voided"):
        invoice.void()
    with pytest.raises(InvalidTransition, match="voided"):
        applying.apply_credit(account_payment(), invoice, "10.00")


def test_void_before_import_opens_no_manual_action() -> None:
    invoice = finalized_invoice()
    assert applying.void_invoice(invoice, "typo") is None
    assert invoice.voided


def test_void_after_import_opens_a_manual_action_naming_the_quickbooks_record() -> None:
    invoice = finalized_invoice()
    invoice.record_imported("TXN-9", "E1")
    action = applying.void_invoice(invoice, "customer disputed")
    assert isinstance(action, ManualAction)
    assert (action.subject, action.action, action.qb_txn_id) == (
        "invoice 1234567-1",
        "void",
        "TXN-9",
    )
    assert "TXN-9" in action.instructions
    assert "customer disputed" in action.instructions
    assert not action.done
    assert invoice.voided


def test_only_a_finalized_invoice_can_be_written_off() -> None:
    with pytest.raises(InvalidTransition, match="draft"):
        draft_invoice().write_off()
    voided = finalized_invoice()
    voided.void()
    with pytest.raises(InvalidTransition, match="voided"):
        voided.write_off()


def test_write_off_clears_the_open_balance_once() -> None:
    invoice = finalized_invoice()
    applying.apply_credit(account_payment(), invoice, "30.00")
    assert invoice.write_off("bad debt") == Decimal("70.00")
    assert invoice.open_balance == Decimal("0.00")
    assert invoice.written_off == Decimal("70.00")
    with pytest.raises(InvalidInput, match="no open balance"):
        invoice.write_off()


def test_write_off_before_import_opens_no_manual_action() -> None:
    invoice = finalized_invoice()
    assert applying.write_off_invoice(invoice) is None
    assert invoice.written_off == Decimal("100.00")


def test_write_off_after_import_opens_a_manual_action_with_the_amount() -> None:
    invoice = finalized_invoice()
    invoice.record_imported("TXN-3", "E1")
    action = applying.write_off_invoice(invoice, "bad debt")
    assert action is not None
    assert action.action == "write off 100.00 of"
    assert action.qb_txn_id == "TXN-3"
    assert not action.done


def test_two_equal_write_offs_after_import_open_two_distinct_manual_actions() -> None:
    invoice = finalized_invoice()
    invoice.record_imported("TXN-3", "E1")
    payment = account_payment(amount="50.00")
    applying.apply_credit(payment, invoice, "50.00")
    first = applying.write_off_invoice(invoice)
    applying.unapply_credit(payment, invoice)
    second = applying.write_off_invoice(invoice)
    assert first is not None
    assert second is not None
    assert first.action == second.action == "write off 50.00 of"
    assert first.id != second.id


def test_record_imported_links_the_txn_id_once() -> None:
    invoice = finalized_invoice()
    invoice.record_imported("TXN-1", "E1")
    invoice.record_imported("TXN-1", "E2")
    assert (invoice.qb_txn_id, invoice.qb_edit_sequence) == ("TXN-1", "E1")
    assert invoice.is_imported
    assert event_names(invoice) == ["Created", "Finalized", "ImportedToQuickBooks"]


def test_record_imported_with_another_txn_id_is_refused() -> None:
    invoice = finalized_invoice()
    invoice.record_imported("TXN-1", "E1")
    with pytest.raises(LockedByQuickBooks, match="TXN-1"):
        invoice.record_imported("TXN-2", "E1")
    assert invoice.qb_txn_id == "TXN-1"


def test_record_imported_needs_a_txn_id() -> None:
    with pytest.raises(InvalidReference):
        finalized_invoice().record_imported("  ", "E1")


def test_a_new_edit_sequence_is_recorded_only_when_it_changes() -> None:
    invoice = finalized_invoice()
    invoice.record_imported("TXN-1", "E1")
    invoice.record_edit_sequence("E1")
    invoice.record_edit_sequence("E2")
    assert invoice.qb_edit_sequence == "E2"
    assert event_names(invoice)[-2:] == ["ImportedToQuickBooks", "EditSequenceChanged"]

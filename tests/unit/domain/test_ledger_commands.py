"""The Ledger's commands by business key, on the in-memory (POPO) event store."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from uuid import uuid4

import pytest

from adapters.storage.ledger.application import Ledger
from domain import ids
from domain.errors import (
    CrossCustomerApplication,
    DomainError,
    DuplicateRecord,
    InvalidInput,
    JobPaymentWithoutInvoice,
    LockedByQuickBooks,
    OverApplication,
    UnknownRecord,
)
from domain.policy import PolicyLevel
from tests.unit.domain.builders import DAY, line, popo_ledger, stored_event_count


@pytest.fixture
def ledger() -> Ledger:
    """Two customers, a finalized imported invoice with a job payment, drafts, open credits."""
    app = popo_ledger()
    app.register_customer("C1", "Acme Towing")
    app.register_customer("C2", "Bolt Repair")
    app.create_invoice("1-1", "C1", DAY, [line("100.00")])
    app.finalize_invoice("1-1")
    app.record_imported("invoice", "1-1", "TXN-1", "E1")
    app.create_invoice("1-2", "C1", DAY, [line("80.00")])
    app.create_invoice("2-1", "C2", DAY, [line("50.00")])
    app.record_job_payment("J-1", "1-1", "40.00", DAY)
    app.record_account_payment("P-1", "C1", "30.00", DAY)
    app.record_account_payment("P-2", "C2", "90.00", DAY)
    app.create_credit_memo("CM-1", "C1", DAY, [line("20.00")])
    return app


UNKNOWN: dict[str, Callable[[Ledger], object]] = {
    "customer": lambda app: app.customer("nobody"),
    "invoice": lambda app: app.invoice("9-9"),
    "payment": lambda app: app.payment("P-404"),
    "credit memo": lambda app: app.credit_memo("CM-404"),
    "manual action": lambda app: app.manual_action(uuid4()),
    "invoice for an unknown customer": lambda app: app.create_invoice(
        "3-1", "nobody", DAY, [line()]
    ),
    "payment for an unknown customer": lambda app: app.record_account_payment(
        "P-3", "nobody", "1.00", DAY
    ),
    "credit memo for an unknown customer": lambda app: app.create_credit_memo(
        "CM-2", "nobody", DAY, [line()]
    ),
    "job payment to an unknown invoice": lambda app: app.record_job_payment(
        "J-2", "9-9", "1.00", DAY
    ),
    "apply an unknown payment": lambda app: app.apply_payment("P-404", "1-2", "1.00"),
    "apply to an unknown invoice": lambda app: app.apply_payment("P-1", "9-9", "1.00"),
    "finish an unknown credit memo": lambda app: app.finish_credit_memo("CM-404"),
    "edit an unknown invoice": lambda app: app.edit_invoice_lines("9-9", [line()]),
    "a parent that does not exist": lambda app: app.register_customer("C3", "C", parent="X"),
    "mark an unknown manual action done": lambda app: app.mark_manual_action_done(uuid4(), "bo"),
}


@pytest.mark.parametrize("command", UNKNOWN.values(), ids=UNKNOWN.keys())
def test_unknown_records_are_refused_by_name(
    ledger: Ledger, command: Callable[[Ledger], object]
) -> None:
    before = stored_event_count(ledger)
    with pytest.raises(UnknownRecord, match="does not exist"):
        command(ledger)
    assert stored_event_count(ledger) == before


DUPLICATES: dict[str, Callable[[Ledger], object]] = {
    "customer": lambda app: app.register_customer("C1", "Again"),
    "invoice": lambda app: app.create_invoice("1-2", "C1", DAY, [line()]),
    "invoice with padding": lambda app: app.create_invoice(" 1-2 ", "C1", DAY, [line()]),
    "job payment": lambda app: app.record_job_payment("J-1", "1-2", "1.00", DAY),
    "account payment reusing a job reference": lambda app: app.record_account_payment(
        "J-1", "C1", "1.00", DAY
    ),
    "credit memo": lambda app: app.create_credit_memo("CM-1", "C1", DAY, [line()]),
}


@pytest.mark.parametrize("command", DUPLICATES.values(), ids=DUPLICATES.keys())
def test_duplicate_keys_are_refused(ledger: Ledger, command: Callable[[Ledger], object]) -> None:
    before = stored_event_count(ledger)
    with pytest.raises(DuplicateRecord, match="already exists"):
        command(ledger)
    assert stored_event_count(ledger) == before


REJECTED: dict[str, Callable[[Ledger], object]] = {
    "edit a finalized invoice": lambda app: app.edit_invoice_lines("1-1", [line("1.00")]),
    "finalize twice": lambda app: app.finalize_invoice("1-1"),
    "void an invoice with a job payment": lambda app: app.void_invoice("1-1"),
    "write off a draft": lambda app: app.write_off_invoice("1-2"),
    "over-apply a payment": lambda app: app.apply_payment("P-1", "1-2", "30.01"),
    "apply beyond the open balance": lambda app: app.apply_payment("P-2", "2-1", "50.01"),
    "apply across customers": lambda app: app.apply_payment("P-1", "2-1", "1.00"),
    "job payment without invoice": lambda app: app.record_job_payment("J-2", None, "1.00", DAY),
    "job payment over its invoice": lambda app: app.record_job_payment("J-2", "1-2", "80.01", DAY),
    "unapply a job payment": lambda app: app.unapply_payment("J-1", "1-1"),
    "finish a partly applied payment": lambda app: app.finish_payment("P-1"),
    "unapply what is not applied": lambda app: app.unapply_credit_memo("CM-1", "1-2"),
    "float amount": lambda app: app.apply_payment("P-1", "1-2", 1.5),  # type: ignore[arg-type]
    "import with another TxnID": lambda app: app.record_imported("invoice", "1-1", "TXN-2", "E"),
    "unknown kind": lambda app: app.record_imported("bill", "1-1", "TXN-2", "E"),
    "applied in QB without application": lambda app: app.record_applied("payment", "P-1", "1-2"),
    "edit an imported draft": lambda app: app.edit_invoice_lines("1-2", [line()]),
}


@pytest.mark.parametrize("command", REJECTED.values(), ids=REJECTED.keys())
def test_a_rejected_command_leaves_no_event_behind(
    ledger: Ledger, command: Callable[[Ledger], object]
) -> None:
    ledger.record_imported("invoice", "1-2", "TXN-2", "E1")
    versions = {n: ledger.invoice(n).version for n in ("1-1", "1-2", "2-1")}
    before = stored_event_count(ledger)
    with pytest.raises(DomainError):
        command(ledger)
    assert stored_event_count(ledger) == before
    assert {n: ledger.invoice(n).version for n in versions} == versions


def test_an_application_is_saved_on_both_sides(ledger: Ledger) -> None:
    ledger.apply_credit_memo("CM-1", "1-2", "20.00")
    assert ledger.credit_memo("CM-1").applications == {"1-2": Decimal("20.00")}
    assert ledger.invoice("1-2").applications == {"credit_memo:CM-1": Decimal("20.00")}


def test_specific_refusals_carry_their_named_errors(ledger: Ledger) -> None:
    with pytest.raises(JobPaymentWithoutInvoice):
        ledger.record_job_payment("J-9", "  ", "1.00", DAY)
    with pytest.raises(CrossCustomerApplication):
        ledger.apply_credit_memo("CM-1", "2-1", "1.00")
    with pytest.raises(OverApplication):
        ledger.apply_payment("P-1", "1-1", "60.01")
    with pytest.raises(InvalidInput):
        ledger.apply_payment("P-1", "1-2", "0")


def test_unapplying_what_quickbooks_applied_is_locked(ledger: Ledger) -> None:
    ledger.apply_payment("P-1", "1-1", "30.00")
    ledger.record_imported("payment", "P-1", "TXN-P", "E1")
    ledger.record_applied("payment", "P-1", "1-1", "E2")
    before = stored_event_count(ledger)
    with pytest.raises(LockedByQuickBooks, match="TXN-P"):
        ledger.unapply_payment("P-1", "1-1")
    assert stored_event_count(ledger) == before


def test_void_after_import_saves_a_manual_action_that_is_done_once(ledger: Ledger) -> None:
    ledger.void_payment("J-1", "bounced")
    action = ledger.void_invoice("1-1", "duplicate")
    assert action is not None
    assert ledger.manual_action(action.id).qb_txn_id == "TXN-1"
    ledger.mark_manual_action_done(action.id, "bo")
    assert ledger.manual_action(action.id).done
    with pytest.raises(DomainError, match="already done"):
        ledger.mark_manual_action_done(action.id, "bo")


def test_a_draft_void_opens_no_manual_action(ledger: Ledger) -> None:
    before = stored_event_count(ledger)
    assert ledger.void_invoice("1-2") is None
    assert stored_event_count(ledger) == before + 1


def test_a_second_equal_write_off_after_import_is_saved(ledger: Ledger) -> None:
    ledger.apply_payment("P-1", "1-1", "30.00")
    first = ledger.write_off_invoice("1-1")
    ledger.unapply_payment("P-1", "1-1")
    second = ledger.write_off_invoice("1-1")
    assert first is not None
    assert second is not None
    assert first.id != second.id
    assert ledger.invoice("1-1").written_off == Decimal("60.00")
    assert not ledger.manual_action(second.id).done


def test_a_policy_change_is_stored_once_and_a_no_op_stores_nothing(ledger: Ledger) -> None:
    ledger.change_policy_level(PolicyLevel.MODERATE, "ann")
    before = stored_event_count(ledger)
    ledger.change_policy_level(PolicyLevel.MODERATE, "ann")
    assert stored_event_count(ledger) == before
    assert ledger.company_settings().policy_level is PolicyLevel.MODERATE
    names = [type(e).__name__ for e in ledger.history(ids.company_id())]
    assert names == ["Established", "PolicyLevelChanged"]


def test_a_failed_command_in_bulk_discards_the_whole_batch(ledger: Ledger) -> None:
    before = stored_event_count(ledger)
    with pytest.raises(OverApplication), ledger.bulk():  # noqa: PT012  (a bulk raises as it runs or ends)
        ledger.create_invoice("1-3", "C1", DAY, [line("10.00")])
        ledger.apply_payment("P-1", "1-3", "10.01")
    assert stored_event_count(ledger) == before
    with pytest.raises(UnknownRecord):
        ledger.invoice("1-3")


def test_a_customer_registered_in_a_discarded_batch_stays_unknown(ledger: Ledger) -> None:
    with pytest.raises(OverApplication), ledger.bulk():  # noqa: PT012  (a bulk raises as it runs or ends)
        ledger.register_customer("C9", "Short-lived")
        ledger.create_invoice("9-1", "C9", DAY, [line("10.00")])
        ledger.record_job_payment("J-9", "9-1", "10.01", DAY)
    with pytest.raises(UnknownRecord, match="customer C9"):
        ledger.create_invoice("9-2", "C9", DAY, [line("10.00")])
    ledger.create_invoice("9-2", "C1", DAY, [line("10.00")])
    ledger.create_invoice("9-3", "C1", DAY, [line("10.00")])
    assert ledger.invoice("9-3").customer == "C1"

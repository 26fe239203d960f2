"""The ledger on real event stores (SQLite and PostgreSQL): round trips, atomicity, races."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import pytest

from adapters.settings import persistence_env
from adapters.storage.ledger.application import Ledger
from adapters.storage.ledger.unit_of_work import ConcurrencyConflict, UnitOfWork
from domain import applying, ids
from domain.errors import DuplicateRecord, OverApplication, UnknownRecord
from domain.invoice import Invoice, InvoiceStatus
from domain.lines import Line, make_line
from domain.payment import Payment, PaymentKind
from domain.policy import PolicyLevel

DAY = date(2024, 3, 4)
StoredEvent = tuple[UUID | str, int, str]


def stored_events(ledger: Ledger) -> list[StoredEvent]:
    """Every event in the store's notification log, as (aggregate, version, topic)."""
    found: list[StoredEvent] = []
    start = 1
    while True:
        page = ledger.recorder.select_notifications(start=start, limit=1000)
        found += [(n.originator_id, n.originator_version, n.topic) for n in page]
        if len(page) < 1000:
            return found
        start = page[-1].id + 1


def acknowledged(recordings: list[object]) -> list[StoredEvent]:
    out: list[StoredEvent] = []
    for recording in recordings:
        note = recording.notification  # type: ignore[attr-defined]
        out.append((note.originator_id, note.originator_version, note.topic))
    return out


@pytest.fixture
def second_ledger(backend_url: str, tmp_path: Path) -> Iterator[Ledger]:
    """Another writer on the same store, as a second process would be."""
    app = Ledger(env=persistence_env(backend_url, tmp_path))
    yield app
    app.close()


def tow(rate: str = "100.00", quantity: str = "1") -> Line:
    return make_line("tow", "Towing, 12 miles", quantity, rate)


def seed_customer_and_invoice(ledger: Ledger, amount: str = "100.00") -> None:
    ledger.register_customer("C1", "Acme Towing")
    ledger.create_invoice("1-1", "C1", DAY, [tow(amount)])
    ledger.finalize_invoice("1-1")


def test_a_full_day_round_trips_through_the_store(ledger: Ledger, second_ledger: Ledger) -> None:
    # Morning: the dispatcher registers two customers and writes up three jobs.
    ledger.register_customer("C1", "Acme Towing", qb_name="Acme Towing Inc")
    ledger.register_customer("C2", "Bolt Repair")
    ledger.create_invoice(
        "1234567-1",
        "C1",
        DAY,
        [tow("2.12345", "12.5"), make_line("storage", "2 days", "2", "35.00")],
    )
    ledger.create_invoice("1234567-2", "C1", DAY, [tow("80.00")], job_id="JOB-7", memo="winch")
    ledger.create_invoice("7654321-1", "C2", date(2024, 3, 5), [tow("45.50")])
    # The first invoice is corrected while still a draft, then all are finalized.
    ledger.edit_invoice_lines("1234567-1", [tow("2.12345", "12.5"), tow("70.00")])
    for number in ("1234567-1", "1234567-2", "7654321-1"):
        ledger.finalize_invoice(number)
    # The driver collects a job payment on site.
    ledger.record_job_payment("J-1", "1234567-2", "80.00", DAY, method="cash")
    # The office receives an account check and applies it to two invoices.
    ledger.record_account_payment("CHK-1", "C1", "50.00", DAY, check_number="1001")
    ledger.apply_payment("CHK-1", "1234567-1", "40.00")
    # A credit memo covers the rest of the first invoice; both are finished.
    ledger.create_credit_memo("CM-1", "C1", DAY, [make_line("goodwill", "", "1", "56.54")])
    ledger.apply_credit_memo("CM-1", "1234567-1", "56.54")
    ledger.record_account_payment("CHK-2", "C2", "45.50", DAY)
    ledger.apply_payment("CHK-2", "7654321-1", "45.50")
    ledger.finish_payment("CHK-2")
    ledger.finish_credit_memo("CM-1")
    # QuickBooks confirms the invoice and the application.
    ledger.record_imported("invoice", "7654321-1", "TXN-7", "E1")
    ledger.record_imported("payment", "CHK-2", "TXN-8", "E1")
    ledger.record_applied("payment", "CHK-2", "7654321-1", "E2")
    # The controller moves the company to the moderate level.
    ledger.change_policy_level(PolicyLevel.MODERATE, "controller ann")

    # Another process reading the same store sees exactly the same state.
    first = second_ledger.invoice("1234567-1")
    assert first.lines == (tow("2.12345", "12.5"), tow("70.00"))
    assert all(isinstance(ln.quantity, Decimal) for ln in first.lines)
    assert first.total == Decimal("96.54")
    assert first.applications == {
        "payment:CHK-1": Decimal("40.00"),
        "credit_memo:CM-1": Decimal("56.54"),
    }
    assert first.open_balance == Decimal("0.00")
    assert first.is_paid_in_full
    assert first.status is InvoiceStatus.FINALIZED
    assert type(first.txn_date) is date
    assert first.txn_date == DAY
    second = second_ledger.invoice("1234567-2")
    assert (second.job_id, second.memo) == ("JOB-7", "winch")
    assert first.job_id == "1234567"
    job = second_ledger.payment("J-1")
    assert job.payment_kind is PaymentKind.JOB
    assert job.method == "cash"
    check = second_ledger.payment("CHK-1")
    assert check.payment_kind is PaymentKind.ACCOUNT
    assert check.check_number == "1001"
    assert check.unapplied == Decimal("10.00")
    assert not check.finished
    memo = second_ledger.credit_memo("CM-1")
    assert memo.finished
    assert memo.amount == Decimal("56.54")
    finished = second_ledger.payment("CHK-2")
    assert finished.qb_txn_id == "TXN-8"
    assert finished.applied_in_qb == {"7654321-1": Decimal("45.50")}
    assert second_ledger.invoice("7654321-1").qb_txn_id == "TXN-7"
    assert second_ledger.customer("C1").name_for_quickbooks == "Acme Towing Inc"
    assert second_ledger.company_settings().policy_level is PolicyLevel.MODERATE
    # Every event of the day is in the store, in the order it was recorded.
    assert stored_events(second_ledger) == stored_events(ledger)
    # 2 customer events, 19 of invoices, payments and credits, 7 answers and settings.
    assert len(stored_events(ledger)) == 28


def test_an_application_is_saved_atomically_on_both_aggregates(
    ledger: Ledger, second_ledger: Ledger
) -> None:
    seed_customer_and_invoice(ledger)
    ledger.record_account_payment("P-1", "C1", "30.00", DAY)
    before = stored_events(ledger)
    # The application is prepared on both sides in one unit of work...
    unit = UnitOfWork(ledger)
    payment = unit.get(Payment, ids.payment_id("P-1"), "payment", "P-1")
    invoice = unit.get(Invoice, ids.invoice_id("1-1"), "invoice", "1-1")
    applying.apply_credit(payment, invoice, "30.00")
    # ...while another writer changes the invoice first.
    second_ledger.record_imported("invoice", "1-1", "TXN-1", "E1")
    with pytest.raises(ConcurrencyConflict):
        unit.commit()
    # Neither side of the application was saved: the payment is untouched too.
    assert second_ledger.payment("P-1").applications == {}
    assert second_ledger.invoice("1-1").applications == {}
    after = stored_events(ledger)
    assert after[: len(before)] == before
    assert len(after) == len(before) + 1
    # Retried, the application lands on both sides in one transaction.
    ledger.apply_payment("P-1", "1-1", "30.00")
    assert second_ledger.payment("P-1").applications == {"1-1": Decimal("30.00")}
    assert second_ledger.invoice("1-1").applications == {"payment:P-1": Decimal("30.00")}
    topics = [topic.rsplit(".", 1)[-1] for _, _, topic in stored_events(ledger)[-2:]]
    assert sorted(topics) == ["ApplicationReceived", "Applied"]


def test_the_bulk_path_saves_many_commands_in_one_transaction(
    ledger: Ledger, second_ledger: Ledger
) -> None:
    ledger.register_customer("C1", "Acme Towing")
    # A batch of 50 invoices with their job payments saves as one unit.
    with ledger.bulk():
        for n in range(50):
            ledger.create_invoice(f"B-{n}", "C1", DAY, [tow("10.00")])
            ledger.finalize_invoice(f"B-{n}")
            ledger.record_job_payment(f"BJ-{n}", f"B-{n}", "10.00", DAY)
        assert second_ledger.recorder.max_notification_id() == 1  # nothing saved yet
    assert len(stored_events(second_ledger)) == 1 + 50 * 5
    assert second_ledger.invoice("B-49").is_paid_in_full
    assert second_ledger.payment("BJ-0").job_invoice == "B-0"
    # A batch that touches a record another writer changed meanwhile saves nothing.
    before = stored_events(ledger)
    with pytest.raises(ConcurrencyConflict), ledger.bulk():  # noqa: PT012  (a bulk raises as it runs or ends)
        ledger.create_invoice("B-50", "C1", DAY, [tow("10.00")])
        ledger.record_imported("invoice", "B-0", "TXN-0", "E1")
        second_ledger.record_imported("invoice", "B-0", "TXN-0", "E1")
    assert len(stored_events(ledger)) == len(before) + 1
    with pytest.raises(UnknownRecord):
        second_ledger.invoice("B-50")
    # A batch with a refused command saves nothing either.
    with pytest.raises(OverApplication), ledger.bulk():  # noqa: PT012  (a bulk raises as it runs or ends)
        ledger.create_invoice("B-51", "C1", DAY, [tow("10.00")])
        ledger.record_job_payment("BJ-51", "B-51", "10.01", DAY)
    with pytest.raises(UnknownRecord):
        second_ledger.invoice("B-51")


def test_a_duplicate_key_in_a_bulk_is_named_and_the_bulk_saves_nothing(
    ledger: Ledger, second_ledger: Ledger
) -> None:
    ledger.register_customer("C1", "Acme Towing")
    ledger.create_invoice("D-1", "C1", DAY, [tow("10.00")])
    before = stored_events(ledger)
    # The bulk claims D-1 again among new invoices: the store refuses it when the block ends.
    with pytest.raises(DuplicateRecord, match="invoice D-1 already exists"), ledger.bulk():  # noqa: PT012  (a bulk raises as it runs or ends)
        ledger.create_invoice("D-2", "C1", DAY, [tow("10.00")])
        ledger.create_invoice("D-1", "C1", DAY, [tow("99.00")])
        ledger.finalize_invoice("D-1")
    # Nothing of the batch was saved, and the stored D-1 is untouched.
    assert stored_events(second_ledger) == before
    assert second_ledger.invoice("D-1").total == Decimal("10.00")
    with pytest.raises(UnknownRecord):
        second_ledger.invoice("D-2")
    # A key claimed twice within one bulk is refused at its second command.
    with pytest.raises(DuplicateRecord, match="invoice D-3 already exists"), ledger.bulk():  # noqa: PT012  (a bulk raises as it runs or ends)
        ledger.create_invoice("D-3", "C1", DAY, [tow("10.00")])
        ledger.create_invoice("D-3", "C1", DAY, [tow("10.00")])
    assert stored_events(second_ledger) == before


def test_two_writers_on_one_invoice_one_wins_and_no_event_is_lost(
    ledger: Ledger, second_ledger: Ledger
) -> None:
    seed_customer_and_invoice(ledger)
    ledger.record_account_payment("P-A", "C1", "60.00", DAY)
    ledger.record_account_payment("P-B", "C1", "60.00", DAY)
    before = stored_events(ledger)
    # Both writers load the same invoice version and apply a payment to it.
    units = [UnitOfWork(ledger), UnitOfWork(second_ledger)]
    for unit, reference in zip(units, ("P-A", "P-B"), strict=True):
        applying.apply_credit(
            unit.get(Payment, ids.payment_id(reference), "payment", reference),
            unit.get(Invoice, ids.invoice_id("1-1"), "invoice", "1-1"),
            "60.00",
        )
    # The first to commit wins; the other is told to retry, with nothing saved.
    won = acknowledged(units[0].commit())
    with pytest.raises(ConcurrencyConflict, match="retry"):
        units[1].commit()
    # The store holds exactly what was acknowledged, and the invoice is not over-applied.
    assert stored_events(ledger) == before + won
    assert len(won) == 2
    invoice = second_ledger.invoice("1-1")
    assert invoice.applications == {"payment:P-A": Decimal("60.00")}
    assert second_ledger.payment("P-B").applications == {}
    # The loser's retry sees the winner's change and is refused by the rules, not lost.
    with pytest.raises(OverApplication):
        second_ledger.apply_payment("P-B", "1-1", "60.00")
    second_ledger.apply_payment("P-B", "1-1", "40.00")
    assert ledger.invoice("1-1").open_balance == Decimal("0.00")


@pytest.mark.parametrize("_round", range(3))
def test_racing_threads_on_one_invoice_exactly_one_wins(
    ledger: Ledger, second_ledger: Ledger, _round: int
) -> None:
    seed_customer_and_invoice(ledger, "500.00")
    for reference in ("P-A", "P-B"):
        ledger.record_account_payment(reference, "C1", "10.00", DAY)
    before = stored_events(ledger)
    barrier = threading.Barrier(2)
    wins: list[list[StoredEvent]] = []
    conflicts: list[ConcurrencyConflict] = []
    lock = threading.Lock()

    def writer(app: Ledger, reference: str) -> None:
        unit = UnitOfWork(app)
        applying.apply_credit(
            unit.get(Payment, ids.payment_id(reference), "payment", reference),
            unit.get(Invoice, ids.invoice_id("1-1"), "invoice", "1-1"),
            "10.00",
        )
        barrier.wait(timeout=10)
        try:
            saved = acknowledged(unit.commit())
        except ConcurrencyConflict as error:
            with lock:
                conflicts.append(error)
            return
        with lock:
            wins.append(saved)

    # Two writers, each with its own connection, commit at the same moment.
    threads = [
        threading.Thread(target=writer, args=(app, ref))
        for app, ref in ((ledger, "P-A"), (second_ledger, "P-B"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    # Exactly one won; the store holds its events and nothing of the loser's.
    assert len(wins) == 1
    assert len(conflicts) == 1
    assert stored_events(ledger) == before + wins[0]
    applied = second_ledger.invoice("1-1").applications
    assert len(applied) == 1
    assert sum(applied.values()) == Decimal("10.00")

"""Delivery through the simulator: dependency order, the fixpoint within a run, selections,
names, and the run's report."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.services.sync.ledger_with_outbox import SyncLedger
from adapters.services.sync.synchronizer import Synchronizer
from adapters.settings import persistence_env
from adapters.storage.outbox.selection import Selection
from adapters.storage.readiness.store import ReadinessStore
from domain.customer import Customer
from domain.errors import ImportRequired
from domain.kinds import TxnKind
from domain.policy import PolicyLevel
from projections.readiness.facts import TxnRef
from tests.integration.sync.books import everything_applied, switch, towing_day
from tests.integration.sync.invariants import assert_exactly_once
from tests.integration.sync.world import DAY, World


def test_one_run_reaches_the_fixpoint_in_dependency_order(w: World) -> None:
    towing_day(w)
    run = w.sync.start_run()
    report = w.sync.run_directly(run, w.qb.handle)
    # conservative: each invoice is imported, then its job payment applied with it, same run
    assert everything_applied(w)
    assert_exactly_once(w)
    assert report.state == "finished"
    assert not report.parked
    order = [s.operation for s in report.sent if s.outcome == "done"]
    assert order.index("customer-add:C1") < order.index("invoice-add:100-1")
    assert order.index("invoice-add:100-1") < order.index("payment-add:P1")
    assert order.index("credit-memo-add:CM1") < order.index("credit-apply:CM1:200-2")


def test_moderate_imports_payments_unapplied_then_applies_them(w: World) -> None:
    towing_day(w)
    switch(w, PolicyLevel.MODERATE)
    w.ledger.register_customer("C3", "Night Shift Hauling")
    w.invoice("300-1", "C3", "90.00", finalize=False)
    w.ledger.record_job_payment("P3", "300-1", "90.00", DAY)
    w.sync.run_directly(w.sync.start_run(), w.qb.handle)
    payment = w.ledger.payment("P3")
    assert payment.is_imported
    assert not payment.applied_in_qb  # invoice not finalized yet
    w.qb.faults.stale_edit_sequence_once("ReceivePaymentMod")
    w.ledger.finalize_invoice("300-1")
    report = w.sync.run_directly(w.sync.start_run(), w.qb.handle)
    assert w.ledger.payment("P3").applied_in_qb == {"300-1": payment.amount}
    assert any(s.status_code == 3200 for s in report.sent)  # re-queried, then applied
    assert_exactly_once(w)


def test_a_selection_sends_only_what_it_names_and_what_that_needs(w: World) -> None:
    towing_day(w)
    selection = Selection.of(TxnRef(TxnKind.JOB_PAYMENT, "P1"))
    w.sync.run_directly(w.sync.start_run(selection), w.qb.handle)
    assert w.ledger.payment("P1").is_imported
    assert w.ledger.invoice("100-1").is_imported
    assert not w.ledger.invoice("100-2").is_imported  # outside the selection: waits
    assert not w.ledger.payment("A1").is_imported
    kinds = Selection(frozenset({TxnKind.INVOICE}))
    w.sync.run_directly(w.sync.start_run(kinds), w.qb.handle)
    assert w.ledger.invoice("200-2").is_imported
    assert not w.ledger.payment("P2").is_imported
    assert_exactly_once(w)


def test_a_name_clash_parks_only_that_customer_with_advice(w: World) -> None:
    towing_day(w)
    switch(w, PolicyLevel.AGGRESSIVE)
    w.ledger.register_customer("V1", "Metro Auto Parts")  # a vendor's name in QuickBooks
    w.invoice("400-1", "V1", "20.00")
    # Recorded before names were checked at entry (the register command now refuses it).
    w.ledger.save(Customer(code="L1", name="A" * 45, qb_name="", parent=""))
    w.invoice("500-1", "L1", "20.00")
    report = w.sync.run_directly(w.sync.start_run(), w.qb.handle)
    assert everything_applied(w)
    parked = {p["operation"]: p["why"] for p in w.sync.parked()}
    assert "set a QB Name for customer V1" in parked["customer-add:V1"]
    assert "set a QB Name for customer L1" in parked["customer-add:L1"]
    blocked = {s["operation"] for s in w.sync.stuck()}
    assert blocked == {"invoice-add:400-1", "invoice-add:500-1"}
    assert any(item.get("operation") == "invoice-add:400-1" for item in report.waiting)
    w.ledger.set_customer_qb_name("V1", "Metro Auto Parts (customer)")
    w.ledger.set_customer_qb_name("L1", "Long Name Co")
    for parked_key in ("customer-add:V1", "customer-add:L1"):
        w.sync.retry(parked_key, by="bookkeeper")  # only a person re-arms parked work
    w.sync.run_directly(w.sync.start_run(), w.qb.handle)
    assert w.ledger.invoice("400-1").is_imported
    assert w.ledger.invoice("500-1").is_imported
    assert not w.sync.parked()
    assert_exactly_once(w)


def test_the_report_is_kept_and_says_what_waits_and_why(w: World) -> None:
    towing_day(w)
    w.invoice("600-1", "C1", "80.00", finalize=False)
    run = w.sync.start_run()
    w.sync.run_directly(run, w.qb.handle)
    report = w.sync.report(run)  # read back later, from the database
    assert "invoice-add:100-1" in report.done
    waiting = {item.get("transaction"): item["why"] for item in report.waiting}
    assert any("is not finalized" in line for line in waiting["invoice 600-1"])
    assert report.lines()[0].startswith(f"sync run {run}")


def test_sync_is_refused_before_an_import(tmp_path: Path) -> None:
    env = persistence_env(f"sqlite:///{tmp_path / 'fresh.sqlite'}", tmp_path)
    ledger = SyncLedger(env=env)
    sync = Synchronizer(ledger, ReadinessStore.open(env))
    with pytest.raises(ImportRequired):
        sync.start_run()
    ledger.record_import_completed("import-1")
    assert sync.start_run()
    ledger.close()

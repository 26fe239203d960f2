"""Fault injection: whatever is lost — an answer, a worker, a batch half recorded — the run
recovers, and QuickBooks ends with exactly one copy of each transaction and application."""

from __future__ import annotations

import pytest

from adapters.services.sync.recording import Recorder
from domain.policy import PolicyLevel
from tests.integration.sync.books import everything_applied, switch, towing_day
from tests.integration.sync.invariants import assert_exactly_once
from tests.integration.sync.world import DAY, World, recover_in_another_worker

KINDS = [
    "CustomerQuery",
    "CustomerAdd",
    "InvoiceAdd",
    "ReceivePaymentAdd",
    "CreditMemoAdd",
    "ReceivePaymentMod",
    "InvoiceQuery",
    None,
]


def moderate_day(w: World) -> None:
    """The towing day under moderate, plus a job payment that goes in before its invoice."""
    towing_day(w)
    switch(w, PolicyLevel.MODERATE)
    w.ledger.register_customer("C3", "Night Shift Hauling")
    w.invoice("300-1", "C3", "90.00", finalize=False)
    w.ledger.record_job_payment("P3", "300-1", "90.00", DAY)


def finish_day(w: World) -> None:
    w.ledger.finalize_invoice("300-1")
    w.sync.run_directly(w.sync.start_run(), w.qb.handle)
    assert everything_applied(w)
    assert w.ledger.payment("P3").applied_in_qb
    assert_exactly_once(w)


@pytest.mark.parametrize("kind", KINDS)
def test_a_lost_answer_is_checked_in_quickbooks_never_duplicated(w: World, kind: str) -> None:
    moderate_day(w)
    w.qb.faults.lose_next_response(kind, count=2)
    report = w.sync.run_directly(w.sync.start_run(), w.qb.handle)
    w.qb.faults.lose_next_response(kind)
    finish_day(w)
    if kind in ("InvoiceAdd", "ReceivePaymentAdd", "CreditMemoAdd"):
        assert any(s.outcome == "adopted earlier copy" for s in report.sent)


@pytest.mark.parametrize("applied", [False, True], ids=["before-send", "after-applied"])
@pytest.mark.parametrize("step", range(7))
def test_a_worker_dying_at_any_step_is_recovered(w: World, step: int, applied: bool) -> None:
    moderate_day(w)
    run = w.sync.start_run()
    conversation = w.sync.conversation([run])
    for _ in range(step):
        message = conversation.next_message()
        if message is None:
            break
        conversation.accept_answer(w.qb.handle(message))
    message = conversation.next_message()
    if message is not None and applied:
        w.qb.handle(message)  # QuickBooks did it; the worker died before recording the answer
    if message is not None:
        assert not w.sync.stuck()  # in flight, but not yet for long
        w.clock.advance(w.sync.engine.settings.stuck_after + 1)
        assert w.sync.stuck()  # listed, not waiting silently
    recover_in_another_worker(w, run)
    finish_day(w)


def test_a_worker_dying_midway_through_recording_a_batch(
    w: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    moderate_day(w)
    run = w.sync.start_run()
    conversation = w.sync.conversation([run])
    for _ in range(2):
        conversation.accept_answer(w.qb.handle(conversation.next_message() or ""))
    message = conversation.next_message()
    assert message is not None
    assert message.count("requestID") >= 2
    recorded = {"count": 0}
    original = Recorder.record

    def dies_after_one(self: Recorder, *args: object, **kwargs: object) -> object:
        if recorded["count"] == 1:
            raise RuntimeError("worker killed")
        recorded["count"] += 1
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Recorder, "record", dies_after_one)
    with pytest.raises(RuntimeError):
        conversation.accept_answer(w.qb.handle(message))
    monkeypatch.undo()
    recover_in_another_worker(w, run)
    finish_day(w)


def test_locks_back_off_and_retry_until_quickbooks_is_free(w: World) -> None:
    moderate_day(w)
    w.qb.faults.lock_next("InvoiceAdd", count=2, code=3175)
    w.qb.faults.lock_next("ReceivePaymentAdd", count=1, code=3180)
    report = w.sync.run_directly(w.sync.start_run(), w.qb.handle)
    assert [s.status_code for s in report.sent].count(3175) == 2
    assert any(s.outcome == "locked, retry later" for s in report.sent)
    finish_day(w)


def test_a_lock_that_never_clears_is_parked_not_retried_forever(w: World) -> None:
    moderate_day(w)
    w.qb.faults.lock_next("CreditMemoAdd", count=100)
    w.sync.run_directly(w.sync.start_run(), w.qb.handle)
    parked = {p["operation"]: p["why"] for p in w.sync.parked()}
    assert "gave up after" in parked["credit-memo-add:CM1"]
    w.qb.faults.clear()
    w.sync.retry("credit-memo-add:CM1", by="bookkeeper")  # only a person re-arms parked work
    finish_day(w)

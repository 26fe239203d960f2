"""A parked operation is never re-armed by planning: with two and then three runs open, it is
sent at most `max_attempts` times in all, every session and run ends, and only a person's
retry sends it again (recorded with who); a dismissal is recorded with who and why."""

from __future__ import annotations

import pytest

from adapters.quickbooks.conversation import QuickBooksBackend
from adapters.quickbooks.webconnector.ports import QbwcSession
from adapters.services.sync.webconnector import SyncWorkSource
from domain.errors import InvalidReference, StateConflict
from domain.lines import make_line
from domain.policy import PolicyLevel
from tests.integration.sync.books import switch
from tests.integration.sync.invariants import assert_exactly_once
from tests.integration.sync.world import DAY, World

BAD = "invoice-add:900-1"


class Counting:
    """QuickBooks, counting how often the refused invoice's add reached it."""

    def __init__(self, w: World) -> None:
        self.w, self.sends = w, 0

    def __call__(self, message: str) -> str:
        self.sends += message.count("<RefNumber>900-1</RefNumber>") * ("<InvoiceAdd>" in message)
        return self.w.qb.handle(message)


def a_day_with_one_refused_invoice(w: World) -> None:
    switch(w, PolicyLevel.AGGRESSIVE)  # finalized invoices go in, paid or not
    w.ledger.register_customer("C9", "Refused Item Towing")
    w.invoice("901-1", "C9", "20.00")
    line = make_line("Hovercraft Recovery", "no such item in QuickBooks", "1", "99.00")
    w.ledger.create_invoice("900-1", "C9", DAY, [line])
    w.ledger.finalize_invoice("900-1")


def all_runs_closed(w: World) -> bool:
    return not w.sync.engine.runs.open_runs()


@pytest.mark.parametrize("open_runs", [2, 3])
def test_open_runs_never_resend_a_parked_operation_directly(w: World, open_runs: int) -> None:
    a_day_with_one_refused_invoice(w)
    quickbooks = Counting(w)
    runs = [w.sync.start_run() for _ in range(open_runs)]
    for run in runs:
        report = w.sync.run_directly(run, quickbooks)
        assert report.state == "finished"
    w.sync.run_directly(w.sync.start_run(), quickbooks)  # and a later sync
    assert 1 <= quickbooks.sends <= w.sync.engine.settings.max_attempts
    assert quickbooks.sends == 1  # 3140 is the record's fault: parked at once
    assert [p["operation"] for p in w.sync.parked()] == [BAD]
    assert "then retry invoice-add:900-1" in w.sync.parked()[0]["why"]
    assert all_runs_closed(w)
    assert w.ledger.invoice("901-1").is_imported
    assert not w.ledger.invoice("900-1").is_imported


def session(ticket: str) -> QbwcSession:
    return QbwcSession(ticket=ticket, username="owner", company_id="miller", company_file="")


def web_connector_session(source: SyncWorkSource, ticket: str, qb: QuickBooksBackend) -> int:
    """One session as the Web Connector runs it; returns its last percent (-1: none)."""
    s, percent = session(ticket), -1
    if source.has_work(s):
        while (request := source.next_request(s)) is not None:
            percent = source.receive_response(s, qb(request))
            if percent >= 100:
                break
    source.close(s)
    return percent


@pytest.mark.parametrize("open_runs", [2, 3])
def test_open_runs_never_resend_a_parked_operation_by_web_connector(
    w: World, open_runs: int
) -> None:
    a_day_with_one_refused_invoice(w)
    quickbooks = Counting(w)
    for _ in range(open_runs):
        w.sync.start_run()
    source = SyncWorkSource(w.sync)
    assert web_connector_session(source, "t1", quickbooks) == 100
    assert all_runs_closed(w)
    for n in range(2, 5):  # later sessions: each starts a run, none sends it again
        web_connector_session(source, f"t{n}", quickbooks)
        assert all_runs_closed(w)
    assert quickbooks.sends == 1
    assert [p["operation"] for p in w.sync.parked()] == [BAD]


def test_a_whole_message_refusal_counts_for_every_operation_until_it_parks(w: World) -> None:
    a_day_with_one_refused_invoice(w)
    source, limit = SyncWorkSource(w.sync), w.sync.engine.settings.max_attempts
    sessions = 0
    while not w.sync.parked() and sessions < 3 * limit:
        sessions += 1
        s = session(f"h{sessions}")
        if source.has_work(s) and source.next_request(s) is not None:
            source.receive_error(s, "0x80040400", "QuickBooks found an error parsing the XML")
        source.close(s)
        assert all_runs_closed(w)
    assert sessions == limit  # each message's refusal was an attempt of each operation in it
    parked = {p["operation"] for p in w.sync.parked()}
    assert parked == {"customer-add:C9"}  # the only operation sendable before C9 exists


def test_a_lost_connection_never_parks_and_the_report_says_so(w: World) -> None:
    a_day_with_one_refused_invoice(w)
    limit = w.sync.engine.settings.max_attempts

    def unreachable(_message: str) -> str:
        raise ConnectionError("connection refused")

    for _ in range(limit + 2):
        report = w.sync.run_directly(w.sync.start_run(), unreachable)
    assert not w.sync.parked()
    assert report.quickbooks_unreachable.startswith("QuickBooks could not be reached")
    assert "ConnectionError: connection refused" in report.quickbooks_unreachable
    whys = [str(item["why"]) for item in report.waiting if "operation" in item]
    assert "will retry: QuickBooks could not be reached" in whys[0]
    w.clock.advance(w.sync.engine.settings.backoff_cap)
    w.sync.run_directly(w.sync.start_run(), w.qb.handle)
    assert w.ledger.invoice("901-1").is_imported
    assert [p["operation"] for p in w.sync.parked()] == [BAD]
    assert_exactly_once(w)


def test_only_a_persons_retry_sends_parked_work_again(w: World) -> None:
    a_day_with_one_refused_invoice(w)
    quickbooks = Counting(w)
    w.sync.run_directly(w.sync.start_run(), quickbooks)
    with pytest.raises(InvalidReference):
        w.sync.retry(BAD, by=" ")
    done = w.sync.retry(BAD, by="Dana (bookkeeper)")
    assert (done.action, done.by, done.status_before) == ("retry", "Dana (bookkeeper)", "parked")
    w.sync.run_directly(w.sync.start_run(), quickbooks)
    assert quickbooks.sends == 2  # the retry, once; QuickBooks still refuses it
    history = w.sync.engine.interventions.history(BAD)
    assert [(h.action, h.by) for h in history] == [("retry", "Dana (bookkeeper)")]
    with pytest.raises(StateConflict):
        w.sync.retry("invoice-add:901-1", by="Dana")  # done work is not re-sent


def test_parked_work_can_be_dismissed_with_who_and_why(w: World) -> None:
    a_day_with_one_refused_invoice(w)
    quickbooks = Counting(w)
    w.sync.run_directly(w.sync.start_run(), quickbooks)
    with pytest.raises(InvalidReference):
        w.sync.dismiss(BAD, by="Dana", reason="")
    w.sync.dismiss(BAD, by="Dana", reason="entered by hand in QuickBooks")
    report = w.sync.run_directly(w.sync.start_run(), quickbooks)
    assert not w.sync.parked()
    assert quickbooks.sends == 1
    [entry] = w.sync.engine.interventions.history(BAD)
    assert (entry.action, entry.by, entry.reason) == (
        "dismiss",
        "Dana",
        "entered by hand in QuickBooks",
    )
    assert w.sync.engine.outbox.get(BAD).status.value == "dismissed"  # type: ignore[union-attr]
    assert report.state == "finished"


def test_voiding_a_record_quickbooks_does_not_hold_cancels_its_parked_work(w: World) -> None:
    a_day_with_one_refused_invoice(w)
    w.sync.run_directly(w.sync.start_run(), w.qb.handle)
    assert [p["operation"] for p in w.sync.parked()] == [BAD]
    w.ledger.void_invoice("900-1")
    report = w.sync.run_directly(w.sync.start_run(), w.qb.handle)
    assert not w.sync.parked()
    assert not w.sync.stuck()
    row = w.sync.engine.outbox.get(BAD)
    assert row is not None
    assert row.status.value == "done"
    assert "cancelled: " in row.last_error
    assert "voided" in row.last_error
    assert not any(item.get("operation") == BAD for item in report.waiting)

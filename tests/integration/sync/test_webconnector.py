"""The same outbox through the Web Connector's work-source port, sessions lost included."""

from __future__ import annotations

from adapters.quickbooks.webconnector.ports import QbwcSession
from adapters.services.sync.webconnector import SyncWorkSource
from tests.integration.sync.books import everything_applied, towing_day
from tests.integration.sync.invariants import assert_exactly_once
from tests.integration.sync.world import World


def session(ticket: str) -> QbwcSession:
    return QbwcSession(ticket=ticket, username="owner", company_id="miller", company_file="")


def run_session(source: SyncWorkSource, ticket: str, w: World) -> int:
    """What the Web Connector does in one session; returns the number of requests."""
    s = session(ticket)
    requests = 0
    if not source.has_work(s):
        source.close(s)
        return 0
    while (request := source.next_request(s)) is not None:
        requests += 1
        if source.receive_response(s, w.qb.handle(request)) >= 100:
            break
    source.close(s)
    return requests


def test_a_web_connector_session_syncs_everything(w: World) -> None:
    towing_day(w)
    source = SyncWorkSource(w.sync)
    assert run_session(source, "t1", w) > 0  # the session starts a run of everything
    assert everything_applied(w)
    assert_exactly_once(w)
    assert run_session(source, "t2", w) == 0  # nothing left: "none"


def test_an_abandoned_session_is_checked_and_finished_by_the_next(w: World) -> None:
    towing_day(w)
    source = SyncWorkSource(w.sync)
    first = session("t1")
    assert source.has_work(first)
    for _ in range(3):
        request = source.next_request(first)
        assert request is not None
        answer = w.qb.handle(request)
        source.receive_response(first, answer)
    request = source.next_request(first)
    assert request is not None
    w.qb.handle(request)  # QuickBooks ran it, but the answer never came back
    source.close(first)  # session expired
    assert not w.sync.stuck()  # released at once, not left in flight
    run_session(source, "t2", w)
    assert everything_applied(w)
    assert_exactly_once(w)


def test_a_failed_message_is_checked_before_it_is_resent(w: World) -> None:
    towing_day(w)
    source = SyncWorkSource(w.sync)
    first = session("t1")
    assert source.has_work(first)
    request = source.next_request(first)
    assert request is not None
    source.receive_error(first, "0x80040401", "could not access QuickBooks")
    assert "could not access QuickBooks" in source.last_error(first)
    source.close(first)
    run_session(source, "t2", w)
    assert everything_applied(w)
    assert_exactly_once(w)

from __future__ import annotations

import threading

import pytest

from adapters.quickbooks.webconnector.ports import QbwcSession, WorkSource
from adapters.quickbooks.webconnector.sessions import SessionRecord, SessionStore, TicketRefused
from adapters.quickbooks.webconnector.users import QbwcUser
from tests.unit.qbwc.factories import FakeClock

ALICE = QbwcUser("alice", "acme", "unused-hash", r"C:\QB\Acme.qbw")
BOB = QbwcUser("bob", "globex", "unused-hash")


def no_source(_session: QbwcSession) -> WorkSource | None:
    return None


class Discarded:
    def __init__(self) -> None:
        self.tickets: list[str] = []

    def __call__(self, record: SessionRecord) -> None:
        self.tickets.append(record.session.ticket)


def test_tickets_are_long_random_and_bound_to_the_users_company() -> None:
    store = SessionStore()
    first = store.open(ALICE, no_source, Discarded()).session
    second = store.open(BOB, no_source, Discarded()).session
    assert len(first.ticket) >= 40
    assert first.ticket != second.ticket
    assert (first.company_id, first.company_file) == ("acme", r"C:\QB\Acme.qbw")
    with store.checkout(first.ticket, Discarded(), company_id="acme") as record:
        assert record.session == first


def test_an_unknown_or_empty_ticket_is_refused() -> None:
    store = SessionStore()
    store.open(ALICE, no_source, Discarded())
    for ticket in ("", "nope"):
        with pytest.raises(TicketRefused), store.checkout(ticket, Discarded()):
            pass


def test_an_idle_ticket_expires_and_is_discarded() -> None:
    clock = FakeClock()
    store = SessionStore(idle_ttl_seconds=30, clock=clock)
    ticket = store.open(ALICE, no_source, Discarded()).session.ticket
    clock.advance(30)
    with store.checkout(ticket, Discarded()):
        pass
    clock.advance(31)
    discarded = Discarded()
    with pytest.raises(TicketRefused, match="expired"), store.checkout(ticket, discarded):
        pass
    assert discarded.tickets == [ticket]
    assert store.active_count() == 0


def test_another_companys_ticket_is_refused_without_touching_the_session() -> None:
    clock = FakeClock()
    store = SessionStore(idle_ttl_seconds=30, clock=clock)
    ticket = store.open(ALICE, no_source, Discarded()).session.ticket
    clock.advance(20)
    refused = pytest.raises(TicketRefused, match="another company")
    with refused, store.checkout(ticket, Discarded(), company_id="globex"):
        pass
    clock.advance(20)
    with pytest.raises(TicketRefused, match="expired"), store.checkout(ticket, Discarded()):
        pass


def test_a_new_session_ends_the_companys_older_one_only() -> None:
    store = SessionStore()
    discarded = Discarded()
    old_alice = store.open(ALICE, no_source, discarded).session.ticket
    bob = store.open(BOB, no_source, discarded).session.ticket
    store.open(ALICE, no_source, discarded)
    assert discarded.tickets == [old_alice]
    with store.checkout(bob, discarded):
        pass


def test_concurrent_logins_of_many_companies_get_distinct_live_tickets() -> None:
    store = SessionStore()
    tickets: list[str] = []
    lock = threading.Lock()

    def login(index: int) -> None:
        user = QbwcUser(f"user{index}", f"company{index}", "unused-hash")
        ticket = store.open(user, no_source, Discarded()).session.ticket
        with lock:
            tickets.append(ticket)

    threads = [threading.Thread(target=login, args=(index,)) for index in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(tickets)) == 50
    assert store.active_count() == 50


def test_a_closed_ticket_is_refused() -> None:
    store = SessionStore()
    ticket = store.open(ALICE, no_source, Discarded()).session.ticket
    assert store.close(ticket) is not None
    with pytest.raises(TicketRefused), store.checkout(ticket, Discarded()):
        pass


def test_the_ttl_must_be_positive() -> None:
    with pytest.raises(ValueError, match="the session TTL must be positive"):
        SessionStore(idle_ttl_seconds=0)

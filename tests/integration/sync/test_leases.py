"""Leases: work in flight stays with a worker while it lives and renews its lease; it is
recovered at once when the worker's process is gone, when its lease lapses, or when it has
been in flight longer than `stuck_after` (a worker that hangs while still renewing)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.services.sync.settings import SyncSettings
from adapters.services.sync.synchronizer import Synchronizer
from adapters.storage.outbox.operations import Status
from tests.integration.sync.books import towing_day
from tests.integration.sync.world import World, world

LEASED = SyncSettings(
    batch_size=10, backoff_base=0.0, max_wait=0.0, stuck_after=600.0, lease_seconds=30.0
)


@pytest.fixture
def lw(backend_url: str, tmp_path: Path) -> Iterator[World]:
    with world(backend_url, tmp_path, LEASED) as built:
        yield built


def in_flight(sync: Synchronizer) -> int:
    return len(sync.engine.outbox.with_status(Status.IN_FLIGHT))


def a_dead_pid() -> int:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait(timeout=30)
    return gone.pid


def claimed_message(w: World) -> int:
    conversation = w.sync.conversation([w.sync.start_run()])
    assert conversation.next_message() is not None
    return in_flight(w.sync)


def test_a_live_worker_keeps_its_work_while_it_renews(lw: World) -> None:
    towing_day(lw)
    held = claimed_message(lw)
    assert held > 0
    for _ in range(3):  # the worker renews, time passes, another worker looks
        lw.clock.advance(LEASED.lease_seconds - 1)
        lw.sync.engine.renew_lease(the_worker(lw))
        lw.sync.engine.recover()
        assert in_flight(lw.sync) == held


def test_a_lapsed_lease_is_recovered_without_waiting_for_stuck_after(lw: World) -> None:
    towing_day(lw)
    assert claimed_message(lw) > 0
    lw.clock.advance(LEASED.lease_seconds + 1)  # far below stuck_after (600 s)
    lw.sync.engine.recover()
    assert in_flight(lw.sync) == 0
    pending = lw.sync.engine.outbox.with_status(Status.PENDING)
    assert all(row.phase.value == "probe" for row in pending if row.last_error)


def test_a_gone_process_loses_its_work_at_once(lw: World) -> None:
    towing_day(lw)
    lw.sync.engine.leases.pid = a_dead_pid()  # the worker that claims is a process now gone
    assert claimed_message(lw) > 0
    other = lw.another_worker()
    try:
        other.engine.recover()  # no time has passed
        assert in_flight(other) == 0
    finally:
        other.engine.readiness.close()
        other.engine.ledger.close()


def test_a_hung_worker_that_still_renews_is_bounded_by_stuck_after(lw: World) -> None:
    towing_day(lw)
    assert claimed_message(lw) > 0
    worker = the_worker(lw)
    while lw.clock.now < 1_000_000.0 + LEASED.stuck_after + 1:
        lw.clock.advance(LEASED.lease_seconds / 2)
        lw.sync.engine.renew_lease(worker)
    lw.sync.engine.recover()
    assert in_flight(lw.sync) == 0


def the_worker(w: World) -> str:
    [worker] = w.sync.engine.leases.holders()
    return worker

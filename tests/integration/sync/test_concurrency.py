"""Two workers, each with its own ledger instance, drain one PostgreSQL outbox at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.services.sync.synchronizer import Synchronizer
from domain.policy import PolicyLevel
from tests.integration.sync.invariants import assert_exactly_once
from tests.integration.sync.world import DAY, World, world
from tests.support.backends import database_url


@pytest.fixture
def pg(tmp_path: Path) -> Iterator[World]:
    with database_url("postgres", tmp_path) as url, world(url, tmp_path) as built:
        yield built


def busy_day(w: World, customers: int = 6, invoices: int = 4) -> None:
    w.ledger.change_policy_level(PolicyLevel.MODERATE, "controller")
    for c in range(customers):
        code = f"K{c}"
        w.ledger.register_customer(code, f"Concurrent Customer {c}")
        for i in range(invoices):
            number = f"{700 + c}-{i + 1}"
            w.invoice(number, code, "40.00")
            w.ledger.record_job_payment(f"J{c}-{i}", number, "40.00", DAY)


@pytest.mark.postgres
def test_two_workers_drain_one_outbox_without_duplicates(pg: World) -> None:
    busy_day(pg)
    run = pg.sync.start_run()
    workers = [pg.another_worker(), pg.another_worker()]
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(workers))

    def drain(sync: Synchronizer) -> None:
        try:
            barrier.wait()
            sync.run_directly(run, pg.qb.handle)
        except BaseException as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=drain, args=(s,)) for s in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for sync in workers:
        sync.engine.readiness.close()
        sync.engine.ledger.close()
    assert not errors, errors
    pg.sync.run_directly(run, pg.qb.handle)  # anything a worker left behind
    assert len(pg.qb.company.invoices) == 2 + 24  # the demo's two, and ours once each
    assert sum(1 for p in pg.qb.company.payments.values() if p.ref_number) == 24
    assert_exactly_once(pg)
    assert not pg.sync.parked()
    assert not pg.sync.stuck()

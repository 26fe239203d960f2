"""A ledger, its readiness store, a synchronizer and a simulated QuickBooks, for sync tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from adapters.quickbooks.simulator.simulator import QuickBooksSimulator
from adapters.services.sync.ledger_with_outbox import SyncLedger
from adapters.services.sync.settings import SyncSettings
from adapters.services.sync.synchronizer import Synchronizer
from adapters.settings import persistence_env
from adapters.storage.readiness.store import ReadinessStore
from domain.lines import make_line
from domain.money import ZERO

DAY = date(2024, 3, 1)
FAST = SyncSettings(batch_size=10, backoff_base=0.0, max_wait=0.0, stuck_after=60.0)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class World:
    url: str
    tmp: Path
    ledger: SyncLedger
    readiness: ReadinessStore
    sync: Synchronizer
    qb: QuickBooksSimulator
    clock: Clock

    def another_worker(self) -> Synchronizer:
        """A second process's view: its own ledger and read model on the same database."""
        env = persistence_env(self.url, self.tmp)
        return Synchronizer(SyncLedger(env=env), ReadinessStore.open(env), FAST, now=self.clock)

    def invoice(self, number: str, customer: str, amount: str, finalize: bool = True) -> None:
        line = make_line("Towing", "tow", "1", amount)
        self.ledger.create_invoice(number, customer, DAY, [line])
        if finalize:
            self.ledger.finalize_invoice(number)

    def qb_balance(self, code: str) -> Decimal:
        list_id = self.ledger.customer(code).qb_list_id
        return self.qb.company.customers[list_id].balance if list_id else ZERO


@contextmanager
def world(url: str, tmp: Path, settings: SyncSettings = FAST) -> Iterator[World]:
    env = persistence_env(url, tmp)
    ledger = SyncLedger(env=env)
    readiness = ReadinessStore.open(env)
    clock = Clock()
    sync = Synchronizer(ledger, readiness, settings, now=clock, sleep=clock.advance)
    qb = QuickBooksSimulator()
    ledger.record_import_completed("import-1")
    try:
        yield World(url, tmp, ledger, readiness, sync, qb, clock)
    finally:
        readiness.close()
        ledger.close()


def recover_in_another_worker(w: World, run_id: str) -> None:
    """The first worker died; once its claims time out, another process finishes the run."""
    w.clock.advance(FAST.stuck_after + 1)
    other = w.another_worker()
    try:
        other.run_directly(run_id, w.qb.handle)
    finally:
        other.engine.readiness.close()
        other.engine.ledger.close()

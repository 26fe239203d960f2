"""The run loop's moving parts: planning open runs into the outbox, recovering stuck work,
and measuring progress. Shared by direct runs and Web Connector conversations."""

from __future__ import annotations

import threading
from typing import NamedTuple

from eventsourcing.persistence import IntegrityError

from adapters.services.sync.interventions import Interventions
from adapters.services.sync.ledger_with_outbox import SyncLedger
from adapters.services.sync.planning import CustomerStatus, plan
from adapters.services.sync.recording import Clock, Recorder
from adapters.services.sync.settings import SyncSettings
from adapters.services.sync.waiting import waiting_of
from adapters.storage.outbox.leases import Leases
from adapters.storage.outbox.operations import SETTLED, OutboxRow, Status
from adapters.storage.outbox.outbox import Outbox
from adapters.storage.outbox.runs import SyncRuns
from adapters.storage.readiness.changes import changed_since
from adapters.storage.readiness.store import ReadinessStore
from adapters.storage.readiness.table import StaleReadModel
from domain.policy import PolicyLevel
from projections.readiness.facts import Facts


class _LastPlan(NamedTuple):
    """The log position and level the open runs `runs` were last planned at."""

    position: int
    level: PolicyLevel
    runs: frozenset[str]


class SyncEngine:
    def __init__(
        self, ledger: SyncLedger, readiness: ReadinessStore, settings: SyncSettings, now: Clock
    ) -> None:
        self.ledger, self.readiness, self.settings, self.now = ledger, readiness, settings, now
        self.outbox = Outbox(ledger.datastore, ledger.dialect)
        self.runs = SyncRuns(ledger.datastore, ledger.dialect)
        self.leases = Leases(ledger.datastore, ledger.dialect)
        self.interventions = Interventions(ledger.datastore, ledger.dialect)
        self.recorder = Recorder(ledger, self.outbox, settings, now)
        self._planning = threading.Lock()
        self._last_plan: _LastPlan | None = None

    def prepare(self) -> None:
        """Recover work stuck in flight, then plan every open run against the ledger as it is
        now: what earlier answers made ready joins the outbox (the fixpoint within a run).

        A run planned before is planned again only for the transactions the events since
        then can have changed; a new run, a new policy level or a new process plans it all."""
        self.recover()
        open_runs = self.runs.open_runs()
        if not open_runs:
            return
        with self._planning:
            facts = self.current_facts()
            level, last = facts.policy.level, self._last_plan
            if last is None or last.level is not level:
                last = _LastPlan(0, level, frozenset())
            changed = changed_since(self.ledger, facts, last.position) if last.runs else set()
            links: dict[str, CustomerStatus] = {}

            def customer(code: str) -> CustomerStatus:
                if code not in links:
                    found = self.ledger.customer(code)
                    links[code] = CustomerStatus(code, found.qb_list_id is not None, found.parent)
                return links[code]

            for run in open_runs:
                among = changed if run.run_id in last.runs else None
                ops = plan(facts, level, run.selection, customer, among)
                self.outbox.insert(ops, run.run_id, self.now())
            runs = frozenset(run.run_id for run in open_runs)
            self._last_plan = _LastPlan(facts.position, level, runs)

    def recover(self) -> None:
        """Take back in-flight work of workers that are gone (their lease lapsed or their
        process ended) or hung (in flight longer than `stuck_after`)."""
        now = self.now()
        self.leases.forget_dead(now)
        self.outbox.recover(now, now - self.settings.stuck_after)

    def renew_lease(self, worker: str) -> None:
        self.leases.renew(worker, self.now() + self.settings.lease_seconds)

    def claim(self, worker: str, token: str) -> list[OutboxRow]:
        """This worker's share of the ready work: with several live workers each takes an
        equal part of what is ready, up to a batch, so the work spreads over them."""
        self.renew_lease(worker)
        now = self.now()
        ready = self.outbox.ready_count(now)
        if not ready:
            return []
        share = -(-ready // max(1, self.leases.live(now)))
        return self.outbox.claim(token, now, min(self.settings.batch_size, share))

    def current_facts(self) -> Facts:
        """The read model brought up to date; another worker updating it at the same moment
        makes the tracking insert clash, which only means: reload and catch up again."""
        for _attempt in range(5):
            try:
                self.readiness.update(self.ledger)
                break
            except (IntegrityError, StaleReadModel):
                self.readiness.model.forget()
        return self.readiness.model.facts()

    def has_ready_work(self) -> bool:
        return self.outbox.ready_count(self.now()) > 0

    def next_due_in(self) -> float | None:
        """Seconds until the earliest backed-off operation is due, if any is waiting."""
        now = self.now()
        later = self.outbox.backed_off(now)
        return min(row.next_attempt_at for row in later) - now if later else None

    def percent(self, run_ids: list[str]) -> int:
        if not self.has_ready_work():
            return 100
        counts = self.outbox.status_counts(run_ids) or self.outbox.status_counts()
        settled = sum(counts.get(status.value, 0) for status in SETTLED)
        return min(99, settled * 100 // max(1, sum(counts.values())))

    def finish_open_runs(self, only: list[str] | None = None) -> None:
        """Close each open run (of `only`, if given) with nothing of it in flight, keeping
        what still waits and why."""
        in_flight = {row.run_id for row in self.outbox.with_status(Status.IN_FLIGHT)}
        for run in self.runs.open_runs():
            if run.run_id in in_flight or (only is not None and run.run_id not in only):
                continue
            waiting = waiting_of(self.outbox, self.current_facts(), run)
            self.runs.finish(run.run_id, waiting, self.now())

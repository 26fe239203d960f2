"""The sync facade for the API, the CLI, the demo and the Web Connector."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from contextlib import suppress

from adapters.quickbooks.conversation import (
    Patience,
    ProgressCallback,
    QuickBooksBackend,
    QuickBooksUnreachable,
    drive,
)
from adapters.quickbooks.webconnector.ports import QbwcSession
from adapters.services.importing.guards import require_import_completed
from adapters.services.sync.conversation import SyncConversation
from adapters.services.sync.engine import SyncEngine
from adapters.services.sync.interventions import Intervention
from adapters.services.sync.ledger_with_outbox import SyncLedger
from adapters.services.sync.obsolete import obsolete
from adapters.services.sync.recording import Clock
from adapters.services.sync.reports import (
    SyncReport,
    not_selected,
    open_manual_actions,
    sent_operations,
)
from adapters.services.sync.settings import SyncSettings
from adapters.services.sync.settlement import UNREACHABLE, Outcome, Settlement
from adapters.services.sync.waiting import waiting_of, why
from adapters.storage.outbox.operations import OutboxRow
from adapters.storage.outbox.runs import OPEN
from adapters.storage.outbox.selection import Selection
from adapters.storage.readiness.store import ReadinessStore
from domain.errors import UnknownRecord


class Synchronizer:
    def __init__(
        self,
        ledger: SyncLedger,
        readiness: ReadinessStore,
        settings: SyncSettings | None = None,
        now: Clock = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.engine = SyncEngine(ledger, readiness, settings or SyncSettings(), now)
        self.sleep = sleep

    def start_run(self, selection: Selection | None = None) -> str:
        """Plan a run (refused until an import has completed); returns its id at once."""
        require_import_completed(self.engine.ledger)
        run_id = uuid.uuid4().hex[:16]
        self.engine.runs.create(run_id, selection or Selection.everything(), self.engine.now())
        self.cancel_unwanted()
        self.engine.prepare()
        return run_id

    def cancel_unwanted(self) -> None:
        """Parked or blocked work the ledger no longer wants (its record was voided before
        QuickBooks held it, say) is cancelled, with the reason in the run's log."""
        engine = self.engine
        for row in [*engine.outbox.parked(), *engine.outbox.blocked()]:
            if reason := obsolete(engine.ledger, row):
                engine.recorder.record(
                    row, Settlement(Outcome.DROPPED, f"cancelled: {reason}"), "", 0
                )

    def retry(self, operation: str, by: str, reason: str = "") -> Intervention:
        """A person sends parked (or dismissed) work again, from its first attempt."""
        return self.engine.interventions.retry(operation, by, self.engine.now(), reason)

    def dismiss(self, operation: str, by: str, reason: str) -> Intervention:
        """A person decides parked (or pending) work is not to be sent."""
        return self.engine.interventions.dismiss(operation, by, reason, self.engine.now())

    def interventions(self, operation: str) -> list[Intervention]:
        """Who retried or dismissed `operation`, and why (UnknownRecord if there is none)."""
        if self.engine.outbox.get(operation) is None:
            raise UnknownRecord("sync operation", operation)
        return self.engine.interventions.history(operation)

    def close_session(self, run_ids: list[str]) -> None:
        """A Web Connector session ended (100%, closeConnection or connectionError): close
        its runs that have nothing in flight; what still waits stays in their reports."""
        self.engine.finish_open_runs(only=run_ids)

    def conversation(self, run_ids: list[str] | None = None, worker: str = "") -> SyncConversation:
        return SyncConversation(self.engine, run_ids or [], worker)

    def run_directly(
        self, run_id: str, backend: QuickBooksBackend, on_progress: ProgressCallback | None = None
    ) -> SyncReport:
        """Deliver everything ready to `backend` (the simulator); lost answers and transport
        failures are checked in QuickBooks and resent; returns the run's report."""
        conversation = self.conversation([run_id])
        try:
            self._deliver(conversation, backend, on_progress)
        finally:
            self.engine.leases.release(conversation.worker)
        self.engine.finish_open_runs()
        return self.report(run_id)

    def _deliver(
        self,
        conversation: SyncConversation,
        backend: QuickBooksBackend,
        on_progress: ProgressCallback | None,
    ) -> None:
        settings = self.engine.settings
        patience = Patience(
            settings.max_transport_failures, self.engine.next_due_in, settings.max_wait, self.sleep
        )
        with suppress(QuickBooksUnreachable):  # the run's report says it could not be reached
            drive(conversation, backend, on_progress, patience)

    def conversation_for(self, session: QbwcSession) -> SyncConversation | None:
        """A Web Connector session's conversation: open runs, else a new run of everything."""
        if not self.engine.runs.open_runs():
            self.start_run()
        self.cancel_unwanted()
        self.engine.prepare()
        if not self.engine.has_ready_work():
            self.engine.finish_open_runs()
            return None
        return self.conversation(
            [r.run_id for r in self.engine.runs.open_runs()], worker=session.ticket
        )

    def report(self, run_id: str) -> SyncReport:
        run = self.engine.runs.get(run_id)
        waiting = run.waiting
        if run.state == OPEN:
            waiting = waiting_of(self.engine.outbox, self.engine.current_facts(), run)
        return SyncReport(
            run_id,
            run.state,
            run.selection.to_json(),
            sent_operations(self.engine.outbox.log_entries(run_id)),
            waiting,
            self.parked(),
            open_manual_actions(self.engine.ledger),
            started_at=run.started_at,
            finished_at=run.finished_at,
            not_selected=not_selected(self.engine.readiness, self.engine.ledger, run.selection),
            quickbooks_unreachable=self.unreachable(run_id),
        )

    def unreachable(self, run_id: str) -> str:
        """QuickBooks' last "could not be reached" among the run's waiting work ("" if none)."""
        rows = self.engine.outbox.unfinished_for_run(run_id)
        said = [r.last_error for r in rows if r.last_error.startswith(UNREACHABLE)]
        return f"{said[-1]}; the work waits and is sent again once it answers" if said else ""

    def parked(self) -> list[dict[str, str]]:
        return [self._described(row) for row in self.engine.outbox.parked()]

    def stuck(self) -> list[dict[str, str]]:
        """In flight past the timeout, or pending behind parked, dismissed or missing work."""
        outbox = self.engine.outbox
        late = outbox.in_flight_before(self.engine.now() - self.engine.settings.stuck_after)
        behind = ("parked", "dismissed", "missing")
        blocked = [
            row
            for row in outbox.blocked()
            if any(s in behind for _, s in outbox.dependencies(row.key))
        ]
        return [self._described(row) for row in [*late, *blocked]]

    def _described(self, row: OutboxRow) -> dict[str, str]:
        return {
            "operation": row.key,
            "status": row.status.value,
            "run_id": row.run_id,
            "why": why(self.engine.outbox, row),
        }

"""How far a sync run has got: its operations, how many were sent and answered."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.services.sync.synchronizer import Synchronizer
from adapters.storage.outbox.operations import SETTLED
from adapters.storage.outbox.runs import FINISHED
from api.sync_delivery import SyncDeliveries

_ANSWERED = SETTLED


@dataclass(frozen=True)
class RunProgress:
    run_id: str
    status: str
    """open, finished, or failed (the background delivery crashed; `failure` says why)."""
    delivering: bool
    operations: int
    sent: int
    answered: int
    failure: str
    quickbooks_unreachable: str

    @property
    def percent(self) -> int:
        if self.status == FINISHED:
            return 100
        return min(99, self.answered * 100 // max(1, self.operations))


def progress_of(sync: Synchronizer, deliveries: SyncDeliveries, run_id: str) -> RunProgress:
    """Raises UnknownRecord for a run that does not exist."""
    run = sync.engine.runs.get(run_id)
    rows = sync.engine.outbox.for_run(run_id)
    failure = deliveries.failures.get(run_id, "")
    return RunProgress(
        run_id=run_id,
        status="failed" if failure and run.state != FINISHED else run.state,
        delivering=deliveries.is_delivering(run_id),
        operations=len(rows),
        sent=sum(1 for row in rows if row.attempts > 0),
        answered=sum(1 for row in rows if row.status in _ANSWERED),
        failure=failure,
        quickbooks_unreachable=sync.unreachable(run_id),
    )

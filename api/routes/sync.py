"""Synchronise into QuickBooks: start a run, follow it, read its report, see what is stuck."""

from __future__ import annotations

from fastapi import APIRouter, status

from adapters.quickbooks.gateway import GatewayKind, resolve
from api.auth.access import Bookkeeper, Reader
from api.deps import ContainerDep
from api.routes.responses import READ_ERRORS, WRITE_ERRORS
from api.schemas.sync import (
    QueuedOperationOut,
    SyncReportOut,
    SyncRunIn,
    SyncRunProgressOut,
    SyncRunStartedOut,
)
from api.sync_delivery import sync_deliveries
from api.sync_progress import progress_of
from api.sync_selection import selection_of

router = APIRouter(prefix="/sync", tags=["sync"], dependencies=[Reader])


@router.post(
    "/runs",
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Start a sync run",
)
def start_sync_run(body: SyncRunIn, container: ContainerDep) -> SyncRunStartedOut:
    """Plan a run of the selected work (everything by default) and answer at once. Refused
    (409) until an Import from QuickBooks has completed."""
    selection = selection_of(body.types, body.transactions, container.ledger)
    transport = resolve(container.quickbooks_kind, body.transport)
    run_id = container.synchronizer().start_run(selection)
    if transport is GatewayKind.WEBCONNECTOR:
        detail = "the run waits for the Web Connector's next session"
    else:
        sync_deliveries(container).start(run_id)
        detail = f"delivering to the QuickBooks {transport}; follow GET /sync/runs/{run_id}"
    return SyncRunStartedOut(run_id=run_id, transport=transport.value, detail=detail)


@router.get("/runs/{run_id}", responses=READ_ERRORS, summary="Follow a sync run")
def read_sync_run(run_id: str, container: ContainerDep) -> SyncRunProgressOut:
    """Whether the run is open or finished, and how many operations were sent and answered."""
    progress = progress_of(container.synchronizer(), sync_deliveries(container), run_id)
    return SyncRunProgressOut.of(progress)


@router.get("/runs/{run_id}/report", responses=READ_ERRORS, summary="Read a sync run's report")
def read_sync_report(run_id: str, container: ContainerDep) -> SyncReportOut:
    """What was sent, QuickBooks' answers, what still waits and why, what needs a person."""
    return SyncReportOut.of(container.synchronizer().report(run_id))


@router.get("/parked", summary="Operations that need a person")
def list_parked(container: ContainerDep) -> list[QueuedOperationOut]:
    """Operations QuickBooks refused in a way only a person can fix (e.g. a name clash)."""
    return [QueuedOperationOut(**item) for item in container.synchronizer().parked()]


@router.get("/stuck", summary="Operations that are stuck")
def list_stuck(container: ContainerDep) -> list[QueuedOperationOut]:
    """In flight past the timeout, or pending behind a parked or missing dependency."""
    return [QueuedOperationOut(**item) for item in container.synchronizer().stuck()]

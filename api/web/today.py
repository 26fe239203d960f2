"""Today: what is ready, what waits, what needs a person; the last sync runs; start a sync."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from adapters.quickbooks.gateway import GatewayKind
from adapters.services.listing.runs import list_sync_runs
from adapters.services.listing.today import state_counts
from adapters.services.sync.reports import open_manual_actions
from api.sync_delivery import sync_deliveries
from api.sync_progress import progress_of
from api.sync_selection import TYPE_NAMES, parse_only, selection_of
from api.web.session import SIGNED_IN, ContainerDep, requires
from api.web.templating import page
from domain.errors import DomainError
from projections.readiness.verdicts import State

router = APIRouter()


@router.get("/", dependencies=[SIGNED_IN])
def today(request: Request, container: ContainerDep) -> Response:
    return _today(request, container)


def _today(request: Request, container: ContainerDep, error: str = "") -> Response:
    level, counts = state_counts(container.ledger, container.readiness)
    synchronizer = container.synchronizer()
    deliveries = sync_deliveries(container)
    runs = list_sync_runs(synchronizer.engine.runs, limit=5).items
    progress = {r.run_id: progress_of(synchronizer, deliveries, r.run_id) for r in runs}
    live = any(p.status == "open" and p.delivering for p in progress.values())
    return page(
        request,
        "today.html",
        "Today",
        status_code=409 if error else 200,
        refresh=2 if live else 0,
        level=level,
        ready=counts[State.READY] + counts[State.READY_WITH],
        waiting=counts[State.WAITING],
        parked=len(synchronizer.parked()),
        stuck=len(synchronizer.stuck()),
        manual_actions=len(open_manual_actions(container.ledger)),
        runs=runs,
        progress=progress,
        types=TYPE_NAMES,
        error=error,
    )


@router.post("/sync", dependencies=[requires("bookkeeper")])
def start_sync(
    request: Request,
    container: ContainerDep,
    types: Annotated[list[str] | None, Form()] = None,
    only: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Start a run of everything (or of the chosen types and transactions) and follow it."""
    try:
        selection = selection_of(
            types or [], parse_only(only.replace(",", " ").split()), container.ledger
        )
        run_id = container.synchronizer().start_run(selection)
    except DomainError as refusal:
        return _today(request, container, error=str(refusal))
    if container.quickbooks_kind is GatewayKind.SIMULATOR:
        sync_deliveries(container).start(run_id)
    return RedirectResponse(f"/runs/{run_id}", status_code=303)

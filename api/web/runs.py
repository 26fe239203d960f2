"""Sync runs: the list, and one run's report (followed live while the run is open)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from adapters.services.listing.citations import Citations
from adapters.services.listing.runs import list_sync_runs
from api.schemas.sync import WaitingOut
from api.sync_delivery import sync_deliveries
from api.sync_progress import progress_of
from api.web.session import SIGNED_IN, ContainerDep
from api.web.templating import page

router = APIRouter()


@router.get("/runs", dependencies=[SIGNED_IN])
def runs(
    request: Request,
    container: ContainerDep,
    after: Annotated[str, Query(max_length=400)] = "",
) -> Response:
    result = list_sync_runs(container.synchronizer().engine.runs, after=after, limit=25)
    following = ""
    if result.next_cursor:
        following = str(request.url.include_query_params(after=result.next_cursor))
    return page(request, "runs.html", "Sync runs", result=result, following=following)


@router.get("/runs/{run_id}", dependencies=[SIGNED_IN])
def run(request: Request, container: ContainerDep, run_id: str) -> Response:
    synchronizer = container.synchronizer()
    progress = progress_of(synchronizer, sync_deliveries(container), run_id)
    report = synchronizer.report(run_id)
    return page(
        request,
        "run.html",
        f"Sync run {run_id}",
        refresh=2 if progress.delivering else 0,
        progress=progress,
        report=report,
        waiting=[WaitingOut.of(item) for item in report.waiting],
        in_words=Citations(container.ledger, container.readiness.model.facts()).in_words,
    )

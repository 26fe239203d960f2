"""GET /customers, /history and /sync/runs: filtered, one page at a time."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from adapters.services.listing.customers import CustomerQuery, list_customers
from adapters.services.listing.history import history_between
from adapters.services.listing.pages import page_of
from adapters.services.listing.runs import list_sync_runs
from api.auth.access import Reader
from api.deps import ContainerDep, LedgerDep
from api.routes.lists.paging import DEFAULT, After, Limit, paged
from api.schemas.customers import CustomerOut
from api.schemas.lists import HistoryLineOut, SyncRunOut
from domain.errors import InvalidInput

router = APIRouter(tags=["lists"], dependencies=[Reader])


@router.get("/customers", summary="List customers")
def list_customers_route(
    request: Request,
    response: Response,
    ledger: LedgerDep,
    q: Annotated[str, Query(description="Part of the code or name, any case", max_length=100)] = "",
    linked: Annotated[
        bool | None, Query(description="Only those QuickBooks knows (true) or not (false)")
    ] = None,
    after: After = "",
    limit: Limit = DEFAULT,
) -> list[CustomerOut]:
    """Customers by code."""
    page = list_customers(ledger, CustomerQuery(q, linked, after, limit))
    return [CustomerOut.of(customer) for customer in paged(page, request, response)]


@router.get("/history", summary="Every event recorded over a date range")
def list_history(
    request: Request,
    response: Response,
    ledger: LedgerDep,
    first: Annotated[date, Query(alias="from", description="First day (UTC) qbsync recorded")],
    last: Annotated[date, Query(alias="to", description="Last day (UTC) qbsync recorded")],
    after: After = "",
    limit: Limit = DEFAULT,
) -> list[HistoryLineOut]:
    """In log order: each event's log position, when qbsync recorded it, the record, the
    event, who acted and its data (the days are when qbsync recorded the events, not the
    transactions' own dates)."""
    if first > last:
        raise InvalidInput(f"the date range starts ({first}) after it ends ({last})")
    lines = list(history_between(ledger, first, last))
    page = page_of(lines, lambda line: (line.position,), after, limit)
    return [HistoryLineOut.of(line) for line in paged(page, request, response)]


@router.get("/sync/runs", summary="List sync runs")
def list_sync_runs_route(
    request: Request,
    response: Response,
    container: ContainerDep,
    state: Annotated[Literal["open", "finished"] | None, Query(description="Only these")] = None,
    after: After = "",
    limit: Limit = DEFAULT,
) -> list[SyncRunOut]:
    """Sync runs, newest first; each run's report is at /sync/runs/{run_id}/report."""
    runs = container.synchronizer().engine.runs
    page = list_sync_runs(runs, state or "", after, limit)
    return [SyncRunOut.of(run) for run in paged(page, request, response)]

"""Import from QuickBooks: start one, list the runs, read a run's report."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response, status

from adapters.quickbooks.gateway import GatewayKind, resolve
from adapters.services.importing.conversation import ImportOptions
from adapters.services.importing.jobs import run_import
from adapters.services.importing.runs import read_run
from adapters.services.listing.runs import list_import_runs
from api.auth.access import ActingBookkeeper, Reader, require_role
from api.auth.tokens import Role
from api.deps import ContainerDep, LedgerDep
from api.routes.lists.paging import DEFAULT, After, Limit, paged
from api.routes.responses import READ_ERRORS, WRITE_ERRORS
from api.schemas.imports import ImportIn, ImportQueuedOut, ImportReportOut, ImportRunOut

router = APIRouter(prefix="/imports", tags=["imports"], dependencies=[Reader])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={
        **WRITE_ERRORS,
        202: {"model": ImportQueuedOut, "description": "Queued for the Web Connector"},
        502: {"model": ImportReportOut, "description": "QuickBooks failed; the run says why"},
    },
    summary="Import from QuickBooks",
)
def start_import(
    body: ImportIn, container: ContainerDep, response: Response, who: ActingBookkeeper
) -> ImportReportOut | ImportQueuedOut:
    """Bring QuickBooks' customers, items, lists and balances into the ledger. A repeat while
    the ledger holds transactions is refused (409) unless confirmed, with who confirmed it;
    confirming needs the controller role."""
    if body.confirm and not body.lists_only:
        require_role(Role.CONTROLLER, who)
    by = body.by or who.name
    options = ImportOptions(
        page_size=body.page_size,
        confirm=body.confirm,
        confirmed_by=by,
        lists_only=body.lists_only,
    )
    if resolve(container.quickbooks_kind, body.via) is GatewayKind.WEBCONNECTOR:
        container.import_requests().request(options)
        response.status_code = status.HTTP_202_ACCEPTED
        return ImportQueuedOut(
            detail="the import runs at the Web Connector's next session; GET /imports shows it"
        )
    report = run_import(container.ledger, container.quickbooks().connect(), options)
    if report.status != "completed":
        response.status_code = status.HTTP_502_BAD_GATEWAY
    return ImportReportOut.of(report)


@router.get("", summary="List the import runs")
def list_import_runs_route(
    request: Request,
    response: Response,
    ledger: LedgerDep,
    run_status: Annotated[
        Literal["running", "completed", "failed"] | None,
        Query(alias="status", description="Only these"),
    ] = None,
    after: After = "",
    limit: Limit = DEFAULT,
) -> list[ImportRunOut]:
    """Import runs, oldest first, with their counts and warnings."""
    page = list_import_runs(ledger, run_status or "", after, limit)
    return [ImportRunOut.of(report) for report in paged(page, request, response)]


@router.get("/{run_id}", responses=READ_ERRORS, summary="Read one import run's report")
def read_import_run(run_id: str, ledger: LedgerDep) -> ImportReportOut:
    """What the run added and updated per kind of record, and its warnings."""
    return ImportReportOut.of(read_run(ledger, run_id))

"""Import: past import runs and their reports; start an import (a lists refresh), with the
warning a repeat over recorded transactions carries."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from adapters.quickbooks.gateway import GatewayKind
from adapters.services.importing.conversation import ImportOptions
from adapters.services.importing.guards import REPEAT_RISK
from adapters.services.importing.jobs import run_import
from adapters.services.importing.ledger_log import ledger_holds_transactions
from adapters.services.importing.runs import read_run
from adapters.services.listing.runs import list_import_runs
from api.web.session import SIGNED_IN, Bookkeeper, ContainerDep
from api.web.templating import page
from domain.errors import DomainError, RepeatImportNeedsConfirmation

router = APIRouter()


def _imports_page(
    request: Request, container: ContainerDep, error: str = "", status_code: int = 200
) -> Response:
    ledger = container.ledger
    repeat = ledger.company_settings().imports_completed > 0 and ledger_holds_transactions(ledger)
    runs = list_import_runs(ledger, limit=100)
    return page(
        request,
        "imports.html",
        "Import from QuickBooks",
        status_code=status_code,
        runs=list(reversed(runs.items)),
        repeat_warning=REPEAT_RISK if repeat else "",
        error=error,
    )


@router.get("/import", dependencies=[SIGNED_IN])
def imports(request: Request, container: ContainerDep) -> Response:
    return _imports_page(request, container)


@router.get("/import/{run_id}", dependencies=[SIGNED_IN])
def import_report(request: Request, container: ContainerDep, run_id: str) -> Response:
    report = read_run(container.ledger, run_id)
    return page(request, "import.html", f"Import {run_id}", report=report)


@router.post("/import")
def start_import(
    request: Request,
    container: ContainerDep,
    identity: Bookkeeper,
    confirm: Annotated[str, Form()] = "",
    by: Annotated[str, Form(max_length=100)] = "",
    lists_only: Annotated[str, Form()] = "",
) -> Response:
    """Import now through the configured gateway, or queue it for the Web Connector."""
    options = ImportOptions(
        confirm=confirm == "yes",
        confirmed_by=by.strip() or identity.name,
        lists_only=lists_only == "yes",
    )
    try:
        if container.quickbooks_kind is GatewayKind.WEBCONNECTOR:
            container.import_requests().request(options)
            notice = "The import runs at the Web Connector's next session."
            return RedirectResponse(f"/import?notice={quote(notice)}", status_code=303)
        report = run_import(container.ledger, container.quickbooks().connect(), options)
    except RepeatImportNeedsConfirmation:
        error = "Not imported: tick “I have read the warning” to repeat the import."
        return _imports_page(request, container, error=error, status_code=409)
    except DomainError as refusal:
        return _imports_page(request, container, error=str(refusal), status_code=409)
    return RedirectResponse(f"/import/{report.run_id}", status_code=303)

"""On the simulator gateway (development): what the simulated company now holds."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from adapters.quickbooks.gateway import GatewayKind
from api.web.session import SIGNED_IN, ContainerDep
from api.web.templating import page

router = APIRouter()


@router.get("/quickbooks", dependencies=[SIGNED_IN])
def quickbooks(request: Request, container: ContainerDep) -> Response:
    if container.quickbooks_kind is not GatewayKind.SIMULATOR:
        raise HTTPException(status_code=404, detail="this qbsync reaches a real QuickBooks")
    company = container.quickbooks_simulator().company
    customers = {c.list_id: c for c in list(company.customers.values())}
    return page(
        request,
        "quickbooks.html",
        "QuickBooks (simulated)",
        company=company,
        customers=sorted(customers.values(), key=lambda c: c.full_name),
        names={list_id: c.full_name for list_id, c in customers.items()},
        invoices=list(company.invoices.values()),
        payments=list(company.payments.values()),
        credit_memos=list(company.credit_memos.values()),
    )

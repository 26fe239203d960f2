"""Sync work that needs a person: retry it (the only way parked work is sent again) or
dismiss it, each recorded with who and why; and what people did to it before."""

from __future__ import annotations

from fastapi import APIRouter

from api.auth.access import Bookkeeper, Reader
from api.deps import ContainerDep
from api.routes.responses import READ_ERRORS, WRITE_ERRORS
from api.schemas.work import DismissIn, InterventionOut, RetryIn

router = APIRouter(prefix="/sync/work", tags=["sync"], dependencies=[Reader])


@router.post(
    "/{operation}/retry",
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Retry parked or dismissed work",
)
def retry_operation(operation: str, body: RetryIn, container: ContainerDep) -> InterventionOut:
    """Send the operation again from its first attempt (QuickBooks is asked first if it may
    already hold it). Refused (409) unless it is parked or dismissed."""
    return InterventionOut.of(container.synchronizer().retry(operation, body.by, body.reason))


@router.post(
    "/{operation}/dismiss",
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Dismiss parked work",
)
def dismiss_operation(operation: str, body: DismissIn, container: ContainerDep) -> InterventionOut:
    """Never send the operation (work that depends on it keeps waiting). Refused (409)
    unless it is parked or pending."""
    return InterventionOut.of(container.synchronizer().dismiss(operation, body.by, body.reason))


@router.get("/{operation}/history", responses=READ_ERRORS, summary="Who retried or dismissed work")
def operation_history(operation: str, container: ContainerDep) -> list[InterventionOut]:
    """Every retry and dismissal of the operation, oldest first."""
    done = container.synchronizer().interventions(operation)
    return [InterventionOut.of(entry) for entry in done]

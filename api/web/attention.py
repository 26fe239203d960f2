"""Needs a person: parked and stuck operations, and open manual actions to mark done."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from adapters.services.listing.manual_actions import opened_actions
from api.web.session import SIGNED_IN, Bookkeeper, ContainerDep
from api.web.templating import page

router = APIRouter()


def what_to_do(item: dict[str, str]) -> str:
    if item["status"] == "parked":
        return (
            "Fix what QuickBooks refused (the record in qbsync, or the clashing one in "
            "QuickBooks), then retry; dismiss it if it should never be sent."
        )
    if item["status"] == "in_flight":
        return "qbsync checks QuickBooks before resending it: retry to check now."
    return "It waits for the operation named: deal with that one first."


@router.get("/needs-a-person", dependencies=[SIGNED_IN])
def needs_a_person(request: Request, container: ContainerDep) -> Response:
    synchronizer = container.synchronizer()
    operations = [*synchronizer.parked(), *synchronizer.stuck()]
    actions = [a for a in opened_actions(container.ledger) if not a.done]
    return page(
        request,
        "needs_a_person.html",
        "Needs a person",
        operations=operations,
        what_to_do=what_to_do,
        actions=actions,
    )


@router.post("/needs-a-person/retry")
def retry(
    container: ContainerDep,
    identity: Bookkeeper,
    operation: Annotated[str, Form(max_length=200)],
) -> Response:
    """Send parked work again (from its first attempt) with the next sync."""
    done = container.synchronizer().retry(operation, identity.name)
    notice = (
        f"{done.operation} will be sent again with the next sync (retried by {done.by}): "
        "start one from Today to send it now."
    )
    return RedirectResponse(f"/needs-a-person?notice={quote(notice)}", status_code=303)


@router.post("/needs-a-person/dismiss")
def dismiss(
    container: ContainerDep,
    identity: Bookkeeper,
    operation: Annotated[str, Form(max_length=200)],
    reason: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Decide that parked or waiting work is not to be sent, saying why."""
    done = container.synchronizer().dismiss(operation, identity.name, reason)
    notice = f"{done.operation} dismissed by {done.by}: {done.reason}."
    return RedirectResponse(f"/needs-a-person?notice={quote(notice)}", status_code=303)


@router.post("/needs-a-person/{action_id}/done")
def mark_done(
    container: ContainerDep,
    identity: Bookkeeper,
    action_id: UUID,
    done_by: Annotated[str, Form(max_length=100)] = "",
    note: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    action = container.ledger.mark_manual_action_done(
        action_id, done_by.strip() or identity.name, note
    )
    notice = quote(f"Manual action for {action.subject} marked done by {action.done_by}.")
    return RedirectResponse(f"/needs-a-person?notice={notice}", status_code=303)

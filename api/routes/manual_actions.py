"""Manual actions: work a person must do in QuickBooks; read, and mark done."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response

from adapters.services.listing.manual_actions import ManualActionQuery, list_manual_actions
from api.auth.access import Bookkeeper, Reader
from api.deps import LedgerDep
from api.routes.lists.paging import DEFAULT, After, Limit, paged
from api.routes.responses import READ_ERRORS, WRITE_ERRORS
from api.schemas.history import recorded_history, with_history
from api.schemas.manual_actions import ManualActionDetail, ManualActionOut, MarkDoneIn

router = APIRouter(prefix="/manual-actions", tags=["manual actions"], dependencies=[Reader])


@router.post(
    "/{action_id}/done",
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Mark a manual action done",
)
def mark_manual_action_done(
    action_id: UUID, body: MarkDoneIn, ledger: LedgerDep
) -> ManualActionOut:
    """Record who did the work in QuickBooks; the action is then closed."""
    return ManualActionOut.of(ledger.mark_manual_action_done(action_id, body.done_by, body.note))


@router.get("/{action_id}", responses=READ_ERRORS, summary="Read a manual action with its history")
def read_manual_action(action_id: UUID, ledger: LedgerDep) -> ManualActionDetail:
    """The manual action's instructions, whether it is done, and its history."""
    action = ledger.manual_action(action_id)
    history = recorded_history(ledger, action)
    return with_history(ManualActionDetail, ManualActionOut.of(action), history)


@router.get("", summary="List manual actions")
def list_manual_actions_route(
    request: Request,
    response: Response,
    ledger: LedgerDep,
    open_only: Annotated[
        bool, Query(alias="open", description="Only those not marked done yet")
    ] = True,
    record: Annotated[
        str, Query(description="Only those of this record, KIND:KEY (invoice:2603021-2)")
    ] = "",
    after: After = "",
    limit: Limit = DEFAULT,
) -> list[ManualActionOut]:
    """Work a person must do in QuickBooks (a void, a write-off), oldest first."""
    page = list_manual_actions(ledger, ManualActionQuery(open_only, record, after, limit))
    return [ManualActionOut.of(action) for action in paged(page, request, response)]

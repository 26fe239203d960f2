"""Manual actions: work a person must do in QuickBooks, open until marked done."""

from __future__ import annotations

from typing import TypedDict
from uuid import UUID

from pydantic import BaseModel, Field

from api.schemas.history import HistoryEntry
from api.schemas.limited import StrictIn
from api.schemas.values import ReasonText
from domain.manual_action import ManualAction


class ManualActionOut(BaseModel):
    id: UUID
    subject: str = Field(description="The ledger record, e.g. invoice 1234567-1")
    action: str = Field(description="What to do in QuickBooks, e.g. void")
    qb_txn_id: str = Field(description="The QuickBooks transaction to change")
    instructions: str
    done: bool
    done_by: str

    @classmethod
    def of(cls, action: ManualAction) -> ManualActionOut:
        return cls(
            id=action.id,
            subject=action.subject,
            action=action.action,
            qb_txn_id=action.qb_txn_id,
            instructions=action.instructions,
            done=action.done,
            done_by=action.done_by,
        )


class ManualActionDetail(ManualActionOut):
    history: list[HistoryEntry]


class MarkDoneIn(StrictIn):
    done_by: str = Field(description="Who did the work in QuickBooks")
    note: ReasonText = ""


class ReasonIn(StrictIn):
    reason: ReasonText = ""


class ManualActionOutcome(BaseModel):
    """Whether the command opened a manual action (the record was already in QuickBooks)."""

    manual_action_opened: bool
    manual_action_id: UUID | None
    manual_action: ManualActionOut | None


class OutcomeFields(TypedDict):
    manual_action_opened: bool
    manual_action_id: UUID | None
    manual_action: ManualActionOut | None


def outcome_fields(action: ManualAction | None) -> OutcomeFields:
    """The fields of a `ManualActionOutcome` for the action a command opened, if any."""
    return {
        "manual_action_opened": action is not None,
        "manual_action_id": action.id if action else None,
        "manual_action": ManualActionOut.of(action) if action else None,
    }


def reason_of(body: ReasonIn | None) -> str:
    return body.reason if body else ""

"""What a person does to sync work QuickBooks could not finish: retry it, or dismiss it."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from adapters.services.sync.interventions import Intervention
from adapters.services.sync.reports import moment_of
from api.schemas.limited import Reason, StrictIn


class RetryIn(StrictIn):
    by: str = Field(min_length=1, max_length=100, description="Who asks for the retry")
    reason: Reason = ""


class DismissIn(StrictIn):
    by: str = Field(min_length=1, max_length=100, description="Who dismisses the work")
    reason: Reason = Field(description="Why it is not to be sent (kept in its history)")


class InterventionOut(BaseModel):
    operation: str = Field(description="The operation key, e.g. invoice-add:1234567-1")
    action: str = Field(description="retry or dismiss")
    by: str
    reason: str
    status_before: str = Field(description="The operation's status before: parked, ...")
    at: datetime = Field(description="When it was done")

    @classmethod
    def of(cls, done: Intervention) -> InterventionOut:
        return cls(
            operation=done.operation,
            action=done.action,
            by=done.by,
            reason=done.reason,
            status_before=done.status_before,
            at=moment_of(done.at),
        )

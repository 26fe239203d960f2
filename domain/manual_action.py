"""Work QuickBooks needs from a person: a write-off or void after the record was imported."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import ids
from domain.errors import InvalidReference, InvalidTransition


class ManualAction(Aggregate):
    kind = "manual action"

    @staticmethod
    def create_id(subject: str, action: str, occurrence: int, **_: Any) -> UUID:
        return ids.manual_action_id(subject, action, occurrence)

    @event("Opened")
    def __init__(
        self, subject: str, action: str, occurrence: int, qb_txn_id: str, instructions: str
    ) -> None:
        self.subject = subject
        self.action = action
        self.occurrence = occurrence
        self.qb_txn_id = qb_txn_id
        self.instructions = instructions
        self.done = False
        self.done_by = ""

    def mark_done(self, done_by: str, note: str = "") -> None:
        if not done_by.strip():
            raise InvalidReference("marking a manual action done must say who did it")
        if self.done:
            raise InvalidTransition(f"manual action for {self.subject} is already done")
        self._done(done_by.strip(), note)

    @event("Done")
    def _done(self, done_by: str, note: str) -> None:  # noqa: ARG002  (the event records it)
        self.done = True
        self.done_by = done_by

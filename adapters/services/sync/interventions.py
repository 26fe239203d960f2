"""What a person does to work the sync could not finish: retry it (the only way parked work
is sent again) or dismiss it, each recorded with who, why and when."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from adapters.storage.outbox.dialect import Dialect
from adapters.storage.outbox.operations import Status
from adapters.storage.outbox.schema import ACTIONS, OUTBOX
from domain.errors import InvalidReference, StateConflict, UnknownRecord


class Action(StrEnum):
    RETRY = "retry"
    DISMISS = "dismiss"


ALLOWED_FROM = {
    Action.RETRY: (Status.PARKED, Status.DISMISSED),
    Action.DISMISS: (Status.PARKED, Status.PENDING),
}

DONE_WORD = {Action.RETRY: "retried", Action.DISMISS: "dismissed"}


@dataclass(frozen=True)
class Intervention:
    operation: str
    action: str
    by: str
    reason: str
    status_before: str
    at: float


class Interventions:
    def __init__(self, datastore: Any, dialect: Dialect) -> None:
        self.datastore, self.d = datastore, dialect
        self.outbox, self.table = dialect.table(OUTBOX), dialect.table(ACTIONS)

    def retry(self, key: str, by: str, now: float, reason: str = "") -> Intervention:
        """Send `key` again from its first attempt; QuickBooks is asked first if it may hold it."""
        return self._act(Action.RETRY, key, by, reason, now)

    def dismiss(self, key: str, by: str, reason: str, now: float) -> Intervention:
        if not reason.strip():
            raise InvalidReference(
                f"say why operation {key} is dismissed (the reason is kept in its history)"
            )
        return self._act(Action.DISMISS, key, by, reason, now)

    def history(self, key: str | None = None) -> list[Intervention]:
        where, params = (f" WHERE op_key = {self.d.mark}", (key,)) if key else ("", ())
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT * FROM {self.table}{where} ORDER BY id", params)
            rows = c.fetchall()
        return [
            Intervention(
                r["op_key"], r["action"], r["by_name"], r["reason"], r["status_before"], r["at"]
            )
            for r in rows
        ]

    def _act(self, action: Action, key: str, by: str, reason: str, now: float) -> Intervention:
        if not by.strip():
            raise InvalidReference(f"say who asks to {action.value} operation {key} (--by NAME)")
        m = self.d.mark
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"SELECT status FROM {self.outbox} WHERE op_key = {m}", (key,))
            found = c.fetchone()
            if found is None:
                raise UnknownRecord("sync operation", key)
            before = Status(found["status"])
            allowed = ALLOWED_FROM[action]
            if before not in allowed:
                raise StateConflict(
                    f"operation {key} is {before.value}; only "
                    f"{' or '.join(s.value for s in allowed)} work can be {DONE_WORD[action]}"
                )
            if action is Action.RETRY:
                c.execute(
                    f"UPDATE {self.outbox} SET status = 'pending', attempts = 0, "
                    f"next_attempt_at = {m}, updated_at = {m} WHERE op_key = {m}",
                    (now, now, key),
                )
            else:
                c.execute(
                    f"UPDATE {self.outbox} SET status = 'dismissed', last_error = {m}, "
                    f"updated_at = {m} WHERE op_key = {m}",
                    (f"{by}: {reason}", now, key),
                )
            c.execute(
                f"INSERT INTO {self.table} (op_key, action, by_name, reason, status_before, at) "
                f"VALUES ({self.d.marks(6)})",
                (key, action.value, by, reason, before.value, now),
            )
        return Intervention(key, action.value, by, reason, before.value, now)

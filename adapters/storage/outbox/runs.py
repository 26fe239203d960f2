"""Sync runs: their selection, whether they are still open, and what was left waiting."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from adapters.storage.outbox.dialect import Dialect
from adapters.storage.outbox.schema import RUNS
from adapters.storage.outbox.selection import Selection
from domain.errors import UnknownRecord

OPEN, FINISHED = "open", "finished"


@dataclass(frozen=True)
class SyncRunRecord:
    run_id: str
    selection: Selection
    state: str
    started_at: float
    finished_at: float
    waiting: list[dict[str, Any]]


class SyncRuns:
    def __init__(self, datastore: Any, dialect: Dialect) -> None:
        self.datastore, self.d, self.table = datastore, dialect, dialect.table(RUNS)

    def create(self, run_id: str, selection: Selection, now: float) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                f"INSERT INTO {self.table} VALUES ({self.d.marks(6)})",
                (run_id, selection.to_json(), OPEN, now, 0.0, "[]"),
            )

    def open_runs(self) -> list[SyncRunRecord]:
        return self._select(f"state = {self.d.mark}", (OPEN,))

    def all(self) -> list[SyncRunRecord]:
        """Every run, oldest first."""
        return self._select("1 = 1", ())

    def get(self, run_id: str) -> SyncRunRecord:
        found = self._select(f"run_id = {self.d.mark}", (run_id,))
        if not found:
            raise UnknownRecord("sync run", run_id)
        return found[0]

    def finish(self, run_id: str, waiting: list[dict[str, Any]], now: float) -> None:
        m = self.d.mark
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                f"UPDATE {self.table} SET state = {m}, finished_at = {m}, waiting = {m} "
                f"WHERE run_id = {m}",
                (FINISHED, now, json.dumps(waiting), run_id),
            )

    def _select(self, where: str, params: tuple[Any, ...]) -> list[SyncRunRecord]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT * FROM {self.table} WHERE {where} ORDER BY started_at", params)
            rows = c.fetchall()
        return [
            SyncRunRecord(
                r["run_id"],
                Selection.from_json(r["selection"]),
                r["state"],
                float(r["started_at"]),
                float(r["finished_at"]),
                json.loads(r["waiting"]),
            )
            for r in rows
        ]

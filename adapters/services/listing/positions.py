"""Where one record's events sit in the ledger's log (the log position a citation names)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder
from psycopg.sql import SQL, Identifier

from adapters.storage.ledger.application import Ledger


def log_positions(ledger: Ledger, originator_id: UUID) -> dict[int, int]:
    """{version: log position} of every event of one record (one indexed read)."""
    recorder = ledger.recorder
    if isinstance(recorder, SQLiteApplicationRecorder):
        sql = (
            f"SELECT originator_version, rowid FROM {recorder.events_table_name} "
            "WHERE originator_id IN (?, ?)"
        )
        with recorder.datastore.transaction(commit=False) as c:
            c.execute(sql, (originator_id.hex, str(originator_id)))
            return {int(row[0]): int(row[1]) for row in c.fetchall()}
    if isinstance(recorder, PostgresApplicationRecorder):
        statement = SQL(
            "SELECT originator_version, notification_id FROM {schema}.{table} "
            "WHERE originator_id = %s"
        ).format(
            schema=Identifier(recorder.datastore.schema),
            table=Identifier(recorder.events_table_name),
        )
        with recorder.datastore.transaction(commit=False) as c:
            c.execute(statement, (originator_id,))
            return {int(_at(row, 0)): int(_at(row, 1)) for row in c.fetchall()}
    return {}


def _at(row: Any, index: int) -> Any:
    return row[index] if isinstance(row, tuple | list) else list(row.values())[index]

"""Ledger recorders that also keep the outbox tables, written in the events' transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore
from psycopg.sql import SQL

from adapters.storage.outbox.dialect import SQLITE, Dialect, postgres
from adapters.storage.outbox.schema import create_statements
from adapters.storage.outbox.statements import OutboxChange


def _execute_change(cursor: Any, kwargs: dict[str, Any]) -> None:
    change = kwargs.get("outbox")
    if isinstance(change, OutboxChange):
        change.execute(cursor)


class SQLiteOutboxRecorder(SQLiteApplicationRecorder):
    dialect: Dialect = SQLITE

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name)

    def construct_create_table_statements(self) -> list[str]:
        statements: list[str] = super().construct_create_table_statements()
        return statements + create_statements(SQLITE)

    def _insert_events(
        self, c: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        _execute_change(c, kwargs)
        result: Sequence[int] | None = super()._insert_events(c, stored_events, **kwargs)
        return result


class PostgresOutboxRecorder(PostgresApplicationRecorder):
    dialect: Dialect

    def __init__(self, datastore: PostgresDatastore, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        self.dialect = postgres(datastore.schema or "public")
        for statement in create_statements(self.dialect):
            self.sql_create_statements.append(SQL(statement))  # type: ignore[arg-type]

    def _insert_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        _execute_change(curs, kwargs)
        super()._insert_events(curs, stored_events, **kwargs)

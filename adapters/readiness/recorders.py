"""Tracking recorders that also keep the readiness table, for SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteDatastore, SQLiteTrackingRecorder
from psycopg.sql import SQL

from adapters.readiness.table import ReadinessTable

TABLE = "qbsync_readiness"


class SQLiteReadinessRecorder(ReadinessTable, SQLiteTrackingRecorder):
    mark = "?"

    def __init__(self, datastore: SQLiteDatastore, **kwargs: Any) -> None:
        self.table, self.tracking_table = TABLE, "tracking"
        super().__init__(datastore, **kwargs)

    def construct_create_table_statements(self) -> list[str]:
        statements: list[str] = super().construct_create_table_statements()
        return statements + self.create_readiness_statements()


class PostgresReadinessRecorder(ReadinessTable, PostgresTrackingRecorder):
    mark = "%s"

    def __init__(self, datastore: PostgresDatastore, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        schema = datastore.schema
        self.table = f'"{schema}"."{TABLE}"'
        self.tracking_table = f'"{schema}"."{self.tracking_table_name}"'
        for statement in self.create_readiness_statements():
            self.sql_create_statements.append(SQL(statement))  # type: ignore[arg-type]

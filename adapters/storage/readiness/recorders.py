"""Tracking recorders that also keep the readiness table, for SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteDatastore, SQLiteTrackingRecorder
from psycopg.sql import SQL

from adapters.storage.readiness.table import COLUMNS, UPSERT, ReadinessTable, Row

TABLE, JOBS, MOMENTS = "qbsync_readiness", "qbsync_readiness_jobs", "qbsync_readiness_moments"
COPY_FROM = 1_000  # rows from which a write copies them in rather than inserting each


class SQLiteReadinessRecorder(ReadinessTable, SQLiteTrackingRecorder):
    mark = "?"

    def __init__(self, datastore: SQLiteDatastore, **kwargs: Any) -> None:
        self.table, self.jobs_table, self.moments_table = TABLE, JOBS, MOMENTS
        self.tracking_table = "tracking"
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
        self.jobs_table = f'"{schema}"."{JOBS}"'
        self.moments_table = f'"{schema}"."{MOMENTS}"'
        self.tracking_table = f'"{schema}"."{self.tracking_table_name}"'
        for statement in self.create_readiness_statements():
            self.sql_create_statements.append(SQL(statement))  # type: ignore[arg-type]

    def _upsert(self, c: Any, rows: Sequence[Row]) -> None:
        """Many rows are copied into a scratch table (dropped at commit) and upserted from
        there in one statement: far faster than one insert per row. Into an empty table
        (a rebuild's first batch) they are copied straight in."""
        if len(rows) < COPY_FROM:
            super()._upsert(c, rows)
            return
        c.execute(f"SELECT EXISTS (SELECT 1 FROM {self.table})")
        if not c.fetchone()["exists"]:  # a rebuild: nothing to update, copy straight in
            with c.copy(f"COPY {self.table} ({COLUMNS}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        c.execute(
            f"CREATE TEMPORARY TABLE qbsync_readiness_batch (LIKE {self.table}) ON COMMIT DROP"
        )
        with c.copy(f"COPY qbsync_readiness_batch ({COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        c.execute(
            f"INSERT INTO {self.table} ({COLUMNS}) SELECT {COLUMNS} FROM qbsync_readiness_batch "
            f"{UPSERT}"
        )

"""The readiness table: one row per transaction, written with the tracking position."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, NamedTuple

from eventsourcing.persistence import Tracking

from projections.readiness.moments import Staircase

COLUMNS = "txn_kind, txn_key, facts, readiness, work, conservative, moderate, aggressive, pending"
POLICY_KIND, POLICY_KEY = "policy", "company"
UPSERT = "ON CONFLICT (txn_kind, txn_key) DO UPDATE SET " + ", ".join(
    f"{c} = excluded.{c}" for c in COLUMNS.split(", ")[2:]
)


class Row(NamedTuple):
    txn_kind: str
    txn_key: str
    facts: str
    readiness: str
    work: str
    conservative: str
    moderate: str
    aggressive: str
    pending: int


class StaleReadModel(Exception):
    """Another process moved the read model on since this one read it; reload and retry."""


class ReadinessTable:
    """SQL shared by the SQLite and PostgreSQL recorders; they supply the dialect."""

    table: str
    jobs_table: str  # (job id, invoice number): an invoice's job siblings found by key
    moments_table: str  # (position, microseconds): the staircase of `moments.Staircase`
    tracking_table: str
    mark: str  # the driver's parameter placeholder
    datastore: Any
    if TYPE_CHECKING:  # supplied by the eventsourcing tracking recorder mixed in

        def _max_tracking_id(self, application_name: str, c: Any) -> int | None: ...

        def _insert_tracking(self, c: Any, tracking: Tracking) -> None: ...

    def create_readiness_statements(self) -> list[str]:
        return [
            f"CREATE TABLE IF NOT EXISTS {self.table} (txn_kind TEXT NOT NULL, "
            "txn_key TEXT NOT NULL, facts TEXT NOT NULL, readiness TEXT NOT NULL, "
            "work TEXT NOT NULL, "
            "conservative TEXT NOT NULL, moderate TEXT NOT NULL, aggressive TEXT NOT NULL, "
            "pending INTEGER NOT NULL, PRIMARY KEY (txn_kind, txn_key))",
            f"CREATE INDEX IF NOT EXISTS qbsync_readiness_pending ON {self.table} (pending)",
            f"CREATE TABLE IF NOT EXISTS {self.jobs_table} (job_id TEXT NOT NULL, "
            "number TEXT NOT NULL, PRIMARY KEY (job_id, number))",
            f"CREATE TABLE IF NOT EXISTS {self.moments_table} (position BIGINT PRIMARY KEY, "
            "at BIGINT NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS qbsync_readiness_moments_at ON {self.moments_table} (at)",
        ]

    def _transaction(self, commit: bool) -> AbstractContextManager[Any]:
        cm: AbstractContextManager[Any] = self.datastore.transaction(commit=commit)
        return cm

    def write(
        self,
        expected: int | None,
        tracking: Tracking,
        rows: Sequence[Row],
        jobs: Sequence[tuple[str, str]] = (),
        moments: Staircase | None = None,
    ) -> None:
        """Upsert `rows`, add `jobs` (job id, invoice number) and the `moments` of the new
        events, and move tracking to `tracking`, atomically, if still at `expected`."""
        m = self.mark
        with self._transaction(commit=True) as c:
            if self._max_tracking_id(tracking.application_name, c) != expected:
                raise StaleReadModel(f"readiness read model moved on from position {expected}")
            self._upsert(c, rows)
            if jobs:
                values = f"VALUES ({m}, {m}) ON CONFLICT DO NOTHING"
                c.executemany(f"INSERT INTO {self.jobs_table} (job_id, number) {values}", jobs)
            if moments is not None and moments.earliest is not None:
                c.execute(f"DELETE FROM {self.moments_table} WHERE at >= {m}", (moments.earliest,))
                c.executemany(
                    f"INSERT INTO {self.moments_table} (position, at) VALUES ({m}, {m})",
                    moments.steps,
                )
            self._insert_tracking(c, tracking)

    def _upsert(self, c: Any, rows: Sequence[Row]) -> None:
        values = ", ".join([self.mark] * len(Row._fields))
        c.executemany(f"INSERT INTO {self.table} ({COLUMNS}) VALUES ({values}) {UPSERT}", rows)

    def snapshot(self, application_name: str) -> tuple[int, list[tuple[str, str, str]]]:
        """The tracking position and every row's facts, read in one transaction."""
        with self._transaction(commit=False) as c:
            position = self._max_tracking_id(application_name, c) or 0
            c.execute(f"SELECT txn_kind, txn_key, facts FROM {self.table}")
            rows = [(r["txn_kind"], r["txn_key"], r["facts"]) for r in c.fetchall()]
        return position, rows

    def select(
        self, where: str = "", params: Sequence[str] = (), column: str = "readiness"
    ) -> Iterator[tuple[str, str, str]]:
        """(kind, key, `column`) of every transaction's row matching `where`."""
        sql = f"SELECT txn_kind, txn_key, {column} FROM {self.table} WHERE txn_kind <> {self.mark}"
        with self._transaction(commit=False) as c:
            c.execute(sql + (f" AND {where}" if where else ""), (POLICY_KIND, *params))
            rows = c.fetchall()
        for r in rows:
            yield r["txn_kind"], r["txn_key"], r[column]

    def job_numbers(self, job_ids: Sequence[str]) -> list[str]:
        """The numbers of every invoice of the jobs `job_ids`, as of the tracking position."""
        if not job_ids:
            return []
        marks = ", ".join([self.mark] * len(job_ids))
        sql = f"SELECT number FROM {self.jobs_table} WHERE job_id IN ({marks}) ORDER BY number"
        with self._transaction(commit=False) as c:
            c.execute(sql, tuple(job_ids))
            return [r["number"] for r in c.fetchall()]

    def position_at(self, at: int) -> int:
        """The last position recorded at or before `at` (microseconds), 0 when none was."""
        sql = (
            f"SELECT position FROM {self.moments_table} WHERE at <= {self.mark} "
            "ORDER BY at DESC LIMIT 1"
        )
        with self._transaction(commit=False) as c:
            c.execute(sql, (at,))
            row = c.fetchone()
        return 0 if row is None else int(row["position"])

    def policy_document(self) -> str | None:
        """The policy row's document (it carries the table's format), if there is one."""
        sql = (
            f"SELECT facts FROM {self.table} WHERE txn_kind = {self.mark} AND txn_key = {self.mark}"
        )
        with self._transaction(commit=False) as c:
            c.execute(sql, (POLICY_KIND, POLICY_KEY))
            row = c.fetchone()
        return None if row is None else str(row["facts"])

    def position(self, application_name: str) -> int:
        with self._transaction(commit=False) as c:
            return self._max_tracking_id(application_name, c) or 0

    def reset(self, application_name: str) -> None:
        """Forget every row and the tracking position, for a rebuild from the first event."""
        with self._transaction(commit=True) as c:
            c.execute(f"DELETE FROM {self.table}")
            c.execute(f"DELETE FROM {self.jobs_table}")
            c.execute(f"DELETE FROM {self.moments_table}")
            c.execute(
                f"DELETE FROM {self.tracking_table} WHERE application_name = {self.mark}",
                (application_name,),
            )

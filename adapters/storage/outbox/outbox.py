"""The outbox table: idempotent inserts, claims that skip rows other workers hold, the named
queries its readers need, and the status changes that travel with the ledger events
recording QuickBooks' answers. All of the outbox's SQL lives in the storage modules."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from adapters.storage.outbox.dialect import Dialect
from adapters.storage.outbox.operations import OpKind, OutboxRow, Phase, PlannedOp, Status
from adapters.storage.outbox.schema import DEPS, LOG, OUTBOX, RUNS, WORKERS
from adapters.storage.outbox.statements import OutboxChange

COLUMNS = (
    "id, op_key, kind, txn_kind, txn_key, invoices, customer, status, phase, attempts, "
    "next_attempt_at, last_error, run_id, claimed_at, hint"
)
RECOVERED = (
    "recovered: its worker or session stopped before QuickBooks' answer was recorded; "
    "QuickBooks is checked before anything is resent"
)


class Outbox:
    def __init__(self, datastore: Any, dialect: Dialect) -> None:
        self.datastore, self.d = datastore, dialect
        self.table, self.deps, self.log = (dialect.table(t) for t in (OUTBOX, DEPS, LOG))
        self.runs, self.workers = dialect.table(RUNS), dialect.table(WORKERS)

    def transaction(self, commit: bool) -> AbstractContextManager[Any]:
        cm: AbstractContextManager[Any] = self.datastore.transaction(commit=commit)
        return cm

    def insert(self, ops: Sequence[PlannedOp], run_id: str, now: float) -> None:
        """Add new operations. A known operation keeps its status and its attempts: parked
        work waits for a person; pending work of a finished run joins this run."""
        m = self.d.marks
        upsert = (
            f"INSERT INTO {self.table} AS o (op_key, kind, txn_kind, txn_key, invoices, customer, "
            "status, phase, attempts, next_attempt_at, last_error, run_id, claim, claimed_at, "
            f"hint, created_at, updated_at) VALUES ({m(17)}) ON CONFLICT (op_key) DO UPDATE SET "
            "run_id = excluded.run_id WHERE o.status = 'pending' AND o.run_id <> excluded.run_id "
            f"AND NOT EXISTS (SELECT 1 FROM {self.runs} r WHERE r.run_id = o.run_id "
            "AND r.state = 'open')"
        )
        dep = f"INSERT INTO {self.deps} VALUES ({m(2)}) ON CONFLICT DO NOTHING"
        with self.transaction(commit=True) as c:
            for op in ops:
                phase = Phase.PROBE if op.kind is OpKind.CUSTOMER_ADD else Phase.ACT
                c.execute(
                    upsert,
                    (
                        *(op.key, op.kind.value, op.txn_kind, op.txn_key, "|".join(op.invoices)),
                        *(op.customer, Status.PENDING.value, phase.value, 0, now, "", run_id),
                        *("", 0.0, "", now, now),
                    ),
                )
                for depends_on in op.depends_on:
                    c.execute(dep, (op.key, depends_on))

    def _ready(self) -> str:
        """Due pending operations whose dependencies are all done (parameter: now)."""
        return (
            f"FROM {self.table} o WHERE status = 'pending' AND next_attempt_at <= {self.d.mark} "
            f"AND NOT EXISTS (SELECT 1 FROM {self.deps} d LEFT JOIN {self.table} x "
            "ON x.op_key = d.depends_on WHERE d.op_key = o.op_key "
            "AND (x.status IS NULL OR x.status <> 'done'))"
        )

    def ready_count(self, now: float) -> int:
        with self.transaction(commit=False) as c:
            c.execute(f"SELECT COUNT(*) AS n {self._ready()}", (now,))
            return int(c.fetchone()["n"])

    def claim(self, token: str, now: float, limit: int) -> list[OutboxRow]:
        """Take up to `limit` ready operations; PostgreSQL skips rows other workers hold."""
        m = self.d.mark
        ready = f"SELECT id {self._ready()} ORDER BY id LIMIT {m}{self.d.skip_locked}"
        with self.transaction(commit=True) as c:
            c.execute(
                f"UPDATE {self.table} SET status = 'in_flight', claim = {m}, claimed_at = {m}, "
                f"attempts = attempts + 1, updated_at = {m} WHERE id IN ({ready})",
                (token, now, now, now, limit),
            )
            c.execute(
                f"SELECT {COLUMNS} FROM {self.table} WHERE claim = {m} "
                "AND status = 'in_flight' ORDER BY id",
                (token,),
            )
            return [row_from(r) for r in c.fetchall()]

    # Named queries ---------------------------------------------------------------------------

    def _select(self, where: str = "", params: Sequence[Any] = ()) -> list[OutboxRow]:
        sql = f"SELECT {COLUMNS} FROM {self.table}" + (f" WHERE {where}" if where else "")
        with self.transaction(commit=False) as c:
            c.execute(sql + " ORDER BY id", tuple(params))
            return [row_from(r) for r in c.fetchall()]

    def everything(self) -> list[OutboxRow]:
        return self._select()

    def get(self, key: str) -> OutboxRow | None:
        found = self._select(f"op_key = {self.d.mark}", (key,))
        return found[0] if found else None

    def with_status(self, status: Status) -> list[OutboxRow]:
        return self._select(f"status = {self.d.mark}", (status.value,))

    def parked(self) -> list[OutboxRow]:
        return self.with_status(Status.PARKED)

    def in_flight_before(self, moment: float) -> list[OutboxRow]:
        return self._select(f"status = 'in_flight' AND claimed_at < {self.d.mark}", (moment,))

    def for_run(self, run_id: str) -> list[OutboxRow]:
        return self._select(f"run_id = {self.d.mark}", (run_id,))

    def unfinished_for_run(self, run_id: str) -> list[OutboxRow]:
        return self._select(f"run_id = {self.d.mark} AND status <> 'done'", (run_id,))

    def backed_off(self, now: float) -> list[OutboxRow]:
        """Pending operations not due yet."""
        return self._select(f"status = 'pending' AND next_attempt_at > {self.d.mark}", (now,))

    def blocked(self) -> list[OutboxRow]:
        """Pending operations behind a dependency that is not done (or has no row)."""
        return self._select(
            f"status = 'pending' AND EXISTS (SELECT 1 FROM {self.deps} d LEFT JOIN "
            f"{self.table} x ON x.op_key = d.depends_on WHERE d.op_key = {self.table}.op_key "
            "AND (x.status IS NULL OR x.status <> 'done'))"
        )

    def status_counts(self, run_ids: Sequence[str] | None = None) -> dict[str, int]:
        """How many operations (of the runs `run_ids`, or of all) have each status."""
        where = f" WHERE run_id IN ({self.d.marks(len(run_ids))})" if run_ids else ""
        if run_ids is not None and not run_ids:
            return {}
        sql = f"SELECT status, COUNT(*) AS n FROM {self.table}{where} GROUP BY status"
        with self.transaction(commit=False) as c:
            c.execute(sql, tuple(run_ids or ()))
            return {r["status"]: int(r["n"]) for r in c.fetchall()}

    def dependencies(self, key: str) -> list[tuple[str, str]]:
        """Each dependency of `key` with its status ("missing" when it has no row)."""
        sql = (
            f"SELECT d.depends_on, x.status FROM {self.deps} d LEFT JOIN {self.table} x "
            f"ON x.op_key = d.depends_on WHERE d.op_key = {self.d.mark}"
        )
        with self.transaction(commit=False) as c:
            c.execute(sql, (key,))
            return [(r["depends_on"], r["status"] or "missing") for r in c.fetchall()]

    def recover(self, now: float, stuck_before: float) -> None:
        """In-flight operations whose worker holds no live lease, or that were claimed before
        `stuck_before` (a worker that hangs): their outcome is unknown, so QuickBooks is
        checked first."""
        m = self.d.mark
        leased = (
            f"SELECT 1 FROM {self.workers} w WHERE w.lease_until >= {m} "
            "AND substr(o.claim, 1, length(w.worker) + 1) = w.worker || ':'"
        )
        with self.transaction(commit=True) as c:
            c.execute(
                f"UPDATE {self.table} AS o SET status = 'pending', phase = 'probe', claim = '', "
                f"last_error = {m}, updated_at = {m} WHERE status = 'in_flight' "
                f"AND (claimed_at < {m} OR NOT EXISTS ({leased}))",
                (RECOVERED, now, stuck_before, now),
            )

    # Status changes, executed in the transaction that records the ledger events ------------

    def settle(
        self,
        row: OutboxRow,
        status: Status,
        phase: Phase,
        *,
        error: str = "",
        at: float,
        next_attempt_at: float = 0.0,
        hint: str = "",
        count_attempt: bool = True,
    ) -> OutboxChange:
        m = self.d.mark
        attempts = "attempts" if count_attempt else "attempts - 1"
        return OutboxChange().add(
            f"UPDATE {self.table} SET status = {m}, phase = {m}, last_error = {m}, claim = '', "
            f"next_attempt_at = {m}, hint = {m}, attempts = {attempts}, updated_at = {m} "
            f"WHERE id = {m}",
            (status.value, phase.value, error, next_attempt_at, hint, at, row.id),
        )

    def logged(
        self, run_id: str, key: str, request: str, code: int, outcome: str, message: str, at: float
    ) -> OutboxChange:
        return OutboxChange().add(
            f"INSERT INTO {self.log} (run_id, op_key, request, status_code, outcome, message, "
            f"at) VALUES ({self.d.marks(7)})",
            (run_id, key, request, code, outcome, message, at),
        )

    def log_entries(self, run_id: str) -> Iterator[dict[str, Any]]:
        with self.transaction(commit=False) as c:
            c.execute(
                f"SELECT * FROM {self.log} WHERE run_id = {self.d.mark} ORDER BY id", (run_id,)
            )
            rows = c.fetchall()
        for r in rows:
            yield dict(r)


def row_from(r: Any) -> OutboxRow:
    return OutboxRow(
        id=int(r["id"]),
        key=r["op_key"],
        kind=OpKind(r["kind"]),
        txn_kind=r["txn_kind"],
        txn_key=r["txn_key"],
        invoices=tuple(i for i in r["invoices"].split("|") if i),
        customer=r["customer"],
        status=Status(r["status"]),
        phase=Phase(r["phase"]),
        attempts=int(r["attempts"]),
        next_attempt_at=float(r["next_attempt_at"]),
        last_error=r["last_error"],
        run_id=r["run_id"],
        claimed_at=float(r["claimed_at"]),
        hint=r["hint"],
    )

"""The outbox tables: operations, their dependencies, the attempt log, the runs, what people
did to parked work, and the leases of the workers holding work in flight."""

from __future__ import annotations

from adapters.storage import idempotency
from adapters.storage.outbox.dialect import Dialect

OUTBOX, DEPS, LOG, RUNS, ACTIONS, WORKERS = (
    "qbsync_outbox",
    "qbsync_outbox_deps",
    "qbsync_sync_log",
    "qbsync_sync_runs",
    "qbsync_outbox_actions",
    "qbsync_sync_workers",
)


def create_statements(d: Dialect) -> list[str]:
    outbox, log = d.table(OUTBOX), d.table(LOG)
    return [
        f"CREATE TABLE IF NOT EXISTS {outbox} (id {d.serial}, "
        "op_key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, txn_kind TEXT NOT NULL, "
        "txn_key TEXT NOT NULL, invoices TEXT NOT NULL, customer TEXT NOT NULL, "
        "status TEXT NOT NULL, phase TEXT NOT NULL, attempts INTEGER NOT NULL, "
        "next_attempt_at DOUBLE PRECISION NOT NULL, last_error TEXT NOT NULL, "
        "run_id TEXT NOT NULL, claim TEXT NOT NULL, claimed_at DOUBLE PRECISION NOT NULL, "
        "hint TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL, "
        "updated_at DOUBLE PRECISION NOT NULL)",
        f"CREATE INDEX IF NOT EXISTS {d.name('qbsync_outbox_status')} ON {outbox} (status)",
        f"CREATE INDEX IF NOT EXISTS {d.name('qbsync_outbox_claim')} ON {outbox} (claim)",
        f"CREATE TABLE IF NOT EXISTS {d.table(DEPS)} (op_key TEXT NOT NULL, "
        "depends_on TEXT NOT NULL, PRIMARY KEY (op_key, depends_on))",
        f"CREATE TABLE IF NOT EXISTS {log} (id {d.serial}, run_id TEXT NOT NULL, "
        "op_key TEXT NOT NULL, request TEXT NOT NULL, status_code INTEGER NOT NULL, "
        "outcome TEXT NOT NULL, message TEXT NOT NULL, at DOUBLE PRECISION NOT NULL)",
        f"CREATE INDEX IF NOT EXISTS {d.name('qbsync_sync_log_run')} ON {log} (run_id)",
        f"CREATE TABLE IF NOT EXISTS {d.table(RUNS)} (run_id TEXT PRIMARY KEY, "
        "selection TEXT NOT NULL, state TEXT NOT NULL, started_at DOUBLE PRECISION NOT NULL, "
        "finished_at DOUBLE PRECISION NOT NULL, waiting TEXT NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS {d.table(ACTIONS)} (id {d.serial}, "
        "op_key TEXT NOT NULL, action TEXT NOT NULL, by_name TEXT NOT NULL, "
        "reason TEXT NOT NULL, status_before TEXT NOT NULL, at DOUBLE PRECISION NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS {d.table(WORKERS)} (worker TEXT PRIMARY KEY, "
        "host TEXT NOT NULL, pid INTEGER NOT NULL, lease_until DOUBLE PRECISION NOT NULL)",
        idempotency.create_statement(d),  # the API's Idempotency-Key answers
    ]

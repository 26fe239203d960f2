"""The outbox tables: operations, their dependencies, the attempt log and the runs."""

from __future__ import annotations

from adapters.sync.dialect import Dialect

OUTBOX, DEPS, LOG, RUNS = (
    "qbsync_outbox",
    "qbsync_outbox_deps",
    "qbsync_sync_log",
    "qbsync_sync_runs",
)


def create_statements(d: Dialect) -> list[str]:
    return [
        f"CREATE TABLE IF NOT EXISTS {d.table(OUTBOX)} (id {d.serial}, "
        "op_key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, txn_kind TEXT NOT NULL, "
        "txn_key TEXT NOT NULL, invoices TEXT NOT NULL, customer TEXT NOT NULL, "
        "status TEXT NOT NULL, phase TEXT NOT NULL, attempts INTEGER NOT NULL, "
        "next_attempt_at DOUBLE PRECISION NOT NULL, last_error TEXT NOT NULL, "
        "run_id TEXT NOT NULL, claim TEXT NOT NULL, claimed_at DOUBLE PRECISION NOT NULL, "
        "hint TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL, "
        "updated_at DOUBLE PRECISION NOT NULL)",
        f"CREATE INDEX IF NOT EXISTS qbsync_outbox_status ON {d.table(OUTBOX)} (status)",
        f"CREATE INDEX IF NOT EXISTS qbsync_outbox_claim ON {d.table(OUTBOX)} (claim)",
        f"CREATE TABLE IF NOT EXISTS {d.table(DEPS)} (op_key TEXT NOT NULL, "
        "depends_on TEXT NOT NULL, PRIMARY KEY (op_key, depends_on))",
        f"CREATE TABLE IF NOT EXISTS {d.table(LOG)} (id {d.serial}, run_id TEXT NOT NULL, "
        "op_key TEXT NOT NULL, request TEXT NOT NULL, status_code INTEGER NOT NULL, "
        "outcome TEXT NOT NULL, message TEXT NOT NULL, at DOUBLE PRECISION NOT NULL)",
        f"CREATE INDEX IF NOT EXISTS qbsync_sync_log_run ON {d.table(LOG)} (run_id)",
        f"CREATE TABLE IF NOT EXISTS {d.table(RUNS)} (run_id TEXT PRIMARY KEY, "
        "selection TEXT NOT NULL, state TEXT NOT NULL, started_at DOUBLE PRECISION NOT NULL, "
        "finished_at DOUBLE PRECISION NOT NULL, waiting TEXT NOT NULL)",
    ]

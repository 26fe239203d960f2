"""PostgreSQL operations: eight processes starting at once on a fresh schema all start (the
schema set-up takes turns), and connections the server drops are replaced, not failed on."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest

from adapters.faults import operational_fault
from adapters.services.sync.ledger_with_outbox import SyncLedger
from adapters.settings import persistence_env
from tests.support.postgres import postgres_conninfo, postgres_url, throwaway_schema

REPO_ROOT = Path(__file__).resolve().parents[3]
STARTS = 8
_START_AT_ONCE = (
    "import sys, time\n"
    "while time.time() < float(sys.argv[1]): time.sleep(0.001)\n"
    "from api.bootstrap import bootstrap\n"
    "bootstrap().close()\n"
)


def test_eight_processes_starting_at_once_on_a_fresh_schema_all_start(tmp_path: Path) -> None:
    with throwaway_schema() as schema:
        env = {k: v for k, v in os.environ.items() if not k.startswith("QBSYNC_")}
        url = postgres_url(schema) + "&pool_size=1"  # 8 processes within the server's clients
        env |= {"QBSYNC_DATABASE_URL": url, "QBSYNC_DATA_DIR": str(tmp_path)}
        go = str(time.time() + 3.0)  # after every interpreter has started and imported
        starts = [
            subprocess.Popen(
                [sys.executable, "-c", _START_AT_ONCE, go],
                cwd=REPO_ROOT,
                env=env,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(STARTS)
        ]
        failures = []
        for start in starts:
            _, err = start.communicate(timeout=120)
            if start.returncode != 0:
                failures.append(err.strip().splitlines()[-1])
        assert failures == []
        with psycopg.connect(postgres_conninfo(), autocommit=True) as connection:
            tables = connection.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = %s", (schema,)
            ).fetchone()
        assert tables is not None
        assert tables[0] >= 5


@pytest.fixture
def application_name(monkeypatch: pytest.MonkeyPatch) -> str:
    """libpq names this process's connections so that the test can drop just those."""
    name = f"qbsync-test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("PGAPPNAME", name)
    return name


def _drop_connections(application: str, how_many: int) -> int:
    with psycopg.connect(postgres_conninfo() + " application_name=dropper") as connection:
        dropped = connection.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM (SELECT pid FROM pg_stat_activity "
            "WHERE application_name = %s LIMIT %s) AS chosen",
            (application, how_many),
        ).fetchone()
    return int(dropped[0]) if dropped else 0


def test_dropped_connections_are_replaced_before_use(application_name: str) -> None:
    with throwaway_schema() as schema:
        ledger = SyncLedger(env=persistence_env(postgres_url(schema), Path(".")))
        try:
            ledger.register_customer("BEFORE", "Before The Drop")
            assert _drop_connections(application_name, 2) == 2
            ledger.register_customer("AFTER", "After The Drop")
            with ledger.datastore.transaction(commit=False) as cursor:  # not retried
                cursor.execute(f'SELECT count(*) AS n FROM "{schema}".qbsync_outbox')
                assert cursor.fetchone() is not None
        finally:
            ledger.close()


def test_after_every_connection_dropped_at_most_one_request_fails_and_says_retry(
    application_name: str,
) -> None:
    """As after a server restart: the pool replaces its connections one check at a time, with
    back-off, so the first request may give up (a retryable fault); the next one works."""
    with throwaway_schema() as schema:
        ledger = SyncLedger(env=persistence_env(postgres_url(schema), Path(".")))
        try:
            ledger.register_customer("BEFORE", "Before The Restart")
            assert _drop_connections(application_name, 100) >= 1
            outcomes: list[str] = []
            for _ in range(2):
                try:
                    ledger.register_customer(f"C{len(outcomes)}", "After The Restart")
                    outcomes.append("ok")
                except Exception as error:
                    fault = operational_fault(error, "the test database")
                    assert fault is not None, error  # noqa: PT017  (only a failed attempt is checked)
                    assert fault.retryable, error  # noqa: PT017
                    outcomes.append("retryable")
            assert outcomes[-1] == "ok"
        finally:
            ledger.close()

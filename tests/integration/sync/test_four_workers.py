"""Four real worker processes sync one PostgreSQL ledger into one simulator company file at
the same time: QuickBooks ends holding exactly what the ledger says (nothing twice, nothing
missing) and the work is spread over the workers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.settings import Settings
from api.bootstrap import bootstrap
from domain.policy import PolicyLevel
from tests.e2e.gateway.serve_process import REPO_ROOT
from tests.e2e.sync.conftest import applied_to, invoice_copies, payment_copies, record_paid_job
from tests.support.backends import database_url

WORKERS, JOBS = 4, 100  # 300 operations: a customer, an invoice and a payment per job


@pytest.mark.postgres
def test_four_workers_share_one_ledger_and_one_company(tmp_path: Path) -> None:
    with database_url("postgres", tmp_path) as url:
        settings = Settings(data_dir=tmp_path, database_url=url, api_token="t")
        container = bootstrap(settings)
        try:
            container.ledger.record_import_completed("test")
            container.ledger.change_policy_level(PolicyLevel.MODERATE, "controller")
            for job in range(JOBS):
                record_paid_job(container, f"{8000 + job}", f"W{job}", "40.00")
        finally:
            container.close()
        env = {k: v for k, v in os.environ.items() if not k.startswith("QBSYNC_")} | {
            "QBSYNC_DATA_DIR": str(tmp_path),
            "QBSYNC_DATABASE_URL": url,
            "QBSYNC_API_TOKEN": "t",
        }
        go = tmp_path / "go"
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "tests.integration.sync.sync_worker", str(go)],
                cwd=REPO_ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(WORKERS)
        ]
        go.touch()
        sent = []
        for worker in workers:
            out, err = worker.communicate(timeout=300)
            assert worker.returncode == 0, err
            sent.append(json.loads(out))

        quickbooks = QuickBooksSimulator.open(settings.simulator_file)
        container = bootstrap(settings)
        try:
            numbers = [f"{8000 + job}-1" for job in range(JOBS)]
            assert {invoice_copies(quickbooks)[n] for n in numbers} == {1}
            assert {payment_copies(quickbooks)[f"P-{n[:-2]}"] for n in numbers} == {1}
            for number in numbers:
                held = container.ledger.invoice(number).qb_txn_id
                assert held is not None
                assert applied_to(quickbooks, f"P-{number[:-2]}") == [held]
            names = Counter(c.name for c in quickbooks.company.customers.values())
            assert {names[f"Customer W{job}"] for job in range(JOBS)} == {1}
            sync = container.synchronizer()
            assert not sync.parked()
            assert not sync.stuck()
            assert not sync.engine.runs.open_runs()
        finally:
            container.close()
    requests = [s["requests"] for s in sent]
    print(f"requests per worker: {requests}; messages: {[s['messages'] for s in sent]}")
    # A worker whose process starts after the others have emptied the outbox rightly finds
    # nothing (seen under load: [186, 0, 149, 165]); at least three of four must take part.
    assert sum(n > 0 for n in requests) >= 3, requests
    assert max(requests) < 0.6 * sum(requests), requests  # no worker did most of it

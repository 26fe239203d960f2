"""A real `qbsync sync` killed (SIGKILL) with operations in flight, then `qbsync sync` run
again at once: the second recovers the dead worker's work at once (its process is gone),
asks QuickBooks about it, and finishes in that run; QuickBooks holds each transaction and
each application exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from adapters.quickbooks.simulator import QuickBooksSimulator
from api.bootstrap import bootstrap
from domain.policy import PolicyLevel
from tests.e2e.gateway.serve_process import REPO_ROOT, serve_env
from tests.e2e.sync.conftest import (
    applied_to,
    invoice_copies,
    payment_copies,
    record_paid_job,
    settings_for,
)

JOBS = 120
SYNC = [sys.executable, "-c", "from api.cli import main; main()", "sync", "--json"]


def a_busy_day(data_dir: Path) -> None:
    container = bootstrap(settings_for(data_dir))
    try:
        container.ledger.record_import_completed("test")
        container.ledger.change_policy_level(PolicyLevel.MODERATE, "controller")
        for job in range(JOBS):
            record_paid_job(container, f"{9000 + job}", f"K{job}", "40.00")
    finally:
        container.close()


def in_flight(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / "ledger.sqlite", timeout=5) as db:
        found = db.execute("SELECT COUNT(*) FROM qbsync_outbox WHERE status = 'in_flight'")
        return int(found.fetchone()[0])


def kill_while_in_flight(data_dir: Path) -> int:
    """Start `qbsync sync`, SIGKILL it the moment it has work in flight; returns how much."""
    process = subprocess.Popen(
        SYNC,
        cwd=REPO_ROOT,
        env=serve_env(data_dir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if in_flight(data_dir):
                    os.kill(process.pid, signal.SIGKILL)
                    break
            except sqlite3.OperationalError:
                pass  # the ledger is being written or not created yet
            time.sleep(0.002)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
    return in_flight(data_dir)


def test_a_killed_sync_is_finished_at_once_by_the_next(tmp_path: Path) -> None:
    a_busy_day(tmp_path)
    left = kill_while_in_flight(tmp_path)
    if not left:
        pytest.fail("the sync finished or was killed before it had work in flight")
    started = time.monotonic()
    again = subprocess.run(
        SYNC, cwd=REPO_ROOT, env=serve_env(tmp_path), capture_output=True, text=True, timeout=300
    )
    took = time.monotonic() - started
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert report["state"] == "finished"
    assert not [w for w in report["waiting"] if w["status"]], report["waiting"]
    assert not report["needs_a_person"]
    assert in_flight(tmp_path) == 0

    quickbooks = QuickBooksSimulator.open(settings_for(tmp_path).simulator_file)
    numbers = [f"{9000 + job}-1" for job in range(JOBS)]
    assert {invoice_copies(quickbooks)[n] for n in numbers} == {1}
    assert {payment_copies(quickbooks)[f"P-{n[:-2]}"] for n in numbers} == {1}
    container = bootstrap(settings_for(tmp_path))
    try:
        for number in numbers:
            qb_invoice = container.ledger.invoice(number).qb_txn_id
            assert applied_to(quickbooks, f"P-{number[:-2]}") == [qb_invoice]
        assert not container.synchronizer().engine.runs.open_runs()
        probes = Counter(
            entry["outcome"]
            for run in container.synchronizer().engine.runs.all()
            for entry in container.synchronizer().engine.outbox.log_entries(run.run_id)
        )
    finally:
        container.close()
    print(
        f"killed with {left} operations in flight; the next sync finished in {took:.1f} s; "
        f"outcomes {dict(probes)}"
    )

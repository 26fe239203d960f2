"""`qbsync sync` and `qbsync manual-actions` on a temporary data dir (QBSYNC_DATA_DIR)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from adapters.quickbooks.simulator import QuickBooksSimulator
from api.bootstrap import bootstrap
from api.cli import app
from tests.e2e.sync.conftest import (
    invoice_copies,
    payment_copies,
    record_draft_invoice,
    record_paid_job,
    settings_for,
)


def qbsync(tmp_path: Path, *args: str) -> tuple[int, str]:
    env = {"QBSYNC_DATA_DIR": str(tmp_path), "QBSYNC_DATABASE_URL": "", "COLUMNS": "200"}
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.output


def recorded_day(tmp_path: Path) -> None:
    container = bootstrap(settings_for(tmp_path))
    try:
        container.ledger.record_import_completed("test")
        record_paid_job(container, "9601", "C1", "50.00")
        record_paid_job(container, "9602", "C2", "70.00")
        record_draft_invoice(container, "9603-1", "C3")
    finally:
        container.close()


def quickbooks(tmp_path: Path) -> QuickBooksSimulator:
    return QuickBooksSimulator.open(settings_for(tmp_path).simulator_file)


def test_sync_is_refused_before_the_import(tmp_path: Path) -> None:
    code, output = qbsync(tmp_path, "sync")
    assert code == 2
    assert "no Import from QuickBooks has completed" in output


def test_sync_delivers_the_selection_then_the_rest(tmp_path: Path) -> None:
    recorded_day(tmp_path)
    # only one invoice: it goes (with its customer), the rest waits
    code, output = qbsync(tmp_path, "sync", "--only", "invoice:9601-1", "--json")
    assert code == 0, output
    report = json.loads(output)
    assert "invoice-add:9601-1" in report["done"]
    assert "invoice-add:9602-1" not in report["done"]
    assert report["selection"]["keys"] == {"invoice": ["9601-1"]}
    assert invoice_copies(quickbooks(tmp_path))["9602-1"] == 0

    # everything: the rest goes, the draft waits and the table says why
    code, output = qbsync(tmp_path, "sync")
    assert code == 0, output
    assert "invoice-add:9602-1" in output
    assert "payment-add:P-9601" in output
    assert "9603-1" in output
    assert "not finalized" in output
    sim = quickbooks(tmp_path)
    assert [invoice_copies(sim)[n] for n in ("9601-1", "9602-1", "9603-1")] == [1, 1, 0]
    assert [payment_copies(sim)[p] for p in ("P-9601", "P-9602")] == [1, 1]

    # nothing new: nothing sent
    code, output = qbsync(tmp_path, "sync", "--type", "invoice", "--type", "payment")
    assert code == 0
    assert "Nothing was sent to QuickBooks." in output


def test_an_unknown_type_is_refused(tmp_path: Path) -> None:
    recorded_day(tmp_path)
    code, output = qbsync(tmp_path, "sync", "--type", "estimate")
    assert code == 2
    assert "unknown transaction type 'estimate'" in output


def test_manual_actions_are_listed_and_marked_done(tmp_path: Path) -> None:
    recorded_day(tmp_path)
    assert qbsync(tmp_path, "sync")[0] == 0
    container = bootstrap(settings_for(tmp_path))
    try:
        action = container.ledger.void_payment("P-9601", "bounced cheque")
    finally:
        container.close()
    assert action is not None
    code, output = qbsync(tmp_path, "manual-actions")
    assert code == 0
    assert str(action.id) in output
    code, output = qbsync(tmp_path, "manual-actions", "done", str(action.id), "--by", "Ann")
    assert code == 0
    assert "marked done by Ann" in output
    assert "No open manual actions." in qbsync(tmp_path, "manual-actions")[1]
    code, output = qbsync(tmp_path, "manual-actions", "--all")
    assert str(action.id) in output
    assert "Ann" in output
    code, output = qbsync(tmp_path, "manual-actions", "done", str(action.id), "--by", "Ann")
    assert code == 2
    assert "already done" in output

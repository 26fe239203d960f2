"""Parked work through the API and the CLI: `qbsync sync` parks a refused invoice and later
syncs never send it again; only a person's retry does (recorded with who); a dismissal is
recorded with who and why; both refuse what they cannot do, in words."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from api.bootstrap import Container, bootstrap
from domain.lines import make_line
from domain.policy import PolicyLevel
from tests.e2e.sync.conftest import DAY, TOKEN, invoice_copies, settings_for
from tests.e2e.sync.test_sync_cli import qbsync, quickbooks

WRITER = {"Authorization": f"Bearer {TOKEN}"}
BAD = "invoice-add:900-1"


def a_refused_invoice(container: Container) -> None:
    ledger = container.ledger
    ledger.record_import_completed("test")
    ledger.change_policy_level(PolicyLevel.AGGRESSIVE, "controller")
    ledger.register_customer("C9", "Refused Item Towing")
    bad = make_line("Hovercraft Recovery", "no such item in QuickBooks", "1", "99.00")
    ledger.create_invoice("900-1", "C9", DAY, [bad])
    ledger.finalize_invoice("900-1")


def sends_of_bad(tmp_path: Path) -> int:
    container = bootstrap(settings_for(tmp_path))
    try:
        log = container.synchronizer().engine.outbox
        runs = container.synchronizer().engine.runs.all()
        return sum(
            1
            for run in runs
            for entry in log.log_entries(run.run_id)
            if entry["op_key"] == BAD and entry["request"].startswith("InvoiceAdd")
        )
    finally:
        container.close()


def test_the_cli_retries_and_dismisses_parked_work(tmp_path: Path) -> None:
    container = bootstrap(settings_for(tmp_path))
    try:
        a_refused_invoice(container)
    finally:
        container.close()
    for _ in range(3):
        code, output = qbsync(tmp_path, "sync", "--json")
        assert code == 0, output
    assert sends_of_bad(tmp_path) == 1
    code, output = qbsync(tmp_path, "work", "--json")
    assert [row["operation"] for row in json.loads(output)] == [BAD]

    code, output = qbsync(tmp_path, "work", "retry", BAD, "--by", "")
    assert code == 2
    assert "say who asks to retry" in output
    code, output = qbsync(tmp_path, "work", "retry", BAD, "--by", "Dana")
    assert code == 0, output
    assert "sent again at the next sync (retried by Dana)" in output, output
    code, output = qbsync(tmp_path, "work", "retry", BAD, "--by", "Dana")
    assert code == 2
    assert "is pending; only parked or dismissed work can be retried" in output
    assert qbsync(tmp_path, "sync")[0] == 0
    assert sends_of_bad(tmp_path) == 2

    code, output = qbsync(
        tmp_path, "work", "dismiss", BAD, "--by", "Dana", "--why", "keyed by hand"
    )
    assert code == 0, output
    assert "dismissed by Dana: keyed by hand" in output, output
    code, output = qbsync(tmp_path, "work", "history", BAD, "--json")
    assert [(e["action"], e["by"], e["reason"]) for e in json.loads(output)] == [
        ("retry", "Dana", ""),
        ("dismiss", "Dana", "keyed by hand"),
    ]
    code, output = qbsync(tmp_path, "work", "history", "invoice-add:nope")
    assert code == 1
    assert "sync operation invoice-add:nope does not exist" in output
    assert qbsync(tmp_path, "sync")[0] == 0
    assert sends_of_bad(tmp_path) == 2
    assert invoice_copies(quickbooks(tmp_path))["900-1"] == 0


def test_the_api_retries_and_dismisses_parked_work(container: Container) -> None:
    a_refused_invoice(container)
    sync = container.synchronizer()
    sync.run_directly(sync.start_run(), container.quickbooks_simulator().handle)
    client = TestClient(create_app(container))
    assert client.post(f"/sync/work/{BAD}/retry", json={"by": "Dana"}).status_code == 401
    answer = client.post(f"/sync/work/{BAD}/dismiss", json={"by": "Dana"}, headers=WRITER)
    assert answer.status_code == 422, answer.text
    answer = client.post(
        f"/sync/work/{BAD}/dismiss", json={"by": "Dana", "reason": "keyed"}, headers=WRITER
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["status_before"] == "parked"
    assert answer.json()["action"] == "dismiss"
    answer = client.post(
        f"/sync/work/{BAD}/dismiss", json={"by": "Dana", "reason": "again"}, headers=WRITER
    )
    assert answer.status_code == 409, answer.text
    assert "is dismissed; only parked or pending work can be dismissed" in answer.text
    answer = client.post(f"/sync/work/{BAD}/retry", json={"by": "Lee"}, headers=WRITER)
    assert answer.status_code == 200
    assert answer.json()["status_before"] == "dismissed"
    assert (
        client.post("/sync/work/x:1/retry", json={"by": "Lee"}, headers=WRITER).status_code == 404
    )
    history = client.get(f"/sync/work/{BAD}/history").json()
    assert [(h["action"], h["by"]) for h in history] == [("dismiss", "Dana"), ("retry", "Lee")]
    assert not sync.parked()
    assert sync.engine.outbox.get(BAD).status.value == "pending"  # type: ignore[union-attr]

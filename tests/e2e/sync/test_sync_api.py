"""Synchronise through the HTTP API: refused before the import, then a run delivered in the
background to the QuickBooks simulator, followed to its end, and its report."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from api.bootstrap import Container
from tests.e2e.sync.conftest import (
    TOKEN,
    applied_to,
    invoice_copies,
    payment_copies,
    record_draft_invoice,
    record_paid_job,
)

WRITER = {"Authorization": f"Bearer {TOKEN}"}


def finished(client: TestClient, run_id: str, timeout: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        progress: dict[str, Any] = client.get(f"/sync/runs/{run_id}").json()
        if progress["status"] != "open" and not progress["delivering"]:
            return progress
        time.sleep(0.05)
    raise AssertionError(f"sync run {run_id} did not finish: {progress}")


def start(client: TestClient, body: dict[str, Any] | None = None) -> str:
    answer = client.post("/sync/runs", json=body or {}, headers=WRITER)
    assert answer.status_code == 202, answer.text
    run_id: str = answer.json()["run_id"]
    return run_id


def test_a_sync_before_any_import_is_refused(container: Container) -> None:
    client = TestClient(create_app(container))
    answer = client.post("/sync/runs", json={}, headers=WRITER)
    assert answer.status_code == 409
    assert answer.json()["error"] == "ImportRequired"
    assert "no Import from QuickBooks has completed" in answer.json()["detail"]


def test_a_run_delivers_once_and_reports_what_waits(container: Container) -> None:
    client = TestClient(create_app(container))
    sim = container.quickbooks_simulator()
    container.ledger.record_import_completed("test")
    record_paid_job(container, "9101", "C1", "50.00")
    record_paid_job(container, "9102", "C2", "70.00")
    record_draft_invoice(container, "9103-1", "C3")

    # a run of everything: accepted at once, delivered in the background
    run_id = start(client)
    progress = finished(client, run_id)
    assert progress["status"] == "finished"
    assert progress["percent"] == 100
    assert progress["operations"] == progress["answered"] == progress["sent"] > 0

    # the report says what was sent and what waits, and why
    report = client.get(f"/sync/runs/{run_id}/report").json()
    assert {"invoice-add:9101-1", "payment-add:P-9101", "customer-add:C2"} <= set(report["done"])
    answered = {(s["operation"], s["request"], s["status_code"]) for s in report["sent"]}
    assert ("invoice-add:9101-1", "InvoiceAdd", 0) in answered
    assert ("payment-add:P-9102", "ReceivePaymentAdd", 0) in answered
    waiting = {item["subject"]: " ".join(item["why"]) for item in report["waiting"]}
    assert "not finalized" in waiting["invoice 9103-1"]
    assert report["needs_a_person"] == []
    assert report["manual_actions"] == []

    # QuickBooks holds exactly one copy of each, each payment applied once
    assert [invoice_copies(sim)[n] for n in ("9101-1", "9102-1", "9103-1")] == [1, 1, 0]
    assert [payment_copies(sim)[p] for p in ("P-9101", "P-9102")] == [1, 1]
    assert applied_to(sim, "P-9101") == [container.ledger.invoice("9101-1").qb_txn_id]

    # a second run finds nothing new to send
    again = start(client)
    finished(client, again)
    assert client.get(f"/sync/runs/{again}/report").json()["sent"] == []
    assert [invoice_copies(sim)[n] for n in ("9101-1", "9102-1")] == [1, 1]
    assert client.get("/sync/parked").json() == []
    assert client.get("/sync/stuck").json() == []


def test_a_selection_sends_only_what_it_names(container: Container) -> None:
    client = TestClient(create_app(container))
    sim = container.quickbooks_simulator()
    container.ledger.record_import_completed("test")
    record_paid_job(container, "9201", "C1", "50.00")
    record_paid_job(container, "9202", "C2", "70.00")
    run_id = start(client, {"transactions": {"payment": ["P-9202"]}})
    finished(client, run_id)
    # the selected payment went, with the invoice it needs; the other job waits
    assert payment_copies(sim)["P-9202"] == 1
    assert invoice_copies(sim)["9202-1"] == 1
    assert invoice_copies(sim)["9201-1"] == 0
    assert payment_copies(sim)["P-9201"] == 0
    selection = client.get(f"/sync/runs/{run_id}/report").json()["selection"]
    assert selection["keys"] == {"account payment": ["P-9202"], "job payment": ["P-9202"]}


def test_a_web_connector_run_waits_in_the_outbox(container: Container) -> None:
    client = TestClient(create_app(container))
    container.ledger.record_import_completed("test")
    record_paid_job(container, "9301", "C1", "50.00")
    run_id = start(client, {"transport": "webconnector"})
    progress = client.get(f"/sync/runs/{run_id}").json()
    assert progress["status"] == "open"
    assert not progress["delivering"]
    assert progress["operations"] > 0
    assert progress["sent"] == 0
    assert progress["percent"] == 0
    assert invoice_copies(container.quickbooks_simulator())["9301-1"] == 0


def test_sync_requests_are_checked(container: Container) -> None:
    client = TestClient(create_app(container))
    container.ledger.record_import_completed("test")
    assert client.post("/sync/runs", json={}).status_code == 401
    unknown = client.post("/sync/runs", json={"types": ["estimate"]}, headers=WRITER)
    assert unknown.status_code == 422
    assert "estimate" in unknown.json()["detail"]
    assert client.get("/sync/runs/nope").status_code == 404
    assert client.get("/sync/runs/nope/report").status_code == 404


def test_manual_actions_are_listed_until_done(container: Container) -> None:
    client = TestClient(create_app(container))
    container.ledger.record_import_completed("test")
    record_paid_job(container, "9401", "C1", "50.00")
    finished(client, start(client))
    action = container.ledger.void_payment("P-9401", "bounced cheque")
    assert action is not None
    listed = client.get("/manual-actions").json()
    assert [item["id"] for item in listed] == [str(action.id)]
    done = client.post(f"/manual-actions/{action.id}/done", json={"done_by": "Ann"}, headers=WRITER)
    assert done.status_code == 200
    assert client.get("/manual-actions?open=true").json() == []
    everything = client.get("/manual-actions", params={"open": "false"}).json()
    assert [(item["id"], item["done_by"]) for item in everything] == [(str(action.id), "Ann")]

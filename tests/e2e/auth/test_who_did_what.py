"""Every event names who acted: the API token's name, or the CLI's --by."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from tests.e2e.auth.servers import NAMES, REPO_ROOT, auth, production_env, running_serve


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def cited_in(value: Any) -> list[dict[str, Any]]:
    """Every citation inside an explanation's part."""
    if isinstance(value, dict):
        if "originator_id" in value:
            return [value]
        return [c for item in value.values() for c in cited_in(item)]
    if isinstance(value, list):
        return [c for item in value for c in cited_in(item)]
    return []


def qbsync(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, "-c", "from api.cli import main; main()", *args]
    done = subprocess.run(
        command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_a_transactions_history_names_who_did_each_step(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    bookkeeper, controller, auditor = auth("bookkeeper"), auth("controller"), auth("auditor")
    with running_serve(env) as server:
        ok(httpx.post(f"{server}/imports", json={}, headers=bookkeeper, timeout=60), 201)
        customer = {"code": "ACME", "name": "Acme Towing"}
        ok(httpx.post(f"{server}/customers", json=customer, headers=bookkeeper), 201)
        line = {"item": "Towing", "description": "tow", "quantity": "1", "rate": "185.00"}
        invoice = {"number": "7-1", "customer": "ACME", "txn_date": "2026-03-02", "lines": [line]}
        ok(httpx.post(f"{server}/invoices", json=invoice, headers=bookkeeper), 201)
        ok(httpx.post(f"{server}/invoices/7-1/finalize", headers=controller))
        payment = {"reference": "P-7", "customer": "ACME", "amount": "185.00",
                   "txn_date": "2026-03-03"}  # fmt: skip
        ok(httpx.post(f"{server}/payments/account", json=payment, headers=bookkeeper), 201)
        application = {"invoice": "7-1", "amount": "185.00"}
        ok(
            httpx.post(f"{server}/payments/P-7/applications", json=application, headers=controller),
            201,
        )

        draft = {**invoice, "number": "8-1"}
        ok(httpx.post(f"{server}/invoices", json=draft, headers=bookkeeper), 201)
        waiting = ok(httpx.get(f"{server}/policy/explain/invoice/8-1", headers=auditor))
        qbsync(env, "--by", "dana", "sync", "--json")

        history = ok(httpx.get(f"{server}/invoices/7-1", headers=auditor))["history"]
        steps = [(entry["type"], entry["by"]) for entry in history]
        explained = ok(httpx.get(f"{server}/policy/explain/invoice/7-1", headers=auditor))
    bo, cy = NAMES["bookkeeper"], NAMES["controller"]
    assert steps[:3] == [("Created", bo), ("Finalized", cy), ("ApplicationReceived", cy)], steps
    assert ("ImportedToQuickBooks", "qbsync") in steps[3:], steps  # QuickBooks' answer
    assert all("acted_by" not in entry["data"] for entry in history)
    assert explained["imported_by"]["by"] == "qbsync"
    draft_cited = [c for verdict in waiting["imports"].values() for c in cited_in(verdict)]
    assert draft_cited, waiting["imports"]
    assert {c["by"] for c in draft_cited} == {bo}, waiting["imports"]


def test_the_cli_acts_as_by_or_else_the_os_user(tmp_path: Path) -> None:
    env = production_env(tmp_path) | {"USER": "os-user-7", "LOGNAME": "os-user-7"}
    qbsync(env, "import")
    qbsync(env, "policy", "set", "moderate", "--by", "ellen")
    with running_serve(env) as server:
        company = ok(httpx.get(f"{server}/company", headers=auth("auditor")))
    steps = [(entry["type"], entry["by"]) for entry in company["history"]]
    assert steps[-1][1] == "ellen", steps
    assert steps[-2][1] == "os-user-7", steps

"""An import asked for through the Web Connector is kept in the ledger: a `qbsync serve`
killed before the Web Connector's next session loses nothing, and the next server runs it."""

from __future__ import annotations

from pathlib import Path

import httpx

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.webconnector.emulator import SessionReport, WebConnectorEmulator
from adapters.quickbooks.webconnector.users import QbwcUser, format_user
from tests.e2e.gateway.serve_process import TOKEN, running_serve, serve_env
from tests.unit.qbwc.factories import cheap_hash

PASSWORD = "bookkeeper-correct-horse"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def web_connector_session(base: str, quickbooks: QuickBooksSimulator) -> SessionReport:
    return WebConnectorEmulator(
        url=f"{base}/qbwc/company/miller",
        username="bookkeeper",
        password=PASSWORD,
        backend=quickbooks.handle,
    ).run()


def test_an_import_asked_for_survives_a_killed_server(tmp_path: Path) -> None:
    users = format_user(QbwcUser("bookkeeper", "miller", cheap_hash(PASSWORD)))
    env = serve_env(tmp_path / "data", QBSYNC_QUICKBOOKS="webconnector", QBSYNC_QBWC_USERS=users)
    # QuickBooks' own company, on the bookkeeper's PC: the emulated Web Connector reaches it.
    quickbooks = QuickBooksSimulator.open(tmp_path / "bookkeepers-pc" / "company.sqlite")

    with running_serve(env, kill=True) as base:
        asked = httpx.post(f"{base}/imports", json={"page_size": 3}, headers=AUTH)
        assert asked.status_code == 202, asked.text
        assert httpx.get(f"{base}/imports").json() == []

    with running_serve(env) as base:
        session = web_connector_session(base, quickbooks)
        assert session.outcome == "completed", session.errors
        [run] = httpx.get(f"{base}/imports").json()
        assert run["status"] == "completed"
        assert httpx.get(f"{base}/company").json()["imports_completed"] == 1

        # Done once: the next session has nothing to import (and nothing to sync).
        again = web_connector_session(base, quickbooks)
        assert again.outcome == "nothing to do", again.errors
    quickbooks.close()

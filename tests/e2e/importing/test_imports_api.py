"""The import over HTTP (against the configured QuickBooks simulator) and from the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app as cli
from domain.lines import Line
from tests.e2e.ledger_api_client import LedgerApi, ledger_api


@pytest.fixture
def api(tmp_path: Path) -> Iterator[LedgerApi]:
    with ledger_api(tmp_path) as client:
        yield client


def test_an_import_is_started_listed_and_read_over_http(api: LedgerApi) -> None:
    started = api.ok("POST", "/imports", {"page_size": 2}, status=201)

    assert started["status"] == "completed"
    assert started["counts"]["customer"] == {"added": 8, "updated": 0, "unchanged": 0}
    assert "Harbor Freight Lines:Yard Cleanup" in started["kinds"]["customer"]["added_names"]
    [listed] = api.get("/imports")
    assert listed["run_id"] == started["run_id"]
    assert "kinds" not in listed
    assert api.get(f"/imports/{started['run_id']}") == started
    assert api.get("/company")["import_completed"] is True
    assert api.get("/customers/Smith Auto Body")["opening_balance"] == "239.00"


def test_an_import_needs_the_bearer_token_and_an_unknown_run_is_404(api: LedgerApi) -> None:
    assert api.anonymous.post("/imports", json={}).status_code == 401
    missing = api.anonymous.get("/imports/no-such-run")
    assert missing.status_code == 404
    assert "import run no-such-run" in missing.json()["detail"]


def test_a_repeat_over_transactions_is_409_until_confirmed(api: LedgerApi) -> None:
    api.ok("POST", "/imports", {}, status=201)
    api.container.ledger.create_invoice(
        "W-1", "Jane Doe", date(2024, 5, 2), [Line("Towing", "Tow", Decimal("1"), Decimal("95"))]
    )

    refused = api.writer.post("/imports", json={})
    assert refused.status_code == 409
    assert refused.json()["error"] == "RepeatImportNeedsConfirmation"
    assert "already holds invoices, payments or credit memos" in refused.json()["detail"]
    confirmed = api.ok("POST", "/imports", {"confirm": True, "by": "Carol"}, status=201)
    assert confirmed["repeat"] is True
    assert confirmed["confirmed_by"] == "Carol"
    assert len(api.get("/imports")) == 2


def test_an_import_can_wait_for_the_web_connector(api: LedgerApi) -> None:
    queued = api.ok("POST", "/imports", {"via": "webconnector"}, status=202)
    assert queued["status"] == "waiting for the Web Connector"
    assert api.container.import_requests().pending


def test_the_cli_imports_through_the_web_connector_and_shows_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QBSYNC_DATA_DIR", str(tmp_path))
    runner = CliRunner()

    imported = runner.invoke(cli, ["import", "--via-webconnector", "--page-size", "3"])
    assert imported.exit_code == 0, imported.output
    assert "completed" in imported.output

    shown = runner.invoke(cli, ["import-report"])
    assert shown.exit_code == 0, shown.output
    assert "Import runs" in shown.output
    assert "customer" in shown.output

    again = runner.invoke(cli, ["import"])
    assert again.exit_code == 0, again.output

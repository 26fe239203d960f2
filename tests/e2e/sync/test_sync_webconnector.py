"""The sync pulled by the Web Connector from the whole app on a real uvicorn (127.0.0.1):
an import first, then the sync; a lost answer midway, and the session that recovers."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.quickbooks.webconnector.emulator import SessionReport, WebConnectorEmulator
from adapters.quickbooks.webconnector.users import QbwcUser, format_user
from adapters.services.importing.conversation import ImportOptions
from api.app import create_app
from api.bootstrap import Container, bootstrap
from api.webconnector_wiring import OneLedgerOneCompany
from tests.e2e.qbwc.conftest import ServeApp, serve_app  # noqa: F401  (the fixture)
from tests.e2e.sync.conftest import (
    PASSWORD,
    applied_to,
    invoice_copies,
    payment_copies,
    record_paid_job,
    settings_for,
)
from tests.unit.qbwc.factories import cheap_hash


def session(container: Container, base_url: str, password: str = PASSWORD) -> SessionReport:
    return WebConnectorEmulator(
        url=f"{base_url}/qbwc/company/miller",
        username="bookkeeper",
        password=password,
        backend=container.quickbooks_simulator().handle,
    ).run()


def test_the_web_connector_imports_then_syncs_exactly_once(
    container: Container,
    serve_app: ServeApp,  # noqa: F811
) -> None:
    base_url = serve_app(create_app(container))
    sim = container.quickbooks_simulator()
    # nothing asked for and no import yet: the session has nothing to do
    assert session(container, base_url).outcome == "nothing to do"

    # an import asked for: the next session runs it
    container.import_requests().request(ImportOptions(page_size=50))
    assert session(container, base_url).outcome == "completed"
    assert container.ledger.company_settings().imports_completed == 1

    # the day's work: the next session syncs it, one copy of each
    record_paid_job(container, "9501", "C1", "50.00")
    record_paid_job(container, "9502", "C2", "70.00")
    synced = session(container, base_url)
    assert synced.outcome == "completed", synced.errors
    assert [invoice_copies(sim)[n] for n in ("9501-1", "9502-1")] == [1, 1]
    assert [payment_copies(sim)[p] for p in ("P-9501", "P-9502")] == [1, 1]
    assert applied_to(sim, "P-9502") == [container.ledger.invoice("9502-1").qb_txn_id]
    assert session(container, base_url).outcome == "nothing to do"

    # QuickBooks applies an invoice but its answer is lost: that session ends in error
    record_paid_job(container, "9503", "C3", "30.00")
    sim.faults.lose_next_response(kind="InvoiceAdd")
    lost = session(container, base_url)
    assert lost.outcome == "error"
    assert any("response lost" in error for error in lost.errors), lost.errors
    assert invoice_copies(sim)["9503-1"] == 1  # applied, though nobody heard
    assert not container.ledger.invoice("9503-1").is_imported

    # the next session checks QuickBooks, adopts that copy and finishes: no duplicate
    recovered = session(container, base_url)
    assert recovered.outcome == "completed", recovered.errors
    assert container.ledger.invoice("9503-1").is_imported
    assert invoice_copies(sim)["9503-1"] == 1
    assert payment_copies(sim)["P-9503"] == 1
    assert applied_to(sim, "P-9503") == [container.ledger.invoice("9503-1").qb_txn_id]
    assert [invoice_copies(sim)[n] for n in ("9501-1", "9502-1")] == [1, 1]
    assert container.synchronizer().stuck() == []
    assert container.synchronizer().parked() == []


def test_without_configured_users_every_login_is_not_a_valid_user(
    tmp_path: Path,
    serve_app: ServeApp,  # noqa: F811
) -> None:
    container = bootstrap(settings_for(tmp_path, qbwc_users=""))
    try:
        base_url = serve_app(create_app(container))
        assert session(container, base_url).outcome == "not a valid user"
    finally:
        container.close()


def test_a_wrong_password_is_not_a_valid_user(
    container: Container,
    serve_app: ServeApp,  # noqa: F811
) -> None:
    base_url = serve_app(create_app(container))
    assert session(container, base_url, password="wrong").outcome == "not a valid user"


def test_users_of_two_companies_on_one_ledger_are_refused_at_start_up(tmp_path: Path) -> None:
    # One ledger serving two QuickBooks company files would send one company's work to both.
    users = ";".join(
        format_user(QbwcUser(name, company, cheap_hash(PASSWORD)))
        for name, company in (("bookkeeper", "miller"), ("other", "harbor"))
    )
    container = bootstrap(settings_for(tmp_path, qbwc_users=users))
    try:
        with pytest.raises(OneLedgerOneCompany, match="harbor, miller"):
            create_app(container)
    finally:
        container.close()

"""The Web Connector on a real uvicorn when QuickBooks fails: a connectionError ends the
session and closes its runs; a whole-message 0x80040400 counts an attempt for each operation
in the message, session after session, until the operation parks."""

from __future__ import annotations

import pytest

from adapters.quickbooks.webconnector.emulator import (
    QuickBooksBackendError,
    SessionReport,
    WebConnectorEmulator,
)
from adapters.storage.outbox.operations import Status
from api.app import create_app
from api.bootstrap import Container
from domain.lines import make_line
from tests.e2e.qbwc.conftest import ServeApp
from tests.e2e.sync.conftest import DAY, PASSWORD, invoice_copies, record_paid_job
from tests.unit.qbwc.factories import zeep_client

PARSE_ERROR = "0x80040400"


@pytest.fixture
def base_url(container: Container, serve_app: ServeApp) -> str:
    container.ledger.record_import_completed("import-1")
    return serve_app(create_app(container))


def test_a_connection_error_ends_the_session_and_closes_its_runs(
    container: Container, base_url: str
) -> None:
    record_paid_job(container, "9901", "C1", "50.00")
    client = zeep_client(f"{base_url}/qbwc/company/miller?wsdl")
    ticket, company_file = client.service.authenticate("bookkeeper", PASSWORD)
    assert company_file not in ("nvu", "none")
    request = client.service.sendRequestXML(ticket, "", "", "US", 13, 0)
    assert "<CustomerAdd" in request or "<CustomerQuery" in request
    sync = container.synchronizer()
    assert sync.engine.runs.open_runs()
    assert sync.engine.outbox.with_status(Status.IN_FLIGHT)

    answer = client.service.connectionError(ticket, "0x80040408", "Could not open the file")

    assert answer == "done"
    assert not sync.engine.runs.open_runs()
    assert sync.engine.outbox.with_status(Status.IN_FLIGHT) == []
    assert client.service.sendRequestXML(ticket, "", "", "US", 13, 0) in ("", None)
    assert "could not reach QuickBooks (0x80040408)" in client.service.getLastError(ticket)


def test_a_parse_error_for_the_whole_message_parks_its_operation_after_max_attempts(
    container: Container, base_url: str
) -> None:
    ledger = container.ledger
    ledger.register_customer("C2", "Parse Error Towing")
    ledger.create_invoice("9902-1", "C2", DAY, [make_line("Towing", "tow", "1", "30.00")])
    ledger.finalize_invoice("9902-1")
    ledger.record_job_payment("P-9902", "9902-1", "30.00", DAY)
    simulator = container.quickbooks_simulator()
    sends = {"InvoiceAdd": 0}

    def quickbooks(message: str) -> str:
        if "<InvoiceAdd" in message:
            sends["InvoiceAdd"] += 1
            raise QuickBooksBackendError(PARSE_ERROR, "QuickBooks found an error parsing the XML")
        return simulator.handle(message)

    def session() -> SessionReport:
        return WebConnectorEmulator(
            url=f"{base_url}/qbwc/company/miller",
            username="bookkeeper",
            password=PASSWORD,
            backend=quickbooks,
            max_noop_waits=0,
        ).run()

    max_attempts = container.synchronizer().engine.settings.max_attempts
    reports = [session() for _ in range(max_attempts + 3)]

    assert sends["InvoiceAdd"] == max_attempts
    parked = container.synchronizer().parked()
    assert [p["operation"] for p in parked] == ["invoice-add:9902-1"]
    assert PARSE_ERROR in parked[0]["why"]
    assert invoice_copies(simulator)["9902-1"] == 0
    assert all(PARSE_ERROR in " ".join(r.errors) for r in reports[:max_attempts])
    assert [r.outcome for r in reports[-2:]] == ["nothing to do", "nothing to do"]
    assert not container.synchronizer().engine.runs.open_runs()

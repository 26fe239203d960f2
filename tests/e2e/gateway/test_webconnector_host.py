"""The Web Connector on a real uvicorn: on the first sendRequestXML qbsync reads which
QuickBooks it reached (the HostQuery answer) and hands out nothing it cannot take."""

from __future__ import annotations

import pytest

from adapters.quickbooks.webconnector.emulator import SessionReport, WebConnectorEmulator
from adapters.storage.outbox.operations import Status
from api.app import create_app
from api.bootstrap import Container
from tests.e2e.gateway.hosts import CANADIAN, ONLY_8, US_13
from tests.e2e.qbwc.conftest import ServeApp
from tests.e2e.sync.conftest import PASSWORD, invoice_copies, record_paid_job


def session(
    container: Container,
    base_url: str,
    hcp_response: str,
    qbxml_version: tuple[int, int] = (13, 0),
    country: str = "US",
) -> tuple[SessionReport, list[str]]:
    seen: list[str] = []
    simulator = container.quickbooks_simulator()

    def quickbooks(message: str) -> str:
        seen.append(message)
        return simulator.handle(message)

    report = WebConnectorEmulator(
        url=f"{base_url}/qbwc/company/miller",
        username="bookkeeper",
        password=PASSWORD,
        backend=quickbooks,
        hcp_response=hcp_response,
        qbxml_version=qbxml_version,
        country=country,
        max_noop_waits=0,
    ).run()
    return report, seen


@pytest.fixture
def base_url(container: Container, serve_app: ServeApp) -> str:
    container.ledger.record_import_completed("import-1")
    record_paid_job(container, "9801", "C1", "50.00")
    return serve_app(create_app(container))


def test_a_quickbooks_that_supports_only_qbxml_8_is_handed_nothing(
    container: Container, base_url: str
) -> None:
    report, seen = session(container, base_url, ONLY_8, qbxml_version=(8, 0))

    assert report.outcome == "error"
    assert report.requests == []
    assert seen == []
    [said] = report.errors
    assert "QuickBooks Pro 2008 supports qbXML 1.0, 2.0, 3.0, 7.0, 8.0" in said
    assert "qbsync needs qbXML 13.0" in said
    assert invoice_copies(container.quickbooks_simulator())["9801-1"] == 0
    in_flight = container.synchronizer().engine.outbox.with_status(Status.IN_FLIGHT)
    assert in_flight == []


def test_a_canadian_quickbooks_is_handed_nothing(container: Container, base_url: str) -> None:
    report, seen = session(container, base_url, CANADIAN, country="CA")

    assert report.outcome == "error"
    assert report.requests == []
    assert seen == []
    [said] = report.errors
    assert "QuickBooks Pro 2021 CA is the CA edition" in said
    assert "for the US edition only" in said


def test_the_arguments_speak_when_the_host_answer_is_missing(
    container: Container, base_url: str
) -> None:
    report, seen = session(container, base_url, "", qbxml_version=(8, 0))

    assert report.requests == []
    assert seen == []
    assert "supports qbXML 8.0; qbsync needs qbXML 13.0" in report.errors[0]


def test_a_us_quickbooks_taking_13_0_gets_the_work(container: Container, base_url: str) -> None:
    report, seen = session(container, base_url, US_13)

    assert report.outcome == "completed", report.errors
    assert seen
    assert invoice_copies(container.quickbooks_simulator())["9801-1"] == 1

"""A standard SOAP client (zeep), built from the shared WSDL, runs a whole session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api.qbwc import create_qbwc_test_app
from tests.e2e.qbwc.conftest import ServeApp
from tests.unit.qbwc.factories import (
    ACME_FILE,
    ALICE_PASSWORD,
    QBWC_BINDING,
    fake_quickbooks,
    make_setup,
    zeep_client,
)


def standard_client(wsdl_path: Path, address: str) -> Any:
    return zeep_client(str(wsdl_path)).create_service(QBWC_BINDING, address)


def test_a_zeep_client_from_the_shared_wsdl_runs_a_full_session(
    qbwc_wsdl_path: Path, serve_app: ServeApp
) -> None:
    setup = make_setup(acme_requests=2)
    base_url = serve_app(create_qbwc_test_app(setup.service))
    service = standard_client(qbwc_wsdl_path, f"{base_url}/qbwc")

    assert service.serverVersion() == "qbsync 0.1.0"
    assert service.clientVersion("2.3.0.215") in ("", None)
    ticket, company_file = service.authenticate("alice", ALICE_PASSWORD)
    assert company_file == ACME_FILE
    percents: list[int] = []
    while not percents or percents[-1] < 100:
        request = service.sendRequestXML(ticket, "", ACME_FILE, "US", 13, 0)
        assert "<CustomerQueryRq" in request
        percents.append(service.receiveResponseXML(ticket, fake_quickbooks(request), "", ""))
    assert percents == [50, 100]
    assert service.getLastError(ticket) == "NoOp"
    assert service.closeConnection(ticket) == "OK: 2 of 2 request(s) answered."
    assert len(setup.acme.responses) == 2
    assert not setup.globex.saw_anything


def test_a_zeep_client_sees_refusals_as_protocol_answers(
    qbwc_wsdl_path: Path, serve_app: ServeApp
) -> None:
    setup = make_setup()
    base_url = serve_app(create_qbwc_test_app(setup.service))
    service = standard_client(qbwc_wsdl_path, f"{base_url}/qbwc")
    assert service.clientVersion("1.0.0.1").startswith("E:")
    ticket, answer = service.authenticate("alice", "wrong password")
    assert answer == "nvu"
    assert not ticket
    assert service.sendRequestXML("made-up", "", ACME_FILE, "US", 13, 0) in ("", None)
    assert "unknown, expired" in service.getLastError("made-up")
    assert not setup.acme.saw_anything


def test_the_served_wsdl_builds_a_working_zeep_client(serve_app: ServeApp) -> None:
    setup = make_setup(acme_requests=1)
    base_url = serve_app(create_qbwc_test_app(setup.service))
    client = zeep_client(f"{base_url}/qbwc/company/acme?wsdl")
    assert client.service._binding_options["address"] == f"{base_url}/qbwc/company/acme"
    ticket, company_file = client.service.authenticate("alice", ALICE_PASSWORD)
    request = client.service.sendRequestXML(ticket, "", company_file, "US", 13, 0)
    assert client.service.receiveResponseXML(ticket, fake_quickbooks(request), "", "") == 100
    assert client.service.closeConnection(ticket).startswith("OK")

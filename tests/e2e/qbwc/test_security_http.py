"""Refusals over real HTTP: each is a clear fault or protocol refusal that changes nothing."""

from __future__ import annotations

import httpx
import pytest
from lxml import etree

from adapters.quickbooks.webconnector.soap import build_call, parse_result
from api.qbwc import create_qbwc_test_app
from tests.e2e.qbwc.conftest import ServeApp
from tests.unit.qbwc.factories import (
    ACME_FILE,
    ALICE_PASSWORD,
    BILLION_LAUGHS,
    BOB_PASSWORD,
    EXTERNAL_ENTITY,
    GLOBEX_FILE,
    Setup,
    make_setup,
)

SOAP_HEADERS = {"Content-Type": "text/xml; charset=utf-8"}


class Endpoint:
    def __init__(self, setup: Setup, base_url: str) -> None:
        self.setup = setup
        self.base_url = base_url
        self.http = httpx.Client(timeout=10)

    def call(self, operation: str, path: str = "/qbwc", **arguments: str | int) -> object:
        reply = self.post(build_call(operation, arguments), path, operation)
        assert reply.status_code == 200, reply.text
        return parse_result(operation, reply.content)

    def post(self, body: bytes, path: str = "/qbwc", operation: str = "") -> httpx.Response:
        headers = {**SOAP_HEADERS, "SOAPAction": f'"http://developer.intuit.com/{operation}"'}
        return self.http.post(f"{self.base_url}{path}", content=body, headers=headers)

    def login(self, username: str, password: str) -> str:
        answer = self.call("authenticate", strUserName=username, strPassword=password)
        assert isinstance(answer, list)
        return str(answer[0])

    def next_request(self, ticket: str, company_file: str, path: str = "/qbwc") -> object:
        return self.call(
            "sendRequestXML",
            path,
            ticket=ticket,
            strCompanyFileName=company_file,
            qbXMLMajorVers=13,
            qbXMLMinorVers=0,
        )


@pytest.fixture
def endpoint(serve_app: ServeApp) -> Endpoint:
    setup = make_setup(ttl_seconds=60)
    return Endpoint(setup, serve_app(create_qbwc_test_app(setup.service)))


def test_a_wrong_password_is_not_a_valid_user(endpoint: Endpoint) -> None:
    answer = endpoint.call("authenticate", strUserName="alice", strPassword="guess")
    assert answer == ["", "nvu"]
    assert endpoint.setup.service.sessions.active_count() == 0
    assert not endpoint.setup.acme.saw_anything


def test_an_expired_ticket_is_refused(endpoint: Endpoint) -> None:
    ticket = endpoint.login("alice", ALICE_PASSWORD)
    endpoint.setup.clock.advance(61)
    assert endpoint.next_request(ticket, ACME_FILE) == ""
    assert "expired" in str(endpoint.call("getLastError", ticket=ticket))
    assert endpoint.call("receiveResponseXML", ticket=ticket, response="<QBXML/>") == -1
    assert endpoint.setup.acme.responses == []


def test_another_companys_ticket_is_refused(endpoint: Endpoint) -> None:
    alice_ticket = endpoint.login("alice", ALICE_PASSWORD)
    bob_ticket = endpoint.login("bob", BOB_PASSWORD)
    assert endpoint.next_request(alice_ticket, ACME_FILE, "/qbwc/company/globex") == ""
    assert endpoint.next_request(alice_ticket, GLOBEX_FILE) == "", "acme's file is pinned"
    closed = endpoint.call("closeConnection", "/qbwc/company/acme", ticket=bob_ticket)
    assert str(closed).startswith("No open session")
    assert endpoint.setup.acme.responses == []
    assert endpoint.setup.globex.responses == []
    assert endpoint.setup.acme.closed_sessions == []
    assert endpoint.setup.globex.closed_sessions == []


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (BILLION_LAUGHS, "DTDs and entity declarations are not accepted"),
        (EXTERNAL_ENTITY, "DTDs and entity declarations are not accepted"),
        (b"<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'>", "malformed"),
        (b"<html><body>hello</body></html>", "not a SOAP 1.1 Envelope"),
        (
            build_call("getLastError", {"ticket": "x"}).replace(b"getLastError", b"dropAll"),
            "Unknown operation",
        ),
    ],
)
def test_malformed_or_hostile_soap_is_a_client_fault_that_changes_nothing(
    endpoint: Endpoint, body: bytes, reason: str
) -> None:
    ticket = endpoint.login("alice", ALICE_PASSWORD)
    seen_before = list(endpoint.setup.acme.sessions_seen)
    reply = endpoint.post(body)
    assert reply.status_code == 500
    envelope = etree.fromstring(reply.content)
    assert envelope.findtext(".//faultcode") == "soap:Client"
    assert reason in (envelope.findtext(".//faultstring") or "")
    assert endpoint.setup.acme.sessions_seen == seen_before
    assert endpoint.setup.acme.responses == []
    assert endpoint.setup.acme.errors == []
    assert endpoint.call("getLastError", ticket=ticket) == "NoOp", "the session is untouched"

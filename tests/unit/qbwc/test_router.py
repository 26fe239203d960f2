from __future__ import annotations

from fastapi.testclient import TestClient
from lxml import etree

from adapters.quickbooks.webconnector.contract import Result
from adapters.quickbooks.webconnector.soap import build_call, parse_result
from api.qbwc import create_qbwc_test_app
from tests.unit.qbwc.factories import (
    ACME_FILE,
    ALICE_PASSWORD,
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    Setup,
    make_setup,
)

SOAP_HEADERS = {"Content-Type": "text/xml; charset=utf-8"}


def client_for(setup: Setup, public_url: str | None = None) -> TestClient:
    return TestClient(create_qbwc_test_app(setup.service, public_url=public_url))


def post(client: TestClient, path: str, operation: str, **arguments: str | int) -> Result:
    headers = {**SOAP_HEADERS, "SOAPAction": f'"http://developer.intuit.com/{operation}"'}
    reply = client.post(path, content=build_call(operation, arguments), headers=headers)
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"].startswith("text/xml")
    return parse_result(operation, reply.content)


def login(client: TestClient, path: str, username: str, password: str) -> list[str]:
    answer = post(client, path, "authenticate", strUserName=username, strPassword=password)
    assert isinstance(answer, list)
    return answer


def fault_of(reply_content: bytes) -> str:
    envelope = etree.fromstring(reply_content)
    return envelope.findtext(".//faultstring") or ""


def test_soap_is_dispatched_on_the_body_not_the_soapaction_header() -> None:
    client = client_for(make_setup())
    body = build_call("serverVersion", {})
    headers = {**SOAP_HEADERS, "SOAPAction": '"http://developer.intuit.com/closeConnection"'}
    reply = client.post("/qbwc", content=body, headers=headers)
    assert parse_result("serverVersion", reply.content) == "qbsync 0.1.0"


def test_a_session_over_the_company_endpoint() -> None:
    setup = make_setup(acme_requests=1)
    client = client_for(setup)
    path = "/qbwc/company/acme"
    ticket, company_file = login(client, path, "alice", ALICE_PASSWORD)
    assert company_file == ACME_FILE
    request = post(
        client,
        path,
        "sendRequestXML",
        ticket=ticket,
        strCompanyFileName=ACME_FILE,
        qbXMLMajorVers=13,
        qbXMLMinorVers=0,
    )
    assert isinstance(request, str)
    assert "CustomerQueryRq" in request
    assert post(client, path, "receiveResponseXML", ticket=ticket, response="<QBXML/>") == 100
    assert str(post(client, path, "closeConnection", ticket=ticket)).startswith("OK")


def test_the_other_companys_endpoint_refuses_the_user_and_the_ticket() -> None:
    setup = make_setup()
    client = client_for(setup)
    assert login(client, "/qbwc/company/globex", "alice", ALICE_PASSWORD) == ["", "nvu"]
    ticket = login(client, "/qbwc", "alice", ALICE_PASSWORD)[0]
    request = post(
        client,
        "/qbwc/company/globex",
        "sendRequestXML",
        ticket=ticket,
        strCompanyFileName=ACME_FILE,
        qbXMLMajorVers=13,
        qbXMLMinorVers=0,
    )
    assert request == ""
    assert setup.acme.responses == []
    assert not setup.globex.saw_anything


def test_unsafe_and_malformed_bodies_get_a_client_fault_and_change_nothing() -> None:
    setup = make_setup()
    client = client_for(setup)
    for body, reason in (
        (BILLION_LAUGHS, "DTDs and entity declarations"),
        (EXTERNAL_ENTITY, "DTDs and entity declarations"),
        (b"<soap:Envelope", "malformed XML"),
        (b"", "malformed XML"),
    ):
        reply = client.post("/qbwc", content=body, headers=SOAP_HEADERS)
        assert reply.status_code == 500
        assert b"soap:Client" in reply.content
        assert reason in fault_of(reply.content)
    assert setup.service.sessions.active_count() == 0
    assert not setup.acme.saw_anything


def test_an_oversized_body_is_refused_before_parsing() -> None:
    setup = make_setup()
    app = create_qbwc_test_app(setup.service)
    app.router.routes.clear()
    from api.qbwc.router import create_qbwc_router

    app.include_router(create_qbwc_router(setup.service, max_body_bytes=1000))
    reply = TestClient(app).post("/qbwc", content=b"<" * 2000, headers=SOAP_HEADERS)
    assert reply.status_code == 500
    assert "too large" in fault_of(reply.content)


def test_the_wsdl_is_served_with_the_request_address() -> None:
    client = client_for(make_setup())
    for path in ("/qbwc?wsdl", "/qbwc?WSDL", "/qbwc/company/acme?wsdl"):
        reply = client.get(path)
        assert reply.status_code == 200
        address = etree.fromstring(reply.content).find(
            ".//{http://schemas.xmlsoap.org/wsdl/soap/}address"
        )
        assert address is not None
        assert address.get("location") == "http://testserver" + path.split("?")[0]
    assert "?wsdl" in client.get("/qbwc").text


def test_a_public_url_replaces_the_request_address() -> None:
    client = client_for(make_setup(), public_url="https://qb.example.com/qbwc/")
    wsdl = etree.fromstring(client.get("/qbwc/company/acme?wsdl").content)
    address = wsdl.find(".//{http://schemas.xmlsoap.org/wsdl/soap/}address")
    assert address is not None
    assert address.get("location") == "https://qb.example.com/qbwc/company/acme"
    qwc = etree.fromstring(client.get("/qbwc/qwc/alice").content)
    assert qwc.findtext("AppURL") == "https://qb.example.com/qbwc/company/acme"
    assert qwc.findtext("AppSupport") == "https://qb.example.com/qbwc/support"


def test_the_qwc_download_points_at_the_users_company_endpoint() -> None:
    client = TestClient(create_qbwc_test_app(make_setup().service), base_url="http://localhost")
    reply = client.get("/qbwc/qwc/alice")
    assert reply.status_code == 200
    assert 'filename="alice.qwc"' in reply.headers["content-disposition"]
    qwc = etree.fromstring(reply.content)
    assert qwc.findtext("AppURL") == "http://localhost/qbwc/company/acme"
    assert client.get(qwc.findtext("AppSupport") or "").status_code == 200
    assert client.get("/qbwc/qwc/mallory").status_code == 404


def test_the_qwc_download_refuses_plain_http_on_a_public_host() -> None:
    client = TestClient(
        create_qbwc_test_app(make_setup().service), base_url="http://qb.example.com"
    )
    reply = client.get("/qbwc/qwc/alice")
    assert reply.status_code == 400
    assert "HTTPS" in reply.json()["detail"]

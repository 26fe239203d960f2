from __future__ import annotations

import pytest
from lxml import etree

from adapters.quickbooks.webconnector.contract import OPERATIONS
from adapters.quickbooks.webconnector.soap import (
    SoapFaultError,
    build_call,
    build_fault,
    build_response,
    parse_call,
    parse_result,
)
from tests.unit.qbwc.factories import BILLION_LAUGHS, EXTERNAL_ENTITY

ENVELOPE = (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
    "<soap:Body>{}</soap:Body></soap:Envelope>"
)
TNS = "http://developer.intuit.com/"


def test_every_operation_round_trips_through_call_and_parse() -> None:
    for name, operation in OPERATIONS.items():
        arguments: dict[str, str | int] = {
            field.name: (7 if field.type == "int" else f"{field.name} <&> value")
            for field in operation.fields
        }
        call = parse_call(build_call(name, arguments))
        assert call.operation is operation
        assert call.arguments == arguments


def test_a_dotnet_style_request_with_default_namespace_parses() -> None:
    body = (
        f'<sendRequestXML xmlns="{TNS}"><ticket>abc</ticket><strHCPResponse />'
        "<strCompanyFileName>C:\\QB\\a.qbw</strCompanyFileName><qbXMLCountry>US</qbXMLCountry>"
        "<qbXMLMajorVers>13</qbXMLMajorVers><qbXMLMinorVers>0</qbXMLMinorVers></sendRequestXML>"
    )
    call = parse_call(ENVELOPE.format(body))
    assert call.arguments["ticket"] == "abc"
    assert call.arguments["strHCPResponse"] == ""
    assert call.arguments["qbXMLMajorVers"] == 13


def test_missing_optional_fields_default_to_empty() -> None:
    call = parse_call(ENVELOPE.format(f'<closeConnection xmlns="{TNS}"/>'))
    assert call.arguments == {"ticket": ""}


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (b"this is not xml", "malformed XML"),
        (BILLION_LAUGHS, "DTDs and entity declarations"),
        (EXTERNAL_ENTITY, "DTDs and entity declarations"),
        (b"<Envelope><Body/></Envelope>", "not a SOAP 1.1 Envelope"),
        (
            b'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>',
            "SOAP 1.2",
        ),
        (ENVELOPE.format("").encode(), "exactly one element"),
        (ENVELOPE.format(f'<dropTables xmlns="{TNS}"/>').encode(), "Unknown operation"),
        (ENVELOPE.format("<authenticate/>").encode(), "Unknown operation"),
        (
            ENVELOPE.format(
                f'<sendRequestXML xmlns="{TNS}"><qbXMLMajorVers>x</qbXMLMajorVers></sendRequestXML>'
            ).encode(),
            "must be an integer",
        ),
        (
            ENVELOPE.format(
                f'<getLastError xmlns="{TNS}"><ticket><b>1</b></ticket></getLastError>'
            ).encode(),
            "must hold text",
        ),
    ],
)
def test_unusable_requests_raise_a_client_fault(document: bytes, reason: str) -> None:
    with pytest.raises(SoapFaultError, match=reason) as raised:
        parse_call(document)
    assert raised.value.code == "Client"


def test_authenticate_response_is_an_array_of_strings_in_the_intuit_namespace() -> None:
    envelope = etree.fromstring(build_response(OPERATIONS["authenticate"], ["T1", "nvu"]))
    strings = envelope.findall(f".//{{{TNS}}}authenticateResponse/{{{TNS}}}authenticateResult/")
    assert [element.tag for element in strings] == [f"{{{TNS}}}string"] * 2
    assert [element.text for element in strings] == ["T1", "nvu"]
    empty_second = build_response(OPERATIONS["authenticate"], ["T1", ""])
    assert parse_result("authenticate", empty_second) == ["T1", ""]


def test_int_and_string_results_round_trip() -> None:
    assert (
        parse_result("receiveResponseXML", build_response(OPERATIONS["receiveResponseXML"], -1))
        == -1
    )
    assert (
        parse_result("getLastError", build_response(OPERATIONS["getLastError"], "NoOp")) == "NoOp"
    )


def test_a_fault_is_raised_on_the_client_side_with_its_faultstring() -> None:
    fault = build_fault(SoapFaultError("Request refused: because"))
    assert b"<faultcode>soap:Client</faultcode>" in fault
    with pytest.raises(SoapFaultError, match="Request refused: because"):
        parse_result("getLastError", fault)


def test_faultstrings_are_bounded() -> None:
    assert len(SoapFaultError("x" * 10_000).faultstring) <= 300

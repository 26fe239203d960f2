from __future__ import annotations

from pathlib import Path

from lxml import etree

from adapters.quickbooks.webconnector.wsdl import (
    WSDL_NAMESPACE,
    WSDL_SOAP_NAMESPACE,
    XSD_NAMESPACE,
    build_wsdl,
)
from tests.unit.qbwc.factories import zeep_client

ADDRESS = "https://qb.example.com/qbwc/company/acme"


def _parent_name(element: etree._Element) -> str | None:
    parent = element.getparent()
    return None if parent is None else parent.get("name")


def _signature(document: etree._Element) -> dict[str, object]:
    """What a SOAP client depends on: elements and fields, messages, operations, actions."""
    elements = {
        element.get("name"): [
            (field.get("name"), field.get("type"), field.get("minOccurs"))
            for field in element.iter(f"{{{XSD_NAMESPACE}}}element")
            if field is not element
        ]
        for element in document.iterfind(f".//{{{XSD_NAMESPACE}}}schema/{{{XSD_NAMESPACE}}}element")
    }
    messages = {
        message.get("name"): [part.get("element") for part in message]
        for message in document.iterfind(f"{{{WSDL_NAMESPACE}}}message")
    }
    actions = {
        _parent_name(operation): operation.get("soapAction")
        for operation in document.iter(f"{{{WSDL_SOAP_NAMESPACE}}}operation")
    }
    return {
        "target": document.get("targetNamespace"),
        "elements": elements,
        "messages": messages,
        "actions": actions,
    }


def test_the_served_wsdl_describes_the_same_service_as_the_standard_one(
    qbwc_wsdl_path: Path,
) -> None:
    ours = etree.fromstring(build_wsdl(ADDRESS))
    standard = etree.parse(str(qbwc_wsdl_path)).getroot()
    assert _signature(ours) == _signature(standard)


def test_the_served_wsdl_has_our_address(tmp_path: Path) -> None:
    wsdl = tmp_path / "served.wsdl"
    wsdl.write_bytes(build_wsdl(ADDRESS))
    client = zeep_client(str(wsdl))
    port = client.service._binding_options["address"]
    assert port == ADDRESS
    operations = set(client.wsdl.bindings[next(iter(client.wsdl.bindings))]._operations)
    assert operations == {
        "serverVersion",
        "clientVersion",
        "authenticate",
        "sendRequestXML",
        "receiveResponseXML",
        "connectionError",
        "getLastError",
        "closeConnection",
    }


def test_the_address_is_escaped_not_injected() -> None:
    document = etree.fromstring(build_wsdl('https://x.example/q?a=1&b="2"'))
    address = document.find(f".//{{{WSDL_SOAP_NAMESPACE}}}address")
    assert address is not None
    assert address.get("location") == 'https://x.example/q?a=1&b="2"'

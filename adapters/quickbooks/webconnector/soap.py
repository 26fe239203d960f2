"""SOAP 1.1 document/literal envelopes for the Web Connector operations, both directions.

Server side: `parse_call` reads a request (only through `parse_untrusted`) and
`build_response` / `build_fault` write the answer. Client side (the emulator):
`build_call` writes a request and `parse_result` reads the answer. Anything malformed
raises `SoapFaultError`, whose `faultstring` says what was wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from adapters.quickbooks.qbxml.safe_xml import UnsafeXmlError, parse_untrusted
from adapters.quickbooks.webconnector.contract import (
    OPERATIONS,
    QBWC_NAMESPACE,
    SOAP12_ENVELOPE_NAMESPACE,
    SOAP_ENVELOPE_NAMESPACE,
    Operation,
    Result,
)

CONTENT_TYPE = "text/xml; charset=utf-8"
_MAX_FAULTSTRING = 300
_NSMAP = {"soap": SOAP_ENVELOPE_NAMESPACE, "tns": QBWC_NAMESPACE}

FaultCode = Literal["Client", "Server"]


class SoapFaultError(Exception):
    """A SOAP message that cannot be used; `code` says whose fault it is."""

    def __init__(self, faultstring: str, code: FaultCode = "Client") -> None:
        super().__init__(faultstring)
        self.faultstring = faultstring[:_MAX_FAULTSTRING]
        self.code: FaultCode = code


@dataclass(frozen=True)
class SoapCall:
    operation: Operation
    arguments: dict[str, str | int]


def _qualified(name: str, namespace: str = QBWC_NAMESPACE) -> str:
    return f"{{{namespace}}}{name}"


def _local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


def _only_body_element(document: bytes | str) -> etree._Element:
    try:
        envelope = parse_untrusted(document)
    except UnsafeXmlError as error:
        raise SoapFaultError(f"Request refused: {error}") from error
    if envelope.tag == _qualified("Envelope", SOAP12_ENVELOPE_NAMESPACE):
        raise SoapFaultError("SOAP 1.2 is not supported: send a SOAP 1.1 envelope")
    if envelope.tag != _qualified("Envelope", SOAP_ENVELOPE_NAMESPACE):
        raise SoapFaultError("Malformed SOAP: the root element is not a SOAP 1.1 Envelope")
    bodies = envelope.findall(_qualified("Body", SOAP_ENVELOPE_NAMESPACE))
    if len(bodies) != 1:
        raise SoapFaultError("Malformed SOAP: the Envelope must hold exactly one Body")
    children = [child for child in bodies[0] if isinstance(child.tag, str)]
    if len(children) != 1:
        raise SoapFaultError("Malformed SOAP: the Body must hold exactly one element")
    return children[0]


def parse_call(document: bytes | str) -> SoapCall:
    """The operation and arguments of a Web Connector SOAP request."""
    element = _only_body_element(document)
    operation = OPERATIONS.get(_local_name(element))
    if etree.QName(element).namespace != QBWC_NAMESPACE or operation is None:
        raise SoapFaultError(f"Unknown operation {etree.QName(element).text[:80]!r}")
    values = _child_texts(element)
    arguments: dict[str, str | int] = {}
    for field in operation.fields:
        raw = values.get(field.name)
        if field.type == "string":
            arguments[field.name] = raw or ""
            continue
        try:
            arguments[field.name] = int((raw or "0").strip())
        except ValueError as error:
            raise SoapFaultError(f"{field.name} must be an integer") from error
    return SoapCall(operation, arguments)


def _child_texts(element: etree._Element) -> dict[str, str]:
    """Child texts by local name; children may be qualified (as the WSDL says) or not."""
    texts: dict[str, str] = {}
    for child in element:
        if not isinstance(child.tag, str):
            continue
        namespace = etree.QName(child).namespace
        if namespace not in (None, QBWC_NAMESPACE):
            raise SoapFaultError(f"Unexpected element {etree.QName(child).text[:80]!r}")
        if len(child):
            raise SoapFaultError(f"{_local_name(child)} must hold text, not elements")
        texts[_local_name(child)] = child.text or ""
    return texts


def _envelope(body_content: etree._Element) -> bytes:
    envelope = etree.Element(_qualified("Envelope", SOAP_ENVELOPE_NAMESPACE), nsmap=_NSMAP)
    body = etree.SubElement(envelope, _qualified("Body", SOAP_ENVELOPE_NAMESPACE))
    body.append(body_content)
    return bytes(etree.tostring(envelope, xml_declaration=True, encoding="utf-8"))


def build_response(operation: Operation, result: Result) -> bytes:
    """The SOAP response envelope carrying `result`, e.g. authenticateResponse/…/string."""
    response = etree.Element(_qualified(operation.response_element))
    result_element = etree.SubElement(response, _qualified(operation.result_element))
    if operation.result_type == "ArrayOfString":
        if not isinstance(result, list):
            raise TypeError(f"{operation.name} must return a list of strings")
        for item in result:
            etree.SubElement(result_element, _qualified("string")).text = item
    else:
        result_element.text = str(result)
    return _envelope(response)


def build_fault(error: SoapFaultError) -> bytes:
    fault = etree.Element(_qualified("Fault", SOAP_ENVELOPE_NAMESPACE))
    etree.SubElement(fault, "faultcode").text = f"soap:{error.code}"
    etree.SubElement(fault, "faultstring").text = error.faultstring
    return _envelope(fault)


def build_call(operation_name: str, arguments: Mapping[str, str | int]) -> bytes:
    """A SOAP request envelope for `operation_name` (what a Web Connector sends)."""
    operation = OPERATIONS[operation_name]
    call = etree.Element(_qualified(operation.name))
    for field in operation.fields:
        if field.name in arguments:
            etree.SubElement(call, _qualified(field.name)).text = str(arguments[field.name])
    return _envelope(call)


def parse_result(operation_name: str, document: bytes | str) -> Result:
    """The result in a server's SOAP response; a SOAP Fault raises SoapFaultError."""
    operation = OPERATIONS[operation_name]
    element = _only_body_element(document)
    if element.tag == _qualified("Fault", SOAP_ENVELOPE_NAMESPACE):
        faultstring = element.findtext("faultstring") or "SOAP Fault without a faultstring"
        raise SoapFaultError(faultstring, "Server")
    if _local_name(element) != operation.response_element:
        raise SoapFaultError(f"Expected {operation.response_element}, got {_local_name(element)}")
    result = next(
        (child for child in element if _local_name(child) == operation.result_element), None
    )
    if operation.result_type == "ArrayOfString":
        return [] if result is None else [item.text or "" for item in result]
    text = "" if result is None else (result.text or "")
    if operation.result_type == "string":
        return text
    try:
        return int(text.strip())
    except ValueError as error:
        raise SoapFaultError(
            f"{operation.result_element} is not an integer: {text[:40]!r}"
        ) from error

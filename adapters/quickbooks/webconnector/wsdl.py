"""The WSDL this server publishes: the standard Web Connector service at our own address.

Built from `contract.OPERATIONS`, so it names the same namespace, elements, messages,
port type, binding and SOAP actions as the WSDL every QBWC server publishes.
"""

from __future__ import annotations

from lxml import etree

from adapters.quickbooks.webconnector.contract import (
    OPERATIONS,
    PORT_TYPE_NAME,
    QBWC_NAMESPACE,
    SERVICE_NAME,
    Operation,
)

WSDL_NAMESPACE = "http://schemas.xmlsoap.org/wsdl/"
WSDL_SOAP_NAMESPACE = "http://schemas.xmlsoap.org/wsdl/soap/"
XSD_NAMESPACE = "http://www.w3.org/2001/XMLSchema"
SOAP_HTTP_TRANSPORT = "http://schemas.xmlsoap.org/soap/http"
_NSMAP = {
    "wsdl": WSDL_NAMESPACE,
    "soap": WSDL_SOAP_NAMESPACE,
    "s": XSD_NAMESPACE,
    "tns": QBWC_NAMESPACE,
}


def _wsdl(parent: etree._Element, tag: str, /, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{WSDL_NAMESPACE}}}{tag}", attributes)


def _xsd(parent: etree._Element, tag: str, /, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{XSD_NAMESPACE}}}{tag}", attributes)


def _soap(parent: etree._Element, tag: str, /, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{WSDL_SOAP_NAMESPACE}}}{tag}", attributes)


def _sequence_element(parent: etree._Element, name: str) -> etree._Element:
    element = _xsd(parent, "element", name=name)
    return _xsd(_xsd(element, "complexType"), "sequence")


def _add_types(definitions: etree._Element) -> None:
    schema = _xsd(
        _wsdl(definitions, "types"),
        "schema",
        elementFormDefault="qualified",
        targetNamespace=QBWC_NAMESPACE,
    )
    array = _xsd(_xsd(schema, "complexType", name="ArrayOfString"), "sequence")
    _xsd(
        array,
        "element",
        minOccurs="0",
        maxOccurs="unbounded",
        name="string",
        nillable="true",
        type="s:string",
    )
    for operation in OPERATIONS.values():
        request = _sequence_element(schema, operation.name)
        for field in operation.fields:
            _xsd(
                request,
                "element",
                minOccurs="1" if field.required else "0",
                maxOccurs="1",
                name=field.name,
                type=f"s:{field.type}",
            )
        response = _sequence_element(schema, operation.response_element)
        result_type = "tns:ArrayOfString" if operation.result_type == "ArrayOfString" else ""
        _xsd(
            response,
            "element",
            minOccurs="1" if operation.result_type == "int" else "0",
            maxOccurs="1",
            name=operation.result_element,
            type=result_type or f"s:{operation.result_type}",
        )


def _add_messages(definitions: etree._Element, operation: Operation) -> None:
    for suffix, element in (("SoapIn", operation.name), ("SoapOut", operation.response_element)):
        message = _wsdl(definitions, "message", name=f"{operation.name}{suffix}")
        _wsdl(message, "part", name="parameters", element=f"tns:{element}")


def _add_port_type(definitions: etree._Element) -> None:
    port_type = _wsdl(definitions, "portType", name=PORT_TYPE_NAME)
    for operation in OPERATIONS.values():
        declared = _wsdl(port_type, "operation", name=operation.name)
        _wsdl(declared, "input", message=f"tns:{operation.name}SoapIn")
        _wsdl(declared, "output", message=f"tns:{operation.name}SoapOut")


def _add_binding(definitions: etree._Element) -> None:
    binding = _wsdl(definitions, "binding", name=PORT_TYPE_NAME, type=f"tns:{PORT_TYPE_NAME}")
    _soap(binding, "binding", transport=SOAP_HTTP_TRANSPORT, style="document")
    for operation in OPERATIONS.values():
        bound = _wsdl(binding, "operation", name=operation.name)
        _soap(bound, "operation", soapAction=operation.soap_action, style="document")
        for direction in ("input", "output"):
            _soap(_wsdl(bound, direction), "body", use="literal")


def build_wsdl(service_address: str) -> bytes:
    """The WSDL document with `service_address` as the SOAP endpoint location."""
    definitions = etree.Element(
        f"{{{WSDL_NAMESPACE}}}definitions", nsmap=_NSMAP, targetNamespace=QBWC_NAMESPACE
    )
    _add_types(definitions)
    for operation in OPERATIONS.values():
        _add_messages(definitions, operation)
    _add_port_type(definitions)
    _add_binding(definitions)
    service = _wsdl(definitions, "service", name=SERVICE_NAME)
    port = _wsdl(service, "port", name=PORT_TYPE_NAME, binding=f"tns:{PORT_TYPE_NAME}")
    _soap(port, "address", location=service_address)
    return bytes(
        etree.tostring(definitions, xml_declaration=True, encoding="utf-8", pretty_print=True)
    )

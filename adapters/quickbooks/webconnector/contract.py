"""The Web Connector SOAP contract: namespaces and the eight operations with their fields.

One table drives the server's SOAP parser, its response builder, the emulator's requests
and the served WSDL, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

QBWC_NAMESPACE = "http://developer.intuit.com/"
SOAP_ENVELOPE_NAMESPACE = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENVELOPE_NAMESPACE = "http://www.w3.org/2003/05/soap-envelope"
SERVICE_NAME = "QBWebConnectorSvc"
PORT_TYPE_NAME = "QBWebConnectorSvcSoap"

FieldType = Literal["string", "int"]
ResultType = Literal["string", "int", "ArrayOfString"]


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType = "string"

    @property
    def required(self) -> bool:
        return self.type == "int"


@dataclass(frozen=True)
class Operation:
    name: str
    fields: tuple[Field, ...]
    result_type: ResultType

    @property
    def response_element(self) -> str:
        return f"{self.name}Response"

    @property
    def result_element(self) -> str:
        return f"{self.name}Result"

    @property
    def soap_action(self) -> str:
        return f"{QBWC_NAMESPACE}{self.name}"


OPERATIONS: dict[str, Operation] = {
    operation.name: operation
    for operation in (
        Operation("serverVersion", (Field("strVersion"),), "string"),
        Operation("clientVersion", (Field("strVersion"),), "string"),
        Operation("authenticate", (Field("strUserName"), Field("strPassword")), "ArrayOfString"),
        Operation(
            "sendRequestXML",
            (
                Field("ticket"),
                Field("strHCPResponse"),
                Field("strCompanyFileName"),
                Field("qbXMLCountry"),
                Field("qbXMLMajorVers", "int"),
                Field("qbXMLMinorVers", "int"),
            ),
            "string",
        ),
        Operation(
            "receiveResponseXML",
            (Field("ticket"), Field("response"), Field("hresult"), Field("message")),
            "int",
        ),
        Operation(
            "connectionError", (Field("ticket"), Field("hresult"), Field("message")), "string"
        ),
        Operation("getLastError", (Field("ticket"),), "string"),
        Operation("closeConnection", (Field("ticket"),), "string"),
    )
}

Result = str | int | list[str]

"""Parsing qbXML answers: one `QbResponse` per `*Rs`, through the hardened parser."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from adapters.quickbooks.qbxml.errors import QbxmlMessageError, QbxmlResponseError
from adapters.quickbooks.qbxml.rets import QbRet
from adapters.quickbooks.qbxml.safe_xml import parse_untrusted
from adapters.quickbooks.qbxml.xml_read import child_text, element_children, parse_int, read_int

STATUS_OK = 0
STATUS_NO_MATCH = 1
FIRST_WARNING_CODE = 500
FIRST_ERROR_CODE = 1000


@dataclass(frozen=True)
class ErrorRecovery:
    """What QuickBooks saved about an add it may already have done."""

    list_id: str | None
    owner_id: str | None
    txn_id: str | None
    txn_number: int | None
    edit_sequence: str | None
    external_guid: str | None

    @classmethod
    def read(cls, element: etree._Element) -> ErrorRecovery:
        return cls(
            list_id=child_text(element, "ListID"),
            owner_id=child_text(element, "OwnerID"),
            txn_id=child_text(element, "TxnID"),
            txn_number=read_int(element, "TxnNumber"),
            edit_sequence=child_text(element, "EditSequence"),
            external_guid=child_text(element, "ExternalGUID"),
        )


@dataclass(frozen=True)
class QbResponse:
    """One `*Rs`: its status, the objects it returned and its iterator state."""

    request_id: str | None
    response_type: str
    status_code: int
    status_severity: str
    status_message: str
    rets: tuple[QbRet, ...]
    ret_count: int | None
    iterator_id: str | None
    iterator_remaining_count: int | None
    error_recovery: ErrorRecovery | None

    @property
    def ok(self) -> bool:
        return self.status_code == STATUS_OK

    @property
    def is_query(self) -> bool:
        return self.response_type.endswith("QueryRs")

    @property
    def is_no_match(self) -> bool:
        """A query that found nothing (status 1): an empty, successful answer."""
        return self.is_query and self.status_code == STATUS_NO_MATCH

    @property
    def ok_or_empty(self) -> bool:
        """Success, counting a query's "no match" as an empty success."""
        return self.ok or self.is_no_match

    @property
    def is_error(self) -> bool:
        return self.status_code >= FIRST_ERROR_CODE or self.status_severity.lower() == "error"

    @property
    def has_more(self) -> bool:
        """An iterator has more objects to fetch with iterator='Continue'."""
        return bool(self.iterator_remaining_count)

    @property
    def ret(self) -> QbRet | None:
        """The one object an add, mod or void returned (None when it returned none)."""
        return self.rets[0] if self.rets else None


@dataclass(frozen=True)
class QbResponseMessage:
    """A whole answer document: its responses and the message-set status, if any."""

    responses: tuple[QbResponse, ...]
    new_message_set_id: str | None
    message_set_status_code: int | None

    @property
    def refused(self) -> bool:
        """QuickBooks reported a message-set error and answered no request."""
        return bool(self.message_set_status_code) and not self.responses


def parse_response_message(xml: bytes | str) -> list[QbResponse]:
    """The responses in a qbXML answer, in order.

    Raises UnsafeXmlError for hostile or malformed XML, QbxmlMessageError when QuickBooks
    refused the message set as a whole, QbxmlResponseError when the answer is not qbXML.
    """
    message = parse_response_document(xml)
    if message.refused:
        code = message.message_set_status_code
        assert code is not None
        raise QbxmlMessageError(
            f"QuickBooks refused the whole message set (messageSetStatusCode {code}, "
            f"newMessageSetID {message.new_message_set_id!r}) and answered no request",
            status_code=code,
            message_set_id=message.new_message_set_id,
        )
    return list(message.responses)


def parse_response_document(xml: bytes | str) -> QbResponseMessage:
    root = parse_untrusted(xml)
    if root.tag != "QBXML":
        raise QbxmlResponseError(f"qbXML answer expected <QBXML> as root, got <{root.tag}>")
    messages = root.find("QBXMLMsgsRs")
    if messages is None:
        raise QbxmlResponseError("qbXML answer has no <QBXMLMsgsRs>: nothing was answered")
    status = messages.get("messageSetStatusCode")
    return QbResponseMessage(
        responses=tuple(
            _read_response(element)
            for element in element_children(messages)
            if str(element.tag).endswith("Rs")
        ),
        new_message_set_id=messages.get("newMessageSetID"),
        message_set_status_code=None
        if status is None
        else parse_int(status, "messageSetStatusCode"),
    )


def _read_response(element: etree._Element) -> QbResponse:
    response_type = str(element.tag)
    code = element.get("statusCode")
    if code is None:
        raise QbxmlResponseError(f"qbXML answer: <{response_type}> has no statusCode")
    rets: tuple[QbRet, ...]
    if response_type == "TxnVoidRs":
        rets = (QbRet.read(element, "TxnVoidRet"),) if element.find("TxnID") is not None else ()
    else:
        rets = tuple(
            QbRet.read(child)
            for child in element_children(element)
            if str(child.tag).endswith("Ret")
        )
    recovery = element.find("ErrorRecovery")
    return QbResponse(
        request_id=element.get("requestID"),
        response_type=response_type,
        status_code=parse_int(code, f"<{response_type}> statusCode"),
        status_severity=element.get("statusSeverity", ""),
        status_message=element.get("statusMessage", ""),
        rets=rets,
        ret_count=_optional_int(element, "retCount"),
        iterator_id=element.get("iteratorID"),
        iterator_remaining_count=_optional_int(element, "iteratorRemainingCount"),
        error_recovery=None if recovery is None else ErrorRecovery.read(recovery),
    )


def _optional_int(element: etree._Element, attribute: str) -> int | None:
    value = element.get(attribute)
    return None if value is None else parse_int(value, f"<{element.tag}> {attribute}")

"""The qbXML message: many requests in one QBXMLMsgsRq, each with its own requestID."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

from lxml import etree

from adapters.quickbooks.qbxml.checks import check_text, fail
from domain import limits

OnError = Literal["stopOnError", "continueOnError", "rollbackOnError"]
_ON_ERROR_VALUES = ("stopOnError", "continueOnError", "rollbackOnError")

QBXML_VERSION = "13.0"
_PROLOGUE = b'<?xml version="1.0"?>\n<?qbxml version="13.0"?>\n'


class QbRequest(Protocol):
    """Anything that renders one `*Rq` element (the request dataclasses of this package)."""

    @property
    def request_id(self) -> str | None: ...

    def to_xml(self) -> etree._Element: ...


def build_message(
    requests: Sequence[QbRequest],
    on_error: OnError = "stopOnError",
    *,
    new_message_set_id: str | None = None,
) -> bytes:
    """The qbXML document for `requests`, in order.

    A request without a request_id gets its 1-based position in the message as requestID.
    `new_message_set_id` turns on QuickBooks' error recovery for this message set.
    """
    if not requests:
        raise fail("QBXMLMsgsRq", "has no requests: send at least one")
    if on_error not in _ON_ERROR_VALUES:
        raise fail("QBXMLMsgsRq", f"onError {on_error!r} must be one of {_ON_ERROR_VALUES}")
    messages = etree.Element("QBXMLMsgsRq")
    if new_message_set_id is not None:
        check_text(
            "QBXMLMsgsRq",
            "newMessageSetID",
            new_message_set_id,
            limits.MESSAGE_SET_ID,
            "use a shorter message set ID",
            required=True,
        )
        messages.set("newMessageSetID", new_message_set_id)
    messages.set("onError", on_error)
    for request_id, request in zip(_request_ids(requests), requests, strict=True):
        element = request.to_xml()
        element.set("requestID", request_id)
        messages.append(element)
    root = etree.Element("QBXML")
    root.append(messages)
    return _PROLOGUE + etree.tostring(root, encoding="utf-8")


def _request_ids(requests: Sequence[QbRequest]) -> list[str]:
    ids = [
        request.request_id if request.request_id is not None else str(position)
        for position, request in enumerate(requests, start=1)
    ]
    seen: set[str] = set()
    for request_id, request in zip(ids, requests, strict=True):
        name = type(request).__name__
        check_text(
            name,
            "requestID",
            request_id,
            limits.REQUEST_ID,
            "use a shorter correlation key (a hash or a database id)",
            required=True,
        )
        if request_id in seen:
            raise fail(
                name,
                f"requestID {request_id!r} is used twice in one message; QuickBooks echoes "
                "it back to correlate answers, so each must be unique",
            )
        seen.add(request_id)
    return ids

"""Writing qbXML response elements: values formatted the way QuickBooks formats them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from lxml import etree

from adapters.quickbooks.simulator.model import ADDRESS_FIELDS, ListRecord, TxnRecord, to_money
from adapters.quickbooks.simulator.status import Status

Element = etree._Element


def format_money(value: Decimal) -> str:
    return f"{to_money(value):.2f}"


def format_datetime(value: datetime) -> str:
    """QuickBooks writes local time with its UTC offset: 2024-05-01T09:30:00-05:00."""
    return value.isoformat(timespec="seconds").replace("Z", "+00:00")


def format_bool(value: bool) -> str:
    return "true" if value else "false"


def add_text(parent: Element, tag: str, value: str | None) -> None:
    if value is not None:
        etree.SubElement(parent, tag).text = value


def add_money(parent: Element, tag: str, value: Decimal | None) -> None:
    if value is not None:
        add_text(parent, tag, format_money(value))


def add_number(parent: Element, tag: str, value: Decimal | int | None) -> None:
    """Quantities, rates and percentages keep their own precision."""
    if isinstance(value, Decimal):
        add_text(parent, tag, format(value, "f"))
    elif value is not None:
        add_text(parent, tag, str(value))


def add_bool(parent: Element, tag: str, value: bool | None) -> None:
    if value is not None:
        add_text(parent, tag, format_bool(value))


def add_date(parent: Element, tag: str, value: date | None) -> None:
    if value is not None:
        add_text(parent, tag, value.isoformat())


def add_ref(parent: Element, tag: str, record: ListRecord | None) -> None:
    if record is not None:
        ref = etree.SubElement(parent, tag)
        add_text(ref, "ListID", record.list_id)
        add_text(ref, "FullName", record.full_name)


def add_address(parent: Element, tag: str, address: dict[str, str]) -> None:
    if address:
        element = etree.SubElement(parent, tag)
        for name in ADDRESS_FIELDS:
            add_text(element, name, address.get(name))


def add_list_core(parent: Element, record: ListRecord) -> None:
    add_text(parent, "ListID", record.list_id)
    add_text(parent, "TimeCreated", format_datetime(record.time_created))
    add_text(parent, "TimeModified", format_datetime(record.time_modified))
    add_text(parent, "EditSequence", record.edit_sequence)


def add_txn_core(parent: Element, txn: TxnRecord) -> None:
    add_text(parent, "TxnID", txn.txn_id)
    add_text(parent, "TimeCreated", format_datetime(txn.time_created))
    add_text(parent, "TimeModified", format_datetime(txn.time_modified))
    add_text(parent, "EditSequence", txn.edit_sequence)
    add_number(parent, "TxnNumber", txn.txn_number)


def keep_only(ret: Element, include: Iterable[str]) -> Element:
    """IncludeRetElement: drop every child of a Ret the request did not ask for."""
    wanted = set(include)
    if wanted:
        for element in list(ret):
            if element.tag not in wanted:
                ret.remove(element)
    return ret


def response_element(
    rs_tag: str,
    request_id: str | None,
    status: Status,
    *,
    iterator_id: str | None = None,
    iterator_remaining: int | None = None,
) -> Element:
    element = etree.Element(rs_tag)
    if request_id is not None:
        element.set("requestID", request_id)
    element.set("statusCode", str(status.code))
    element.set("statusSeverity", status.severity)
    element.set("statusMessage", status.message)
    if iterator_remaining is not None:
        element.set("iteratorRemainingCount", str(iterator_remaining))
    if iterator_id is not None:
        element.set("iteratorID", iterator_id)
    return element


def response_document(responses: list[Element]) -> str:
    root = etree.Element("QBXML")
    messages = etree.SubElement(root, "QBXMLMsgsRs")
    messages.extend(responses)
    body = etree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" ?>\n{body}'

"""Small helpers that append qbXML elements in the text formats QuickBooks expects."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from lxml import etree

from adapters.quickbooks.qbxml.values import Address, QbRef

_CENTS = Decimal("0.01")


def add_text(parent: etree._Element, tag: str, text: str | None) -> None:
    """Append <tag>text</tag>, or nothing when `text` is None."""
    if text is not None:
        etree.SubElement(parent, tag).text = text


def add_texts(parent: etree._Element, tag: str, texts: tuple[str, ...]) -> None:
    for text in texts:
        etree.SubElement(parent, tag).text = text


def add_ref(parent: etree._Element, tag: str, ref: QbRef | None) -> None:
    if ref is None:
        return
    element = etree.SubElement(parent, tag)
    add_text(element, "ListID", ref.list_id)
    add_text(element, "FullName", ref.full_name)


def add_address(parent: etree._Element, tag: str, address: Address | None) -> None:
    if address is None:
        return
    element = etree.SubElement(parent, tag)
    for number, line in enumerate(address.lines, start=1):
        add_text(element, f"Addr{number}", line)
    add_text(element, "City", address.city)
    add_text(element, "State", address.state)
    add_text(element, "PostalCode", address.postal_code)
    add_text(element, "Country", address.country)


def format_amount(value: Decimal) -> str:
    """AMTTYPE: always two decimal places, never an exponent."""
    return format(value.quantize(_CENTS) + 0, "f")


def format_number(value: Decimal) -> str:
    """PRICETYPE / QUANTYPE: plain notation, no trailing zeros, never an exponent."""
    return format(value.normalize() + 0, "f")


def format_date(value: date) -> str:
    return value.isoformat()


def format_bool(value: bool) -> str:
    return "true" if value else "false"


def format_guid(value: uuid.UUID) -> str:
    """GUIDTYPE: braces and upper case, as QuickBooks writes them."""
    return "{" + str(value).upper() + "}"


def add_amount(parent: etree._Element, tag: str, value: Decimal | None) -> None:
    if value is not None:
        add_text(parent, tag, format_amount(value))


def add_number(parent: etree._Element, tag: str, value: Decimal | None) -> None:
    if value is not None:
        add_text(parent, tag, format_number(value))


def add_date(parent: etree._Element, tag: str, value: date | None) -> None:
    if value is not None:
        add_text(parent, tag, format_date(value))


def add_bool(parent: etree._Element, tag: str, value: bool | None) -> None:
    if value is not None:
        add_text(parent, tag, format_bool(value))

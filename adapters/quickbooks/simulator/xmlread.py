"""Reading values out of qbXML request elements.

A request that does not carry what the schema requires cannot reach a handler when the
simulator validates against the schema; without the schema these helpers answer 3150/3210.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from lxml import etree

from adapters.quickbooks.simulator.company import Ref
from adapters.quickbooks.simulator.status import invalid_value, missing_element

Element = etree._Element


def child(parent: Element, tag: str) -> Element | None:
    return parent.find(tag)


def children(parent: Element, tag: str) -> list[Element]:
    return parent.findall(tag)


def text(parent: Element, tag: str) -> str | None:
    found = parent.find(tag)
    if found is None:
        return None
    return found.text or ""


def texts(parent: Element, tag: str) -> list[str]:
    return [found.text or "" for found in parent.findall(tag)]


def required_text(parent: Element, tag: str) -> str:
    value = text(parent, tag)
    if value is None:
        raise missing_element(f"{parent.tag}/{tag}")
    return value


def amount(parent: Element, tag: str) -> Decimal | None:
    value = text(parent, tag)
    if value is None:
        return None
    try:
        return Decimal(value.strip())
    except InvalidOperation as error:
        raise invalid_value(f'"{value}" in {tag} is not an amount.') from error


def required_amount(parent: Element, tag: str) -> Decimal:
    value = amount(parent, tag)
    if value is None:
        raise missing_element(f"{parent.tag}/{tag}")
    return value


def integer(parent: Element, tag: str) -> int | None:
    value = text(parent, tag)
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError as error:
        raise invalid_value(f'"{value}" in {tag} is not a whole number.') from error


def boolean(parent: Element, tag: str) -> bool | None:
    value = text(parent, tag)
    if value is None:
        return None
    return value.strip().lower() in ("true", "1")


def a_date(parent: Element, tag: str) -> date | None:
    value = text(parent, tag)
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as error:
        raise invalid_value(f'"{value}" in {tag} is not a date.') from error


def a_datetime(parent: Element, tag: str) -> datetime | None:
    value = text(parent, tag)
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError as error:
        raise invalid_value(f'"{value}" in {tag} is not a date and time.') from error


def ref(parent: Element, tag: str) -> Ref | None:
    found = parent.find(tag)
    if found is None:
        return None
    list_id = text(found, "ListID")
    full_name = text(found, "FullName")
    if list_id is None and full_name is None:
        raise missing_element(f"{tag}/ListID or {tag}/FullName")
    return Ref(list_id=list_id, full_name=full_name)


def required_ref(parent: Element, tag: str) -> Ref:
    found = ref(parent, tag)
    if found is None:
        raise missing_element(f"{parent.tag}/{tag}")
    return found


def address(parent: Element, tag: str, fields: tuple[str, ...]) -> dict[str, str]:
    found = parent.find(tag)
    if found is None:
        return {}
    return {name: value for name in fields if (value := text(found, name)) is not None}

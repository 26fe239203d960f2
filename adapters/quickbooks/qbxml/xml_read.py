"""Readers for the values inside qbXML answers: text, amounts, dates, flags, counts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from adapters.quickbooks.qbxml.errors import QbxmlResponseError


def element_children(element: etree._Element) -> list[etree._Element]:
    """Child elements only (no processing instructions or comments)."""
    return [child for child in element if isinstance(child.tag, str)]


def child_text(element: etree._Element, path: str) -> str | None:
    """The text of the first element at `path` (e.g. "CustomerRef/FullName"), or None."""
    found = element.find(path)
    if found is None:
        return None
    return found.text if found.text is not None else ""


def read_decimal(element: etree._Element, path: str) -> Decimal | None:
    text = child_text(element, path)
    if text is None or not text.strip():
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise _unreadable(element, path, text, "a number") from None
    if not value.is_finite():
        raise _unreadable(element, path, text, "a finite number")
    return value


def read_date(element: etree._Element, path: str) -> date | None:
    text = child_text(element, path)
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise _unreadable(element, path, text, "a date") from None


def read_bool(element: etree._Element, path: str) -> bool | None:
    text = child_text(element, path)
    if text is None or not text.strip():
        return None
    lowered = text.strip().lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise _unreadable(element, path, text, "true or false")


def read_int(element: etree._Element, path: str) -> int | None:
    text = child_text(element, path)
    if text is None or not text.strip():
        return None
    return parse_int(text, f"{element.tag} {path}")


def parse_int(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise QbxmlResponseError(f"qbXML answer: {what} {text!r} is not a whole number") from None


def _unreadable(element: etree._Element, path: str, text: str, expected: str) -> QbxmlResponseError:
    return QbxmlResponseError(
        f"qbXML answer: {element.tag} {path} is {text[:40]!r}, expected {expected}"
    )

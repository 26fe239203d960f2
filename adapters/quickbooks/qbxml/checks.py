"""Checks run on request fields before any XML is built.

Every failure raises `QbxmlFieldError` naming the request, the field, the offending value,
the limit and what to do about it.
"""

from __future__ import annotations

from decimal import Decimal

from adapters.quickbooks.qbxml.errors import QbxmlFieldError
from domain import limits
from domain.fields import NOT_XML_CHARACTER, decimal_places, shown


def fail(request: str, message: str) -> QbxmlFieldError:
    return QbxmlFieldError(f"{request}: {message}")


def check_text(
    request: str, field: str, value: str | None, limit: int, advice: str, *, required: bool = False
) -> None:
    if value is None:
        if required:
            raise fail(request, f"{field} is required: {advice}")
        return
    if not isinstance(value, str):
        raise fail(request, f"{field} must be text, not {type(value).__name__}")
    if required and not value.strip():
        raise fail(request, f"{field} is empty: {advice}")
    bad = NOT_XML_CHARACTER.search(value)
    if bad:
        raise fail(
            request,
            f"{field} {shown(value)} contains the character U+{ord(bad.group()):04X}, which XML "
            "cannot carry: remove control characters",
        )
    if len(value) > limit:
        raise fail(
            request,
            f"{field} {shown(value)} is {len(value)} characters; "
            f"QuickBooks allows {limit}: {advice}",
        )


def check_list_name(request: str, field: str, value: str, limit: int, advice: str) -> None:
    """A name in a QuickBooks list: required, within `limit`, and free of the ':' separator."""
    check_text(request, field, value, limit, advice, required=True)
    if ":" in value:
        raise fail(
            request,
            f"{field} {shown(value)} contains ':', which QuickBooks reserves to join a parent "
            "and its sub-entries: choose a name without ':'",
        )


def check_id(request: str, field: str, value: str | None, *, required: bool = True) -> None:
    check_text(
        request,
        field,
        value,
        limits.TXN_ID,
        "use the ListID or TxnID exactly as QuickBooks returned it",
        required=required,
    )


def check_edit_sequence(request: str, value: str) -> None:
    check_text(
        request,
        "EditSequence",
        value,
        limits.EDIT_SEQUENCE,
        "use the EditSequence exactly as QuickBooks returned it",
        required=True,
    )


def check_amount(request: str, field: str, value: Decimal | None, *, negative_ok: bool) -> None:
    _check_decimal(
        request, field, value, limits.AMOUNT_DECIMAL_PLACES, limits.AMOUNT_INTEGER_DIGITS
    )
    if value is not None and value < 0 and not negative_ok:
        raise fail(request, f"{field} {value} is negative: QuickBooks needs 0 or more here")


def check_price(request: str, field: str, value: Decimal | None) -> None:
    _check_decimal(request, field, value, limits.PRICE_DECIMAL_PLACES, limits.PRICE_INTEGER_DIGITS)


def check_quantity(request: str, field: str, value: Decimal | None) -> None:
    _check_decimal(
        request, field, value, limits.QUANTITY_DECIMAL_PLACES, limits.QUANTITY_INTEGER_DIGITS
    )


def _check_decimal(
    request: str, field: str, value: Decimal | None, places: int, integer_digits: int
) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal):
        raise fail(
            request,
            f"{field} {value!r} is a {type(value).__name__}; QuickBooks amounts must be "
            f"decimal.Decimal with at most {places} decimal places: pass Decimal('…')",
        )
    if not value.is_finite():
        raise fail(request, f"{field} {value} is not a finite number: pass a real amount")
    if value != 0 and value.adjusted() >= integer_digits:
        raise fail(
            request,
            f"{field} {shown(value)} has more than {integer_digits} digits before the decimal "
            f"point; QuickBooks allows {integer_digits}: split the amount or check the data",
        )
    if decimal_places(value) > places:
        raise fail(
            request,
            f"{field} {value} has {decimal_places(value)} decimal places; QuickBooks allows "
            f"{places}: round it to {places} places before sending",
        )


def check_positive_int(request: str, field: str, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise fail(request, f"{field} {value!r} must be a whole number of at least 1")

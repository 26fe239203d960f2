"""The rules every field must pass before it is recorded, read from `domain.limits`.

Each rule raises `FieldOutOfLimits` naming the field, the value, the limit and what to do;
the API's schemas and the qbXML builders apply the same rules, so a value one accepts the
others accept too.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial

from domain import limits
from domain.errors import FieldOutOfLimits, InvalidAmount

_SHOWN_CHARACTERS = 40

NOT_XML_CHARACTER = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters an XML document cannot carry at all."""

_FORBIDDEN_IN_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
"""Control characters (tab and line breaks aside) and the bidirectional overrides and
isolates, which make a name read differently from what it holds."""

_LINE_BREAK_OR_TAB = re.compile("[\t\n\r]")

_PLACES_IN_WORDS = {2: "two"}

_DECIMAL_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
"""ASCII digits with an optional point: no `_`, no exponent, no spaces, no other scripts."""


def shown(value: object) -> str:
    """A value as it appears in an error message: quoted and cut to a readable length."""
    text = str(value)
    if len(text) > _SHOWN_CHARACTERS:
        text = text[:_SHOWN_CHARACTERS] + "…"
    return repr(text) if isinstance(value, str) else text


def text(field: str, value: str, limit: int, *, multiline: bool = False) -> str:
    """`value` unchanged if it fits QuickBooks: at most `limit` characters, no control or
    bidirectional-override characters (line breaks and tabs only where `multiline`)."""
    bad = _FORBIDDEN_IN_TEXT.search(value) or (
        None if multiline else _LINE_BREAK_OR_TAB.search(value)
    )
    if bad:
        allowed = "" if multiline else " or line breaks"
        raise FieldOutOfLimits(
            field,
            f"no control or bidirectional-override characters{allowed}",
            f"{field} {shown(value)} contains the character U+{ord(bad.group()):04X}: "
            "remove control, line-break and bidirectional-override characters",
        )
    if len(value) > limit:
        raise FieldOutOfLimits(
            field,
            f"at most {limit} characters",
            f"{field} {shown(value)} is {len(value)} characters; QuickBooks allows {limit}: "
            "shorten it",
        )
    return value


def name(field: str, value: str, limit: int) -> str:
    """A name of a QuickBooks list entry: `text`, and free of ':', which QuickBooks reserves
    to join a parent and its sub-entries."""
    text(field, value, limit)
    if ":" in value:
        raise FieldOutOfLimits(
            field,
            "no ':'",
            f"{field} {shown(value)} contains ':', which QuickBooks reserves to join a parent "
            "and its sub-entries: choose a name without ':' (name a parent instead)",
        )
    return value


def decimal(field: str, value: Decimal | int | str, *, places: int, integer_digits: int) -> Decimal:
    """A number QuickBooks takes: at most `places` decimal places and `integer_digits` digits
    before the point; from text, only ASCII digits and one optional point."""
    if isinstance(value, float):
        raise InvalidAmount(f"{field} {value!r} is a float: pass a Decimal or a string")
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError, TypeError) as error:
        raise InvalidAmount(f"{field} {value!r} is not a number") from error
    if not number.is_finite():
        raise InvalidAmount(f"{field} {value!r} is not a finite number")
    if number != 0 and number.adjusted() >= integer_digits:
        raise InvalidAmount(
            f"{field} {shown(value)} is too large: QuickBooks allows {integer_digits} digits "
            "before the decimal point"
        )
    if decimal_places(number) > places:
        raise InvalidAmount(
            f"{field} {value} has more than {_PLACES_IN_WORDS.get(places, places)} decimal places"
        )
    if isinstance(value, str) and not _DECIMAL_TEXT.fullmatch(value):
        raise InvalidAmount(
            f"{field} {shown(value)} is not a number in plain digits: write it with 0-9 and at "
            "most one '.', e.g. \"1250.00\" (no spaces, '_', exponents or other scripts' digits)"
        )
    return number


def decimal_places(value: Decimal) -> int:
    """Significant decimal places, ignoring trailing zeros (exact: no rounding context)."""
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # only NaN and Infinity have a str exponent
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + trailing_zeros))


amount = partial(
    decimal, places=limits.AMOUNT_DECIMAL_PLACES, integer_digits=limits.AMOUNT_INTEGER_DIGITS
)
quantity = partial(
    decimal, places=limits.QUANTITY_DECIMAL_PLACES, integer_digits=limits.QUANTITY_INTEGER_DIGITS
)
rate = partial(
    decimal, places=limits.PRICE_DECIMAL_PLACES, integer_digits=limits.PRICE_INTEGER_DIGITS
)


def txn_date(field: str, value: date) -> date:
    """A date QuickBooks' date fields take."""
    if not limits.EARLIEST_DATE <= value <= limits.LATEST_DATE:
        raise FieldOutOfLimits(
            field,
            f"between {limits.EARLIEST_DATE} and {limits.LATEST_DATE}",
            f"{field} {value} is outside the dates QuickBooks takes "
            f"({limits.EARLIEST_DATE} to {limits.LATEST_DATE}): check the year",
        )
    return value


def near_date(field: str, value: date, today: date, *, confirmed: bool) -> date:
    """`txn_date`, and, unless `confirmed`, within FAR_PAST_DAYS before and FAR_FUTURE_DAYS
    after `today`: a date far from today is far more often a typo than a fact."""
    txn_date(field, value)
    days = (value - today).days
    if not confirmed and not -limits.FAR_PAST_DAYS <= days <= limits.FAR_FUTURE_DAYS:
        raise FieldOutOfLimits(
            field,
            f"within {limits.FAR_PAST_DAYS} days before and {limits.FAR_FUTURE_DAYS} days after "
            "today, unless confirmed",
            f"{field} {value} is {abs(days)} days {'after' if days > 0 else 'before'} today "
            f"({today}); dates more than {limits.FAR_PAST_DAYS} days before or "
            f"{limits.FAR_FUTURE_DAYS} days after today need a confirmation: check the date, or "
            "confirm it (confirm_date: true) if it is right",
        )
    return value

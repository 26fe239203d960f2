"""Money is a Decimal with two places. Nothing here ever touches float."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from domain import fields
from domain.errors import InvalidAmount

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value: Decimal | int | str, *, what: str = "amount") -> Decimal:
    """Return `value` as a two-place Decimal within QuickBooks' range; refuse floats and
    anything finer than a cent."""
    return fields.amount(what, value).quantize(CENT)


def positive_money(value: Decimal | int | str, *, what: str = "amount") -> Decimal:
    amount = money(value, what=what)
    if amount <= ZERO:
        raise InvalidAmount(f"{what} must be greater than zero, got {amount}")
    return amount


def round_to_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def total(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, ZERO).quantize(CENT)

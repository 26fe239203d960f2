"""Money is a Decimal with two places. Nothing here ever touches float."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from domain.errors import InvalidAmount

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value: Decimal | int | str, *, what: str = "amount") -> Decimal:
    """Return `value` as a two-place Decimal; refuse floats and anything finer than a cent."""
    if isinstance(value, float):
        raise InvalidAmount(f"{what} {value!r} is a float: pass a Decimal or a string")
    try:
        amount = Decimal(value)
    except (InvalidOperation, ValueError) as error:
        raise InvalidAmount(f"{what} {value!r} is not a number") from error
    if not amount.is_finite():
        raise InvalidAmount(f"{what} {value!r} is not a finite number")
    try:
        cents = amount.quantize(CENT)
    except InvalidOperation as error:
        raise InvalidAmount(f"{what} {amount} is too large") from error
    if amount != cents:
        raise InvalidAmount(f"{what} {amount} has more than two decimal places")
    return cents


def positive_money(value: Decimal | int | str, *, what: str = "amount") -> Decimal:
    amount = money(value, what=what)
    if amount <= ZERO:
        raise InvalidAmount(f"{what} must be greater than zero, got {amount}")
    return amount


def round_to_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def total(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, ZERO).quantize(CENT)

"""Transaction lines: item, description, quantity and rate; the amount is derived."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from domain.errors import InvalidAmount, InvalidLines
from domain.money import ZERO, round_to_cents, total

MAX_RATE_PLACES = 5
MAX_QUANTITY_PLACES = 5


@dataclass(frozen=True)
class Line:
    item: str
    description: str
    quantity: Decimal
    rate: Decimal

    @property
    def amount(self) -> Decimal:
        return round_to_cents(self.quantity * self.rate)


def _decimal(value: Decimal | int | str, what: str, places: int) -> Decimal:
    if isinstance(value, float):
        raise InvalidAmount(f"{what} {value!r} is a float: pass a Decimal or a string")
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError) as error:
        raise InvalidAmount(f"{what} {value!r} is not a number") from error
    exponent = number.as_tuple().exponent
    if not number.is_finite() or not isinstance(exponent, int) or -exponent > places:
        raise InvalidAmount(f"{what} {value} must be finite with at most {places} decimal places")
    return number


def make_line(
    item: str, description: str, quantity: Decimal | int | str, rate: Decimal | int | str
) -> Line:
    if not item.strip():
        raise InvalidLines("every line needs an item")
    qty = _decimal(quantity, f"quantity of line {item!r}", MAX_QUANTITY_PLACES)
    if qty <= ZERO:
        raise InvalidAmount(f"quantity of line {item!r} must be greater than zero, got {qty}")
    return Line(item.strip(), description, qty, _decimal(rate, f"rate of line {item!r}", 5))


def lines_total(lines: Sequence[Line]) -> Decimal:
    return total(line.amount for line in lines)


def validated_lines(lines: Sequence[Line], record: str) -> tuple[Line, ...]:
    """Lines of a new or edited transaction: at least one, with a positive total."""
    if not lines:
        raise InvalidLines(f"{record} needs at least one line")
    checked = tuple(make_line(ln.item, ln.description, ln.quantity, ln.rate) for ln in lines)
    try:
        amount = lines_total(checked)
    except InvalidOperation as error:
        raise InvalidAmount(f"{record} total is too large") from error
    if amount <= ZERO:
        raise InvalidAmount(f"{record} total must be greater than zero, got {amount}")
    return checked

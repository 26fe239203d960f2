"""Transaction lines: item, description, quantity and rate; the amount is derived."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from domain import fields, limits
from domain.errors import InvalidAmount, InvalidLines
from domain.money import ZERO, round_to_cents, total


@dataclass(frozen=True)
class Line:
    item: str
    description: str
    quantity: Decimal
    rate: Decimal

    @property
    def amount(self) -> Decimal:
        return round_to_cents(self.quantity * self.rate)


def make_line(
    item: str, description: str, quantity: Decimal | int | str, rate: Decimal | int | str
) -> Line:
    if not item.strip():
        raise InvalidLines("every line needs an item")
    name = fields.text("item", item.strip(), limits.ITEM_NAME)
    fields.text(f"description of line {name!r}", description, limits.LINE_DESC, multiline=True)
    qty = fields.quantity(f"quantity of line {name!r}", quantity)
    if qty <= ZERO:
        raise InvalidAmount(f"quantity of line {name!r} must be greater than zero, got {qty}")
    line = Line(name, description, qty, fields.rate(f"rate of line {name!r}", rate))
    fields.amount(f"amount of line {name!r}", line.amount)
    return line


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
    fields.amount(f"{record} total", amount)
    if amount <= ZERO:
        raise InvalidAmount(f"{record} total must be greater than zero, got {amount}")
    return checked

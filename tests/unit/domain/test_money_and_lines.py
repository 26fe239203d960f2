"""Money is a two-place Decimal; lines have an item, a positive quantity and a derived amount."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.errors import InvalidAmount, InvalidLines
from domain.lines import lines_total, make_line, validated_lines
from domain.money import money, positive_money
from tests.unit.domain.builders import line


@pytest.mark.parametrize(
    ("given", "expected"),
    [("12.5", Decimal("12.50")), (7, Decimal("7.00")), (Decimal("3.100"), Decimal("3.10"))],
)
def test_money_is_a_two_place_decimal(given: Decimal | int | str, expected: Decimal) -> None:
    amount = money(given)
    assert amount == expected
    assert amount.as_tuple().exponent == -2


@pytest.mark.parametrize("given", ["1.001", "0.005", "abc", "", "NaN", "Infinity", "1e30"])
def test_money_refuses_over_precise_malformed_infinite_or_huge_amounts(given: str) -> None:
    with pytest.raises(InvalidAmount):
        money(given)


def test_money_refuses_floats() -> None:
    with pytest.raises(InvalidAmount, match="float"):
        money(1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("given", ["0", "0.00", "-0.01", "-100"])
def test_positive_money_refuses_zero_and_negative_amounts(given: str) -> None:
    with pytest.raises(InvalidAmount, match="greater than zero"):
        positive_money(given)


def test_a_line_amount_is_quantity_times_rate_rounded_half_up_to_cents() -> None:
    assert make_line("tow", "", "3", "0.125").amount == Decimal("0.38")
    assert make_line("tow", "", "1.5", "80").amount == Decimal("120.00")


def test_a_line_needs_an_item() -> None:
    with pytest.raises(InvalidLines):
        make_line("  ", "towing", "1", "100")


@pytest.mark.parametrize("quantity", ["0", "-1", "0.00"])
def test_a_line_quantity_must_be_positive(quantity: str) -> None:
    with pytest.raises(InvalidAmount, match="quantity"):
        make_line("tow", "", quantity, "100")


def test_line_quantity_and_rate_refuse_floats_and_over_precision() -> None:
    with pytest.raises(InvalidAmount, match="float"):
        make_line("tow", "", 1.0, "100")  # type: ignore[arg-type]
    with pytest.raises(InvalidAmount, match="float"):
        make_line("tow", "", "1", 99.99)  # type: ignore[arg-type]
    with pytest.raises(InvalidAmount, match="decimal places"):
        make_line("tow", "", "1", "0.123456")
    with pytest.raises(InvalidAmount, match="not a number"):
        make_line("tow", "", "one", "100")


def test_lines_total_sums_the_line_amounts() -> None:
    assert lines_total([line("100.00"), line("-20.50", item="discount")]) == Decimal("79.50")


def test_a_transaction_needs_at_least_one_line() -> None:
    with pytest.raises(InvalidLines, match="at least one line"):
        validated_lines([], "invoice 1")


@pytest.mark.parametrize("discount", ["-100.00", "-150.00"])
def test_a_transaction_total_must_be_positive(discount: str) -> None:
    with pytest.raises(InvalidAmount, match="total must be greater than zero"):
        validated_lines([line("100.00"), line(discount, item="discount")], "invoice 1")


def test_a_transaction_total_too_large_for_cents_is_refused() -> None:
    with pytest.raises(InvalidAmount, match="too large"):
        validated_lines([make_line("tow", "", "1E+20", "1E+10")], "invoice 1")

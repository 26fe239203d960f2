"""How money, decimals and free text travel over HTTP: Decimals as strings, never floats."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, PlainSerializer, WithJsonSchema

from api.schemas.limited import Reason
from domain.money import CENT


def _two_places(value: Decimal) -> str:
    return format(value.quantize(CENT), "f")


def _plain_decimal(value: Decimal) -> str:
    return format(value, "f")


Money = Annotated[
    Decimal,
    PlainSerializer(_two_places, return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": r"^-?\d+\.\d{2}$", "examples": ["125.00"]},
    ),
]
"""An amount of money in a response: a string with exactly two decimal places."""

DecimalText = Annotated[
    Decimal,
    PlainSerializer(_plain_decimal, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["1.5"]}),
]
"""A quantity or rate in a response: a decimal string, as precise as it was entered."""

AmountIn = Annotated[
    str,
    Field(
        description=(
            "Money as a decimal string of ASCII digits, greater than zero, with at most two "
            "decimal places and 13 digits before the point "
            "(JSON numbers are refused so that no amount ever passes through a float)"
        ),
        examples=["125.00"],
    ),
]

DecimalIn = Annotated[
    str,
    Field(description='A decimal string, e.g. "1.5" (at most five places)', examples=["1"]),
]

ReasonText = Reason

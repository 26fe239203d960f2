"""The three policy levels of SPEC section 3."""

from __future__ import annotations

from enum import StrEnum


class PolicyLevel(StrEnum):
    CONSERVATIVE = "conservative"
    MODERATE = "moderate"
    AGGRESSIVE = "aggressive"

    @classmethod
    def parse(cls, value: str) -> PolicyLevel:
        try:
            return cls(value.strip().lower())
        except ValueError:
            choices = ", ".join(level.value for level in cls)
            from domain.errors import InvalidInput

            raise InvalidInput(f"unknown policy level {value!r}: choose one of {choices}") from None


ALL_LEVELS: tuple[PolicyLevel, ...] = tuple(PolicyLevel)

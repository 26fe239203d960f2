"""Transaction lines: item, description, quantity and rate; the amount is derived."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.schemas.limited import CorrectedBy, Description, ItemName, Reason, StrictIn
from api.schemas.values import DecimalIn, DecimalText, Money
from domain.lines import Line, make_line


class LineIn(StrictIn):
    item: ItemName = Field(description="The item's name, as in QuickBooks", examples=["TOW"])
    description: Description = ""
    quantity: DecimalIn
    rate: DecimalIn

    def to_domain(self) -> Line:
        return make_line(self.item, self.description, self.quantity, self.rate)


class LinesIn(StrictIn):
    """The lines that replace a draft's lines."""

    lines: list[LineIn]

    def to_domain(self) -> list[Line]:
        return [line.to_domain() for line in self.lines]


class CorrectionIn(LinesIn):
    """The corrected lines of a transaction QuickBooks does not hold, and who corrects it why."""

    corrected_by: CorrectedBy = Field(description="Who makes the correction")
    reason: Reason = Field(description="Why, e.g. what QuickBooks refused")


class LineOut(BaseModel):
    item: str
    description: str
    quantity: DecimalText
    rate: DecimalText
    amount: Money = Field(description="Quantity times rate, rounded to the cent")

    @classmethod
    def of(cls, line: Line) -> LineOut:
        return cls(
            item=line.item,
            description=line.description,
            quantity=line.quantity,
            rate=line.rate,
            amount=line.amount,
        )

"""JSON transcodings for the domain's value types.

Decimal, UUID and datetime come with eventsourcing; str-valued enums and tuples travel as
JSON strings and lists, and the domain's event handlers convert them back.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.lines import Line


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class LineAsDict(Transcoding):
    type = Line
    name = "line"

    def encode(self, obj: Line) -> dict[str, str]:
        return {
            "item": obj.item,
            "description": obj.description,
            "quantity": str(obj.quantity),
            "rate": str(obj.rate),
        }

    def decode(self, data: dict[str, str]) -> Line:
        return Line(
            data["item"], data["description"], Decimal(data["quantity"]), Decimal(data["rate"])
        )


def register_domain_transcodings(transcoder: JSONTranscoder) -> None:
    transcoder.register(DateAsISO())
    transcoder.register(LineAsDict())

"""As of a moment or a position, as people write them: a date or a time without a zone is
read in the company's time zone (QBSYNC_TIME_ZONE, default UTC); positions are bounded."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput

MAX_POSITION = 2**63 - 1
"""The largest log position a store can hold (a signed 64-bit integer)."""


def as_of_moment(text: str, time_zone: str) -> datetime:
    """The moment `text` names: a date means the end of that day; a time without a zone is
    in `time_zone`."""
    value = text.strip()
    try:
        if len(value) == len("2026-03-03"):
            day = date.fromisoformat(value)
            return datetime.combine(day, time.max, tzinfo=ZoneInfo(time_zone))
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f"as of {text!r} is not a date or a time: write 2026-03-03, 2026-03-03T17:30 or "
            "2026-03-03T17:30-06:00"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(time_zone))


def bounded_position(position: int | None) -> int | None:
    if position is not None and not 0 <= position <= MAX_POSITION:
        raise InvalidInput(
            f"as of position {position} is out of range: use a log position from 0 to "
            f"{MAX_POSITION} (a position past the end means the whole log)"
        )
    return position

"""From a moment to the log position the history as of that moment ends at, by an index.

The history as of moment T is the log up to the last position recorded at or before T (see
`replay.position_at`). Timestamps need not grow with positions (several writers), so the
index keeps the staircase: each position whose timestamp is earlier than that of every later
position. The answer for T is the staircase's last step at or before T: the last position
recorded at or before T has only later timestamps after it, so it is a step, and no later
step is at or before T. A new event removes the steps at or after its own timestamp.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta

from projections.readiness.log import LoggedEvent

_EPOCH, _MICROSECOND = datetime(1970, 1, 1, tzinfo=UTC), timedelta(microseconds=1)


def microseconds(moment: datetime) -> int:
    """The moment as whole microseconds since 1970 (exact, unlike a float timestamp)."""
    return (moment - _EPOCH) // _MICROSECOND


class Staircase:
    """The steps of a stretch of the log, noted as its events pass by."""

    def __init__(self) -> None:
        self.steps: list[tuple[int, int]] = []  # (position, microseconds), both increasing
        self.earliest: int | None = None  # the earliest moment of the stretch

    def noting(self, events: Iterable[LoggedEvent], after: int) -> Iterator[LoggedEvent]:
        """`events`, passed on; those after position `after` are noted."""
        steps = self.steps
        for event in events:
            if event.position > after:
                at = microseconds(event.timestamp)
                while steps and steps[-1][1] >= at:
                    steps.pop()
                steps.append((event.position, at))
                if self.earliest is None or at < self.earliest:
                    self.earliest = at
            yield event

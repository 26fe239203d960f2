"""The facts as of a point in the log, from the events alone."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from itertools import takewhile

from projections.readiness.facts import Facts
from projections.readiness.folding import fold
from projections.readiness.log import LoggedEvent


def facts_as_of(events: Iterable[LoggedEvent], position: int | None = None) -> Facts:
    """Fold the events (in log order) up to and including `position` (all when None)."""
    facts = Facts()
    fold(facts, events if position is None else takewhile(lambda e: e.position <= position, events))
    return facts


def position_at(events: Iterable[LoggedEvent], moment: datetime) -> int:
    """The last log position recorded at or before `moment` (0 when none was).

    The history as of `moment` is the log up to that position: a unit of work is saved at
    once, so its events stand or fall together.
    """
    last = 0
    for logged in events:
        if logged.timestamp <= moment:
            last = max(last, logged.position)
    return last

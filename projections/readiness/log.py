"""An event as the readiness model reads it: a position in the log and the event's data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, NamedTuple


class Citation(NamedTuple):
    """The event a fact rests on: its log position, originator id and version, and type.

    A named tuple: compact, immutable, ordered and hashed field by field, and built in one
    step (the fold cites nearly every event)."""

    position: int
    originator_id: str
    version: int
    event: str

    def __str__(self) -> str:
        return f"#{self.position} {self.event} ({self.originator_id} v{self.version})"

    def to_list(self) -> list[Any]:
        return [self.position, self.originator_id, self.version, self.event]

    @classmethod
    def from_list(cls, data: list[Any]) -> Citation:
        return cls(int(data[0]), str(data[1]), int(data[2]), str(data[3]))


@dataclass(frozen=True)
class LoggedEvent:
    position: int
    originator_id: str
    version: int
    topic: str
    timestamp: datetime
    data: Mapping[str, Any]

    @cached_property
    def event_type(self) -> str:
        """`Invoice.Created` for topic `domain.invoice:Invoice.Created`."""
        return self.topic.rpartition(":")[2]

    def cite(self) -> Citation:
        """`Citation(position, originator_id, version, event_type)`, built as the tuple it
        is, without the named tuple's `__new__` (a Python call)."""
        return _new(Citation, (self.position, self.originator_id, self.version, self.event_type))


_new = tuple.__new__

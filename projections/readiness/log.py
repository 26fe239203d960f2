"""An event as the readiness model reads it: a position in the log and the event's data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any


@dataclass(frozen=True, order=True, slots=True)
class Citation:
    """The event a fact rests on: its log position, originator id and version, and type."""

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
        """`Citation(position, originator_id, version, event_type)`, built without the frozen
        dataclass's `__init__` (the fold cites nearly every event)."""
        citation = _new(Citation)
        _set_position(citation, self.position)
        _set_originator_id(citation, self.originator_id)
        _set_version(citation, self.version)
        _set_event(citation, self.event_type)
        return citation


_new = object.__new__


def _setter(name: str) -> Callable[[Citation, Any], None]:
    """A slot's own setter: what the frozen dataclass's `__init__` calls, one by one."""
    setter: Callable[[Citation, Any], None] = getattr(Citation, name).__set__
    return setter


_set_position, _set_originator_id, _set_version, _set_event = map(
    _setter, ["position", "originator_id", "version", "event"]
)

"""An entry of an aggregate's event history, with every value made plain JSON."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from pydantic import BaseModel, Field, JsonValue

from adapters.services.listing.history import actor_of
from adapters.services.listing.positions import log_positions
from adapters.storage.ledger.application import Ledger

_ENVELOPE = frozenset(
    {"originator_id", "originator_version", "timestamp", "originator_topic", "acted_by"}
)


class HistoryEntry(BaseModel):
    """One domain event, as recorded: its version in the aggregate, type, time and data."""

    version: int = Field(description="Position of the event in the record's history, from 1")
    log_position: int | None = Field(
        default=None, description="The event's place in the ledger's log, as citations name it"
    )
    type: str = Field(description="The event's name, e.g. Created, Finalized, Applied")
    timestamp: datetime
    by: str = Field(
        default="",
        description=(
            "Who did it: the API token's name, the CLI's --by or OS user, the person the "
            "command named, or qbsync for what it recorded itself (QuickBooks' answers)"
        ),
    )
    data: dict[str, JsonValue] = Field(
        description="The event's attributes; Decimals as strings, dates in ISO format"
    )

    @classmethod
    def of(cls, event: object) -> HistoryEntry:
        attributes = vars(event)
        return cls(
            version=attributes["originator_version"],
            type=type(event).__name__,
            timestamp=attributes["timestamp"],
            by=actor_of(type(event).__name__, attributes),
            data={k: plain(v) for k, v in attributes.items() if k not in _ENVELOPE},
        )


def history_of(
    events: list[object], up_to_version: int, positions: Mapping[int, int] | None = None
) -> list[HistoryEntry]:
    """The entries of `events` up to the version the current state was read at, each with
    its log position when `positions` ({version: position}) has it."""
    entries = [HistoryEntry.of(event) for event in events]
    return [
        entry.model_copy(update={"log_position": (positions or {}).get(entry.version)})
        for entry in entries
        if entry.version <= up_to_version
    ]


def plain(value: object) -> JsonValue:
    """`value` as JSON: Decimals as strings, dates ISO, enums by value, dataclasses as objects."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(item) for item in value]
    return str(value)


def recorded_history(ledger: Ledger, record: Aggregate) -> list[HistoryEntry]:
    """The history of `record` as read, each event with its log position."""
    return history_of(ledger.history(record.id), record.version, log_positions(ledger, record.id))


Detail = TypeVar("Detail", bound=BaseModel)


def with_history(model: type[Detail], state: BaseModel, history: list[HistoryEntry]) -> Detail:
    """`state` and its `history` as one `model` (a subclass of the state's model)."""
    return model.model_validate({**dict(state), "history": history})

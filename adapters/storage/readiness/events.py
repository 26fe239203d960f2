"""Ledger events as the readiness model reads them.

The notification log is read with one lean query per page (only the columns needed, rows as
tuples) and each stored event's state is decoded straight into a `LoggedEvent`: the same
event state eventsourcing's mapper would give the domain event (`vars(domain_event)`), without
building the domain event. The ledger's transcoder is eventsourcing's `JSONTranscoder`, whose
typed values are `{"_type_": name, "_data_": ...}` objects; the known transcodings are decoded
by fast equivalents and any other by the transcoding itself. When the ledger compresses or
encrypts its events, or an event class needs upcasting, the mapper decodes instead.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Hashable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast
from uuid import UUID, SafeUUID

from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    StoredEvent,
    UUIDAsHex,
    find_id_convertor,
)
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder
from eventsourcing.utils import get_topic, resolve_topic
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Identifier

from adapters.storage.ledger.application import Ledger
from adapters.storage.ledger.transcodings import DateAsISO, LineAsDict
from domain.lines import Line
from projections.readiness.log import LoggedEvent

PAGE = 5_000

# (notification id, originator id as stored, originator version, topic, state)
StoredRow = tuple[int, Any, int, str, bytes]


def logged(domain_event: Any, position: int, topic: str = "") -> LoggedEvent:
    data = vars(domain_event)
    return LoggedEvent(
        position=position,
        originator_id=str(data["originator_id"]),
        version=int(data["originator_version"]),
        topic=topic or get_topic(type(domain_event)),
        timestamp=data["timestamp"],
        data=data,
    )


def read_log(
    ledger: Ledger, after: int, limit: int = PAGE, upto: int | None = None
) -> list[LoggedEvent]:
    """One page of the notification log: events after position `after`, up to `upto`."""
    if upto is not None and upto <= after:
        return []
    rows = select_rows(ledger, after, limit, upto)
    decoder = fast_decoder(ledger)
    if decoder is None:
        return [mapped(ledger, row) for row in rows]
    return decoder.decode(rows)


def whole_log(ledger: Ledger, upto: int | None = None) -> list[LoggedEvent]:
    events: list[LoggedEvent] = []
    while page := read_log(ledger, events[-1].position if events else 0, 50_000, upto=upto):
        events.extend(page)
    return events


def read_log_by_mapper(
    ledger: Ledger, after: int, limit: int = PAGE, upto: int | None = None
) -> list[LoggedEvent]:
    """The same page as `read_log`, through eventsourcing's own reading and mapper."""
    if upto is not None and upto <= after:
        return []
    page = ledger.recorder.select_notifications(after + 1, limit, stop=upto)
    return [logged(ledger.mapper.to_domain_event(n), n.id, n.topic) for n in page]


# Reading -----------------------------------------------------------------------------------


def select_rows(ledger: Ledger, after: int, limit: int, upto: int | None) -> list[StoredRow]:
    """The stored events after `after` (up to `upto`), at most `limit`, in log order."""
    recorder = ledger.recorder
    if isinstance(recorder, SQLiteApplicationRecorder):
        sql = (
            "SELECT rowid, originator_id, originator_version, topic, state "
            f"FROM {recorder.events_table_name} WHERE rowid > ?"
        )
        params: list[int] = [after]
        if upto is not None:
            sql, params = sql + " AND rowid <= ?", [*params, upto]
        with recorder.datastore.transaction(commit=False) as c:
            cursor: sqlite3.Cursor = c.sqlite_cursor
            cursor.row_factory = None
            cursor.execute(sql + " ORDER BY rowid LIMIT ?", [*params, limit])
            return cast(list[StoredRow], cursor.fetchall())
    if isinstance(recorder, PostgresApplicationRecorder):
        statement = SQL(
            "SELECT notification_id, originator_id, originator_version, topic, state "
            "FROM {schema}.{table} WHERE notification_id > %s"
        ).format(
            schema=Identifier(recorder.datastore.schema),
            table=Identifier(recorder.events_table_name),
        )
        params = [after]
        if upto is not None:
            statement, params = statement + SQL(" AND notification_id <= %s"), [*params, upto]
        statement += SQL(" ORDER BY notification_id LIMIT %s")
        # Binary results: the state's bytes come as they are (not hex to decode) and the
        # numbers and ids without parsing text.
        with (
            recorder.datastore.get_connection() as conn,
            conn.cursor(row_factory=tuple_row, binary=True) as cur,
        ):
            cur.execute(statement, [*params, limit], prepare=True)
            return cast(list[StoredRow], cur.fetchall())
    return [
        (n.id, n.originator_id, n.originator_version, n.topic, n.state)
        for n in recorder.select_notifications(after + 1, limit, stop=upto)
    ]


def _originator_id(ledger: Ledger, stored: Any) -> Any:
    """The originator id as the recorder's `select_notifications` gives it."""
    recorder = ledger.recorder
    if isinstance(recorder, SQLiteApplicationRecorder):
        return recorder.convert_originator_id(stored)
    return stored


def mapped(ledger: Ledger, row: StoredRow) -> LoggedEvent:
    """One stored event through eventsourcing's mapper (and its configured codecs)."""
    position, originator_id, version, topic, state = row
    stored = StoredEvent(_originator_id(ledger, originator_id), version, topic, bytes(state))
    return logged(ledger.mapper.to_domain_event(stored), position, topic)


# Decoding ----------------------------------------------------------------------------------


def _line(data: dict[str, str]) -> Line:
    return Line(data["item"], data["description"], Decimal(data["quantity"]), Decimal(data["rate"]))


# Exactly what each known transcoding's `decode` does, without the method call.
_FAST: dict[type[Any], Callable[[Any], Any]] = {
    DecimalAsStr: Decimal,
    DatetimeAsISO: datetime.fromisoformat,
    UUIDAsHex: UUID,
    DateAsISO: date.fromisoformat,
    LineAsDict: _line,
}


_new_object, _set = object.__new__, object.__setattr__
_SAFE_UNKNOWN = SafeUUID.unknown


def _uuid(text: str) -> UUID:
    """`UUID(text)`, for the 32 hex digits SQLite stores (`UUID.hex`): they make the UUID's
    number directly, without `UUID.__init__`'s work for other forms (hyphens, braces,
    prefixes), all of which, like a wrong length, are left to `UUID` itself."""
    if len(text) == 32 and "-" not in text:
        try:
            number = int(text, 16)
        except ValueError:
            return UUID(text)
        uuid = _new_object(UUID)
        _set(uuid, "int", number)
        _set(uuid, "is_safe", _SAFE_UNKNOWN)
        return uuid
    return UUID(text)


TopicInfo = tuple[int, Callable[[Any], Any], str]
_topics: dict[tuple[str, type[Any]], TopicInfo] = {}


def _topic_info(topic: str, id_type: type[Any]) -> TopicInfo:
    """The event class's version (stored state of an older one needs upcasting), the
    mapper's originator id convertor for an id stored as `id_type`, and the event type."""
    info = _topics.get((topic, id_type))
    if info is None:
        cls = resolve_topic(topic)
        version = int(getattr(cls, "class_version", 1))
        convertor = find_id_convertor(cls, cast(Hashable, id_type))
        info = version, convertor, topic.rpartition(":")[2]
        _topics[topic, id_type] = info
    return info


class FastDecoder:
    """Stored event rows to `LoggedEvent`s, equal to the mapper's, without domain events."""

    def __init__(self, ledger: Ledger, transcoder: JSONTranscoder) -> None:
        self.ledger = ledger
        self.sqlite_uuid = (
            isinstance(ledger.recorder, SQLiteApplicationRecorder)
            and ledger.recorder.datastore.originator_id_type == "uuid"
        )
        names = {
            name: _FAST.get(type(transcoding), transcoding.decode)
            for name, transcoding in transcoder.names.items()
        }

        def revive(d: dict[str, Any]) -> Any:
            if len(d) == 2 and "_type_" in d and "_data_" in d:
                return names[d["_type_"]](d["_data_"])
            return d

        # The decoder's scanner itself (what `raw_decode` calls): `(value, end)` from a
        # position, StopIteration for no JSON there.
        decoder: Any = json.JSONDecoder(object_hook=revive)
        self._scan: Callable[[str, int], tuple[Any, int]] = decoder.scan_once

    def decode(self, rows: Sequence[StoredRow]) -> list[LoggedEvent]:
        scan, sqlite_uuid = self._scan, self.sqlite_uuid
        # Per page: each topic's information, each stored id's converted id and its string
        # (one column holds every stored id, so they are all of one type).
        infos: dict[str, TopicInfo] = {}
        ids: dict[Any, tuple[Any, str]] = {}
        events: list[LoggedEvent] = []
        new, set_dict = object.__new__, object.__setattr__
        append = events.append
        for row in rows:
            position, stored_id, version, topic, state = row
            info = infos.get(topic)
            if info is None:
                id_type = UUID if sqlite_uuid else type(stored_id)
                info = infos[topic] = _topic_info(topic, id_type)
            try:
                text = str(state, "utf8")  # (bytes or any other buffer, as they are)
                data, end = scan(text, 0)
                if info[0] > data.pop("class_version", 1) or end != len(text):
                    raise ValueError("not plain JSON of the current class version")
                known = ids.get(stored_id)
                if known is None:
                    oid = info[1](_uuid(stored_id) if sqlite_uuid else stored_id)
                    known = ids[stored_id] = (oid, str(oid))
                data["originator_id"] = known[0]
                data["originator_version"] = version
                event = new(LoggedEvent)
                set_dict(
                    event,
                    "__dict__",
                    {
                        "position": position,
                        "originator_id": known[1],
                        "version": version,
                        "topic": topic,
                        "timestamp": data["timestamp"],
                        "data": data,
                        "event_type": info[2],  # the cached property, worked out already
                    },
                )
            except Exception:  # the mapper decodes it, or says why it cannot
                event = mapped(self.ledger, row)
            append(event)
        return events


def fast_decoder(ledger: Ledger) -> FastDecoder | None:
    """A fast decoder for this ledger's events, or None when only its mapper can decode them."""
    mapper = ledger.mapper
    if mapper.cipher is not None or mapper.compressor is not None:
        return None
    if type(mapper.transcoder) is not JSONTranscoder:
        return None
    return FastDecoder(ledger, mapper.transcoder)

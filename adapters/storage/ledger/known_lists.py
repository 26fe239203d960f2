"""Pre-flight against the imported lists: once an import has brought a QuickBooks list, a
name that is not in it (an item, a payment method) is refused at entry, naming the closest
entries, instead of parking at sync time.

The names are read from the event log by topic, incrementally: each check reads only the
list events recorded since the last one.
"""

from __future__ import annotations

import difflib
import threading
from collections.abc import Iterable
from typing import Any

from adapters.storage.ledger.event_log import events_by_topic, topic_of
from domain.errors import InvalidInput
from domain.quickbooks_list import ListKind, QuickBooksListEntry

REFRESH_ADVICE = (
    "add it in QuickBooks, then refresh the lists (qbsync import --lists-only, or POST "
    '/imports {"lists_only": true}; no repeat warning)'
)
_CLOSEST = 3


class UnknownListEntry(InvalidInput):
    def __init__(self, field: str, kind: ListKind, name: str, closest: list[str]) -> None:
        suggestion = f"the closest: {', '.join(repr(c) for c in closest)}"
        super().__init__(
            f"{field} {name!r} is not in the {kind.value} list imported from QuickBooks "
            f"({suggestion}): use one of them, or {REFRESH_ADVICE}"
        )
        self.field = field
        self.closest = closest


_IMPORTED = topic_of(QuickBooksListEntry, "Imported")
_UPDATED = topic_of(QuickBooksListEntry, "UpdatedFromQuickBooks")
_TOPICS = (_IMPORTED, _UPDATED)


class KnownLists:
    """The active entries of each QuickBooks list, by ListID entry, as of the log's end."""

    def __init__(self) -> None:
        self._position = 0
        self._kinds: dict[Any, ListKind] = {}
        self._names: dict[ListKind, dict[Any, str]] = {kind: {} for kind in ListKind}
        self._lock = threading.Lock()

    def require(self, app: Any, kind: ListKind, field: str, names: Iterable[str]) -> None:
        """Refuse the first of `names` the imported `kind` list does not hold (no check while
        the import has brought no entry of that list)."""
        wanted = [name for name in names if name]
        if not wanted:
            return
        with self._lock:
            self._catch_up(app)
            known = list(self._names[kind].values())
        if not known:
            return
        by_folded = {name.casefold(): name for name in known}
        for name in wanted:
            if name.casefold() not in by_folded:
                close = difflib.get_close_matches(name.casefold(), by_folded, _CLOSEST, 0.3)
                closest = [by_folded[c] for c in close] or sorted(known)[:_CLOSEST]
                raise UnknownListEntry(field, kind, name, closest)

    def _catch_up(self, app: Any) -> None:
        for position, topic, event in events_by_topic(app, *_TOPICS, after=self._position):
            self._fold(event, topic)
            self._position = position

    def _fold(self, event: Any, topic: str) -> None:
        if topic == _IMPORTED:
            self._kinds[event.originator_id] = ListKind(event.list_kind)
        kind = self._kinds.get(event.originator_id)
        if kind is None:
            return
        if event.is_active:
            self._names[kind][event.originator_id] = event.full_name
        else:
            self._names[kind].pop(event.originator_id, None)

"""Query iterators: the matching IDs are fixed at iterator="Start" and paged out on "Continue"."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from adapters.quickbooks.simulator.status import OBJECT_NOT_FOUND, QbError


@dataclass
class Page:
    ids: list[str]
    iterator_id: str
    remaining: int


@dataclass
class _OpenIterator:
    request_kind: str
    pending_ids: list[str]


class IteratorRegistry:
    def __init__(self) -> None:
        self._open: dict[str, _OpenIterator] = {}

    def start(self, request_kind: str, ids: list[str], max_returned: int | None) -> Page:
        iterator_id = "{" + str(uuid.uuid4()).upper() + "}"
        self._open[iterator_id] = _OpenIterator(request_kind, list(ids))
        return self._next_page(iterator_id, max_returned)

    def resume(self, request_kind: str, iterator_id: str, max_returned: int | None) -> Page:
        opened = self._open.get(iterator_id)
        if opened is None or opened.request_kind != request_kind:
            raise QbError(OBJECT_NOT_FOUND, f'The iterator "{iterator_id}" cannot be found.')
        return self._next_page(iterator_id, max_returned)

    def _next_page(self, iterator_id: str, max_returned: int | None) -> Page:
        opened = self._open[iterator_id]
        size = len(opened.pending_ids) if max_returned is None else max_returned
        page, opened.pending_ids = opened.pending_ids[:size], opened.pending_ids[size:]
        if not opened.pending_ids:
            del self._open[iterator_id]
        return Page(page, iterator_id, len(opened.pending_ids))

    def __len__(self) -> int:
        return len(self._open)

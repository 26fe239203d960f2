"""A unit of work: aggregates loaded once, changed by commands, saved in one atomic save."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from domain.errors import DuplicateRecord, UnknownRecord

if TYPE_CHECKING:
    from eventsourcing.application import Application

A = TypeVar("A", bound=Aggregate)


class ConcurrencyConflict(Exception):
    """Another writer changed one of the records first. Nothing was saved: retry the command."""

    retryable = True


class UnitOfWork:
    def __init__(self, app: Application[UUID]) -> None:
        self._app = app
        self._loaded: dict[UUID, Aggregate] = {}

    def get(self, aggregate_type: type[A], aggregate_id: UUID, kind: str, key: str) -> A:
        loaded = self._loaded.get(aggregate_id)
        if loaded is None:
            try:
                loaded = self._app.repository.get(aggregate_id)
            except AggregateNotFoundError:
                raise UnknownRecord(kind, key) from None
            self._loaded[aggregate_id] = loaded
        if not isinstance(loaded, aggregate_type):
            raise UnknownRecord(kind, key)
        return loaded

    def find(self, aggregate_type: type[A], aggregate_id: UUID) -> A | None:
        try:
            return self.get(aggregate_type, aggregate_id, "", "")
        except UnknownRecord:
            return None

    def require_new(self, aggregate_id: UUID, kind: str, key: str) -> None:
        if aggregate_id in self._loaded:
            raise DuplicateRecord(kind, key)
        try:
            self._app.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return
        raise DuplicateRecord(kind, key)

    def add(self, *aggregates: Aggregate | None) -> None:
        for aggregate in aggregates:
            if aggregate is not None:
                self._loaded[aggregate.id] = aggregate

    def commit(self) -> list[Any]:
        pending = [a for a in self._loaded.values() if a.pending_events]
        if not pending:
            return []
        try:
            return self._app.save(*pending)
        except IntegrityError as error:
            for aggregate in pending:
                aggregate.collect_events()
            raise ConcurrencyConflict(
                "another writer changed one of these records at the same time; nothing was "
                "saved: reload and retry the command"
            ) from error

    def discard(self) -> None:
        for aggregate in self._loaded.values():
            aggregate.collect_events()
        self._loaded.clear()

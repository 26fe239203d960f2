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
    """Aggregates of one or many commands, saved together.

    With `defer_new_checks` (the bulk path) a new key is not looked up when it is claimed:
    the store's uniqueness constraint refuses a duplicate at commit, and only then are the
    claimed keys looked up, to name the duplicate. Nothing is saved either way.
    """

    def __init__(self, app: Application[UUID], defer_new_checks: bool = False) -> None:
        self._app = app
        self._loaded: dict[UUID, Aggregate] = {}
        self._defer_new_checks = defer_new_checks
        self._claimed_new: dict[UUID, tuple[str, str]] = {}

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
        if aggregate_id in self._loaded or aggregate_id in self._claimed_new:
            raise DuplicateRecord(kind, key)
        if self._defer_new_checks:
            self._claimed_new[aggregate_id] = (kind, key)
            return
        if self._is_stored(aggregate_id):
            raise DuplicateRecord(kind, key)

    def _is_stored(self, aggregate_id: UUID) -> bool:
        try:
            self._app.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return False
        return True

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
            for aggregate_id, (kind, key) in self._claimed_new.items():
                if self._is_stored(aggregate_id):
                    raise DuplicateRecord(kind, key) from error
            raise ConcurrencyConflict(
                "another writer changed one of these records at the same time; nothing was "
                "saved: reload and retry the command"
            ) from error

    def discard(self) -> None:
        for aggregate in self._loaded.values():
            aggregate.collect_events()
        self._loaded.clear()
        self._claimed_new.clear()

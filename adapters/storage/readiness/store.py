"""The readiness read model: catch up with the ledger, rebuild, and answer from the table."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from itertools import chain

from eventsourcing.persistence import InfrastructureFactory
from eventsourcing.utils import Environment

from adapters.errors import ConfigurationError
from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness.by_key import facts_by_key, last_position
from adapters.storage.readiness.events import PAGE, read_log, whole_log
from adapters.storage.readiness.model import ReadinessModel, ref_of, work_of
from adapters.storage.readiness.recorders import PostgresReadinessRecorder, SQLiteReadinessRecorder
from adapters.storage.readiness.table import ReadinessTable, StaleReadModel
from domain.errors import UnknownRecord
from domain.kinds import TxnKind, kinds_named
from domain.policy import PolicyLevel
from projections.readiness import documents
from projections.readiness.explain import Explanation, explain
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.log import LoggedEvent
from projections.readiness.moments import microseconds
from projections.readiness.replay import facts_as_of, position_at
from projections.readiness.verdicts import ReadinessRules, State, TxnReadiness
from projections.readiness.what_if import WhatIf

PROJECTION_NAME = "readiness"
BATCH = 200_000  # events folded and written in one transaction, at most (and one page more)


class ReadinessStore:
    def __init__(self, table: ReadinessTable, application_name: str = Ledger.name) -> None:
        self.table = table
        self.model = ReadinessModel(table, application_name)

    @classmethod
    def open(cls, ledger_env: dict[str, str]) -> ReadinessStore:
        """The store in the ledger's own database (SQLite file or PostgreSQL schema)."""
        module = ledger_env.get("PERSISTENCE_MODULE", "")
        recorder_class: type[ReadinessTable]
        if module == "eventsourcing.sqlite":
            recorder_class = SQLiteReadinessRecorder
        elif module == "eventsourcing.postgres":
            recorder_class = PostgresReadinessRecorder
        else:
            raise ConfigurationError(
                f"the readiness read model needs SQLite or PostgreSQL, not {module!r}"
            )
        factory = InfrastructureFactory.construct(Environment(PROJECTION_NAME, ledger_env))
        return cls(factory.tracking_recorder(recorder_class))  # type: ignore[arg-type]

    def close(self) -> None:
        self.table.datastore.close()

    # Keeping current ---------------------------------------------------------------------

    def update(self, ledger: Ledger, page: int = PAGE) -> int:
        """Process every event recorded since the last update; returns the new position."""
        for _attempt in range(5):
            try:
                return self._catch_up(ledger, page)
            except StaleReadModel:
                self.model.forget()
        return self._catch_up(ledger, page)

    def _catch_up(self, ledger: Ledger, page: int) -> int:
        position = None if self.model.loaded else self._current_position()
        if position is not None and position >= (ledger.recorder.max_notification_id() or 0):
            return position  # nothing to do: no need to load the facts
        if self.model.facts().position != self.table.position(self.model.application_name):
            self.model.forget()
        while True:
            start = self.model.facts().position
            self.model.process(_batch(ledger, start, page))
            if self.model.facts().position == start:
                return start

    def rebuild(self, ledger: Ledger, page: int = 50_000) -> int:
        """Forget everything and process the log again from its first event."""
        self.table.reset(self.model.application_name)
        self.model.forget()
        return self.update(ledger, page)

    # Answers -----------------------------------------------------------------------------

    def current_level(self, ledger: Ledger) -> PolicyLevel:
        self.update(ledger)
        return self.model.facts().policy.level

    def readiness(
        self,
        ledger: Ledger,
        kind: TxnKind | None = None,
        state: State | None = None,
        level: PolicyLevel | None = None,
    ) -> list[TxnReadiness]:
        """Every transaction's verdicts, filtered by kind and by its state under `level`.

        The table finds the transactions; their verdicts are worked out from the facts at
        the same position (the table keeps states and work, not verdict documents)."""
        self.update(ledger)
        facts = self.model.facts()
        level = level or facts.policy.level
        where, params = [], []
        if kind is not None:
            where.append(f"txn_kind = {self.table.mark}")
            params.append(kind.value)
        if state is not None:
            where.append(f"{level.value} = {self.table.mark}")
            params.append(state.value)
        rows = self.table.select(" AND ".join(where), params, column="txn_kind")
        rules = ReadinessRules(facts)
        return [rules.of(ref) for ref in sorted(ref_of(kind, key) for kind, key, _ in rows)]

    def what_if(self, ledger: Ledger) -> WhatIf:
        """Work per level, from the rows that have any: reads only, changes nothing."""
        current = self.current_level(ledger)
        return WhatIf(current, work_of(self.table.select("pending = 1", column="work")))

    def explain(self, ledger: Ledger, ref: TxnRef) -> Explanation:
        """From the facts in memory, or, when none are loaded yet (a fresh process), from
        what this explanation needs, read by key."""
        position = self.update(ledger)
        if self.model.loaded:
            return _explain(self.model.facts(), ref)
        return _explain(self._by_key(ledger, ref, position), ref)

    def explain_as_of(
        self,
        ledger: Ledger,
        ref: TxnRef,
        position: int | None = None,
        moment: datetime | None = None,
    ) -> Explanation:
        """The explanation from the events alone, as of a log position or a moment: the
        events of the records it involves, read by key (the jobs' invoices found in the read
        model, which must have reached that position; else the whole log is replayed)."""
        indexed = self._current_position()
        if moment is not None:
            head = ledger.recorder.max_notification_id() or 0
            if position is None and indexed is not None and indexed >= head:
                position = self.table.position_at(microseconds(moment))
            else:
                position = position_at(whole_log(ledger, upto=position), moment)
        upto = last_position(ledger, position)
        if indexed is not None and indexed >= upto:
            return _explain(self._by_key(ledger, ref, upto), ref)
        return _explain(facts_as_of(whole_log(ledger, upto=position), position), ref)

    def resolve(self, ledger: Ledger, kind: str, key: str) -> TxnRef:
        """`payment` finds a job or account payment by its reference."""
        position = self.update(ledger)
        if self.model.loaded:
            return resolve_ref(self.model.facts(), kind, key)
        candidate = resolve_ref(Facts(), kind, key)
        return resolve_ref(self._by_key(ledger, candidate, position), kind, key)

    def _by_key(self, ledger: Ledger, ref: TxnRef, upto: int) -> Facts:
        return facts_by_key(ledger, ref, upto, self.table.job_numbers)

    def _current_position(self) -> int | None:
        """The table's position, if its documents (and jobs index) are in today's format."""
        policy = self.table.policy_document()
        if policy is None or not documents.is_current(json.loads(policy)):
            return None
        return self.table.position(self.model.application_name)


def _batch(ledger: Ledger, after: int, page: int) -> Iterator[LoggedEvent]:
    """The events after `after`, read page by page, until the log or the batch ends: a batch
    is folded and written in one transaction, its pages are not held in memory together.
    (The pages are chained in C: no Python step per event.)"""
    return chain.from_iterable(_pages(ledger, after, page))


def _pages(ledger: Ledger, after: int, page: int) -> Iterator[list[LoggedEvent]]:
    read = 0
    while read < BATCH and (events := read_log(ledger, after, page)):
        yield events
        after, read = events[-1].position, read + len(events)


def resolve_ref(facts: Facts, kind: str, key: str) -> TxnRef:
    kinds = kinds_named(kind)
    for candidate in kinds:
        if facts.contains(TxnRef(candidate, key)):
            return TxnRef(candidate, key)
    return TxnRef(kinds[0], key)


def _explain(facts: Facts, ref: TxnRef) -> Explanation:
    if not facts.contains(ref):
        raise UnknownRecord(ref.kind.value, ref.key)
    return explain(facts, ref)

"""Processing events into the readiness table exactly once, with the facts cached in memory.

The cache is the table's content at its tracking position. Each batch is folded into it,
the changed rows are written with the new position in one transaction, and any failure
drops the cache so that the next batch starts again from what the table holds.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from eventsourcing.persistence import Tracking

from adapters.readiness.table import POLICY_KEY, POLICY_KIND, ReadinessTable, Row
from domain.policy import ALL_LEVELS, PolicyLevel
from projections.readiness import documents
from projections.readiness.facts import Facts, TxnKind, TxnRef
from projections.readiness.fixpoint import Work
from projections.readiness.folding import fold
from projections.readiness.incremental import affected, all_refs
from projections.readiness.log import LoggedEvent
from projections.readiness.verdicts import ReadinessRules, State, TxnReadiness


class ReadinessModel:
    def __init__(self, table: ReadinessTable, application_name: str) -> None:
        self.table = table
        self.application_name = application_name
        self._facts: Facts | None = None

    def facts(self) -> Facts:
        """The facts at the table's tracking position (loaded on first use, then cached)."""
        if self._facts is None:
            self._facts = load_facts(self.table, self.application_name)
        return self._facts

    def forget(self) -> None:
        self._facts = None

    def process(self, events: Iterable[LoggedEvent]) -> None:
        """Fold `events` (in log order) and record them in one transaction with the new
        position; events already recorded are skipped. `events` may be a lazy iterable."""
        facts = self.facts()
        start = facts.position
        try:
            with collector_paused():
                touched = fold(facts, events)
                if facts.position == start:
                    return
                # From nothing, every transaction is new: no need to work out the affected.
                refs = all_refs(facts) if start == 0 else sorted(affected(facts, touched))
                rules = ReadinessRules(facts)
                rows = [row_for(facts, rules.of(ref)) for ref in refs]
                rows.append(policy_row(facts))
                tracking = Tracking(self.application_name, facts.position)
                self.table.write(start or None, tracking, rows)
        except BaseException:
            self.forget()
            raise


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a batch builds many objects that all stay alive:
    the collector would walk them again and again for nothing. It resumes after the batch
    (and collects then whatever cycles there are)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_facts(table: ReadinessTable, application_name: str) -> Facts:
    position, rows = table.snapshot(application_name)
    facts = Facts(position=position)
    for kind, _, document in rows:
        data = json.loads(document)
        if kind == POLICY_KIND:
            facts.policy = documents.policy_from(data)
        elif kind == TxnKind.INVOICE:
            facts.add_invoice(documents.invoice_from(data))
        else:
            facts.add_source(documents.source_from(data))
    return facts


# Documents as compact JSON (readers parse them, so their spacing is free).
encode = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode
_WORK, _WAITING = (State.READY, State.READY_WITH), State.WAITING
_VALUES = {state: state.value for state in State}


def row_for(facts: Facts, readiness: TxnReadiness) -> Row:
    ref = readiness.ref
    if ref.kind is TxnKind.INVOICE:
        document = documents.invoice_document(facts.invoices[ref.key])
    else:
        document = documents.source_document(facts.sources[ref])
    conservative, moderate, aggressive = (summary(readiness, level) for level in ALL_LEVELS)
    pending = conservative in _WORK or moderate in _WORK or aggressive in _WORK
    return Row(
        ref.kind.value,
        ref.key,
        encode(document),
        encode(documents.readiness_document(readiness)),
        encode(work_document(readiness)),
        conservative,
        moderate,
        aggressive,
        int(pending),
    )


def policy_row(facts: Facts) -> Row:
    document = encode(documents.policy_document(facts.policy))
    return Row(POLICY_KIND, POLICY_KEY, document, "{}", "{}", "", "", "", 0)


def work_document(readiness: TxnReadiness) -> dict[str, list[object]]:
    """Per level: whether a sync imports it, and the invoices it applies it to."""
    imports, applications = readiness.imports, readiness.applications
    return {
        level: [
            imports[level].state in _WORK,
            [n for n, by in applications.items() if by[level].state in _WORK],
        ]
        for level in ALL_LEVELS
    }


def work_of(rows: Iterable[tuple[str, str, str]]) -> dict[PolicyLevel, Work]:
    imports: dict[PolicyLevel, list[TxnRef]] = {level: [] for level in ALL_LEVELS}
    applications: dict[PolicyLevel, list[tuple[TxnRef, str]]] = {lv: [] for lv in ALL_LEVELS}
    for kind, key, document in sorted(rows):
        ref = TxnRef(TxnKind(kind), key)
        for level_name, (imported, invoices) in json.loads(document).items():
            level = PolicyLevel(level_name)
            if imported:
                imports[level].append(ref)
            applications[level].extend((ref, invoice) for invoice in invoices)
    return {lv: Work(tuple(imports[lv]), tuple(applications[lv])) for lv in ALL_LEVELS}


def summary(readiness: TxnReadiness, level: PolicyLevel) -> str:
    """One state per transaction and level: its import's, unless an application has work."""
    import_state = readiness.imports[level].state
    if not readiness.applications:
        return _VALUES[import_state]
    states = [by[level].state for by in readiness.applications.values()]
    for wanted in _WORK:
        if import_state is wanted or wanted in states:
            return _VALUES[wanted]
    if import_state is _WAITING or _WAITING in states:
        return _VALUES[_WAITING]
    return _VALUES[import_state]


def readiness_of(kind: str, key: str, document: str) -> TxnReadiness:
    return documents.readiness_from(TxnRef(TxnKind(kind), key), json.loads(document))

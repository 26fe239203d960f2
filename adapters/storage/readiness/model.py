"""Processing events into the readiness table exactly once, with the facts cached in memory.

The cache is the table's content at its tracking position. Each batch is folded into it,
the changed rows are written with the new position in one transaction, and any failure
drops the cache so that the next batch starts again from what the table holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from eventsourcing.persistence import Tracking

from adapters.storage.readiness.table import POLICY_KEY, POLICY_KIND, ReadinessTable, Row
from domain.kinds import TxnKind
from domain.policy import ALL_LEVELS, PolicyLevel
from projections.readiness import documents
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.fixpoint import Work
from projections.readiness.folding import fold
from projections.readiness.incremental import affected, all_refs
from projections.readiness.log import LoggedEvent
from projections.readiness.moments import Staircase
from projections.readiness.states import StateRules
from projections.readiness.verdicts import State


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

    @property
    def loaded(self) -> bool:
        """Whether the facts are in memory (a read by key needs no facts loaded)."""
        return self._facts is not None

    def forget(self) -> None:
        self._facts = None

    def process(self, events: Iterable[LoggedEvent]) -> None:
        """Fold `events` (in log order) and record them in one transaction with the new
        position; events already recorded are skipped. `events` may be a lazy iterable."""
        facts = self.facts()
        start = facts.position
        try:
            # From nothing, every transaction is new: no need to note or work out the
            # affected ones.
            moments = Staircase()
            touched = fold(facts, moments.noting(events, start), track=start != 0)
            if facts.position == start:
                return
            refs = all_refs(facts) if start == 0 else sorted(affected(facts, touched))
            rows = rows_for(facts, refs)
            rows.append(policy_row(facts))
            invoices = facts.invoices
            jobs = [(invoices[r.key].job_id, r.key) for r in refs if r.kind is _INVOICE_KIND]
            tracking = Tracking(self.application_name, facts.position)
            self.table.write(start or None, tracking, rows, jobs, moments)
        except BaseException:
            self.forget()
            raise


def load_facts(table: ReadinessTable, application_name: str) -> Facts:
    """The facts the table holds; a table in an older format is emptied to be rebuilt."""
    position, rows = table.snapshot(application_name)
    facts = Facts(position=position)
    loaded = [(kind, json.loads(document)) for kind, _, document in rows]
    if any(kind == POLICY_KIND and not documents.is_current(d) for kind, d in loaded):
        table.reset(application_name)
        return Facts()
    for kind, data in loaded:
        if kind == POLICY_KIND:
            facts.policy = documents.policy_from(data)
        elif kind == _INVOICE:
            facts.add_invoice(documents.invoice_from(data))
        else:
            facts.add_source(documents.source_from(data))
    return facts


# Documents as compact JSON (readers parse them, so their spacing is free).
_encoder = json.JSONEncoder(separators=(",", ":"), check_circular=False)
# `JSONEncoder.encode` makes a C encoder per call; one made once, with the same settings,
# gives the same text (the documents are lists and dicts of strings, numbers and None).
_c_make_encoder: Any = getattr(json.encoder, "c_make_encoder", None)


def _make_encode() -> Callable[[object], str]:
    if _c_make_encoder is None:
        return _encoder.encode
    e = _encoder
    chunks = _c_make_encoder(
        None, e.default, json.encoder.encode_basestring_ascii, e.indent, e.key_separator,
        e.item_separator, e.sort_keys, e.skipkeys, e.allow_nan,
    )  # fmt: skip
    join = "".join

    def encode(document: object) -> str:
        if isinstance(document, str):
            return _encoder.encode(document)
        return join(chunks(document, 0))

    return encode


encode = _make_encode()
_INVOICE_KIND = TxnKind.INVOICE
_INVOICE = TxnKind.INVOICE.value
_WORK, _WAITING = (State.READY, State.READY_WITH), State.WAITING
_VALUES = {state: state.value for state in State}
_KINDS = {kind.value: kind for kind in TxnKind}
_KIND_VALUES = {kind: kind.value for kind in TxnKind}  # (`.value` is a Python call)


def rows_for(facts: Facts, refs: Iterable[TxnRef]) -> list[Row]:
    """The rows of `refs`. A settled transaction (voided, or imported with every application
    applied) is done or voided under every level: its row needs no rules, and only its facts
    document is its own (its other cells are shared constants). The others need only their
    states under each level (the verdicts' words are worked out on demand)."""
    rules: StateRules | None = None
    invoices, sources, rows, new = facts.invoices, facts.sources, list[Row](), tuple.__new__
    invoice_document, source_document = documents.invoice_document, documents.source_document
    for ref in refs:
        kind, key = ref.kind, ref.key
        settled: tuple[object, ...] | None
        if kind is _INVOICE_KIND:
            invoice = invoices[key]
            text = encode(invoice_document(invoice))
            settled = (
                _VOIDED_CELLS if invoice.voided is not None
                else _DONE_CELLS if invoice.imported is not None
                else None
            )  # fmt: skip
        else:
            source = sources[ref]
            text = encode(source_document(source))
            settled = (
                _VOIDED_CELLS if source.voided is not None
                else _DONE_CELLS if source.imported is not None
                and source.applications.keys() <= source.applied_in_qb.keys()
                else None
            )  # fmt: skip
        if settled is not None:
            rows.append(new(Row, (_KIND_VALUES[kind], key, text, *settled)))
        else:
            rules = rules or StateRules(facts)
            rows.append(_row(ref, text, rules))
    return rows


_new_row = tuple.__new__

# The cells after the facts document of a settled row: no readiness or work document, the
# state under each level, not pending.
_DONE_CELLS = ("", "", *(State.DONE.value,) * 3, 0)
_VOIDED_CELLS = ("", "", *(State.VOIDED.value,) * 3, 0)


def _row(ref: TxnRef, document: str, rules: StateRules) -> Row:
    """The row of a transaction with work or waiting: per level, its state (its import's,
    unless an application has work) and its work (1 when a sync imports it, else 0, or that
    and the invoices it applies it to), worked out in one pass over `rules`' levels (the
    states `rules.of(ref)` would give)."""
    cells: list[str] = []
    work: list[object] = []
    pending = False
    if ref.kind is _INVOICE_KIND:
        for level in rules.levels:
            state = level.import_state(ref)
            cells.append(_VALUES[state])
            if state in _WORK:
                pending = True
                work.append(1)
            else:
                work.append(0)
    else:
        source = rules.facts.sources[ref]
        invoices = sorted({*source.applications, *source.applied_in_qb})
        for level in rules.levels:
            state = level.import_state(ref)
            imported = int(state in _WORK)
            if not invoices:
                cells.append(_VALUES[state])
                pending = pending or bool(imported)
                work.append(imported)
                continue
            application_state = level.application_state
            states = [application_state(source, n) for n in invoices]
            cells.append(_VALUES[_summary(state, states)])
            with_work = [n for n, by in zip(invoices, states, strict=True) if by in _WORK]
            pending = pending or bool(imported) or bool(with_work)
            work.append([imported, with_work] if with_work else imported)
    conservative, moderate, aggressive = cells
    return _new_row(Row, (_KIND_VALUES[ref.kind], ref.key, document, "",
                          encode(work) if pending else "", conservative, moderate, aggressive,
                          int(pending)))  # fmt: skip


def policy_row(facts: Facts) -> Row:
    document = encode(documents.policy_document(facts.policy))
    return Row(POLICY_KIND, POLICY_KEY, document, "", "", "", "", "", 0)


def work_of(rows: Iterable[tuple[str, str, str]]) -> dict[PolicyLevel, Work]:
    imports: list[list[TxnRef]] = [[] for _ in ALL_LEVELS]
    applications: list[list[tuple[TxnRef, str]]] = [[] for _ in ALL_LEVELS]
    loads, kinds = json.loads, _KINDS
    for kind, key, document in sorted(rows):
        ref = TxnRef(kinds[kind], key)
        for i, level_work in enumerate(loads(document)):
            if level_work == 1:
                imports[i].append(ref)
            elif level_work != 0:
                imported, invoices = level_work
                if imported:
                    imports[i].append(ref)
                applications[i].extend((ref, invoice) for invoice in invoices)
    return {
        level: Work(tuple(imports[i]), tuple(applications[i])) for i, level in enumerate(ALL_LEVELS)
    }


def _summary(import_state: State, states: list[State]) -> State:
    """One state per transaction and level: its import's, unless an application has work."""
    for wanted in _WORK:
        if import_state is wanted or wanted in states:
            return wanted
    if import_state is _WAITING or _WAITING in states:
        return _WAITING
    return import_state


def ref_of(kind: str, key: str) -> TxnRef:
    return TxnRef(_KINDS[kind], key)

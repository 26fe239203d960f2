"""Verdicts: is an import or application done, ready now, ready with imports this run makes,
waiting (and on what), or voided; for every transaction under every level.

`Interpreter` is the one reader of the policy table (`policy_table`): its states alone for
stored rows and the fixpoint, and, from the same entries, the verdicts with their words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from domain.kinds import TxnKind
from domain.policy import ALL_LEVELS, PolicyLevel
from projections.readiness.facts import Facts, InvoiceFacts, SourceFacts, TxnRef
from projections.readiness.log import Citation
from projections.readiness.policy_table import APPLY, IMPORT, Check, Rule, Step, rule
from projections.readiness.rules import (
    HOLDS,
    Condition,
    Record,
    Resolve,
    resolver,
    unmet_conditions,
)


class State(StrEnum):
    DONE = "done"
    READY = "ready"
    READY_WITH = "ready with"
    WAITING = "waiting"
    VOIDED = "voided"


DONE, READY, READY_WITH, WAITING, VOIDED = State
_IN_RUN = frozenset({DONE, READY, READY_WITH})
_INVOICE = TxnKind.INVOICE


@dataclass(frozen=True, slots=True)
class Verdict:
    state: State
    unmet: tuple[Condition, ...] = ()
    needs: tuple[TxnRef, ...] = ()
    cited: tuple[Citation, ...] = ()

    @property
    def is_work(self) -> bool:
        """A sync run under this level would do it (now, or after imports it makes first)."""
        return self.state in (State.READY, State.READY_WITH)


@dataclass(frozen=True)
class TxnReadiness:
    ref: TxnRef
    imports: dict[PolicyLevel, Verdict]
    applications: dict[str, dict[PolicyLevel, Verdict]]


Holds = Callable[[Record], bool]


@dataclass(frozen=True, slots=True)
class _Entry:
    """A table entry made ready to evaluate: its checks as one predicate each."""

    rule: Rule
    own: Holds | None  # None: nothing to check
    job: Holds | None
    first: Resolve | None  # None: nothing first

    @classmethod
    def of(cls, kind: TxnKind, step: Step, level: PolicyLevel) -> _Entry:
        entry = rule(kind, step, level)
        first = resolver(entry.first) if entry.first else None
        return cls(entry, _all_of(entry.own), _all_of(entry.job), first)


def _all_of(checks: tuple[Check, ...]) -> Holds | None:
    if not checks:
        return None
    predicates = tuple(HOLDS[check] for check in checks)
    if len(predicates) == 1:
        return predicates[0]

    def holds(record: Record) -> bool:
        return all(predicate(record) for predicate in predicates)

    return holds


# Per level: its entries for the import and for the application, by kind (made once: the
# table does not change).
_ENTRIES = {
    level: (
        {kind: _Entry.of(kind, IMPORT, level) for kind in TxnKind},
        {kind: _Entry.of(kind, APPLY, level) for kind in TxnKind},
    )
    for level in ALL_LEVELS
}


class Interpreter:
    """The policy table under one level. Remembers each import's state and each invoice's
    own checks (the facts do not change while it is in use)."""

    def __init__(
        self, facts: Facts, level: PolicyLevel, settled: dict[object, Verdict] | None = None
    ) -> None:
        self.facts, self.level = facts, level
        self._import_entries, self._apply_entries = _ENTRIES[level]
        self._imports: dict[TxnRef, State] = {}
        self._cleared: dict[Holds, dict[str, bool]] = {}
        self._verdicts: dict[TxnRef, Verdict] = {}
        # Done and voided verdicts, the same under every level: shared by the interpreters.
        self._settled = {} if settled is None else settled

    def record(self, ref: TxnRef) -> Record:
        return self.facts.invoices[ref.key] if ref.kind is _INVOICE else self.facts.sources[ref]

    # States ---------------------------------------------------------------------------

    def import_state(self, ref: TxnRef) -> State:
        known = self._imports.get(ref)
        if known is None:
            known = self._imports[ref] = self._import_state(ref)
        return known

    def _import_state(self, ref: TxnRef) -> State:
        facts = self.facts
        record = facts.invoices[ref.key] if ref.kind is _INVOICE else facts.sources[ref]
        if record.voided is not None:
            return VOIDED
        if record.imported is not None:
            return DONE
        entry = self._import_entries[ref.kind]
        if not self._met(entry, record):
            return WAITING
        return READY if entry.first is None else self._after(entry.first(record, None))

    def application_state(self, source: SourceFacts, invoice: str) -> State:
        if invoice in source.applied_in_qb:
            return DONE
        if source.voided is not None:
            return VOIDED
        entry = self._apply_entries[source.ref.kind]
        if not self._met(entry, source):
            return WAITING
        return READY if entry.first is None else self._after(entry.first(source, invoice))

    def in_run(self, ref: TxnRef) -> bool:
        """QuickBooks holds `ref`, or a sync run under this level would import it."""
        return self.facts.contains(ref) and self.import_state(ref) in _IN_RUN

    def import_met(self, ref: TxnRef) -> bool:
        """`ref`'s own checks (and its job's) hold under this level."""
        return self._met(self._import_entries[ref.kind], self.record(ref))

    def application_met(self, source: SourceFacts) -> bool:
        return self._met(self._apply_entries[source.ref.kind], source)

    def _after(self, dependencies: Iterable[TxnRef]) -> State:
        """Ready once QuickBooks holds `dependencies` or this run imports them first."""
        needs = False
        for dependency in dependencies:
            if not self.in_run(dependency):
                return WAITING
            needs = needs or self.facts.imported(dependency) is None
        return READY_WITH if needs else READY

    def _met(self, entry: _Entry, record: Record) -> bool:
        own = entry.own
        if entry.job is None:
            return own is None or own(record)
        assert isinstance(record, InvoiceFacts)  # job checks are on invoices
        if own is not None and not self._clear(own, record):
            return False
        return all(
            self._clear(entry.job, sibling)
            for sibling in self.facts.job_invoices(record.job_id)
            if sibling is not record and sibling.voided is None
        )

    def _clear(self, holds: Holds, invoice: InvoiceFacts) -> bool:
        memo = self._cleared.get(holds)
        if memo is None:
            memo = self._cleared[holds] = {}
        known = memo.get(invoice.number)
        if known is None:
            known = memo[invoice.number] = holds(invoice)
        return known

    # Verdicts, in words -------------------------------------------------------------

    def import_verdict(self, ref: TxnRef) -> Verdict:
        known = self._verdicts.get(ref)
        if known is None:
            known = self._verdicts[ref] = self._import_verdict(ref)
        return known

    def _import_verdict(self, ref: TxnRef) -> Verdict:
        record = self.record(ref)
        if record.voided is not None:
            return self._settle(ref, VOIDED, record.voided)
        if record.imported is not None:
            return self._settle(ref, DONE, record.imported.cited)
        entry = self._import_entries[ref.kind]
        first = () if entry.first is None else entry.first(record, None)
        return self._verdict(unmet_conditions(self.facts, entry.rule, record), first)

    def application_verdict(self, ref: TxnRef, invoice: str) -> Verdict:
        source = self.facts.sources[ref]
        if invoice in source.applied_in_qb:
            return self._settle((ref, invoice), DONE, source.applied_in_qb[invoice])
        if source.voided is not None:
            return self._settle((ref, invoice), VOIDED, source.voided)
        entry = self._apply_entries[ref.kind]
        first = () if entry.first is None else entry.first(source, invoice)
        return self._verdict(unmet_conditions(self.facts, entry.rule, source), first)

    def _settle(self, key: object, state: State, cited: Citation) -> Verdict:
        """A done or voided verdict: the same one under every level."""
        settled = self._settled.get(key)
        if settled is None:
            settled = self._settled[key] = Verdict(state, cited=(cited,))
        return settled

    def _verdict(self, unmet: list[Condition], first: tuple[TxnRef, ...]) -> Verdict:
        for dependency in first:
            if not self.in_run(dependency):
                unmet.extend(self.why_not_imported(dependency))
        if unmet:
            return Verdict(WAITING, tuple(dict.fromkeys(unmet)))
        needs = tuple(r for r in first if self.facts.imported(r) is None)
        return Verdict(READY_WITH, needs=needs) if needs else Verdict(READY)

    def why_not_imported(self, ref: TxnRef) -> list[Condition]:
        if not self.facts.contains(ref):
            return [Condition(f"{ref.label} is not in the ledger", ())]
        verdict = self.import_verdict(ref)
        if verdict.state is VOIDED:
            return [Condition(f"{ref.label} is voided", verdict.cited)]
        record = self.record(ref)
        created = record.total_cited if isinstance(record, InvoiceFacts) else record.created
        return [Condition(f"{ref.label} is not in QuickBooks yet", (created,)), *verdict.unmet]


class ReadinessRules:
    """Verdicts for every level at once, sharing the per-level memory across transactions."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        settled: dict[object, Verdict] = {}
        self.levels = {level: Interpreter(facts, level, settled) for level in ALL_LEVELS}

    def of(self, ref: TxnRef) -> TxnReadiness:
        imports = {lv: ev.import_verdict(ref) for lv, ev in self.levels.items()}
        if ref.kind is _INVOICE:
            return TxnReadiness(ref, imports, {})
        source = self.facts.sources[ref]
        invoices = sorted({*source.applications, *source.applied_in_qb})
        applications = {
            n: {lv: ev.application_verdict(ref, n) for lv, ev in self.levels.items()}
            for n in invoices
        }
        return TxnReadiness(ref, imports, applications)

    def all(self) -> list[TxnReadiness]:
        refs = [TxnRef.invoice(n) for n in self.facts.invoices] + list(self.facts.sources)
        return [self.of(ref) for ref in sorted(refs)]

"""Verdicts: is an import or application done, ready now, ready with imports this run makes,
waiting (and on what), or voided; for every transaction under every level."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.policy import ALL_LEVELS, PolicyLevel
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.log import Citation
from projections.readiness.rules import (
    Condition,
    Requirements,
    application_requirements,
    import_requirements,
)


class State(StrEnum):
    DONE = "done"
    READY = "ready"
    READY_WITH = "ready with"
    WAITING = "waiting"
    VOIDED = "voided"


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


class Evaluator:
    """Verdicts under one level; remembers which transactions this run could import."""

    def __init__(
        self,
        facts: Facts,
        level: PolicyLevel,
        settled: dict[object, Verdict] | None = None,
    ) -> None:
        self.facts, self.level = facts, level
        self._in_run: dict[TxnRef, bool] = {}
        self._imports: dict[TxnRef, Verdict] = {}
        # Done and voided verdicts, the same under every level: shared by the evaluators.
        self._settled = {} if settled is None else settled

    def import_verdict(self, ref: TxnRef) -> Verdict:
        """The verdict on importing `ref` (worked out once: the facts do not change while
        an evaluator is in use)."""
        known = self._imports.get(ref)
        if known is None:
            known = self._imports[ref] = self._import_verdict(ref)
        return known

    def _import_verdict(self, ref: TxnRef) -> Verdict:
        record = self.facts.invoices[ref.key] if ref.kind == "invoice" else self.facts.sources[ref]
        if record.voided is not None:
            return self._settle(ref, State.VOIDED, record.voided)
        if record.imported is not None:
            return self._settle(ref, State.DONE, record.imported.cited)
        return self._verdict(import_requirements(self.facts, ref, self.level))

    def application_verdict(self, ref: TxnRef, invoice: str) -> Verdict:
        source = self.facts.sources[ref]
        if invoice in source.applied_in_qb:
            return self._settle((ref, invoice), State.DONE, source.applied_in_qb[invoice])
        if source.voided is not None:
            return self._settle((ref, invoice), State.VOIDED, source.voided)
        return self._verdict(application_requirements(self.facts, source, invoice, self.level))

    def _settle(self, key: object, state: State, cited: Citation) -> Verdict:
        """A done or voided verdict: the same one under every level."""
        settled = self._settled.get(key)
        if settled is None:
            settled = self._settled[key] = Verdict(state, cited=(cited,))
        return settled

    def in_run(self, ref: TxnRef) -> bool:
        """QuickBooks holds `ref`, or a sync run under this level would import it."""
        known = self._in_run.get(ref)
        if known is None:
            known = self._importable(ref)
            self._in_run[ref] = known
        return known

    def _importable(self, ref: TxnRef) -> bool:
        if not self.facts.contains(ref):
            return False
        verdict = self.import_verdict(ref)
        return verdict.state is State.DONE or verdict.is_work

    def _verdict(self, required: Requirements) -> Verdict:
        unmet = list(required.unmet)
        for dependency in required.imported_first:
            if not self.in_run(dependency):
                unmet.extend(self.why_not_imported(dependency))
        if unmet:
            return Verdict(State.WAITING, tuple(dict.fromkeys(unmet)))
        needs = tuple(r for r in required.imported_first if self.facts.imported(r) is None)
        return Verdict(State.READY_WITH, needs=needs) if needs else Verdict(State.READY)

    def why_not_imported(self, ref: TxnRef) -> list[Condition]:
        if not self.facts.contains(ref):
            return [Condition(f"{ref.label} is not in the ledger", ())]
        verdict = self.import_verdict(ref)
        created = self._creation(ref)
        if verdict.state is State.VOIDED:
            return [Condition(f"{ref.label} is voided", verdict.cited)]
        return [Condition(f"{ref.label} is not in QuickBooks yet", (created,)), *verdict.unmet]

    def _creation(self, ref: TxnRef) -> Citation:
        if ref.kind == "invoice":
            return self.facts.invoices[ref.key].total_cited
        return self.facts.sources[ref].created


class ReadinessRules:
    """Verdicts for every level at once, sharing the per-level memory across transactions."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        settled: dict[object, Verdict] = {}
        self.levels = {level: Evaluator(facts, level, settled) for level in ALL_LEVELS}

    def of(self, ref: TxnRef) -> TxnReadiness:
        imports = {lv: ev.import_verdict(ref) for lv, ev in self.levels.items()}
        if ref.kind == "invoice":
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

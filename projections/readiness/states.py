"""The state of every import and application under every level, without the verdicts' words.

The same rules as `verdicts.Evaluator` (SPEC section 3, as `rules` has them), reduced to what a
stored row keeps: a state per level, from which its work follows. No condition text and no
citations are built: an unmet condition only needs to be found, not described. Explanations
and readiness details, which need the words, work out the full verdicts on demand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.money import ZERO
from domain.policy import ALL_LEVELS, PolicyLevel
from projections.readiness.facts import Facts, InvoiceFacts, SourceFacts, TxnKind, TxnRef
from projections.readiness.verdicts import State

CONSERVATIVE, AGGRESSIVE = PolicyLevel.CONSERVATIVE, PolicyLevel.AGGRESSIVE
DONE, READY, READY_WITH, WAITING, VOIDED = (
    State.DONE, State.READY, State.READY_WITH, State.WAITING, State.VOIDED,
)  # fmt: skip
_INVOICE, _JOB_PAYMENT = TxnKind.INVOICE, TxnKind.JOB_PAYMENT
_ACCOUNT_PAYMENT, _CREDIT_MEMO = TxnKind.ACCOUNT_PAYMENT, TxnKind.CREDIT_MEMO
_IN_RUN = frozenset({DONE, READY, READY_WITH})


@dataclass(frozen=True)
class TxnStates:
    """`TxnReadiness` with each verdict reduced to its state."""

    ref: TxnRef
    imports: dict[PolicyLevel, State]
    applications: dict[str, dict[PolicyLevel, State]]


class LevelStates:
    """States under one level; remembers each import's state and each invoice's own check
    (the facts do not change while it is in use)."""

    def __init__(self, facts: Facts, level: PolicyLevel) -> None:
        self.facts, self.level = facts, level
        self._imports: dict[TxnRef, State] = {}
        self._clear: dict[str, bool] = {}

    def import_state(self, ref: TxnRef) -> State:
        known = self._imports.get(ref)
        if known is None:
            known = self._imports[ref] = self._import_state(ref)
        return known

    def _import_state(self, ref: TxnRef) -> State:
        facts = self.facts
        if ref.kind is _INVOICE:
            invoice = facts.invoices[ref.key]
            if invoice.voided is not None:
                return VOIDED
            if invoice.imported is not None:
                return DONE
            return READY if self._invoice_clear(invoice) else WAITING
        source = facts.sources[ref]
        if source.voided is not None:
            return VOIDED
        if source.imported is not None:
            return DONE
        if ref.kind is _JOB_PAYMENT:
            if self.level is not CONSERVATIVE:
                return READY
            return self._after([TxnRef.invoice(n) for n in source.applications])
        if self.level is CONSERVATIVE and source.finished is None:
            return WAITING
        return READY

    def application_state(self, source: SourceFacts, invoice: str) -> State:
        if invoice in source.applied_in_qb:
            return DONE
        if source.voided is not None:
            return VOIDED
        kind = source.ref.kind
        if kind is _CREDIT_MEMO and source.finished is None:
            return WAITING
        invoices = sorted(source.applications) if kind is _ACCOUNT_PAYMENT else [invoice]
        return self._after([source.ref, *(TxnRef.invoice(n) for n in invoices)])

    def _after(self, dependencies: Iterable[TxnRef]) -> State:
        """Ready once QuickBooks holds `dependencies` or this run imports them first."""
        needs = False
        for dependency in dependencies:
            if not self.in_run(dependency):
                return WAITING
            needs = needs or self.facts.imported(dependency) is None
        return READY_WITH if needs else READY

    def in_run(self, ref: TxnRef) -> bool:
        return self.facts.contains(ref) and self.import_state(ref) in _IN_RUN

    def _invoice_clear(self, invoice: InvoiceFacts) -> bool:
        """No unmet condition: the invoice's own, and (but aggressive) its job's others'."""
        if not self._own_clear(invoice):
            return False
        if self.level is AGGRESSIVE:
            return True
        return all(
            self._own_clear(sibling)
            for sibling in self.facts.job_invoices(invoice.job_id)
            if sibling is not invoice and sibling.voided is None
        )

    def _own_clear(self, invoice: InvoiceFacts) -> bool:
        known = self._clear.get(invoice.number)
        if known is None:
            known = invoice.finalized is not None and (
                self.level is AGGRESSIVE or invoice.open_balance == ZERO
            )
            self._clear[invoice.number] = known
        return known


class StateRules:
    """States for every level at once: `ReadinessRules` without the words."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.levels = [LevelStates(facts, level) for level in ALL_LEVELS]

    def of(self, ref: TxnRef) -> TxnStates:
        imports = {ev.level: ev.import_state(ref) for ev in self.levels}
        if ref.kind is _INVOICE:
            return TxnStates(ref, imports, {})
        source = self.facts.sources[ref]
        applications = {
            n: {ev.level: ev.application_state(source, n) for ev in self.levels}
            for n in sorted({*source.applications, *source.applied_in_qb})
        }
        return TxnStates(ref, imports, applications)

"""The state of every import and application under every level, without the verdicts' words.

The policy table read by the same `verdicts.Interpreter` as the verdicts, reduced to what a
stored row keeps: a state per level, from which its work follows. No condition text and no
citations are built: an unmet condition only needs to be found, not described. Explanations
and readiness details, which need the words, work out the full verdicts on demand.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.kinds import TxnKind
from domain.policy import ALL_LEVELS, PolicyLevel
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.verdicts import Interpreter, State


@dataclass(frozen=True)
class TxnStates:
    """`TxnReadiness` with each verdict reduced to its state."""

    ref: TxnRef
    imports: dict[PolicyLevel, State]
    applications: dict[str, dict[PolicyLevel, State]]


class StateRules:
    """States for every level at once: `ReadinessRules` without the words."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.levels = [Interpreter(facts, level) for level in ALL_LEVELS]

    def of(self, ref: TxnRef) -> TxnStates:
        imports = {ev.level: ev.import_state(ref) for ev in self.levels}
        if ref.kind is TxnKind.INVOICE:
            return TxnStates(ref, imports, {})
        source = self.facts.sources[ref]
        applications = {
            n: {ev.level: ev.application_state(source, n) for ev in self.levels}
            for n in sorted({*source.applications, *source.applied_in_qb})
        }
        return TxnStates(ref, imports, applications)

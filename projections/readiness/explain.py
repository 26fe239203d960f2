"""Why a transaction is, or is not, in QuickBooks: its state there and every unmet condition."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from domain.policy import ALL_LEVELS, PolicyLevel
from projections.readiness.facts import Facts, PolicyChange, TxnRef
from projections.readiness.log import Citation
from projections.readiness.verdicts import ReadinessRules, State, Verdict

Cite = Callable[[Citation], str]


@dataclass(frozen=True)
class QuickBooksState:
    txn_id: str | None
    imported_by: Citation | None
    applied: tuple[tuple[str, Citation], ...]

    @property
    def is_imported(self) -> bool:
        return self.txn_id is not None


@dataclass(frozen=True)
class Explanation:
    ref: TxnRef
    as_of_position: int
    level: PolicyLevel
    level_cited: Citation | None
    level_history: tuple[PolicyChange, ...]
    quickbooks: QuickBooksState
    imports: dict[PolicyLevel, Verdict]
    applications: dict[str, dict[PolicyLevel, Verdict]]

    def lines(self, cite: Cite = str) -> list[str]:
        """The explanation in words, current level first; `cite` renders each citation."""
        qb = self.quickbooks
        held = (
            f"in QuickBooks as {qb.txn_id} ({cite(qb.imported_by)})"
            if qb.imported_by is not None
            else ("not in QuickBooks")
        )
        out = [
            f"{self.ref.label}: {held}; policy level {self.level} (as of #{self.as_of_position})"
        ]
        out += [f"  applied to invoice {n} in QuickBooks ({cite(c)})" for n, c in qb.applied]
        for level in _current_first(self.level):
            marker = "current" if level is self.level else "if switched"
            out.append(f"  import under {level} ({marker}): {describe(self.imports[level], cite)}")
            for invoice, verdicts in self.applications.items():
                verdict = verdicts[level]
                out.append(f"    apply to invoice {invoice}: {describe(verdict, cite)}")
        return out


def explain(facts: Facts, ref: TxnRef) -> Explanation:
    """Explain `ref` from `facts` (which must hold it: check `facts.contains(ref)` first)."""
    readiness = ReadinessRules(facts).of(ref)
    record = facts.invoices[ref.key] if ref.kind == "invoice" else facts.sources[ref]
    applied: tuple[tuple[str, Citation], ...] = ()
    if ref.kind != "invoice":
        applied = tuple(sorted(facts.sources[ref].applied_in_qb.items()))
    imported = record.imported
    return Explanation(
        ref=ref,
        as_of_position=facts.position,
        level=facts.policy.level,
        level_cited=facts.policy.cited,
        level_history=tuple(facts.policy.history),
        quickbooks=QuickBooksState(
            imported.txn_id if imported else None, imported.cited if imported else None, applied
        ),
        imports=readiness.imports,
        applications=readiness.applications,
    )


def describe(verdict: Verdict, cite: Cite = str) -> str:
    if verdict.state is State.DONE:
        return f"done ({', '.join(map(cite, verdict.cited))})"
    if verdict.state is State.VOIDED:
        return f"never: voided ({', '.join(map(cite, verdict.cited))})"
    if verdict.state is State.READY:
        return "ready"
    if verdict.state is State.READY_WITH:
        return "ready with " + ", ".join(r.label for r in verdict.needs) + " in the same run"
    return "; ".join(f"waiting: {c.text} [{', '.join(map(cite, c.cited))}]" for c in verdict.unmet)


def _current_first(current: PolicyLevel) -> list[PolicyLevel]:
    return [current, *(level for level in ALL_LEVELS if level is not current)]

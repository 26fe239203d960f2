"""The work of one sync run: imports until nothing more becomes ready, then applications.

`run_to_fixpoint` reads the policy table's entries (through the interpreter's checks and
`rules`' dependencies) against a growing set of imports, so it also checks the verdicts'
recursion: a transaction is in a run's work exactly when its verdict says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.policy import PolicyLevel
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.rules import applied_first, imported_first
from projections.readiness.verdicts import Interpreter, TxnReadiness

Application = tuple[TxnRef, str]


@dataclass(frozen=True)
class Work:
    imports: tuple[TxnRef, ...] = ()
    applications: tuple[Application, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.imports and not self.applications


def run_to_fixpoint(facts: Facts, level: PolicyLevel) -> Work:
    """Everything a run under `level` does, in the order it can make the imports.

    Importing an invoice can make a conservative job payment, and the applications, ready
    within the same run.
    """
    rules = Interpreter(facts, level)
    held = {ref for ref in _all_refs(facts) if facts.imported(ref) is not None}
    candidates = [
        (ref, imported_first(facts, ref, level))
        for ref in _all_refs(facts)
        if ref not in held and rules.record(ref).voided is None and rules.import_met(ref)
    ]
    order: list[TxnRef] = []
    while True:
        newly = [
            ref for ref, first in candidates if ref not in held and all(r in held for r in first)
        ]
        if not newly:
            break
        held.update(newly)
        order.extend(newly)
    return Work(tuple(order), tuple(_applications(facts, rules, held)))


def work_from_readiness(readiness: Iterable[TxnReadiness], level: PolicyLevel) -> Work:
    """The same work, read from stored verdicts instead of evaluated afresh."""
    imports: list[TxnRef] = []
    applications: list[Application] = []
    for txn in readiness:
        if txn.imports[level].is_work:
            imports.append(txn.ref)
        applications.extend(
            (txn.ref, invoice) for invoice, by in txn.applications.items() if by[level].is_work
        )
    return Work(tuple(imports), tuple(applications))


def _applications(facts: Facts, rules: Interpreter, held: set[TxnRef]) -> Iterable[Application]:
    for ref in sorted(facts.sources):
        source = facts.sources[ref]
        if source.voided is not None or not rules.application_met(source):
            continue
        for invoice in sorted(set(source.applications) - set(source.applied_in_qb)):
            if all(r in held for r in applied_first(facts, ref, invoice, rules.level)):
                yield ref, invoice


def _all_refs(facts: Facts) -> list[TxnRef]:
    return sorted([TxnRef.invoice(n) for n in facts.invoices] + list(facts.sources))

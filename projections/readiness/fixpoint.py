"""The work of one sync run: imports until nothing more becomes ready, then applications.

`run_to_fixpoint` evaluates the rules afresh against a growing set of imports, so it also
checks the verdicts: a transaction is in a run's work exactly when its verdict says so.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from domain.policy import PolicyLevel
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.rules import application_requirements, import_requirements
from projections.readiness.verdicts import TxnReadiness

Application = tuple[TxnRef, str]


@dataclass(frozen=True)
class Work:
    imports: tuple[TxnRef, ...] = ()
    applications: tuple[Application, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.imports and not self.applications


def run_to_fixpoint(
    facts: Facts, level: PolicyLevel, imported_in_run: Collection[TxnRef] = ()
) -> Work:
    """Everything a run under `level` still does once `imported_in_run` are in QuickBooks.

    Imports come in the order the run can make them; importing an invoice can make a
    conservative job payment, and the applications, ready within the same run.
    """
    held = {ref for ref in _all_refs(facts) if facts.imported(ref) is not None}
    held |= set(imported_in_run)
    candidates = [ref for ref in _all_refs(facts) if ref not in held and not _voided(facts, ref)]
    order: list[TxnRef] = []
    while True:
        newly = [ref for ref in candidates if ref not in held and _ready(facts, ref, level, held)]
        if not newly:
            break
        held.update(newly)
        order.extend(newly)
    return Work(tuple(order), tuple(_applications(facts, level, held)))


def follow_on_work(facts: Facts, level: PolicyLevel, imported_in_run: Collection[TxnRef]) -> Work:
    """Work that becomes ready because of `imported_in_run`, beyond what was ready before."""
    before = run_to_fixpoint(facts, level)
    after = run_to_fixpoint(facts, level, imported_in_run)
    imports, applications = set(before.imports), set(before.applications)
    return Work(
        tuple(ref for ref in after.imports if ref not in imports),
        tuple(app for app in after.applications if app not in applications),
    )


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


def _ready(facts: Facts, ref: TxnRef, level: PolicyLevel, held: set[TxnRef]) -> bool:
    required = import_requirements(facts, ref, level)
    return not required.unmet and all(r in held for r in required.imported_first)


def _applications(facts: Facts, level: PolicyLevel, held: set[TxnRef]) -> Iterable[Application]:
    for ref in sorted(facts.sources):
        source = facts.sources[ref]
        if source.voided is not None:
            continue
        for invoice in sorted(set(source.applications) - set(source.applied_in_qb)):
            required = application_requirements(facts, source, invoice, level)
            if not required.unmet and all(r in held for r in required.imported_first):
                yield ref, invoice


def _all_refs(facts: Facts) -> list[TxnRef]:
    return sorted([TxnRef.invoice(n) for n in facts.invoices] + list(facts.sources))


def _voided(facts: Facts, ref: TxnRef) -> bool:
    record = facts.invoices[ref.key] if ref.kind == "invoice" else facts.sources[ref]
    return record.voided is not None

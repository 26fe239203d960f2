"""Which verdicts a change can move: keeping stored verdicts current without a full pass."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from operator import attrgetter

from domain.kinds import TxnKind
from domain.policy import PolicyLevel
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.fixpoint import Work
from projections.readiness.rules import applied_first, imported_first
from projections.readiness.verdicts import Interpreter, State


def affected(facts: Facts, touched: Iterable[TxnRef]) -> set[TxnRef]:
    """`touched` and every transaction whose verdict reads a touched invoice.

    An invoice's verdict reads the other invoices of its job (conservative and moderate);
    a payment's or credit memo's verdicts read its invoices and whether they can be imported,
    so they change with any invoice of those invoices' jobs.
    """
    result = {ref for ref in touched if facts.contains(ref)}
    jobs = {facts.invoices[r.key].job_id for r in result if r.kind == "invoice"}
    for job in jobs:
        for invoice in facts.job_invoices(job):
            result.add(invoice.ref)
            result.update(source.ref for source in facts.sources_of(invoice))
    return result


def all_refs(facts: Facts) -> list[TxnRef]:
    """Every transaction, in `TxnRef` order: the sources sorted by kind and key (as tuples,
    compared without a Python call per comparison), the invoices by number among them."""
    sources = sorted(facts.sources, key=_kind_and_key)
    invoices = [TxnRef.invoice(n) for n in sorted(facts.invoices)]
    split = bisect_left(sources, TxnKind.INVOICE, key=_kind)
    return [*sources[:split], *invoices, *sources[split:]]


_kind_and_key, _kind = attrgetter("kind", "key"), attrgetter("kind")


def work_among(facts: Facts, level: PolicyLevel, refs: Iterable[TxnRef]) -> Work:
    """The part of `run_to_fixpoint(facts, level)` that concerns `refs`: their imports and
    applications that are work, with every import those need first (the run makes those
    too), in the fixpoint's order. Costs in proportion to `refs` and what they depend on."""
    states = Interpreter(facts, level)
    imports: set[TxnRef] = set()
    applications: list[tuple[TxnRef, str]] = []
    first: list[TxnRef] = []
    for ref in sorted({ref for ref in refs if facts.contains(ref)}):
        if states.import_state(ref) in _WORK:
            first.append(ref)
        if ref.kind is TxnKind.INVOICE:
            continue
        source = facts.sources[ref]
        if source.voided is not None:
            continue
        for invoice in sorted(source.applications.keys() - source.applied_in_qb.keys()):
            if states.application_state(source, invoice) in _WORK:
                applications.append((ref, invoice))
                first.extend(applied_first(facts, ref, invoice, level))
    while first:
        ref = first.pop()
        if ref in imports or states.import_state(ref) not in _WORK:
            continue
        imports.add(ref)
        first.extend(imported_first(facts, ref, level))
    rounds: dict[TxnRef, int] = {}
    for ref in imports:
        _round(facts, level, ref, rounds)
    return Work(tuple(sorted(imports, key=lambda r: (rounds[r], r))), tuple(applications))


def _round(facts: Facts, level: PolicyLevel, ref: TxnRef, rounds: dict[TxnRef, int]) -> int:
    """The fixpoint's round in which `ref` becomes ready: one after its last prerequisite."""
    known = rounds.get(ref)
    if known is None:
        pending = [r for r in imported_first(facts, ref, level) if facts.imported(r) is None]
        known = rounds[ref] = 1 + max((_round(facts, level, r, rounds) for r in pending), default=0)
    return known


_WORK = (State.READY, State.READY_WITH)


def unsettled(facts: Facts) -> list[TxnRef]:
    """Every transaction not settled, in `TxnRef` order. A settled one (voided, or imported
    with every application applied) is done or voided under every level, whatever else
    the facts say: a caller looking for work or waiting can pass it over unread."""
    refs = [i.ref for i in facts.invoices.values() if i.voided is None and i.imported is None]
    refs += [
        ref
        for ref, s in facts.sources.items()
        if s.voided is None
        and (s.imported is None or not s.applications.keys() <= s.applied_in_qb.keys())
    ]
    return sorted(refs)

"""Which verdicts a change can move: keeping stored verdicts current without a full pass."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from operator import attrgetter

from projections.readiness.facts import Facts, TxnKind, TxnRef


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

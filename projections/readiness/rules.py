"""What each name in the policy table means: when a check holds, the words of an unmet one
(with the events it rests on), and which transactions a `First` names.

`verdicts.Interpreter` evaluates the table with these; the planner asks `imported_first`,
`applied_first` and `applied_with_import` for the same entries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from domain.money import ZERO
from domain.policy import PolicyLevel
from projections.readiness.facts import Facts, InvoiceFacts, SourceFacts, TxnRef
from projections.readiness.log import Citation
from projections.readiness.policy_table import (
    APPLY,
    FINALIZED,
    FINISHED,
    IMPORT,
    ITS_INVOICES,
    ITSELF,
    PAID_IN_FULL,
    THE_INVOICE,
    Check,
    First,
    Rule,
    rule,
)

Record = InvoiceFacts | SourceFacts


@dataclass(frozen=True, slots=True)
class Condition:
    """An unmet condition in words naming the records, and the events it rests on."""

    text: str
    cited: tuple[Citation, ...]


def _finalized(record: Record) -> bool:
    return isinstance(record, InvoiceFacts) and record.finalized is not None


def _paid_in_full(record: Record) -> bool:
    return isinstance(record, InvoiceFacts) and record.open_balance == ZERO


def _finished(record: Record) -> bool:
    return isinstance(record, SourceFacts) and record.finished is not None


HOLDS: dict[Check, Callable[[Record], bool]] = {
    FINALIZED: _finalized,
    PAID_IN_FULL: _paid_in_full,
    FINISHED: _finished,
}


def all_hold(checks: tuple[Check, ...], record: Record) -> bool:
    return all(HOLDS[check](record) for check in checks)


def unmet(check: Check, record: Record) -> Condition:
    """The words of `check`, which `record` does not meet."""
    if isinstance(record, SourceFacts):
        return not_finished(record)
    name = f"invoice {record.number} of job {record.job_id}"
    if check is FINALIZED:
        return Condition(f"{name} is not finalized", (record.total_cited,))
    return Condition(
        f"{name} has an open balance of {record.open_balance}", record.balance_citations
    )


def unmet_conditions(facts: Facts, entry: Rule, record: Record) -> list[Condition]:
    """The entry's checks `record` does not meet, then those each other invoice of its job
    (not voided) does not meet, in the table's order."""
    found = [unmet(check, record) for check in entry.own if not HOLDS[check](record)]
    if entry.job and isinstance(record, InvoiceFacts):
        for sibling in facts.job_invoices(record.job_id):
            if sibling is not record and sibling.voided is None:
                found += [unmet(c, sibling) for c in entry.job if not HOLDS[c](sibling)]
    return found


def not_finished(source: SourceFacts) -> Condition:
    cited = (source.created, *sorted(a.cited for a in source.applications.values()))
    detail = f" ({source.unapplied} of {source.amount} not applied yet)" if source.unapplied else ""
    return Condition(f"{source.ref.label} is not finished{detail}", cited)


Resolve = Callable[[Record, str | None], tuple[TxnRef, ...]]


def _itself(record: Record, _invoice: str | None) -> tuple[TxnRef, ...]:
    return (record.ref,)


def _the_invoice(_record: Record, invoice: str | None) -> tuple[TxnRef, ...]:
    return () if invoice is None else (TxnRef.invoice(invoice),)


def _its_invoices(record: Record, _invoice: str | None) -> tuple[TxnRef, ...]:
    return tuple(TxnRef.invoice(n) for n in sorted(record.applications))


NAMES: dict[First, Resolve] = {
    ITSELF: _itself,
    THE_INVOICE: _the_invoice,
    ITS_INVOICES: _its_invoices,
}


@cache
def resolver(first: tuple[First, ...]) -> Resolve:
    """The transactions `first` names for a record (applied to an invoice, if applying)."""
    parts = tuple(NAMES[name] for name in first)
    if len(parts) == 1:
        return parts[0]

    def resolve(record: Record, invoice: str | None) -> tuple[TxnRef, ...]:
        refs: tuple[TxnRef, ...] = ()
        for part in parts:
            refs += part(record, invoice)
        return refs

    return resolve


def named(first: tuple[First, ...], record: Record, invoice: str | None) -> tuple[TxnRef, ...]:
    return resolver(first)(record, invoice)


def imported_first(facts: Facts, ref: TxnRef, level: PolicyLevel) -> tuple[TxnRef, ...]:
    """What QuickBooks must hold before `ref` is imported under `level`."""
    entry = rule(ref.kind, IMPORT, level)
    if not entry.first:
        return ()
    return named(entry.first, facts.sources[ref], None)


def applied_first(
    facts: Facts, ref: TxnRef, invoice: str, level: PolicyLevel
) -> tuple[TxnRef, ...]:
    """What QuickBooks must hold before `ref` is applied to `invoice` under `level`."""
    return named(rule(ref.kind, APPLY, level).first, facts.sources[ref], invoice)


def applied_with_import(ref: TxnRef, level: PolicyLevel) -> bool:
    """`ref` is imported only after all its invoices, so its add carries its applications
    (a conservative job payment: imported and applied in the same step)."""
    return ITS_INVOICES in rule(ref.kind, IMPORT, level).first

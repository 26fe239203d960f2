"""SPEC section 3 as data: what each import or application needs under each policy level.

A rule answers with the conditions the transaction itself does not meet and the
transactions QuickBooks must hold first (which this sync run may import before it).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.money import ZERO
from domain.policy import PolicyLevel
from projections.readiness.facts import Facts, InvoiceFacts, SourceFacts, TxnKind, TxnRef
from projections.readiness.log import Citation

CONSERVATIVE, AGGRESSIVE = PolicyLevel.CONSERVATIVE, PolicyLevel.AGGRESSIVE


@dataclass(frozen=True, slots=True)
class Condition:
    """An unmet condition in words naming the records, and the events it rests on."""

    text: str
    cited: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Requirements:
    unmet: tuple[Condition, ...] = ()
    imported_first: tuple[TxnRef, ...] = ()


def import_requirements(facts: Facts, ref: TxnRef, level: PolicyLevel) -> Requirements:
    if ref.kind is TxnKind.INVOICE:
        return Requirements(tuple(invoice_conditions(facts, facts.invoices[ref.key], level)))
    source = facts.sources[ref]
    if ref.kind is TxnKind.JOB_PAYMENT:
        if level is not CONSERVATIVE:
            return Requirements()
        return Requirements(imported_first=tuple(TxnRef.invoice(n) for n in source.applications))
    if level is CONSERVATIVE and source.finished is None:
        return Requirements((not_finished(source),))
    return Requirements()


def application_requirements(
    facts: Facts, source: SourceFacts, invoice: str, level: PolicyLevel
) -> Requirements:
    """Applying `source` to `invoice` needs both in QuickBooks; an account payment is
    applied all at once, so it needs every one of its invoices there."""
    unmet: tuple[Condition, ...] = ()
    if source.ref.kind is TxnKind.CREDIT_MEMO and source.finished is None:
        unmet = (not_finished(source),)
    if source.ref.kind is TxnKind.ACCOUNT_PAYMENT:
        invoices = sorted(source.applications)
    else:
        invoices = [invoice]
    return Requirements(unmet, (source.ref, *(TxnRef.invoice(n) for n in invoices)))


def invoice_conditions(facts: Facts, invoice: InvoiceFacts, level: PolicyLevel) -> list[Condition]:
    unmet = _own_invoice_conditions(invoice, level)
    if level is AGGRESSIVE:
        return unmet
    for sibling in facts.job_invoices(invoice.job_id):
        if sibling is not invoice and sibling.voided is None:
            unmet.extend(_own_invoice_conditions(sibling, level))
    return unmet


def _own_invoice_conditions(invoice: InvoiceFacts, level: PolicyLevel) -> list[Condition]:
    name = f"invoice {invoice.number} of job {invoice.job_id}"
    unmet: list[Condition] = []
    if invoice.finalized is None:
        unmet.append(Condition(f"{name} is not finalized", (invoice.total_cited,)))
    balance = invoice.open_balance
    if level is not AGGRESSIVE and balance != ZERO:
        unmet.append(
            Condition(f"{name} has an open balance of {balance}", invoice.balance_citations)
        )
    return unmet


def not_finished(source: SourceFacts) -> Condition:
    cited = (source.created, *sorted(a.cited for a in source.applications.values()))
    detail = f" ({source.unapplied} of {source.amount} not applied yet)" if source.unapplied else ""
    return Condition(f"{source.ref.label} is not finished{detail}", cited)

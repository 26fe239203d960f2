"""Folding logged events into the facts model; each step names the transactions it touched."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from domain.credit_source import source_token
from domain.kinds import TxnKind
from domain.lines import lines_total
from domain.money import money
from domain.policy import PolicyLevel
from projections.readiness.facts import (
    Amount,
    Facts,
    Imported,
    InvoiceFacts,
    PolicyChange,
    SourceFacts,
    TxnRef,
)
from projections.readiness.log import LoggedEvent


def fold(facts: Facts, events: Iterable[LoggedEvent], track: bool = True) -> set[TxnRef]:
    """Apply `events` (in log order) to `facts`; return the transactions they changed (none
    are noted when not `track`: a caller about to take every transaction needs no list).

    Events at or before `facts.position` were folded already and are skipped.
    """
    touched: set[TxnRef] = set()
    note, handlers = touched.add if track else _ignore, _HANDLERS.get
    last = facts.position
    try:
        for logged in events:
            position = logged.position
            if position <= last:
                continue
            handler = handlers(logged.event_type)
            if handler is not None:
                ref = handler(facts, logged)
                if ref is not None:
                    note(ref)
            last = position
    finally:  # the position of the last event folded, also when the next one fails
        facts.position = last
    return touched


def _ignore(ref: TxnRef) -> None:
    pass


def _invoice_created(facts: Facts, e: LoggedEvent) -> TxnRef:
    d = e.data
    invoice = InvoiceFacts(
        d["number"], d["job_id"], d["customer"], e.originator_id, lines_total(d["lines"]), e.cite()
    )
    return facts.add_invoice(invoice)


def _on_invoice(change: Callable[[InvoiceFacts, LoggedEvent], None]) -> _Handler:
    def handler(facts: Facts, e: LoggedEvent) -> TxnRef | None:
        ref = facts.origins.get(e.originator_id)
        if ref is None or ref.kind is not TxnKind.INVOICE:
            return None
        change(facts.invoices[ref.key], e)
        return ref

    return handler


def _lines_edited(invoice: InvoiceFacts, e: LoggedEvent) -> None:
    invoice.total, invoice.total_cited = lines_total(e.data["lines"]), e.cite()


def _invoice_corrected(invoice: InvoiceFacts, e: LoggedEvent) -> None:
    _lines_edited(invoice, e)
    invoice.finalized = None


def _finalized(invoice: InvoiceFacts, e: LoggedEvent) -> None:
    invoice.finalized = e.cite()


def _invoice_voided(invoice: InvoiceFacts, e: LoggedEvent) -> None:
    invoice.voided = e.cite()


def _written_off(invoice: InvoiceFacts, e: LoggedEvent) -> None:
    invoice.write_offs.append(Amount(_money(e.data["amount"]), e.cite()))


def _received(invoice: InvoiceFacts, e: LoggedEvent) -> None:
    invoice.applications[e.data["source"]] = Amount(_money(e.data["amount"]), e.cite())


def _released(invoice: InvoiceFacts, e: LoggedEvent) -> None:
    invoice.applications.pop(e.data["source"], None)


def _payment_recorded(facts: Facts, e: LoggedEvent) -> TxnRef:
    d = e.data
    is_job = str(d["payment_kind"]) == "job"
    kind = TxnKind.JOB_PAYMENT if is_job else TxnKind.ACCOUNT_PAYMENT
    return _add_source(facts, e, TxnRef(kind, d["reference"]), "payment", d["recorded_amount"])


def _credit_memo_created(facts: Facts, e: LoggedEvent) -> TxnRef:
    ref = TxnRef(TxnKind.CREDIT_MEMO, e.data["number"])
    return _add_source(facts, e, ref, "credit memo", lines_total(e.data["lines"]))


def _add_source(facts: Facts, e: LoggedEvent, ref: TxnRef, kind: str, amount: Decimal) -> TxnRef:
    token = source_token(kind, ref.key)
    customer = e.data["customer"]
    facts.add_source(SourceFacts(ref, token, customer, e.originator_id, _money(amount), e.cite()))
    return ref


def _on_source(change: Callable[[SourceFacts, LoggedEvent], None]) -> _Handler:
    def handler(facts: Facts, e: LoggedEvent) -> TxnRef | None:
        ref = facts.origins.get(e.originator_id)
        source = None if ref is None else facts.sources.get(ref)
        if source is None:
            return None
        change(source, e)
        return ref

    return handler


def _credit_memo_corrected(source: SourceFacts, e: LoggedEvent) -> None:
    source.amount, source.finished = _money(lines_total(e.data["lines"])), None


def _applied(source: SourceFacts, e: LoggedEvent) -> None:
    source.applications[e.data["invoice"]] = Amount(_money(e.data["amount"]), e.cite())


def _unapplied(source: SourceFacts, e: LoggedEvent) -> None:
    source.applications.pop(e.data["invoice"], None)


def _finished(source: SourceFacts, e: LoggedEvent) -> None:
    source.finished = e.cite()


def _source_voided(source: SourceFacts, e: LoggedEvent) -> None:
    source.voided = e.cite()
    source.applications = {}


def _applied_in_qb(source: SourceFacts, e: LoggedEvent) -> None:
    source.applied_in_qb[e.data["invoice"]] = e.cite()


def _imported(facts: Facts, e: LoggedEvent) -> TxnRef | None:
    ref = facts.origins.get(e.originator_id)
    if ref is None:
        return None
    record = facts.invoices[ref.key] if ref.kind is TxnKind.INVOICE else facts.sources[ref]
    record.imported = Imported(str(e.data["txn_id"]), e.cite())
    return ref


def _established(facts: Facts, e: LoggedEvent) -> None:
    facts.policy.level = PolicyLevel(e.data["policy_level"])
    facts.policy.cited = e.cite()


def _level_changed(facts: Facts, e: LoggedEvent) -> None:
    d = e.data
    to_level = PolicyLevel(d["to_level"])
    change = PolicyChange(
        PolicyLevel(d["from_level"]), to_level, d["changed_by"], e.timestamp, e.cite()
    )
    facts.policy.history.append(change)
    facts.policy.level, facts.policy.cited = to_level, e.cite()


def _money(value: Decimal | str) -> Decimal:
    """Amounts in events are two-place Decimals already (the domain checked them)."""
    return value if isinstance(value, Decimal) else money(value)


_Handler = Callable[[Facts, LoggedEvent], "TxnRef | None"]

_HANDLERS: dict[str, _Handler] = {
    "Invoice.Created": _invoice_created,
    "Invoice.LinesEdited": _on_invoice(_lines_edited),
    "Invoice.Finalized": _on_invoice(_finalized),
    "Invoice.Corrected": _on_invoice(_invoice_corrected),
    "Invoice.Voided": _on_invoice(_invoice_voided),
    "Invoice.WrittenOff": _on_invoice(_written_off),
    "Invoice.ApplicationReceived": _on_invoice(_received),
    "Invoice.ApplicationReleased": _on_invoice(_released),
    "Payment.Recorded": _payment_recorded,
    "CreditMemo.Created": _credit_memo_created,
    "CreditMemo.Corrected": _on_source(_credit_memo_corrected),
    "CreditSource.Applied": _on_source(_applied),
    "CreditSource.Unapplied": _on_source(_unapplied),
    "CreditSource.Finished": _on_source(_finished),
    "CreditSource.Voided": _on_source(_source_voided),
    "CreditSource.AppliedInQuickBooks": _on_source(_applied_in_qb),
    "QuickBooksTransaction.ImportedToQuickBooks": _imported,
    "CompanySettings.Established": _established,
    "CompanySettings.PolicyLevelChanged": _level_changed,
}

"""Invoices, payments and credit memos as a person lists them: filtered by kind, state under
a level, customer and date range, sorted, one page at a time, each with its first reason to
wait in words."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from adapters.services.listing.created import Created, CreatedIndex
from adapters.services.listing.pages import DEFAULT_LIMIT, Page, SortKey, page_of
from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness.model import ref_of
from adapters.storage.readiness.store import ReadinessStore
from domain.errors import InvalidInput
from domain.kinds import TxnKind
from domain.policy import PolicyLevel
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.verdicts import ReadinessRules, State, TxnReadiness

KINDS = ("invoice", "payment", "credit memo")
SORTS = ("date", "number", "customer", "amount", "kind", "state")


@dataclass(frozen=True)
class TransactionQuery:
    kinds: tuple[str, ...] = KINDS
    customer: str = ""
    state: State | None = None
    level: PolicyLevel | None = None  # the current level when None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "date"  # a name of SORTS, "-" before it for the other way round
    after: str = ""
    limit: int = DEFAULT_LIMIT

    def __post_init__(self) -> None:
        unknown = [k for k in self.kinds if k not in KINDS]
        if unknown:
            raise InvalidInput(f"unknown kind {unknown[0]!r}: choose from {', '.join(KINDS)}")
        if self.sort.lstrip("-") not in SORTS:
            raise InvalidInput(f"cannot sort by {self.sort!r}: choose from {', '.join(SORTS)}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InvalidInput(
                f"the date range starts ({self.date_from}) after it ends ({self.date_to})"
            )


@dataclass(frozen=True)
class TransactionRow:
    kind: str  # invoice, payment or credit memo
    key: str  # the invoice or credit memo number, the payment reference
    ref: TxnRef
    customer: str
    txn_date: date
    amount: Decimal
    status: str  # draft, finalized, open, finished or voided
    qb_txn_id: str
    state: State  # under `level`
    level: PolicyLevel
    waiting_reason: str = ""  # the first unmet condition, when it waits
    position: int = 0  # where its first event sits in the log

    @property
    def label(self) -> str:
        return f"{self.kind} {self.key}"


def list_transactions(
    ledger: Ledger,
    readiness: ReadinessStore,
    query: TransactionQuery,
    index: CreatedIndex | None = None,
) -> Page[TransactionRow]:
    """`index` keeps what earlier lists read from the log (one per process)."""
    readiness.update(ledger)
    facts = readiness.model.facts()
    level = query.level or facts.policy.level
    states = {
        ref_of(kind, key): State(state)
        for kind, key, state in readiness.table.select(column=level.value)
    }
    created = (index or CreatedIndex()).rows(ledger)
    rows = [
        row for row in _rows(created, facts, states, level, query.kinds) if _matches(row, query)
    ]
    descending = query.sort.startswith("-")
    page = page_of(rows, _sort_key(query.sort.lstrip("-")), query.after, query.limit, descending)
    rules = ReadinessRules(facts)
    items = [replace(row, waiting_reason=_first_reason(rules, row)) for row in page.items]
    return Page(items, page.next_cursor, page.total)


def first_reason(readiness: TxnReadiness, level: PolicyLevel) -> str:
    """The first unmet condition under `level`, of its import or else of an application."""
    verdicts = [readiness.imports[level], *(v[level] for v in readiness.applications.values())]
    for verdict in verdicts:
        if verdict.state is State.WAITING and verdict.unmet:
            return verdict.unmet[0].text
    return ""


def _first_reason(rules: ReadinessRules, row: TransactionRow) -> str:
    if row.state is not State.WAITING or not rules.facts.contains(row.ref):
        return ""
    return first_reason(rules.of(row.ref), row.level)


def _rows(
    created: Iterable[Created],
    facts: Facts,
    states: dict[TxnRef, State],
    level: PolicyLevel,
    kinds: Iterable[str],
) -> Iterable[TransactionRow]:
    """The rows of the wanted kinds, their customer, amount and status as the facts hold
    them now (lines can change while an invoice is a draft)."""
    wanted = set(kinds)
    for first in created:
        ref = first.ref
        if first.kind not in wanted or not facts.contains(ref):  # (created since the update)
            continue
        customer, amount = _customer_and_amount(facts, ref)
        status, txn_id = _status(facts, ref)
        yield TransactionRow(
            kind=first.kind,
            key=ref.key,
            ref=ref,
            customer=customer,
            txn_date=first.txn_date,
            amount=amount,
            status=status,
            qb_txn_id=txn_id,
            state=states.get(ref, State.WAITING),
            level=level,
            position=first.position,
        )


def _customer_and_amount(facts: Facts, ref: TxnRef) -> tuple[str, Decimal]:
    if ref.kind is TxnKind.INVOICE:
        invoice = facts.invoices[ref.key]
        return invoice.customer, invoice.total
    source = facts.sources[ref]
    return source.customer, source.amount


def _status(facts: Facts, ref: TxnRef) -> tuple[str, str]:
    if ref.kind is TxnKind.INVOICE:
        invoice = facts.invoices.get(ref.key)
        if invoice is None:
            return "draft", ""
        status = "voided" if invoice.voided else "finalized" if invoice.finalized else "draft"
        return status, invoice.imported.txn_id if invoice.imported else ""
    source = facts.sources.get(ref)
    if source is None:
        return "open", ""
    status = "voided" if source.voided else "finished" if source.finished else "open"
    return status, source.imported.txn_id if source.imported else ""


def _matches(row: TransactionRow, query: TransactionQuery) -> bool:
    return (
        (not query.customer or row.customer == query.customer)
        and (query.state is None or row.state is query.state)
        and (query.date_from is None or row.txn_date >= query.date_from)
        and (query.date_to is None or row.txn_date <= query.date_to)
    )


_SORT_VALUES: dict[str, Callable[[TransactionRow], str | int]] = {
    "date": lambda row: row.txn_date.isoformat(),
    "number": lambda row: row.key,
    "customer": lambda row: row.customer,
    "amount": lambda row: int(row.amount * 100),
    "kind": lambda row: row.kind,
    "state": lambda row: row.state.value,
}


def _sort_key(name: str) -> Callable[[TransactionRow], SortKey]:
    value = _SORT_VALUES[name]
    return lambda row: (value(row), row.kind, row.key)

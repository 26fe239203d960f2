"""The facts per transaction that readiness rests on, each with the event it comes from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from domain.kinds import TxnKind
from domain.money import total
from domain.policy import PolicyLevel
from projections.readiness.log import Citation


@dataclass(frozen=True, order=True, slots=True)
class TxnRef:
    kind: TxnKind
    key: str

    @property
    def label(self) -> str:
        return f"{self.kind.value} {self.key}"

    @classmethod
    def invoice(cls, number: str) -> TxnRef:
        return cls(TxnKind.INVOICE, number)


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount (application, write-off) and the event that recorded it."""

    value: Decimal
    cited: Citation


@dataclass(frozen=True, slots=True)
class Imported:
    txn_id: str
    cited: Citation


@dataclass(slots=True)
class InvoiceFacts:
    number: str
    job_id: str
    customer: str
    originator_id: str
    total: Decimal
    total_cited: Citation
    finalized: Citation | None = None
    voided: Citation | None = None
    applications: dict[str, Amount] = field(default_factory=dict)
    write_offs: list[Amount] = field(default_factory=list)
    imported: Imported | None = None

    @property
    def ref(self) -> TxnRef:
        return TxnRef.invoice(self.number)

    @property
    def open_balance(self) -> Decimal:
        applied = total(a.value for a in self.applications.values())
        return total([self.total, -applied, -total(w.value for w in self.write_offs)])

    @property
    def balance_citations(self) -> tuple[Citation, ...]:
        amounts = [*self.applications.values(), *self.write_offs]
        return (self.total_cited, *sorted(a.cited for a in amounts))


@dataclass(slots=True)
class SourceFacts:
    """A job payment, account payment or credit memo."""

    ref: TxnRef
    token: str
    customer: str
    originator_id: str
    amount: Decimal
    created: Citation
    finished: Citation | None = None
    voided: Citation | None = None
    applications: dict[str, Amount] = field(default_factory=dict)
    applied_in_qb: dict[str, Citation] = field(default_factory=dict)
    imported: Imported | None = None

    @property
    def unapplied(self) -> Decimal:
        return self.amount - total(a.value for a in self.applications.values())


@dataclass(frozen=True)
class PolicyChange:
    from_level: PolicyLevel
    to_level: PolicyLevel
    changed_by: str
    at: datetime
    cited: Citation


@dataclass
class PolicyFacts:
    level: PolicyLevel = PolicyLevel.CONSERVATIVE
    cited: Citation | None = None
    history: list[PolicyChange] = field(default_factory=list)


@dataclass
class Facts:
    """Everything the rules read, kept current event by event."""

    invoices: dict[str, InvoiceFacts] = field(default_factory=dict)
    sources: dict[TxnRef, SourceFacts] = field(default_factory=dict)
    policy: PolicyFacts = field(default_factory=PolicyFacts)
    position: int = 0
    origins: dict[str, TxnRef] = field(default_factory=dict)
    jobs: dict[str, set[str]] = field(default_factory=dict)
    tokens: dict[str, TxnRef] = field(default_factory=dict)

    def add_invoice(self, invoice: InvoiceFacts) -> TxnRef:
        """Add `invoice`; returns its ref."""
        ref = self.origins[invoice.originator_id] = invoice.ref
        self.invoices[invoice.number] = invoice
        self.jobs.setdefault(invoice.job_id, set()).add(invoice.number)
        return ref

    def add_source(self, source: SourceFacts) -> None:
        self.sources[source.ref] = source
        self.origins[source.originator_id] = source.ref
        self.tokens[source.token] = source.ref

    def imported(self, ref: TxnRef) -> Imported | None:
        if ref.kind is TxnKind.INVOICE:
            invoice = self.invoices.get(ref.key)
            return invoice.imported if invoice else None
        source = self.sources.get(ref)
        return source.imported if source else None

    def job_invoices(self, job_id: str) -> list[InvoiceFacts]:
        return [self.invoices[number] for number in sorted(self.jobs.get(job_id, ()))]

    def sources_of(self, invoice: InvoiceFacts) -> list[SourceFacts]:
        refs = (self.tokens.get(token) for token in invoice.applications)
        return [self.sources[ref] for ref in refs if ref is not None and ref in self.sources]

    def contains(self, ref: TxnRef) -> bool:
        return ref.key in self.invoices if ref.kind is TxnKind.INVOICE else ref in self.sources

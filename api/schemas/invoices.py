"""Invoices: lines while draft, then finalized; payments and credits applied to them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field

from api.schemas.history import HistoryEntry
from api.schemas.limited import CustomerCode, DatedIn, InvoiceNumber, Memo
from api.schemas.lines import LineIn, LineOut
from api.schemas.manual_actions import ManualActionOutcome, outcome_fields
from api.schemas.values import Money
from domain.credit_source import parse_source_token
from domain.invoice import Invoice, InvoiceStatus
from domain.lines import Line
from domain.manual_action import ManualAction


class InvoiceIn(DatedIn):
    number: InvoiceNumber = Field(examples=["1234567-1"])
    customer: CustomerCode = Field(description="The customer's code")
    lines: list[LineIn]
    job_id: InvoiceNumber | None = Field(
        default=None, description="Default: the number up to its last `-` (1234567-1 → 1234567)"
    )
    memo: Memo = ""

    def domain_lines(self) -> list[Line]:
        return [line.to_domain() for line in self.lines]


class ReceivedApplicationOut(BaseModel):
    """A payment or credit memo applied to the invoice."""

    source_kind: str = Field(description="payment or credit memo")
    source: str = Field(description="The payment's reference or the credit memo's number")
    amount: Money


class InvoiceOut(BaseModel):
    number: str
    customer: str
    job_id: str
    txn_date: date
    memo: str
    status: InvoiceStatus
    lines: list[LineOut]
    total: Money
    applied_total: Money
    written_off: Money
    open_balance: Money
    paid_in_full: bool
    applications: list[ReceivedApplicationOut]
    imported: bool = Field(description="QuickBooks holds the invoice (its TxnID is known)")
    qb_txn_id: str | None
    qb_edit_sequence: str | None

    @classmethod
    def of(cls, invoice: Invoice) -> InvoiceOut:
        return cls(
            number=invoice.number,
            customer=invoice.customer,
            job_id=invoice.job_id,
            txn_date=invoice.txn_date,
            memo=invoice.memo,
            status=invoice.status,
            lines=[LineOut.of(line) for line in invoice.lines],
            total=invoice.total,
            applied_total=invoice.applied_total,
            written_off=invoice.written_off,
            open_balance=invoice.open_balance,
            paid_in_full=invoice.is_paid_in_full,
            applications=[
                _received(token, amount) for token, amount in invoice.applications.items()
            ],
            imported=invoice.is_imported,
            qb_txn_id=invoice.qb_txn_id,
            qb_edit_sequence=invoice.qb_edit_sequence,
        )


def _received(token: str, amount: Decimal) -> ReceivedApplicationOut:
    kind, key = parse_source_token(token)
    return ReceivedApplicationOut(source_kind=kind, source=key, amount=amount)


class InvoiceDetail(InvoiceOut):
    history: list[HistoryEntry]


class InvoiceOutcome(ManualActionOutcome):
    """The invoice after a void or write-off, and the manual action it opened, if any."""

    invoice: InvoiceOut

    @classmethod
    def of(cls, invoice: Invoice, action: ManualAction | None) -> InvoiceOutcome:
        return cls(invoice=InvoiceOut.of(invoice), **outcome_fields(action))

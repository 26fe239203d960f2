"""Operations the ledger no longer wants by the time they would be sent."""

from __future__ import annotations

from adapters.storage.ledger.application import Ledger
from adapters.storage.outbox.operations import OpKind, OutboxRow, Phase
from domain.credit_source import CreditSource
from domain.invoice import Invoice


def obsolete(ledger: Ledger, row: OutboxRow) -> str:
    """Why an operation not yet sent is no longer wanted by the ledger ("" if it still is)."""
    if row.kind is OpKind.CUSTOMER_ADD or row.phase is Phase.PROBE:
        return ""
    if row.kind is OpKind.INVOICE_ADD:
        record: Invoice | CreditSource = ledger.invoice(row.txn_key)
    elif row.kind in (OpKind.CREDIT_MEMO_ADD, OpKind.CREDIT_APPLY):
        record = ledger.credit_memo(row.txn_key)
    else:
        record = ledger.payment(row.txn_key)
    if record.voided:
        return f"{record.label} was voided before it was sent"
    if row.kind in (OpKind.PAYMENT_APPLY, OpKind.CREDIT_APPLY):
        assert isinstance(record, CreditSource)
        gone = [inv for inv in row.invoices if inv not in record.applications]
        if gone:
            return f"{record.label} is no longer applied to invoice {', '.join(gone)}"
        if all(inv in record.applied_in_qb for inv in row.invoices):
            return f"{record.label} is already applied in QuickBooks"
    elif record.is_imported:
        return f"{record.label} is already in QuickBooks"
    return ""

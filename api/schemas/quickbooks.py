"""QuickBooks' answers about a transaction, as reported by the sync."""

from __future__ import annotations

from pydantic import Field

from api.schemas.limited import StrictIn


class ImportedIn(StrictIn):
    """QuickBooks confirmed the transaction and returned its TxnID."""

    txn_id: str = Field(description="QuickBooks' TxnID", examples=["1A2B-1700000000"])
    edit_sequence: str = Field(default="", description="QuickBooks' EditSequence")


class AppliedIn(StrictIn):
    """QuickBooks linked the payment or credit memo to an invoice."""

    invoice: str = Field(description="Number of the invoice QuickBooks applied it to")
    edit_sequence: str = Field(default="", description="QuickBooks' newer EditSequence")

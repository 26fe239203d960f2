"""What payments and credit memos share in their answers: their applications to invoices."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.schemas.limited import InvoiceNumber, StrictIn
from api.schemas.values import AmountIn, Money
from domain.credit_source import CreditSource


class ApplicationIn(StrictIn):
    invoice: InvoiceNumber = Field(description="Number of an invoice of the same customer")
    amount: AmountIn


class ApplicationOut(BaseModel):
    invoice: str
    amount: Money
    applied_in_quickbooks: bool = Field(description="QuickBooks has linked it to the invoice")


def applications_of(source: CreditSource) -> list[ApplicationOut]:
    return [
        ApplicationOut(
            invoice=invoice, amount=amount, applied_in_quickbooks=invoice in source.applied_in_qb
        )
        for invoice, amount in source.applications.items()
    ]

"""Customers: the ledger's name, the QB Name override and the QuickBooks link."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.schemas.history import HistoryEntry
from api.schemas.limited import CustomerCode, CustomerName, QbName, StrictIn
from api.schemas.values import Money
from domain.customer import Customer


class CustomerIn(StrictIn):
    code: CustomerCode = Field(description="The customer's code in the field-service system")
    name: CustomerName
    qb_name: QbName = Field(default="", description="Name to match in QuickBooks, if not `name`")
    parent: CustomerCode = Field(
        default="", description="Code of the parent customer, for a sub-customer"
    )


class CustomerNameIn(StrictIn):
    name: CustomerName


class CustomerQbNameIn(StrictIn):
    qb_name: QbName = Field(description="Name to match in QuickBooks; empty to use the name")


class CustomerOut(BaseModel):
    code: str
    name: str
    qb_name: str
    parent: str
    name_for_quickbooks: str = Field(description="QB Name when set, else name")
    qb_list_id: str | None
    qb_full_name: str | None
    opening_balance: Money

    @classmethod
    def of(cls, customer: Customer) -> CustomerOut:
        return cls(
            code=customer.code,
            name=customer.name,
            qb_name=customer.qb_name,
            parent=customer.parent,
            name_for_quickbooks=customer.name_for_quickbooks,
            qb_list_id=customer.qb_list_id,
            qb_full_name=customer.qb_full_name,
            opening_balance=customer.opening_balance,
        )


class CustomerDetail(CustomerOut):
    history: list[HistoryEntry]

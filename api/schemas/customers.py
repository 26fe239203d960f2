"""Customers: the ledger's name, the QB Name override and the QuickBooks link."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.schemas.history import HistoryEntry
from api.schemas.values import Money
from domain.customer import Customer


class CustomerIn(BaseModel):
    code: str = Field(description="The customer's code in the field-service system")
    name: str
    qb_name: str = Field(default="", description="Name to match in QuickBooks, if not `name`")
    parent: str = Field(default="", description="Code of the parent customer, for a sub-customer")


class CustomerNameIn(BaseModel):
    name: str


class CustomerQbNameIn(BaseModel):
    qb_name: str = Field(description="Name to match in QuickBooks; empty to use the name")


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

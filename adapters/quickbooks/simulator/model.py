"""The records a QuickBooks company file holds, as plain dataclasses.

Fields marked `derived` are recomputed from the transactions (see ledger.py) and never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
ADDRESS_FIELDS = (
    "Addr1", "Addr2", "Addr3", "Addr4", "Addr5", "City", "State", "PostalCode", "Country", "Note",
)  # fmt: skip


def to_money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


DERIVED: dict[str, Any] = {"persist": False}


class ItemKind(StrEnum):
    SERVICE = "Service"
    NON_INVENTORY = "NonInventory"
    OTHER_CHARGE = "OtherCharge"


class TxnKind(StrEnum):
    INVOICE = "Invoice"
    CREDIT_MEMO = "CreditMemo"
    RECEIVE_PAYMENT = "ReceivePayment"


@dataclass(kw_only=True)
class ListRecord:
    list_id: str
    name: str
    is_active: bool = True
    time_created: datetime
    time_modified: datetime
    edit_sequence: str

    @property
    def full_name(self) -> str:
        return self.name


@dataclass(kw_only=True)
class Customer(ListRecord):
    parent_id: str | None = None
    parent_full_name: str | None = None
    sublevel: int = 0
    company_name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    email: str | None = None
    bill_address: dict[str, str] = field(default_factory=dict)
    terms_id: str | None = None
    sales_tax_code_id: str | None = None
    preferred_payment_method_id: str | None = None
    balance: Decimal = field(default=ZERO, metadata=DERIVED)
    total_balance: Decimal = field(default=ZERO, metadata=DERIVED)

    @property
    def full_name(self) -> str:
        if self.parent_full_name is None:
            return self.name
        return f"{self.parent_full_name}:{self.name}"


@dataclass(kw_only=True)
class Party(ListRecord):
    """A vendor, employee or other name: only its name matters to the simulator."""

    company_name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(kw_only=True)
class Item(ListRecord):
    kind: ItemKind
    description: str | None = None
    price: Decimal | None = None
    income_account_id: str
    sales_tax_code_id: str | None = None


@dataclass(kw_only=True)
class Account(ListRecord):
    account_type: str
    special_account_type: str | None = None
    account_number: str | None = None
    description: str | None = None


@dataclass(kw_only=True)
class Terms(ListRecord):
    due_days: int
    discount_days: int | None = None
    discount_percent: Decimal | None = None


@dataclass(kw_only=True)
class PaymentMethod(ListRecord):
    method_type: str


@dataclass(kw_only=True)
class SalesTaxCode(ListRecord):
    is_taxable: bool
    description: str | None = None


@dataclass(kw_only=True)
class SalesLine:
    line_id: str
    item_id: str | None
    description: str | None = None
    quantity: Decimal | None = None
    rate: Decimal | None = None
    amount: Decimal
    sales_tax_code_id: str | None = None
    service_date: date | None = None


@dataclass(kw_only=True)
class TxnRecord:
    txn_id: str
    txn_number: int
    time_created: datetime
    time_modified: datetime
    edit_sequence: str
    customer_id: str
    ar_account_id: str
    txn_date: date
    ref_number: str | None = None
    memo: str | None = None
    is_voided: bool = False


@dataclass(kw_only=True)
class SalesTxn(TxnRecord):
    lines: list[SalesLine]
    terms_id: str | None = None
    due_date: date | None = None
    po_number: str | None = None
    is_pending: bool = False
    customer_sales_tax_code_id: str | None = None

    @property
    def subtotal(self) -> Decimal:
        return to_money(sum((line.amount for line in self.lines), ZERO))


@dataclass(kw_only=True)
class Invoice(SalesTxn):
    applied_amount: Decimal = field(default=ZERO, metadata=DERIVED)

    @property
    def balance_remaining(self) -> Decimal:
        return self.subtotal - self.applied_amount

    @property
    def is_paid(self) -> bool:
        return self.balance_remaining == ZERO


@dataclass(kw_only=True)
class CreditMemo(SalesTxn):
    used_amount: Decimal = field(default=ZERO, metadata=DERIVED)

    @property
    def credit_remaining(self) -> Decimal:
        return self.subtotal - self.used_amount


@dataclass(kw_only=True)
class CreditUse:
    credit_memo_id: str
    amount: Decimal


@dataclass(kw_only=True)
class Application:
    """Part of a payment (and of credits) applied to one invoice."""

    invoice_id: str
    payment_amount: Decimal
    credits: list[CreditUse] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.payment_amount + sum((use.amount for use in self.credits), ZERO)


@dataclass(kw_only=True)
class ReceivePayment(TxnRecord):
    total_amount: Decimal
    payment_method_id: str | None = None
    deposit_account_id: str
    applications: list[Application] = field(default_factory=list)

    @property
    def applied_payment(self) -> Decimal:
        return sum((app.payment_amount for app in self.applications), ZERO)

    @property
    def unused_payment(self) -> Decimal:
        return self.total_amount - self.applied_payment

"""The state of one simulated company file: its lists, transactions and ID sequences."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TypeVar

from adapters.qbsim.iterators import IteratorRegistry
from adapters.qbsim.model import (
    Account,
    CreditMemo,
    Customer,
    Invoice,
    Item,
    ListRecord,
    Party,
    PaymentMethod,
    ReceivePayment,
    SalesTaxCode,
    Terms,
    TxnRecord,
)
from adapters.qbsim.names import NameOwner, NameSpace
from adapters.qbsim.status import invalid_reference

Record = TypeVar("Record", bound=ListRecord)
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Ref:
    """A `…Ref` element of a request: QuickBooks looks up by ListID when given, else FullName."""

    list_id: str | None = None
    full_name: str | None = None

    def describe(self) -> str:
        return self.list_id or self.full_name or ""


@dataclass(kw_only=True)
class Sequences:
    next_list: int = 1
    next_txn: int = 1
    next_txn_number: int = 1
    last_edit_sequence: int = 0
    next_invoice_ref: int = 1001
    next_credit_memo_ref: int = 5001


@dataclass(kw_only=True)
class Company:
    company_name: str
    sequences: Sequences = field(default_factory=Sequences)
    customers: dict[str, Customer] = field(default_factory=dict)
    vendors: dict[str, Party] = field(default_factory=dict)
    employees: dict[str, Party] = field(default_factory=dict)
    other_names: dict[str, Party] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    accounts: dict[str, Account] = field(default_factory=dict)
    terms: dict[str, Terms] = field(default_factory=dict)
    payment_methods: dict[str, PaymentMethod] = field(default_factory=dict)
    sales_tax_codes: dict[str, SalesTaxCode] = field(default_factory=dict)
    invoices: dict[str, Invoice] = field(default_factory=dict)
    credit_memos: dict[str, CreditMemo] = field(default_factory=dict)
    payments: dict[str, ReceivePayment] = field(default_factory=dict)
    names: NameSpace = field(
        default_factory=NameSpace, metadata={"persist": False}, compare=False, repr=False
    )
    iterators: IteratorRegistry = field(
        default_factory=IteratorRegistry, metadata={"persist": False}, compare=False, repr=False
    )
    clock: Clock = field(
        default=system_clock, metadata={"persist": False}, compare=False, repr=False
    )

    # --- identifiers, shaped like QuickBooks' own -------------------------------------------

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()

    def _epoch(self) -> int:
        return int(self.clock().timestamp())

    def new_list_id(self) -> str:
        number = 0x80000000 + self.sequences.next_list
        self.sequences.next_list += 1
        return f"{number:08X}-{self._epoch()}"

    def new_txn_id(self) -> str:
        number = self.sequences.next_txn
        self.sequences.next_txn += 1
        return f"{number:X}-{self._epoch()}"

    def new_txn_number(self) -> int:
        number = self.sequences.next_txn_number
        self.sequences.next_txn_number += 1
        return number

    def new_edit_sequence(self) -> str:
        """Numeric, like QuickBooks' (seconds since 1970), and different on every change."""
        value = max(self._epoch(), self.sequences.last_edit_sequence + 1)
        self.sequences.last_edit_sequence = value
        return str(value)

    def touch(self, record: ListRecord | TxnRecord) -> None:
        record.edit_sequence = self.new_edit_sequence()
        record.time_modified = self.now()

    # --- name space ---------------------------------------------------------------------------

    def rebuild_names(self) -> None:
        self.names = NameSpace()
        self.iterators = IteratorRegistry()
        for list_name, table in self.name_lists().items():
            for record in table.values():
                self.names.claim(record.full_name, NameOwner(list_name, record.list_id))

    def name_lists(self) -> dict[str, Mapping[str, ListRecord]]:
        return {
            "Customer": self.customers,
            "Vendor": self.vendors,
            "Employee": self.employees,
            "OtherName": self.other_names,
        }

    # --- reference resolution (3140 when a reference points nowhere) ------------------------

    def resolve_customer(self, ref: Ref) -> Customer:
        if ref.list_id is not None:
            found = self.customers.get(ref.list_id)
        else:
            owner = self.names.owner(ref.full_name or "")
            found = self.customers.get(owner.list_id) if owner else None
        if found is None:
            raise invalid_reference("customer", ref.describe())
        return found

    def resolve_optional(
        self, table: Mapping[str, Record], ref: Ref | None, what: str
    ) -> Record | None:
        return None if ref is None else self.resolve(table, ref, what)

    @staticmethod
    def resolve(table: Mapping[str, Record], ref: Ref, what: str) -> Record:
        if ref.list_id is not None:
            found = table.get(ref.list_id)
        else:
            wanted = (ref.full_name or "").casefold()
            found = next((r for r in table.values() if r.full_name.casefold() == wanted), None)
        if found is None:
            raise invalid_reference(what, ref.describe())
        return found

    def account_of_special_type(self, special_type: str) -> Account:
        for account in self.accounts.values():
            if account.special_account_type == special_type:
                return account
        raise invalid_reference("account", special_type)

    def txn_by_id(self, txn_id: str) -> Invoice | CreditMemo | ReceivePayment | None:
        return (
            self.invoices.get(txn_id) or self.credit_memos.get(txn_id) or self.payments.get(txn_id)
        )

"""The state of one simulated company file: its lists, transactions and ID sequences."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from adapters.quickbooks.simulator.iterators import IteratorRegistry
from adapters.quickbooks.simulator.model import (
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
from adapters.quickbooks.simulator.names import NameOwner, NameSpace
from adapters.quickbooks.simulator.status import invalid_reference
from adapters.quickbooks.simulator.tables import TrackedTable, TxnTable

Record = TypeVar("Record", bound=ListRecord)
Clock = Callable[[], datetime]
TABLE_NAMES = (
    "customers", "vendors", "employees", "other_names", "items", "accounts", "terms",
    "payment_methods", "sales_tax_codes", "invoices", "credit_memos", "payments",
)  # fmt: skip


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
    customers: TrackedTable[Customer] = field(default_factory=TrackedTable)
    vendors: TrackedTable[Party] = field(default_factory=TrackedTable)
    employees: TrackedTable[Party] = field(default_factory=TrackedTable)
    other_names: TrackedTable[Party] = field(default_factory=TrackedTable)
    items: TrackedTable[Item] = field(default_factory=TrackedTable)
    accounts: TrackedTable[Account] = field(default_factory=TrackedTable)
    terms: TrackedTable[Terms] = field(default_factory=TrackedTable)
    payment_methods: TrackedTable[PaymentMethod] = field(default_factory=TrackedTable)
    sales_tax_codes: TrackedTable[SalesTaxCode] = field(default_factory=TrackedTable)
    invoices: TxnTable[Invoice] = field(default_factory=TxnTable)
    credit_memos: TxnTable[CreditMemo] = field(default_factory=TxnTable)
    payments: TxnTable[ReceivePayment] = field(default_factory=TxnTable)
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
        key = record.list_id if isinstance(record, ListRecord) else record.txn_id
        for table in self.tables().values():
            if table.get(key) is record:
                table.mark(key)

    # --- the tables a company file stores, and what changed since they were last saved -----

    def tables(self) -> dict[str, TrackedTable[Any]]:
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def has_changes(self) -> bool:
        return any(table.changed for table in self.tables().values())

    def forget_changes(self) -> None:
        for table in self.tables().values():
            table.forget_changes()

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

"""Bring a loaded company up to date with rows another process saved, without reloading it.

The derived balances are moved by the difference each changed transaction makes (its old
effect taken off, its new one put on), so catching up costs what changed, not the company's
size. The result equals a fresh load of the file (tests/unit/qbsim/test_company_file.py).
"""

from __future__ import annotations

import functools
import json
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from adapters.quickbooks.simulator.balances import adjust_customer_balance, apply_allocations
from adapters.quickbooks.simulator.codec import decoder
from adapters.quickbooks.simulator.company import TABLE_NAMES, Company
from adapters.quickbooks.simulator.model import Customer, ListRecord
from adapters.quickbooks.simulator.names import NameOwner

_NAME_LISTS = {
    "customers": "Customer",
    "vendors": "Vendor",
    "employees": "Employee",
    "other_names": "OtherName",
}


@dataclass(frozen=True)
class Row:
    """One saved record: its table, its key, and its JSON body (None once deleted)."""

    table: str
    key: str
    body: str | None


@functools.cache
def _record_decoder(table: str) -> typing.Callable[[Any], Any]:
    hint = typing.get_type_hints(Company)[table]
    return decoder(typing.get_args(hint)[0])


def decode_row(row: Row) -> Any:
    return None if row.body is None else _record_decoder(row.table)(json.loads(row.body))


def merge_rows(company: Company, rows: Iterable[Row]) -> None:
    """Replace (or delete) each row's record in `company`, keeping balances and names right."""
    changes = [(row, decode_row(row)) for row in rows if row.table in TABLE_NAMES]
    changed = {(row.table, row.key) for row, _ in changes}
    tables = company.tables()
    old = {(row.table, row.key): tables[row.table].get(row.key) for row, _ in changes}
    _take_off(company, old)
    for row, record in changes:
        previous = old[(row.table, row.key)]
        if record is None:
            tables[row.table].pop(row.key, None)
            continue
        _carry_derived(previous, record)
        tables[row.table][row.key] = record
        if previous is None and row.table in _NAME_LISTS:
            assert isinstance(record, ListRecord)
            owner = NameOwner(_NAME_LISTS[row.table], record.list_id)
            company.names.claim(record.full_name, owner)
    _put_on(company, changed)


def _take_off(company: Company, old: dict[tuple[str, str], Any]) -> None:
    """Take the balances the old versions of changed transactions contributed off again."""
    for (table, _), payment in old.items():
        if table == "payments" and payment is not None:
            apply_allocations(company, payment, -1, touch=False)
            adjust_customer_balance(company, payment.customer_id, payment.total_amount)
    for (table, _), txn in old.items():
        if table == "invoices" and txn is not None:
            adjust_customer_balance(company, txn.customer_id, -txn.subtotal)
        elif table == "credit_memos" and txn is not None:
            adjust_customer_balance(company, txn.customer_id, txn.subtotal)


def _carry_derived(previous: Any, record: Any) -> None:
    """What unchanged payments had applied to the record stays applied to its new version."""
    if previous is None:
        return
    if isinstance(record, Customer):
        record.balance, record.total_balance = previous.balance, previous.total_balance
    for name in ("applied_amount", "used_amount"):
        if hasattr(record, name):
            setattr(record, name, getattr(previous, name))


def _put_on(company: Company, changed: set[tuple[str, str]]) -> None:
    for table, key in changed:
        if table == "invoices" and key in company.invoices:
            invoice = company.invoices[key]
            adjust_customer_balance(company, invoice.customer_id, invoice.subtotal)
        elif table == "credit_memos" and key in company.credit_memos:
            memo = company.credit_memos[key]
            adjust_customer_balance(company, memo.customer_id, -memo.subtotal)
    for table, key in changed:
        if table == "payments" and key in company.payments:
            payment = company.payments[key]
            adjust_customer_balance(company, payment.customer_id, -payment.total_amount)
            apply_allocations(company, payment, 1, touch=False)

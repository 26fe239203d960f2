"""The ledger side of the import: each page of QuickBooks records saved in one unit of work.

Every record is found by its QuickBooks ListID first, so running a page twice (a resumed or
restarted import) changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum

from adapters.services.importing.matching import CustomerMatcher
from adapters.services.importing.names import TakenName
from adapters.services.importing.records import QbCustomer, QbListRecord
from adapters.services.importing.runs import run_ids
from adapters.storage.ledger.application import Ledger
from adapters.storage.ledger.customer_links import link_customer, linked_code
from adapters.storage.ledger.unit_of_work import UnitOfWork
from domain import ids
from domain.company import CompanySettings
from domain.customer import Customer
from domain.import_run import ImportRun
from domain.quickbooks_list import ListKind, QuickBooksListEntry

CUSTOMER_KIND = "customer"


class Outcome(Enum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def start_run(ledger: Ledger, run_id: str, repeat: bool, confirmed_by: str, warning: str) -> None:
    """Start a run; a run left running by an abandoned import is marked failed first."""
    with ledger.bulk() as unit:
        for earlier in running_runs(ledger, unit):
            earlier.fail(f"interrupted: import run {run_id} started before it finished")
        run = ImportRun(run_id=run_id, repeat=repeat, confirmed_by=confirmed_by)
        if warning:
            run.warn(warning)
        unit.add(run)


def running_runs(ledger: Ledger, unit: UnitOfWork) -> list[ImportRun]:
    runs = (load_run(unit, run_id) for run_id in run_ids(ledger))
    return [run for run in runs if run.status == "running"]


def load_run(unit: UnitOfWork, run_id: str) -> ImportRun:
    return unit.get(ImportRun, ids.import_run_id(run_id), "import run", run_id)


def record_list_page(
    unit: UnitOfWork, run_id: str, kind: ListKind, records: Iterable[QbListRecord]
) -> None:
    added: list[str] = []
    updated: list[str] = []
    unchanged = 0
    for record in records:
        entry = unit.find(QuickBooksListEntry, ids.list_entry_id(str(kind), record.list_id))
        if entry is None:
            unit.add(
                QuickBooksListEntry.import_entry(
                    kind,
                    record.list_id,
                    record.name,
                    record.full_name,
                    record.edit_sequence,
                    record.details,
                    record.is_active,
                )
            )
            added.append(record.full_name)
        elif entry.update_from_quickbooks(
            record.name, record.full_name, record.edit_sequence, record.details, record.is_active
        ):
            updated.append(record.full_name)
        else:
            unchanged += 1
    load_run(unit, run_id).record_page(str(kind), added, updated, unchanged)


def record_customer_page(
    unit: UnitOfWork, run_id: str, customers: Iterable[QbCustomer], matcher: CustomerMatcher
) -> list[TakenName]:
    """Import one page of customers; returns the QuickBooks names some unlinked ledger
    customer still wants (the sync could not create that customer under its name)."""
    added: list[str] = []
    updated: list[str] = []
    unchanged = 0
    taken: list[TakenName] = []
    for quickbooks in customers:
        outcome = import_customer(unit, quickbooks, matcher)
        if outcome is Outcome.ADDED:
            added.append(quickbooks.full_name)
        elif outcome is Outcome.UPDATED:
            updated.append(quickbooks.full_name)
        else:
            unchanged += 1
        if matcher.still_wanting(quickbooks.full_name):
            taken.append(TakenName(quickbooks.full_name, CUSTOMER_KIND))
    load_run(unit, run_id).record_page(CUSTOMER_KIND, added, updated, unchanged)
    return taken


def import_customer(unit: UnitOfWork, quickbooks: QbCustomer, matcher: CustomerMatcher) -> Outcome:
    code = linked_code(unit, quickbooks.list_id) or matcher.holder_of(quickbooks.list_id)
    if code is not None:
        customer = _customer(unit, code)
        already = len(customer.pending_events)
        _follow_rename_in_quickbooks(customer, quickbooks)
        _take_quickbooks_values(unit, customer, quickbooks)
        return Outcome.UPDATED if len(customer.pending_events) > already else Outcome.UNCHANGED
    parent_code = linked_code(unit, quickbooks.parent_list_id)
    code = matcher.take(quickbooks, parent_code)
    outcome = Outcome.UPDATED
    if code is None:
        code = _free_code(unit, quickbooks)
        unit.add(Customer.register(code, quickbooks.name, parent=parent_code or ""))
        outcome = Outcome.ADDED
    _take_quickbooks_values(unit, _customer(unit, code), quickbooks)
    return outcome


def complete_run(
    unit: UnitOfWork, run_id: str, warnings: Sequence[str], counts_as_import: bool = True
) -> None:
    """End the run; a lists refresh (`counts_as_import` False) is not the Import from
    QuickBooks that a sync waits for."""
    run = load_run(unit, run_id)
    for warning in warnings:
        run.warn(warning)
    run.complete()
    if not counts_as_import:
        return
    settings = unit.find(CompanySettings, ids.company_id())
    if settings is None:
        settings = CompanySettings()
        unit.add(settings)
    settings.record_import_completed(run_id)


def fail_run(ledger: Ledger, run_id: str, reason: str) -> None:
    with ledger.bulk() as unit:
        run = load_run(unit, run_id)
        if run.status == "running":
            run.fail(reason)


def _customer(unit: UnitOfWork, code: str) -> Customer:
    return unit.get(Customer, ids.customer_id(code), "customer", code)


def _take_quickbooks_values(unit: UnitOfWork, customer: Customer, quickbooks: QbCustomer) -> None:
    link_customer(
        unit, customer, quickbooks.list_id, quickbooks.edit_sequence, quickbooks.full_name
    )
    customer.record_opening_balance(quickbooks.balance)


def _follow_rename_in_quickbooks(customer: Customer, quickbooks: QbCustomer) -> None:
    """The ledger name follows a rename in QuickBooks unless it was renamed in the ledger."""
    previous = (customer.qb_full_name or "").rpartition(":")[2]
    if previous and customer.name == previous and quickbooks.name != previous:
        customer.rename(quickbooks.name)


def _free_code(unit: UnitOfWork, quickbooks: QbCustomer) -> str:
    """The FullName, unless another ledger customer already has that code."""
    code = quickbooks.full_name
    if unit.find(Customer, ids.customer_id(code)) is None:
        return code
    return f"{code} [{quickbooks.list_id}]"

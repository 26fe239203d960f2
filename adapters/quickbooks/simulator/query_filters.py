"""The filters of list queries (ListID, FullName, NameFilter, ActiveStatus, …) and of
transaction queries (TxnID, RefNumber, EntityFilter, date ranges, PaidStatus, …)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from adapters.quickbooks.simulator import xmlread
from adapters.quickbooks.simulator.company import Company
from adapters.quickbooks.simulator.model import Invoice, ListRecord, TxnRecord
from adapters.quickbooks.simulator.responses import Element
from adapters.quickbooks.simulator.tables import TxnTable

Listed = TypeVar("Listed", bound=ListRecord)
Txn = TypeVar("Txn", bound=TxnRecord)


def _matches(criterion: str, value: str, wanted: str) -> bool:
    value, wanted = value.casefold(), wanted.casefold()
    if criterion == "StartsWith":
        return value.startswith(wanted)
    if criterion == "EndsWith":
        return value.endswith(wanted)
    return wanted in value


def _in_range(value: str, low: str | None, high: str | None) -> bool:
    def key(text: str) -> tuple[int, int, str]:
        return (0, int(text), "") if text.isdigit() else (1, 0, text.casefold())

    return (low is None or key(value) >= key(low)) and (high is None or key(value) <= key(high))


def _modified_between(moment: datetime, low: datetime | None, high: datetime | None) -> bool:
    def comparable(value: datetime) -> datetime:
        return value if value.tzinfo else value.replace(tzinfo=moment.tzinfo)

    return (low is None or moment >= comparable(low)) and (
        high is None or moment <= comparable(high)
    )


@dataclass
class ListQuery:
    list_ids: list[str] = field(default_factory=list)
    full_names: list[str] = field(default_factory=list)
    max_returned: int | None = None
    active_status: str = "ActiveOnly"
    name_filter: tuple[str, str] | None = None
    name_range: tuple[str | None, str | None] | None = None
    from_modified: datetime | None = None
    to_modified: datetime | None = None

    @property
    def by_id(self) -> bool:
        return bool(self.list_ids or self.full_names)

    def select(
        self,
        records: Mapping[str, Listed],
        find_by_name: Callable[[str], Listed | None] | None = None,
    ) -> tuple[list[Listed], list[str]]:
        """The matching records sorted by FullName, and the IDs/names asked for but missing."""
        if self.by_id:
            return self._select_by_id(records, find_by_name)
        selected = [record for record in records.values() if self._passes(record)]
        selected.sort(key=lambda record: record.full_name.casefold())
        return selected, []

    def _select_by_id(
        self,
        records: Mapping[str, Listed],
        find_by_name: Callable[[str], Listed | None] | None,
    ) -> tuple[list[Listed], list[str]]:
        if find_by_name is None and self.full_names:
            by_name = {record.full_name.casefold(): record for record in records.values()}
            find_by_name = lambda name: by_name.get(name.casefold())  # noqa: E731
        wanted = [(records.get(list_id), list_id) for list_id in self.list_ids]
        if find_by_name is not None:
            wanted += [(find_by_name(name), name) for name in self.full_names]
        found = [record for record, _ in wanted if record is not None]
        missing = [asked for record, asked in wanted if record is None]
        return found, missing

    def _passes(self, record: ListRecord) -> bool:
        if self.active_status == "ActiveOnly" and not record.is_active:
            return False
        if self.active_status == "InactiveOnly" and record.is_active:
            return False
        if not _modified_between(record.time_modified, self.from_modified, self.to_modified):
            return False
        if self.name_filter:
            criterion, name = self.name_filter
            if not _matches(criterion, record.full_name, name):
                return False
        return self.name_range is None or _in_range(record.full_name, *self.name_range)


def parse_list_query(request: Element) -> ListQuery:
    query = ListQuery(
        list_ids=xmlread.texts(request, "ListID"),
        full_names=xmlread.texts(request, "FullName"),
        max_returned=xmlread.integer(request, "MaxReturned"),
        active_status=xmlread.text(request, "ActiveStatus") or "ActiveOnly",
        from_modified=xmlread.a_datetime(request, "FromModifiedDate"),
        to_modified=xmlread.a_datetime(request, "ToModifiedDate"),
    )
    name_filter = xmlread.child(request, "NameFilter")
    if name_filter is not None:
        query.name_filter = (
            xmlread.required_text(name_filter, "MatchCriterion"),
            xmlread.required_text(name_filter, "Name"),
        )
    name_range = xmlread.child(request, "NameRangeFilter")
    if name_range is not None:
        query.name_range = (
            xmlread.text(name_range, "FromName"),
            xmlread.text(name_range, "ToName"),
        )
    return query


@dataclass
class TxnQuery:
    txn_ids: list[str] = field(default_factory=list)
    ref_numbers: list[str] = field(default_factory=list)
    ref_numbers_exact_case: list[str] = field(default_factory=list)
    max_returned: int | None = None
    from_modified: datetime | None = None
    to_modified: datetime | None = None
    from_date: date | None = None
    to_date: date | None = None
    customer_ids: set[str] | None = None
    ref_filter: tuple[str, str] | None = None
    ref_range: tuple[str | None, str | None] | None = None
    paid_status: str = "All"
    include_line_items: bool = False
    include_linked_txns: bool = False

    def select(self, table: TxnTable[Txn]) -> tuple[list[Txn], list[str]]:
        """Matching transactions in the order entered, and the TxnIDs asked for but missing."""
        if self.txn_ids:
            found = [table[txn_id] for txn_id in self.txn_ids if txn_id in table]
            return found, [txn_id for txn_id in self.txn_ids if txn_id not in table]
        txns: Iterable[Txn] = table.values()
        if self.ref_numbers:
            txns = table.with_ref_numbers(self.ref_numbers)
        if self.ref_numbers_exact_case:
            exact = set(self.ref_numbers_exact_case)
            candidates = table.with_ref_numbers(exact) if not self.ref_numbers else txns
            txns = [txn for txn in candidates if txn.ref_number in exact]
        selected = [txn for txn in txns if self._passes(txn)]
        selected.sort(key=lambda txn: txn.txn_number)
        return selected, []

    def _passes(self, txn: TxnRecord) -> bool:
        ref = txn.ref_number or ""
        if not _modified_between(txn.time_modified, self.from_modified, self.to_modified):
            return False
        if self.from_date is not None and txn.txn_date < self.from_date:
            return False
        if self.to_date is not None and txn.txn_date > self.to_date:
            return False
        if self.customer_ids is not None and txn.customer_id not in self.customer_ids:
            return False
        if self.ref_filter is not None and not _matches(
            self.ref_filter[0], ref, self.ref_filter[1]
        ):
            return False
        if self.ref_range is not None and not _in_range(ref, *self.ref_range):
            return False
        return self._paid_status_passes(txn)

    def _paid_status_passes(self, txn: TxnRecord) -> bool:
        if self.paid_status == "All" or not isinstance(txn, Invoice):
            return True
        return txn.is_paid == (self.paid_status == "PaidOnly")


def _entity_customer_ids(company: Company, entity: Element) -> set[str]:
    wanted: set[str] = set()
    for list_id in xmlread.texts(entity, "ListID"):
        wanted.add(list_id)
    for name in xmlread.texts(entity, "FullName"):
        owner = company.names.owner(name)
        if owner is not None:
            wanted.add(owner.list_id)
    parents: list[str] = []
    parent_id = xmlread.text(entity, "ListIDWithChildren")
    if parent_id is not None and parent_id in company.customers:
        parents.append(company.customers[parent_id].full_name)
    parent_name = xmlread.text(entity, "FullNameWithChildren")
    if parent_name is not None:
        parents.append(parent_name)
    for parent in parents:
        prefix = parent.casefold()
        for customer in company.customers.values():
            full_name = customer.full_name.casefold()
            if full_name == prefix or full_name.startswith(prefix + ":"):
                wanted.add(customer.list_id)
    return wanted


def parse_txn_query(company: Company, request: Element) -> TxnQuery:
    query = TxnQuery(
        txn_ids=xmlread.texts(request, "TxnID"),
        ref_numbers=xmlread.texts(request, "RefNumber"),
        ref_numbers_exact_case=xmlread.texts(request, "RefNumberCaseSensitive"),
        max_returned=xmlread.integer(request, "MaxReturned"),
        paid_status=xmlread.text(request, "PaidStatus") or "All",
        include_line_items=bool(xmlread.boolean(request, "IncludeLineItems")),
        include_linked_txns=bool(xmlread.boolean(request, "IncludeLinkedTxns")),
    )
    modified = xmlread.child(request, "ModifiedDateRangeFilter")
    if modified is not None:
        query.from_modified = xmlread.a_datetime(modified, "FromModifiedDate")
        query.to_modified = xmlread.a_datetime(modified, "ToModifiedDate")
    dates = xmlread.child(request, "TxnDateRangeFilter")
    if dates is not None:
        query.from_date = xmlread.a_date(dates, "FromTxnDate")
        query.to_date = xmlread.a_date(dates, "ToTxnDate")
    entity = xmlread.child(request, "EntityFilter")
    if entity is not None:
        query.customer_ids = _entity_customer_ids(company, entity)
    ref_filter = xmlread.child(request, "RefNumberFilter")
    if ref_filter is not None:
        query.ref_filter = (
            xmlread.required_text(ref_filter, "MatchCriterion"),
            xmlread.required_text(ref_filter, "RefNumber"),
        )
    ref_range = xmlread.child(request, "RefNumberRangeFilter")
    if ref_range is not None:
        query.ref_range = (
            xmlread.text(ref_range, "FromRefNumber"),
            xmlread.text(ref_range, "ToRefNumber"),
        )
    return query

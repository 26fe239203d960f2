"""Matching a QuickBooks customer to a ledger customer that has no ListID yet (SPEC 5).

The stored ListID is tried first (through `CustomerLink`, or a ledger customer already
carrying it); then, among the ledger customers not yet linked, the QB Name, then the name,
each compared case-insensitively with QuickBooks' FullName. A job also matches by its own
Name when the ledger customer's parent is the ledger customer linked to the job's QuickBooks
parent.
"""

from __future__ import annotations

from collections.abc import Iterable

from adapters.services.importing.ledger_customers import LedgerCustomer
from adapters.services.importing.records import QbCustomer


def name_key(text: str) -> str:
    """QuickBooks compares names case-insensitively."""
    return text.strip().casefold()


class CustomerMatcher:
    def __init__(self, customers: Iterable[LedgerCustomer]) -> None:
        customers = list(customers)
        self._by_list_id = {c.list_id: c.code for c in customers if c.list_id is not None}
        unlinked = sorted((c for c in customers if not c.is_linked), key=lambda c: c.code)
        self._unlinked = {c.code: c for c in unlinked}
        self._by_qb_name: dict[str, list[str]] = {}
        self._by_name: dict[str, list[str]] = {}
        for customer in unlinked:
            if customer.qb_name.strip():
                self._by_qb_name.setdefault(name_key(customer.qb_name), []).append(customer.code)
            self._by_name.setdefault(name_key(customer.name), []).append(customer.code)

    @property
    def unlinked(self) -> list[LedgerCustomer]:
        return list(self._unlinked.values())

    def holder_of(self, list_id: str) -> str | None:
        """The ledger customer already carrying `list_id` (linked before links were claimed)."""
        return self._by_list_id.get(list_id)

    def take(self, quickbooks: QbCustomer, parent_code: str | None) -> str | None:
        """The code of the unlinked ledger customer matching `quickbooks`, now taken."""
        for index in (self._by_qb_name, self._by_name):
            code = self._find_in(index, quickbooks, parent_code)
            if code is not None:
                del self._unlinked[code]
                return code
        return None

    def still_wanting(self, full_name: str) -> list[LedgerCustomer]:
        """Unlinked ledger customers whose name for QuickBooks is `full_name`."""
        wanted = name_key(full_name)
        codes = self._by_qb_name.get(wanted, []) + self._by_name.get(wanted, [])
        return [
            customer
            for code in dict.fromkeys(codes)
            if (customer := self._unlinked.get(code)) is not None
            and name_key(customer.name_for_quickbooks) == wanted
        ]

    def _find_in(
        self, index: dict[str, list[str]], quickbooks: QbCustomer, parent_code: str | None
    ) -> str | None:
        for code in index.get(name_key(quickbooks.full_name), []):
            if code in self._unlinked:
                return code
        if not quickbooks.is_job or parent_code is None:
            return None
        for code in index.get(name_key(quickbooks.name), []):
            candidate = self._unlinked.get(code)
            if candidate is not None and candidate.parent == parent_code:
                return code
        return None

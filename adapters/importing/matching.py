"""Matching a QuickBooks customer to a ledger customer that has no ListID yet (SPEC 5).

The stored ListID is tried first (by the recorder, through `CustomerLink`); then, among the
ledger customers not yet linked, the QB Name, then the name, each compared
case-insensitively with QuickBooks' FullName. A job also matches by its own Name when the
ledger customer's parent is the ledger customer linked to the job's QuickBooks parent.
"""

from __future__ import annotations

from collections.abc import Iterable

from adapters.importing.ledger_customers import LedgerCustomer
from adapters.importing.records import QbCustomer


def _key(text: str) -> str:
    return text.strip().casefold()


class CustomerMatcher:
    def __init__(self, customers: Iterable[LedgerCustomer]) -> None:
        self._unlinked = {c.code: c for c in sorted(customers, key=lambda c: c.code)}
        self._unlinked = {code: c for code, c in self._unlinked.items() if not c.is_linked}

    @property
    def unlinked(self) -> list[LedgerCustomer]:
        return list(self._unlinked.values())

    def take(self, quickbooks: QbCustomer, parent_code: str | None) -> str | None:
        """The code of the unlinked ledger customer matching `quickbooks`, now taken."""
        found = self._find(quickbooks, parent_code)
        if found is not None:
            del self._unlinked[found.code]
            return found.code
        return None

    def still_wanting(self, full_name: str) -> list[LedgerCustomer]:
        """Unlinked ledger customers whose name for QuickBooks is `full_name`."""
        wanted = _key(full_name)
        return [c for c in self._unlinked.values() if _key(c.name_for_quickbooks) == wanted]

    def _find(self, quickbooks: QbCustomer, parent_code: str | None) -> LedgerCustomer | None:
        for field in ("qb_name", "name"):
            for candidate in self._unlinked.values():
                if _matches(getattr(candidate, field), candidate, quickbooks, parent_code):
                    return candidate
        return None


def _matches(
    text: str, candidate: LedgerCustomer, quickbooks: QbCustomer, parent_code: str | None
) -> bool:
    if not text.strip():
        return False
    if _key(text) == _key(quickbooks.full_name):
        return True
    return (
        quickbooks.is_job
        and parent_code is not None
        and candidate.parent == parent_code
        and _key(text) == _key(quickbooks.name)
    )

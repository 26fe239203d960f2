"""The messages of an import, in order: QuickBooks' names first, then its lists, then the
items and customers, which page with qbXML iterators."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from adapters.quickbooks.qbxml.query_paging import PagedQuery
from adapters.quickbooks.qbxml.requests import (
    AccountQuery,
    CustomerQuery,
    ItemQuery,
    PaymentMethodQuery,
    QbRequest,
    SalesTaxCodeQuery,
    TermsQuery,
)
from adapters.services.importing.names import taken_name_queries
from domain.quickbooks_list import ListKind

LIST_KIND_OF_RESPONSE = {
    "AccountQueryRs": ListKind.ACCOUNT,
    "TermsQueryRs": ListKind.TERMS,
    "PaymentMethodQueryRs": ListKind.PAYMENT_METHOD,
    "SalesTaxCodeQueryRs": ListKind.SALES_TAX_CODE,
    "ItemQueryRs": ListKind.ITEM,
}


class StepKind(Enum):
    NAMES = "vendor, employee and other names"
    LISTS = "accounts, terms, payment methods and sales tax codes"
    ITEMS = "items"
    CUSTOMERS = "customers and jobs"


@dataclass(frozen=True)
class Step:
    kind: StepKind
    weight: int
    """Its share of the progress bar (customers are most of the work)."""
    requests: Callable[[], list[QbRequest]] | None = None
    first_page: Callable[[int], PagedQuery] | None = None

    @property
    def paged(self) -> bool:
        return self.first_page is not None


def _lists() -> list[QbRequest]:
    return [
        AccountQuery(active_status="All"),
        TermsQuery(active_status="All"),
        PaymentMethodQuery(active_status="All"),
        SalesTaxCodeQuery(active_status="All"),
    ]


IMPORT_STEPS: tuple[Step, ...] = (
    Step(StepKind.NAMES, weight=1, requests=taken_name_queries),
    Step(StepKind.LISTS, weight=1, requests=_lists),
    Step(
        StepKind.ITEMS,
        weight=2,
        first_page=lambda size: ItemQuery(iterator="Start", max_returned=size, active_status="All"),
    ),
    Step(
        StepKind.CUSTOMERS,
        weight=6,
        first_page=lambda size: CustomerQuery(
            iterator="Start", max_returned=size, active_status="All"
        ),
    ),
)

LISTS_REFRESH_STEPS = tuple(
    step for step in IMPORT_STEPS if step.kind in (StepKind.LISTS, StepKind.ITEMS)
)
"""A lists refresh: items, accounts, terms, payment methods and tax codes, nothing the
ledger's transactions or customers hang on, so it needs no repeat warning."""

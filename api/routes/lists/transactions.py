"""GET /invoices, /payments and /credit-memos: filtered, sorted, one page at a time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from adapters.services.listing.created import CreatedIndex
from adapters.services.listing.transactions import SORTS, TransactionQuery, list_transactions
from api.auth.access import Reader
from api.deps import ContainerDep
from api.routes.lists.paging import DEFAULT, After, Limit, paged
from api.schemas.lists import TransactionItemOut
from domain.policy import PolicyLevel
from projections.readiness.verdicts import State

router = APIRouter(tags=["lists"], dependencies=[Reader])


def transaction_filters(
    customer: Annotated[
        str, Query(description="Only this customer's (its code)", max_length=100)
    ] = "",
    state: Annotated[State | None, Query(description="Only this state under the level")] = None,
    level: Annotated[
        PolicyLevel | None, Query(description="Work states out under it; default: the current")
    ] = None,
    date_from: Annotated[
        date | None, Query(alias="from", description="Transaction date on or after")
    ] = None,
    date_to: Annotated[
        date | None, Query(alias="to", description="Transaction date on or before")
    ] = None,
    sort: Annotated[
        str,
        Query(
            description=f"One of {', '.join(SORTS)}; a leading - sorts the other way round",
            pattern=f"^-?({'|'.join(SORTS)})$",
        ),
    ] = "date",
    after: After = "",
    limit: Limit = DEFAULT,
) -> TransactionQuery:
    return TransactionQuery((), customer, state, level, date_from, date_to, sort, after, limit)


Filters = Annotated[TransactionQuery, Depends(transaction_filters)]


def _lister(kind: str) -> Callable[..., list[TransactionItemOut]]:
    def listed(
        filters: Filters, request: Request, response: Response, container: ContainerDep
    ) -> list[TransactionItemOut]:
        query = replace(filters, kinds=(kind,))
        index = container.once("created_index", CreatedIndex)
        page = list_transactions(container.ledger, container.readiness, query, index)
        return [TransactionItemOut.of(row) for row in paged(page, request, response)]

    listed.__doc__ = (
        f"Each {kind} with its QuickBooks state under the level and, if it waits, the first "
        "reason in words; oldest transaction date first unless sorted otherwise."
    )
    return listed


for _path, _kind, _summary in (
    ("/invoices", "invoice", "List invoices"),
    ("/payments", "payment", "List payments"),
    ("/credit-memos", "credit memo", "List credit memos"),
):
    router.add_api_route(
        _path, _lister(_kind), methods=["GET"], summary=_summary,
        response_model=list[TransactionItemOut],
    )  # fmt: skip

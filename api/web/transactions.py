"""Transactions: the filtered list, and one transaction with its verdicts, its history and
what qbsync knew as of a past moment."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from adapters.services.listing.citations import Citations
from adapters.services.listing.created import CreatedIndex
from adapters.services.listing.history import record_history, record_of
from adapters.services.listing.transactions import KINDS, SORTS, list_transactions
from api.routes.lists.transactions import Filters
from api.web.session import SIGNED_IN, ContainerDep
from api.web.templating import page, sentence
from domain.errors import DomainError, UnknownRecord
from domain.kinds import TxnKind
from domain.policy import ALL_LEVELS
from projections.readiness.verdicts import State

router = APIRouter()

SLUGS = {"invoice": "invoice", "payment": "payment", "credit-memo": "credit memo"}


def slug_of(kind: TxnKind | str) -> str:
    """The kind as it reads in a page's address: invoice, payment or credit-memo."""
    value = str(getattr(kind, "value", kind))
    return "payment" if value.endswith("payment") else value.replace(" ", "-")


@router.get("/transactions", dependencies=[SIGNED_IN])
def transactions(
    request: Request,
    container: ContainerDep,
    filters: Filters,
    kind: Annotated[str, Query()] = "",
) -> Response:
    query = replace(filters, kinds=(kind,) if kind else KINDS)
    error = ""
    try:
        index = container.once("created_index", CreatedIndex)
        result = list_transactions(container.ledger, container.readiness, query, index)
    except DomainError as refusal:
        error, result = str(refusal), None
    following = ""
    if result is not None and result.next_cursor:
        following = str(request.url.include_query_params(after=result.next_cursor))
    return page(
        request,
        "transactions.html",
        "Transactions",
        status_code=422 if error else 200,
        result=result,
        error=error,
        query=query,
        kind=kind,
        kinds=KINDS,
        states=[s.value for s in State],
        levels=[lv.value for lv in ALL_LEVELS],
        sorts=SORTS,
        following=following,
        slug_of=slug_of,
    )


@router.get("/transactions/{kind}/{key}", dependencies=[SIGNED_IN])
def transaction(
    request: Request,
    container: ContainerDep,
    kind: str,
    key: str,
    as_of_date: Annotated[str, Query(max_length=40)] = "",
    as_of_time: Annotated[str, Query(max_length=40)] = "",
    as_of_position: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    ledger, readiness = container.ledger, container.readiness
    ref = readiness.resolve(ledger, SLUGS.get(kind, kind), key)
    record_id, label = record_of(ledger, SLUGS.get(kind, kind), ref.key)
    moment, position, error = as_of(as_of_date, as_of_time, as_of_position)
    explanation = None
    if moment is None and position is None:
        explanation = readiness.explain(ledger, ref)
    else:
        with suppress(UnknownRecord):  # not recorded yet at that moment
            explanation = readiness.explain_as_of(ledger, ref, position, moment)
    citations = Citations(ledger, readiness.model.facts())
    history = record_history(ledger, record_id, label)
    return page(
        request,
        "transaction.html",
        sentence(label),
        ref=ref,
        label=label,
        record=_record(container, ref.kind, ref.key),
        explanation=explanation,
        as_of=moment is not None or position is not None,
        as_of_date=as_of_date,
        as_of_time=as_of_time,
        as_of_position=position,
        as_of_error=error,
        moment=moment,
        history=history,
        cite=citations.event,
        record_id=str(record_id),
        slug_of=slug_of,
        levels=ALL_LEVELS,
    )


def as_of(day: str, at: str, position: str) -> tuple[datetime | None, int | None, str]:
    """The moment (a day, and a time on it: the end of the day when empty) or log position
    asked for, or an error in words and neither."""
    try:
        moment = None
        if day.strip():
            clock = time.fromisoformat(at.strip()) if at.strip() else time.max
            moment = datetime.combine(date.fromisoformat(day.strip()), clock, UTC)
        elif at.strip():
            return None, None, "a time needs a date: pick the day too"
        number = int(position) if position.strip() else None
    except ValueError:
        return None, None, f"{day} {at} {position}".strip() + " is not a date, time or log position"
    if number is not None and number < 1:
        return None, None, "a log position counts from 1"
    return moment, number, ""


def _record(container: ContainerDep, kind: TxnKind, key: str) -> object:
    if kind is TxnKind.INVOICE:
        return container.ledger.invoice(key)
    if kind is TxnKind.CREDIT_MEMO:
        return container.ledger.credit_memo(key)
    return container.ledger.payment(key)

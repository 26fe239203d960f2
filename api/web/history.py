"""History exports for an auditor: every event over a date range, or one record's, as CSV."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from adapters.services.listing.history import (
    HistoryLine,
    history_between,
    record_history,
    record_of,
)
from api.schemas.lists import write_history_csv
from api.web.session import SIGNED_IN, ContainerDep
from api.web.templating import page

router = APIRouter()


@router.get("/export-history", dependencies=[SIGNED_IN])
def history(request: Request) -> Response:
    today = datetime.now(UTC).date()
    return page(request, "history.html", "History", first=today - timedelta(days=30), last=today)


@router.get("/history.csv", dependencies=[SIGNED_IN])
def history_csv(
    container: ContainerDep,
    first: Annotated[date, Query(alias="from")],
    last: Annotated[date, Query(alias="to")],
) -> Response:
    if first > last:
        return Response(f"the range starts ({first}) after it ends ({last})", status_code=422)
    lines = history_between(container.ledger, first, last)
    return _csv(lines, f"qbsync-history-{first}-to-{last}.csv")


@router.get("/transactions/{kind}/{key}/history.csv", dependencies=[SIGNED_IN])
def record_history_csv(container: ContainerDep, kind: str, key: str) -> Response:
    record_id, label = record_of(container.ledger, kind.replace("-", " "), key)
    lines = record_history(container.ledger, record_id, label)
    return _csv(lines, f"qbsync-history-{label.replace(' ', '-')}.csv")


def _csv(lines: Iterable[HistoryLine], filename: str) -> Response:
    text = io.StringIO()
    write_history_csv(lines, text)
    return Response(
        text.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )

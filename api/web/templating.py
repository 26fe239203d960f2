"""The templates, and the context every page shares: who is signed in, the CSRF token, the
navigation."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from adapters.quickbooks.gateway import GatewayKind
from adapters.services.listing.history import event_words
from api.bootstrap import Container
from api.schemas.history import plain
from api.web.session import csrf_token, current
from domain.money import CENT

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")

NAVIGATION = (
    ("/", "Today"),
    ("/transactions", "Transactions"),
    ("/runs", "Sync runs"),
    ("/needs-a-person", "Needs a person"),
    ("/policy", "Policy"),
    ("/import", "Import"),
    ("/export-history", "History"),
)


def money(value: Decimal | str) -> str:
    return format(Decimal(value).quantize(CENT), ",f")


def moment(value: datetime | float | None) -> str:
    """2026-03-02 08:14 UTC"""
    if value is None or value == 0:
        return "-"
    if isinstance(value, float | int):
        value = datetime.fromtimestamp(value, UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def data_words(data: Mapping[str, Any]) -> str:
    """An event's data as `name: value` pairs, values as JSON (Decimals as strings)."""
    return "; ".join(f"{key}: {json.dumps(plain(value))}" for key, value in data.items())


def sentence(text: str) -> str:
    """The first letter upper-case, the rest left as it is (QuickBooks stays QuickBooks)."""
    return text[:1].upper() + text[1:]


templates.env.filters["money"] = money
templates.env.filters["sentence"] = sentence
templates.env.filters["data"] = data_words
templates.env.filters["moment"] = moment
templates.env.filters["words"] = event_words


def page(
    request: Request, name: str, title: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    container: Container = request.app.state.container
    navigation = list(NAVIGATION)
    if container.quickbooks_kind is GatewayKind.SIMULATOR:
        navigation.append(("/quickbooks", "QuickBooks (simulated)"))
    return templates.TemplateResponse(
        request,
        name,
        {
            "title": title,
            "identity": current(request),
            "csrf": csrf_token(request),
            "navigation": navigation,
            "notice": request.query_params.get("notice", ""),
            "current_path": request.url.path,
            **context,
        },
        status_code=status_code,
    )

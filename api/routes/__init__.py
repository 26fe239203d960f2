"""One APIRouter per resource; the app includes every router listed here."""

from __future__ import annotations

from fastapi import APIRouter

ROUTERS: list[APIRouter] = []

from api.routes import (  # noqa: E402  (the ledger's routers)
    company,
    credit_memos,
    customers,
    health,
    invoices,
    manual_actions,
    payments,
)

ROUTERS += [
    health.router,
    company.router,
    customers.router,
    invoices.router,
    payments.router,
    credit_memos.router,
    manual_actions.router,
]

from api.routes import policy  # noqa: E402  (readiness under the policy levels)

ROUTERS.append(policy.router)

from api.routes import imports  # noqa: E402  (Import from QuickBooks)

ROUTERS.append(imports.router)

from api.routes import sync  # noqa: E402  (Synchronize into QuickBooks)

ROUTERS.append(sync.router)

from api.routes.lists import others, transactions  # noqa: E402  (lists, one page at a time)

ROUTERS += [transactions.router, others.router]

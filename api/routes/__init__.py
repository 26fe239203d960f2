"""One APIRouter per resource; the app includes every router listed here."""

from __future__ import annotations

from fastapi import APIRouter

from api.routes import (
    company,
    credit_memos,
    customers,
    health,
    imports,
    invoices,
    manual_actions,
    payments,
    policy,
    sync,
    work,
)
from api.routes.lists import others, transactions

ROUTERS: list[APIRouter] = [
    health.router,
    company.router,
    customers.router,
    invoices.router,
    payments.router,
    credit_memos.router,
    manual_actions.router,
    policy.router,  # readiness under the policy levels
    imports.router,  # Import from QuickBooks
    sync.router,  # Synchronize into QuickBooks
    work.router,  # sync work that needs a person: retry, dismiss
    transactions.router,  # lists, one page at a time
    others.router,
]

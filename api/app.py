"""The FastAPI application: one router per resource, errors mapped in one place."""

from __future__ import annotations

from fastapi import FastAPI

from api.bootstrap import Container
from api.errors import install_error_handlers
from api.routes import ROUTERS


def create_app(container: Container) -> FastAPI:
    app = FastAPI(
        title="qbsync",
        version="0.1.0",
        description=(
            "An event-sourced ledger of a field-service company's invoices, payments and credit "
            "memos, synchronised into QuickBooks Desktop. Reads are open; writes need the bearer "
            "token."
        ),
    )
    app.state.container = container
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    return app

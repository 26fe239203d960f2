"""The FastAPI application: one router per resource, errors mapped in one place, and the
QuickBooks Web Connector endpoint under /qbwc."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from adapters.storage.idempotency import IdempotencyKeys
from api.auth.access import Bookkeeper, Reader
from api.body_limit import BodyLimit
from api.bootstrap import Container
from api.errors import install_error_handlers
from api.fault_answers import install_fault_handlers
from api.idempotency import IdempotencyMiddleware
from api.qbwc import create_qbwc_router
from api.routes import ROUTERS
from api.web import install_web
from api.webconnector_wiring import build_webconnector_service, webconnector_settings


def create_app(container: Container) -> FastAPI:
    app = FastAPI(
        title="qbsync",
        version="0.1.0",
        description=(
            "An event-sourced ledger of a field-service company's invoices, payments and credit "
            "memos, synchronised into QuickBooks Desktop. Named bearer tokens with roles: an "
            "auditor reads, a bookkeeper records transactions and starts syncs and imports, a "
            "controller also changes the policy level and confirms repeat imports. In "
            "production every route but /health needs a token. A write sent with an "
            "Idempotency-Key header is answered once: sent again with the same key and body "
            "(within 24 hours) it gets the first answer, with a different body a 422."
        ),
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.container = container
    # The last added runs first: the body limit, then idempotency, then the routes.
    app.add_middleware(IdempotencyMiddleware, keys=lambda: _idempotency_keys(container))
    app.add_middleware(BodyLimit)
    install_error_handlers(app)
    install_fault_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    _mount_webconnector(app, container)
    install_web(app, container)
    _mount_docs(app)
    return app


def _idempotency_keys(container: Container) -> IdempotencyKeys:
    ledger = container.ledger
    return container.once(
        "idempotency_keys", lambda: IdempotencyKeys(ledger.datastore, ledger.dialect)
    )


def _mount_docs(app: FastAPI) -> None:
    """The OpenAPI document and its pages, guarded like every read."""

    @app.get("/openapi.json", include_in_schema=False, dependencies=[Reader])
    def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/docs", include_in_schema=False, dependencies=[Reader])
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="qbsync API")


def _mount_webconnector(app: FastAPI, container: Container) -> None:
    settings = webconnector_settings(container)
    service = build_webconnector_service(container, settings)
    app.include_router(
        create_qbwc_router(
            service,
            public_url=settings.public_url,
            qwc_settings=settings.qwc_settings(),
            download_guard=[Bookkeeper],
        )
    )

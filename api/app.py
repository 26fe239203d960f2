"""The FastAPI application: one router per resource, errors mapped in one place, and the
QuickBooks Web Connector endpoint under /qbwc."""

from __future__ import annotations

from fastapi import FastAPI

from api.body_limit import BodyLimit
from api.bootstrap import Container
from api.deps import Writer
from api.errors import install_error_handlers
from api.fault_answers import install_fault_handlers
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
            "memos, synchronised into QuickBooks Desktop. Reads are open; writes need the bearer "
            "token."
        ),
    )
    app.state.container = container
    app.add_middleware(BodyLimit)
    install_error_handlers(app)
    install_fault_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    _mount_webconnector(app, container)
    install_web(app, container)
    return app


def _mount_webconnector(app: FastAPI, container: Container) -> None:
    settings = webconnector_settings(container)
    service = build_webconnector_service(container, settings)
    app.include_router(
        create_qbwc_router(
            service,
            public_url=settings.public_url,
            qwc_settings=settings.qwc_settings(),
            download_guard=[Writer],
        )
    )

"""The Web Connector endpoint alone in a FastAPI app, for tests and local trials."""

from __future__ import annotations

from fastapi import FastAPI

from adapters.quickbooks.webconnector.qwc import QwcSettings
from adapters.quickbooks.webconnector.service import WebConnectorService
from api.qbwc.router import create_qbwc_router


def create_qbwc_test_app(
    service: WebConnectorService,
    *,
    public_url: str | None = None,
    qwc_settings: QwcSettings | None = None,
) -> FastAPI:
    app = FastAPI(title="qbsync Web Connector endpoint")
    app.include_router(
        create_qbwc_router(service, public_url=public_url, qwc_settings=qwc_settings)
    )
    return app

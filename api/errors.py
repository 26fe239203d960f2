"""Domain and infrastructure errors mapped to HTTP answers carrying the domain's message."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from adapters.ledger.unit_of_work import ConcurrencyConflict
from domain.errors import DomainError, InvalidInput, RecordNotFound, StateConflict


def _status_for(error: DomainError) -> int:
    if isinstance(error, RecordNotFound):
        return 404
    if isinstance(error, StateConflict):
        return 409
    if isinstance(error, InvalidInput):
        return 422
    return 400


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(_: Request, error: DomainError) -> JSONResponse:
        return JSONResponse(
            status_code=_status_for(error),
            content={"error": type(error).__name__, "detail": str(error)},
        )

    @app.exception_handler(ConcurrencyConflict)
    async def conflict(_: Request, error: ConcurrencyConflict) -> JSONResponse:
        return JSONResponse(
            status_code=409,
            content={"error": "ConcurrencyConflict", "detail": str(error), "retryable": True},
            headers={"Retry-After": "1"},
        )

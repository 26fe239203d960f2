"""Operational faults as API answers: 503 problem+json saying what failed, where and the fix.

A locked database or a lost connection is `retryable` with a Retry-After; a full disk, a
read-only folder or a missing schema needs a person first (retryable false). Errors of these
types that are not operational faults go on to the general 500 answer (api/errors.py).
"""

from __future__ import annotations

import sqlite3

import psycopg
from eventsourcing.persistence import PersistenceError
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from adapters.faults import OperationalFault, operational_fault
from adapters.quickbooks.simulator.file_errors import CompanyFileError
from adapters.storage.persistence import MissingSchema
from api.errors import problem_response

RETRY_AFTER_SECONDS = 2
FAULT_TYPES: tuple[type[Exception], ...] = (
    PersistenceError, sqlite3.Error, psycopg.Error, OSError, CompanyFileError, MissingSchema,
)  # fmt: skip


def install_fault_handlers(app: FastAPI) -> None:
    for error_type in FAULT_TYPES:
        app.add_exception_handler(error_type, _fault_answer)


def fault_problem(fault: OperationalFault, instance: str | None = None) -> JSONResponse:
    """The 503 answer for one fault."""
    return problem_response(
        503,
        fault.detail,
        error="ServiceUnavailable",
        title=fault.title,
        retryable=fault.retryable,
        instance=instance,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)} if fault.retryable else None,
    )


async def _fault_answer(request: Request, error: Exception) -> JSONResponse:
    container = getattr(request.app.state, "container", None)
    storage = container.settings.storage_description() if container else "the ledger database"
    fault = operational_fault(error, storage)
    if fault is None:
        raise error  # not an operational fault: the general handler answers 500
    return fault_problem(fault, request.url.path)

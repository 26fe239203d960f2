"""Every error answer is one shape: `application/problem+json` (RFC 9457).

`problem_response` builds the body; the handlers installed by `install_error_handlers` map
domain errors, HTTP errors (404, 405, 401…), request validation and unexpected failures to it.
Besides RFC 9457's members (type, title, status, detail, instance) a problem carries:

- `error`: a stable name for programs (a domain error's class name, e.g. `OverApplication`);
- `record`: the record concerned, `{"kind": ..., "key": ...}`, when there is one;
- `retryable`: whether sending the same request again may succeed;
- `errors`: for a malformed request, each field refused and why;
- `request_id`: for a 500, the id under which the failure was logged (no trace is sent).
"""

from __future__ import annotations

import inspect
import logging
import re
import uuid
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from adapters.storage.ledger.unit_of_work import ConcurrencyConflict
from domain.errors import DomainError, InvalidInput, RecordNotFound, StateConflict

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:qbsync:problem:"

logger = logging.getLogger(__name__)

_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def problem_response(
    status: int,
    detail: str,
    *,
    error: str | None = None,
    title: str | None = None,
    record: Mapping[str, str] | None = None,
    retryable: bool = False,
    instance: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    """The problem answer for one error. `error` names the problem type (a class name such as
    `OverApplication`); without it the type is `about:blank` and the title the status phrase."""
    phrase = HTTPStatus(status).phrase
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_PREFIX + _kebab(error) if error else "about:blank",
        "title": title or phrase,
        "status": status,
        "detail": detail,
        "error": error or phrase.replace(" ", "").replace("-", ""),
        "retryable": retryable,
    }
    if instance:
        body["instance"] = instance
    if record:
        body["record"] = dict(record)
    body.update(extensions)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(ConcurrencyConflict, _concurrency_conflict)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Exception, _unexpected)


def status_for(error: DomainError) -> int:
    if isinstance(error, RecordNotFound):
        return 404
    if isinstance(error, StateConflict):
        return 409
    if isinstance(error, InvalidInput):
        return 422
    return 400


async def _domain_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DomainError)
    name = type(error).__name__
    return problem_response(
        status_for(error),
        str(error),
        error=name,
        title=_title_of(type(error)),
        record=_record_of(error) or record_of_request(request),
        retryable=bool(getattr(error, "retryable", False)),
        instance=request.url.path,
    )


async def _concurrency_conflict(request: Request, error: Exception) -> JSONResponse:
    return problem_response(
        409,
        str(error) or "another writer changed the record first; nothing was saved",
        error="ConcurrencyConflict",
        title="Another writer changed the record first",
        record=record_of_request(request),
        retryable=True,
        instance=request.url.path,
        headers={"Retry-After": "1"},
    )


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    detail = error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).phrase
    if error.status_code == 404 and detail == "Not Found":
        detail = f"no route {request.url.path}: see /docs for the routes this API serves"
    if error.status_code == 405 and detail == "Method Not Allowed":
        allowed = (error.headers or {}).get("allow", (error.headers or {}).get("Allow", ""))
        detail = f"{request.method} is not allowed on {request.url.path}; allowed: {allowed}"
    return problem_response(
        error.status_code,
        detail,
        record=record_of_request(request) if error.status_code != 404 else None,
        retryable=error.status_code in (408, 425, 429, 502, 503, 504),
        instance=request.url.path,
        headers=error.headers,
    )


async def _invalid_request(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [_field_error(item) for item in error.errors()]
    detail = "; ".join(f"{'.'.join(map(str, item['loc']))}: {item['msg']}" for item in errors)
    return problem_response(
        422,
        f"the request is malformed: {detail}",
        error="InvalidRequest",
        title="The request is malformed",
        record=record_of_request(request),
        instance=request.url.path,
        errors=errors,
    )


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    supplied = request.headers.get("x-request-id", "")
    request_id = supplied if _REQUEST_ID.fullmatch(supplied) else uuid.uuid4().hex
    logger.error(
        "request %s %s failed (request id %s)",
        request.method,
        request.url.path,
        request_id,
        exc_info=error,
    )
    return problem_response(
        500,
        f"an unexpected error stopped this request; quote request id {request_id} when reporting "
        "it",
        error="InternalError",
        title="Internal server error",
        instance=request.url.path,
        headers={"X-Request-ID": request_id},
        request_id=request_id,
    )


_KINDS = {
    "invoices": "invoice",
    "payments": "payment",
    "credit-memos": "credit memo",
    "customers": "customer",
    "manual-actions": "manual action",
    "imports": "import run",
    "sync": "sync run",
}


def record_of_request(request: Request) -> dict[str, str] | None:
    """The record a route's path names (`/invoices/{number}/…` names an invoice)."""
    params: Mapping[str, Any] = request.path_params
    if "kind" in params and "key" in params:
        return {"kind": str(params["kind"]), "key": str(params["key"])}
    segments = [segment for segment in request.url.path.split("/") if segment]
    if not segments or segments[0] not in _KINDS or len(params) != 1:
        return None
    return {"kind": _KINDS[segments[0]], "key": str(next(iter(params.values())))}


def _record_of(error: DomainError) -> dict[str, str] | None:
    kind, key = getattr(error, "kind", None), getattr(error, "key", None)
    if isinstance(kind, str) and isinstance(key, str):
        return {"kind": kind, "key": key}
    return None


def _title_of(error_type: type[DomainError]) -> str:
    doc = inspect.getdoc(error_type) or ""
    return doc.split("\n\n")[0].replace("\n", " ").rstrip(".") or _kebab(error_type.__name__)


def _field_error(item: Mapping[str, Any]) -> dict[str, Any]:
    """One refused field, without echoing its input (which may be large)."""
    loc: Sequence[Any] = item.get("loc", ())
    return {"loc": list(loc), "msg": str(item.get("msg", "")), "type": str(item.get("type", ""))}


def _kebab(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name).lower()

"""The error answers each kind of route declares in the OpenAPI document."""

from __future__ import annotations

from typing import Any

from api.errors import PROBLEM_MEDIA_TYPE
from api.schemas.errors import ProblemOut

Responses = dict[int | str, dict[str, Any]]


def _problem(description: str) -> dict[str, Any]:
    return {"model": ProblemOut, "description": description, "content": {PROBLEM_MEDIA_TYPE: {}}}


UNAUTHORIZED: Responses = {
    401: _problem("Missing or unknown bearer token"),
    403: _problem("The token's role may not call this route"),
}
NOT_FOUND: Responses = {404: _problem("The record does not exist in the ledger")}
CONFLICT: Responses = {
    409: _problem(
        "The command conflicts with the record's state (duplicate, over-application, other "
        "customer, locked, finished, voided), or another writer got there first "
        "(retryable: retry the command)"
    ),
}
INVALID: Responses = {422: _problem("The input breaks a domain rule, or the request is malformed")}

READ_ERRORS: Responses = {**UNAUTHORIZED, **NOT_FOUND, **INVALID}
WRITE_ERRORS: Responses = {**UNAUTHORIZED, **NOT_FOUND, **CONFLICT, **INVALID}

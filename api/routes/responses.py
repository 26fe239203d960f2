"""The error answers each kind of route declares in the OpenAPI document."""

from __future__ import annotations

from typing import Any

from api.schemas.errors import DomainErrorOut, InvalidRequestOut, UnauthorizedOut

Responses = dict[int | str, dict[str, Any]]

UNAUTHORIZED: Responses = {
    401: {"model": UnauthorizedOut, "description": "Missing or wrong bearer token"},
}
NOT_FOUND: Responses = {
    404: {"model": DomainErrorOut, "description": "The record does not exist in the ledger"},
}
CONFLICT: Responses = {
    409: {
        "model": DomainErrorOut,
        "description": (
            "The command conflicts with the record's state (duplicate, over-application, other "
            "customer, locked, finished, voided), or another writer got there first "
            "(retryable: retry the command)"
        ),
    },
}
INVALID: Responses = {
    422: {
        "model": InvalidRequestOut,
        "description": "The input breaks a domain rule, or the request is malformed",
    },
}

READ_ERRORS: Responses = {**NOT_FOUND, **INVALID}
WRITE_ERRORS: Responses = {**UNAUTHORIZED, **NOT_FOUND, **CONFLICT, **INVALID}

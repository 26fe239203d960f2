"""The body of every error answer (application/problem+json, RFC 9457), for the OpenAPI
document."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class RecordOut(BaseModel):
    kind: str = Field(description="invoice, payment, credit memo, customer, manual action…")
    key: str = Field(description="Its number, reference, code or id")


class ProblemOut(BaseModel):
    """A refused or failed request. Nothing was recorded."""

    type: str = Field(description="The problem type, e.g. urn:qbsync:problem:over-application")
    title: str = Field(description="A short summary of the problem type")
    status: int = Field(description="The HTTP status code")
    detail: str = Field(description="What was wrong, which record, and what to do")
    error: str = Field(description="A stable name for programs, e.g. OverApplication")
    retryable: bool = Field(description="Whether sending the same request again may succeed")
    instance: str | None = Field(default=None, description="The path of the request")
    record: RecordOut | None = Field(default=None, description="The record concerned")
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="For a malformed request: each refused field (loc, msg, type)"
    )
    request_id: str | None = Field(
        default=None, description="For a 500: the id under which the failure was logged"
    )

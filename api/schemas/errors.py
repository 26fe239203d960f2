"""The bodies of error answers, for the OpenAPI document."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class DomainErrorOut(BaseModel):
    """A command refused by a business rule, or a record that does not exist."""

    error: str = Field(description="The domain error's name, e.g. OverApplication")
    detail: str = Field(description="What was wrong, which record, and what to do")
    retryable: bool | None = Field(
        default=None, description="True when another writer got there first: retry the command"
    )


class UnauthorizedOut(BaseModel):
    """A write without a valid bearer token."""

    detail: str


class InvalidRequestOut(BaseModel):
    """Input refused by a domain rule (detail is a message) or by request validation (a list)."""

    error: str | None = Field(default=None, description="The domain error's name, if any")
    detail: str | list[dict[str, Any]]

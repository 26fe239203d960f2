"""Liveness of the API process."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter(prefix="/health", tags=["health"])


class HealthOut(BaseModel):
    status: str


@router.get("", summary="Liveness check")
def health() -> HealthOut:
    """Answers `ok` while the API process is serving requests."""
    return HealthOut(status="ok")

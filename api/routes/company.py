"""The company's settings: its policy level and import state, with their history."""

from __future__ import annotations

from fastapi import APIRouter

from api.auth.access import Reader
from api.deps import LedgerDep
from api.schemas.company import CompanyOut
from api.schemas.history import recorded_history

router = APIRouter(prefix="/company", tags=["company"], dependencies=[Reader])


@router.get("", summary="Read the company's settings")
def read_company(ledger: LedgerDep) -> CompanyOut:
    """The current policy level, whether the initial import has completed, and the history of
    policy changes and imports."""
    settings = ledger.company_settings()
    history = recorded_history(ledger, settings)
    return CompanyOut.of(settings, history)

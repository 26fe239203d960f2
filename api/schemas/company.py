"""The company's settings: its policy level and whether the initial import completed."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.schemas.history import HistoryEntry
from domain.company import CompanySettings
from domain.policy import PolicyLevel


class CompanyOut(BaseModel):
    policy_level: PolicyLevel
    imports_completed: int = Field(description="How many imports from QuickBooks completed")
    import_completed: bool = Field(description="A sync is refused until this is true")
    history: list[HistoryEntry] = Field(description="Policy changes and imports, oldest first")

    @classmethod
    def of(cls, settings: CompanySettings, history: list[HistoryEntry]) -> CompanyOut:
        return cls(
            policy_level=settings.policy_level,
            imports_completed=settings.imports_completed,
            import_completed=settings.imports_completed > 0,
            history=history,
        )

"""The company's settings: its policy level, and whether the initial import has completed."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import ids
from domain.errors import InvalidReference
from domain.policy import PolicyLevel


class CompanySettings(Aggregate):
    kind = "company settings"

    @staticmethod
    def create_id(**_: Any) -> UUID:
        return ids.company_id()

    @event("Established")
    def __init__(self, policy_level: PolicyLevel = PolicyLevel.CONSERVATIVE) -> None:
        self.policy_level = PolicyLevel(policy_level)
        self.imports_completed = 0

    def change_policy_level(self, to: PolicyLevel, changed_by: str) -> bool:
        """Switch the level; returns False (and records nothing) when it is already `to`."""
        if not changed_by.strip():
            raise InvalidReference("a policy change must say who made it")
        if PolicyLevel(to) is self.policy_level:
            return False
        self._policy_level_changed(self.policy_level, PolicyLevel(to), changed_by.strip())
        return True

    @event("PolicyLevelChanged")
    def _policy_level_changed(
        self, from_level: PolicyLevel, to_level: PolicyLevel, changed_by: str
    ) -> None:
        self.policy_level = PolicyLevel(to_level)

    def record_import_completed(self, run_id: str) -> None:
        self._import_completed(run_id)

    @event("ImportCompleted")
    def _import_completed(self, run_id: str) -> None:
        self.imports_completed += 1

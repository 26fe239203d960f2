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
        self.import_wanted: dict[str, Any] | None = None
        """The Import from QuickBooks asked for through the Web Connector and not yet done:
        page_size, confirm and confirmed_by."""

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
        self,
        from_level: PolicyLevel,  # noqa: ARG002  (the event records it)
        to_level: PolicyLevel,
        changed_by: str,  # noqa: ARG002  (the event records it)
    ) -> None:
        self.policy_level = PolicyLevel(to_level)

    def record_import_completed(self, run_id: str) -> None:
        self._import_completed(run_id)

    @event("ImportCompleted")
    def _import_completed(self, run_id: str) -> None:  # noqa: ARG002  (the event records it)
        self.imports_completed += 1
        self.import_wanted = None

    def request_import(
        self, page_size: int, confirm: bool, confirmed_by: str, lists_only: bool = False
    ) -> None:
        """Ask for an import at the Web Connector's next session (kept until one completes)."""
        self._import_requested(page_size, confirm, confirmed_by.strip(), lists_only)

    @event("ImportRequested")
    def _import_requested(
        self, page_size: int, confirm: bool, confirmed_by: str, lists_only: bool = False
    ) -> None:
        self.import_wanted = {
            "page_size": page_size,
            "confirm": confirm,
            "confirmed_by": confirmed_by,
            "lists_only": lists_only,
        }

    def withdraw_import_request(self, reason: str) -> None:
        """The asked-for import cannot start (for example a repeat that now needs a
        confirmation): it is no longer wanted, and the reason is kept."""
        if self.import_wanted is not None:
            self._import_request_withdrawn(reason)

    @event("ImportRequestWithdrawn")
    def _import_request_withdrawn(self, reason: str) -> None:  # noqa: ARG002  (the event records it)
        self.import_wanted = None

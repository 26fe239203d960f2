"""One run of the Import from QuickBooks: its progress, its report, its outcome."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import ids
from domain.errors import InvalidTransition


class ImportRun(Aggregate):
    kind = "import run"

    @staticmethod
    def create_id(run_id: str, **_: Any) -> UUID:
        return ids.import_run_id(run_id)

    @event("Started")
    def __init__(self, run_id: str, repeat: bool, confirmed_by: str) -> None:
        self.run_id = run_id
        self.repeat = repeat
        self.confirmed_by = confirmed_by
        self.pages: list[dict[str, Any]] = []
        self.warnings: list[str] = []
        self.status = "running"
        self.failure = ""

    def record_page(
        self, list_kind: str, added: Sequence[str], updated: Sequence[str], unchanged: int
    ) -> None:
        self._require_running()
        self._page_recorded(list_kind, list(added), list(updated), unchanged)

    @event("PageRecorded")
    def _page_recorded(
        self, list_kind: str, added: list[str], updated: list[str], unchanged: int
    ) -> None:
        self.pages.append(
            {"kind": list_kind, "added": added, "updated": updated, "unchanged": unchanged}
        )

    def warn(self, warning: str) -> None:
        self._require_running()
        self._warned(warning)

    @event("Warned")
    def _warned(self, warning: str) -> None:
        self.warnings.append(warning)

    def complete(self) -> None:
        self._require_running()
        self._completed()

    @event("Completed")
    def _completed(self) -> None:
        self.status = "completed"

    def fail(self, reason: str) -> None:
        self._require_running()
        self._failed(reason)

    @event("Failed")
    def _failed(self, reason: str) -> None:
        self.status = "failed"
        self.failure = reason

    def _require_running(self) -> None:
        if self.status != "running":
            raise InvalidTransition(f"import run {self.run_id} is {self.status}")

"""The readiness model as an eventsourcing projection, for a `ProjectionRunner` worker."""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from adapters.storage.readiness.events import logged
from adapters.storage.readiness.model import ReadinessModel
from adapters.storage.readiness.store import PROJECTION_NAME
from adapters.storage.readiness.table import ReadinessTable


class ReadinessProjection(Projection[Any]):
    """Runs beside the API: `ProjectionRunner(application_class=Ledger,
    projection_class=ReadinessProjection, view_class=SQLiteReadinessRecorder, env=...)`."""

    name = PROJECTION_NAME

    def __init__(self, view: ReadinessTable) -> None:
        super().__init__(view)
        self._models: dict[str, ReadinessModel] = {}

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        app = tracking.application_name
        model = self._models.setdefault(app, ReadinessModel(self.view, app))
        model.process([logged(domain_event, tracking.notification_id)])

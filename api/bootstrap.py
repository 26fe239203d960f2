"""The composition root: the one place that builds everything, from settings, on demand."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from adapters.ledger.application import Ledger
from adapters.readiness.store import ReadinessStore
from adapters.settings import Settings
from adapters.sync.ledger import SyncLedger

if TYPE_CHECKING:
    from adapters.importing.jobs import ImportRequests
    from adapters.qbsim import QuickBooksSimulator
    from adapters.sync.synchronizer import Synchronizer


@dataclass
class Container:
    """Everything the API, the CLI and the workers use, built once per process."""

    settings: Settings
    ledger: Ledger
    api_token: str
    readiness: ReadinessStore
    token_was_generated: bool = False
    extras: dict[str, object] = field(default_factory=dict)

    def close(self) -> None:
        self.readiness.close()
        self.ledger.close()

    def quickbooks_simulator(self) -> QuickBooksSimulator:
        """The simulated QuickBooks company at settings.simulator_file, opened on first use."""
        from adapters.qbsim import QuickBooksSimulator

        found = self.extras.get("quickbooks_simulator")
        if not isinstance(found, QuickBooksSimulator):
            found = QuickBooksSimulator.open(self.settings.simulator_file)
            self.extras["quickbooks_simulator"] = found
        return found

    def synchronizer(self) -> Synchronizer:
        """The synchronisation of ledger work into QuickBooks, built on first use."""
        from adapters.sync.synchronizer import Synchronizer

        found = self.extras.get("synchronizer")
        if not isinstance(found, Synchronizer):
            if not isinstance(self.ledger, SyncLedger):
                raise TypeError("synchronisation needs the ledger built by bootstrap()")
            found = Synchronizer(self.ledger, self.readiness)
            self.extras["synchronizer"] = found
        return found

    def import_requests(self) -> ImportRequests:
        """Imports asked for through the Web Connector (serve them with
        `ConversationWorkSource(container.import_requests().conversation_for)`)."""
        from adapters.importing.jobs import ImportRequests

        found = self.extras.get("import_requests")
        if not isinstance(found, ImportRequests):
            found = ImportRequests(self.ledger)
            self.extras["import_requests"] = found
        return found


def bootstrap(settings: Settings | None = None) -> Container:
    settings = settings or Settings()
    ledger = SyncLedger(env=settings.eventsourcing_env())
    readiness = ReadinessStore.open(settings.eventsourcing_env())
    token, generated = _api_token(settings)
    return Container(
        settings=settings,
        ledger=ledger,
        api_token=token,
        readiness=readiness,
        token_was_generated=generated,
    )


def _api_token(settings: Settings) -> tuple[str, bool]:
    if settings.api_token:
        return settings.api_token, False
    if settings.is_production:
        raise RuntimeError(
            "QBSYNC_API_TOKEN is required when QBSYNC_ENVIRONMENT=production: set a long random "
            "bearer token for the API's write routes"
        )
    return secrets.token_urlsafe(24), True

"""The composition root: the one place that builds everything, from settings, on demand."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar, cast

from adapters.quickbooks.gateway import (
    GatewayKind,
    QuickBooksGateway,
    SimulatorGateway,
    WebConnectorGateway,
    choose_gateway,
)
from adapters.services.sync.ledger_with_outbox import SyncLedger
from adapters.settings import Settings
from adapters.storage.persistence import schema_setup
from adapters.storage.readiness.store import ReadinessStore
from api.auth.tokens import TokenBook, token_book

if TYPE_CHECKING:
    from adapters.quickbooks.simulator import QuickBooksSimulator
    from adapters.services.importing.jobs import ImportRequests
    from adapters.services.sync.settings import SyncSettings
    from adapters.services.sync.synchronizer import Synchronizer

T = TypeVar("T")


@dataclass
class Container:
    """Everything the API, the CLI and the workers use, built once per process.

    Parts that do I/O when built (the simulator file, the sync's outbox) are built on first
    use, once, by `once`.
    """

    settings: Settings
    ledger: SyncLedger
    api_token: str
    readiness: ReadinessStore
    token_was_generated: bool = False
    quickbooks_kind: GatewayKind = GatewayKind.SIMULATOR
    tokens: TokenBook = field(default_factory=TokenBook)
    generated_tokens: dict[str, str] = field(default_factory=dict)
    _built: dict[str, object] = field(default_factory=dict)
    _building: threading.RLock = field(default_factory=threading.RLock)

    def close(self) -> None:
        self.readiness.close()
        self.ledger.close()

    def once(self, name: str, build: Callable[[], T]) -> T:
        """The part called `name`, built by `build` the first time it is asked for."""
        with self._building:
            if name not in self._built:
                self._built[name] = build()
            return cast(T, self._built[name])

    def quickbooks(self) -> QuickBooksGateway:
        """The gateway to QuickBooks chosen at start-up (QBSYNC_QUICKBOOKS)."""
        if self.quickbooks_kind is GatewayKind.WEBCONNECTOR:
            return WebConnectorGateway()
        return SimulatorGateway(lambda: self.quickbooks_simulator().handle)

    def quickbooks_simulator(self) -> QuickBooksSimulator:
        """The simulated QuickBooks company at settings.simulator_file, opened on first use."""
        from adapters.quickbooks.simulator import QuickBooksSimulator

        return self.once(
            "quickbooks_simulator", lambda: QuickBooksSimulator.open(self.settings.simulator_file)
        )

    def synchronizer(self) -> Synchronizer:
        """The synchronisation of ledger work into QuickBooks, built on first use."""
        from adapters.services.sync.synchronizer import Synchronizer

        return self.once(
            "synchronizer",
            lambda: Synchronizer(self.ledger, self.readiness, self.sync_settings()),
        )

    def sync_settings(self) -> SyncSettings:
        from adapters.services.sync.settings import SyncSettings

        return SyncSettings(
            stuck_after=self.settings.sync_stuck_after_seconds,
            lease_seconds=self.settings.sync_lease_seconds,
        )

    def import_requests(self) -> ImportRequests:
        """Imports asked for through the Web Connector (serve them with
        `ConversationWorkSource(container.import_requests().conversation_for)`)."""
        from adapters.services.importing.jobs import ImportRequests

        return self.once("import_requests", lambda: ImportRequests(self.ledger))


def bootstrap(settings: Settings | None = None, *, create_schema: bool = False) -> Container:
    settings = settings or Settings()
    tokens, generated = token_book(
        settings.api_tokens, settings.api_token, production=settings.is_production
    )
    quickbooks = choose_gateway(settings.quickbooks, settings.is_production)
    persistence = settings.eventsourcing_env()
    with schema_setup(persistence, create_schema=create_schema):
        ledger = SyncLedger(env=persistence)
        readiness = ReadinessStore.open(persistence)
    return Container(
        settings=settings,
        ledger=ledger,
        api_token=settings.api_token or generated.get("dev-controller", ""),
        readiness=readiness,
        token_was_generated=bool(generated),
        quickbooks_kind=quickbooks,
        tokens=tokens,
        generated_tokens=generated,
    )

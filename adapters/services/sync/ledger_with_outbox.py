"""The ledger with the sync's recorders: the same events, plus the outbox in their database."""

from __future__ import annotations

from typing import Any

from eventsourcing.utils import Environment, EnvType, get_topic

from adapters.errors import ConfigurationError
from adapters.services.sync.recorders import PostgresOutboxRecorder, SQLiteOutboxRecorder
from adapters.storage.ledger.application import Ledger
from adapters.storage.outbox.dialect import Dialect

_RECORDERS = {
    "eventsourcing.sqlite": SQLiteOutboxRecorder,
    "eventsourcing.postgres": PostgresOutboxRecorder,
}


class SyncLedger(Ledger):
    """Build this instead of `Ledger` wherever the sync runs (the composition root)."""

    def construct_env(self, name: str, env: EnvType | None = None) -> Environment:
        built = super().construct_env(name, env)
        recorder = _RECORDERS.get(built.get("PERSISTENCE_MODULE", ""))
        if recorder is None:
            raise ConfigurationError(
                "the sync outbox needs SQLite or PostgreSQL persistence: set QBSYNC_DATABASE_URL "
                "to sqlite:///file.db or postgresql://user@host:5432/dbname"
            )
        built["APPLICATION_RECORDER_TOPIC"] = get_topic(recorder)
        return built

    @property
    def datastore(self) -> Any:
        return self.recorder.datastore  # type: ignore[attr-defined]

    @property
    def dialect(self) -> Dialect:
        dialect: Dialect = self.recorder.dialect  # type: ignore[attr-defined]
        return dialect

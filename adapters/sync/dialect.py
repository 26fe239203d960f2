"""The SQL differences between SQLite and PostgreSQL that the outbox needs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    mark: str
    """The driver's parameter placeholder."""
    serial: str
    skip_locked: str
    prefix: str
    """Where the outbox tables live: "" for SQLite, '"schema".' for PostgreSQL."""

    def table(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def marks(self, count: int) -> str:
        return ", ".join([self.mark] * count)


SQLITE = Dialect(mark="?", serial="INTEGER PRIMARY KEY AUTOINCREMENT", skip_locked="", prefix="")


def postgres(schema: str) -> Dialect:
    return Dialect(
        mark="%s",
        serial="BIGSERIAL PRIMARY KEY",
        skip_locked=" FOR UPDATE SKIP LOCKED",
        prefix=f'"{schema}".',
    )

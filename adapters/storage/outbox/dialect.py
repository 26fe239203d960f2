"""The SQL differences between SQLite and PostgreSQL that the outbox needs, and identifier
quoting: table and index names are always quoted, never pasted in as they came."""

from __future__ import annotations

from dataclasses import dataclass

from psycopg import sql


def sqlite_quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Dialect:
    mark: str
    """The driver's parameter placeholder."""
    serial: str
    skip_locked: str
    schema: str = ""
    """Where the outbox tables live on PostgreSQL; "" for SQLite."""

    def table(self, name: str) -> str:
        """The table `name`, quoted (and qualified by its schema on PostgreSQL)."""
        if self.schema:
            return sql.Identifier(self.schema, name).as_string(None)
        return sqlite_quoted(name)

    def name(self, name: str) -> str:
        """An unqualified identifier (an index name), quoted."""
        if self.schema:
            return sql.Identifier(name).as_string(None)
        return sqlite_quoted(name)

    def marks(self, count: int) -> str:
        return ", ".join([self.mark] * count)


SQLITE = Dialect(mark="?", serial="INTEGER PRIMARY KEY AUTOINCREMENT", skip_locked="")


def postgres(schema: str) -> Dialect:
    return Dialect(
        mark="%s",
        serial="BIGSERIAL PRIMARY KEY",
        skip_locked=" FOR UPDATE SKIP LOCKED",
        schema=schema,
    )

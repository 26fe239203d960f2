"""Setting up the database schema safely when several processes start at once.

eventsourcing creates its tables, types and functions when a recorder is built. On PostgreSQL
two processes doing that together collide (`tuple concurrently updated`, duplicate types), so
`schema_setup` holds a PostgreSQL advisory lock, keyed by the schema, on a connection of its
own while the tables are created: the processes take turns and every one of them starts.
`qbsync db migrate` runs the same set-up once, and can create a missing schema first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import psycopg
from psycopg import sql

POSTGRES_MODULE = "eventsourcing.postgres"
_LOCK_NAMESPACE = "qbsync schema set-up"


class MissingSchema(Exception):
    """The PostgreSQL schema the settings name does not exist; nothing was created."""

    def __init__(self, schema: str, target: str) -> None:
        super().__init__(
            f'PostgreSQL schema "{schema}" does not exist in {target}: run `qbsync db migrate` '
            f'(it creates the schema and the tables), or CREATE SCHEMA "{schema}"'
        )
        self.schema = schema


def postgres_target(env: Mapping[str, str]) -> str:
    """Where a PostgreSQL persistence env points, for messages (no password)."""
    host, port = env.get("POSTGRES_HOST", ""), env.get("POSTGRES_PORT", "5432")
    return f"database {env.get('POSTGRES_DBNAME', '')} at {host}:{port}"


def _connect(env: Mapping[str, str]) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(
        dbname=env.get("POSTGRES_DBNAME", ""),
        host=env.get("POSTGRES_HOST", ""),
        port=env.get("POSTGRES_PORT", "5432"),
        user=env.get("POSTGRES_USER", ""),
        password=env.get("POSTGRES_PASSWORD", ""),
        connect_timeout=int(env.get("POSTGRES_CONNECT_TIMEOUT") or 10),
        autocommit=True,
    )


@contextmanager
def schema_setup(env: Mapping[str, str], *, create_schema: bool = False) -> Iterator[None]:
    """Build the recorders (which create the tables) inside this block. On PostgreSQL the
    block runs alone among the processes setting up the same schema; a missing schema is
    refused (MissingSchema) unless `create_schema`. Elsewhere the block just runs."""
    if env.get("PERSISTENCE_MODULE") != POSTGRES_MODULE:
        yield
        return
    schema = env.get("POSTGRES_SCHEMA") or "public"
    key = f"{_LOCK_NAMESPACE} {schema}"
    with _connect(env) as connection:
        connection.execute("SELECT pg_advisory_lock(hashtext(%s))", (key,))
        try:
            if create_schema:
                connection.execute(
                    sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema))
                )
            found = connection.execute(
                "SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)
            ).fetchone()
            if found is None:
                raise MissingSchema(schema, postgres_target(env))
            yield
        finally:
            connection.execute("SELECT pg_advisory_unlock(hashtext(%s))", (key,))

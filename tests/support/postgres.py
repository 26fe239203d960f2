"""PostgreSQL for tests: a throwaway schema per test; required in CI, skipped elsewhere."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest


def postgres_conninfo(dbname: str = "test") -> str:
    host = os.environ.get("QBSYNC_TEST_POSTGRES_HOST", "127.0.0.1")
    port = os.environ.get("QBSYNC_TEST_POSTGRES_PORT", "5432")
    user = os.environ.get("QBSYNC_TEST_POSTGRES_USER", "postgres")
    return f"host={host} port={port} user={user} dbname={dbname} connect_timeout=5"


def postgres_required() -> bool:
    return os.environ.get("QBSYNC_REQUIRE_POSTGRES") == "1" or os.environ.get("CI") == "true"


def _unavailable(error: Exception) -> None:
    message = f"PostgreSQL is not reachable ({postgres_conninfo()}): {error}"
    if postgres_required():
        pytest.fail(message + " — PostgreSQL is required in CI")
    pytest.skip(message)


@contextmanager
def throwaway_schema() -> Iterator[str]:
    """Create a fresh schema in database `test`, yield its name, drop it afterwards."""
    schema = f"qbsync_test_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(postgres_conninfo(), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    except psycopg.OperationalError as error:
        _unavailable(error)
    try:
        yield schema
    finally:
        with psycopg.connect(postgres_conninfo(), autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def postgres_url(schema: str) -> str:
    host = os.environ.get("QBSYNC_TEST_POSTGRES_HOST", "127.0.0.1")
    port = os.environ.get("QBSYNC_TEST_POSTGRES_PORT", "5432")
    user = os.environ.get("QBSYNC_TEST_POSTGRES_USER", "postgres")
    return f"postgresql://{user}@{host}:{port}/test?schema={schema}"

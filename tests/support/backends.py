"""The persistence backends every integration suite runs against."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.postgres import postgres_url, throwaway_schema

BACKENDS = ("sqlite", "postgres")


@contextmanager
def database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A database URL for a fresh, empty store on `backend`."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.sqlite'}"
        return
    with throwaway_schema() as schema:
        yield postgres_url(schema)

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.settings import persistence_env
from adapters.storage.ledger.application import Ledger
from tests.support.backends import BACKENDS, database_url


@pytest.fixture(params=BACKENDS)
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(str(request.param), tmp_path) as url:
        yield url


@pytest.fixture
def ledger(backend_url: str, tmp_path: Path) -> Iterator[Ledger]:
    app = Ledger(env=persistence_env(backend_url, tmp_path))
    yield app
    app.close()

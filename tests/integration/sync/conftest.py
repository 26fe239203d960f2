from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.sync.world import World, world


@pytest.fixture
def w(backend_url: str, tmp_path: Path) -> Iterator[World]:
    with world(backend_url, tmp_path) as built:
        yield built

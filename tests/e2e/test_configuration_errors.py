"""Settings that cannot work are a configuration error, in one line, before anything is
written: not a domain refusal of some command's input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.errors import ConfigurationError
from adapters.services.sync.ledger_with_outbox import SyncLedger
from adapters.settings import persistence_env
from adapters.storage.readiness.store import ReadinessStore
from domain.errors import DomainError

IN_MEMORY = {"PERSISTENCE_MODULE": "eventsourcing.popo"}


def test_an_unsupported_database_url_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="scheme 'mysql' is not supported") as raised:
        persistence_env("mysql://db/qbsync", tmp_path)
    assert not isinstance(raised.value, DomainError)


def test_the_outbox_and_the_read_model_name_the_persistence_they_need() -> None:
    with pytest.raises(ConfigurationError, match="outbox needs SQLite or PostgreSQL"):
        SyncLedger(env=IN_MEMORY)
    with pytest.raises(ConfigurationError, match="needs SQLite or PostgreSQL, not 'eventsourcing"):
        ReadinessStore.open(IN_MEMORY)


def test_the_command_line_says_so_in_one_line_and_exits_2(tmp_path: Path) -> None:
    env = {**os.environ, "QBSYNC_DATA_DIR": str(tmp_path), "QBSYNC_DATABASE_URL": "mysql://db/x"}
    command = [sys.executable, "-c", "from api.cli import main; main()", "sync"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "qbsync: configuration error: QBSYNC_DATABASE_URL scheme 'mysql' is not supported: "
        "use sqlite:///file.db or postgresql://user@host:5432/dbname"
    ]
    assert list(tmp_path.iterdir()) == []  # nothing written

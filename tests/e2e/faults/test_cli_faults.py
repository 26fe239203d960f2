"""Operational faults through the real `qbsync` command: one line naming the path or schema and
the fix, a non-zero exit, no traceback.

- disk full: the command runs under RLIMIT_FSIZE (SIGXFSZ ignored), so writes past the limit
  fail as they do on a full disk (SQLite reports it as a disk I/O error on write);
- read-only data folder: chmod 555; a root process is run without CAP_DAC_OVERRIDE (setpriv),
  since root ignores permission bits otherwise;
- missing schema: a PostgreSQL URL naming a schema that does not exist.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

from tests.support.postgres import postgres_conninfo, postgres_url, throwaway_schema

REPO_ROOT = Path(__file__).resolve().parents[3]
FILE_SIZE_LIMIT = 150_000


def _qbsync(
    args: list[str], env: dict[str, str], *, prefix: list[str] | None = None, limit: int = 0
) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    command = [sys.executable, "-c", "from api.cli import main; main()", *args]
    return subprocess.run(
        [*(prefix or []), *command],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        preexec_fn=limited if limit else None,
        check=False,
    )


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QBSYNC_")}
    return env | {"QBSYNC_DATA_DIR": str(data_dir), "COLUMNS": "200"} | extra


def _one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "╭" not in result.stderr, result.stderr  # no rich traceback box either
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("qbsync: ")
    return lines[0]


def test_a_full_disk_says_which_file_and_what_to_do(tmp_path: Path) -> None:
    line = _one_clear_line(_qbsync(["demo"], _env(tmp_path), limit=FILE_SIZE_LIMIT))
    assert str(tmp_path) in line
    assert "disk" in line
    assert "free some space" in line


def _without_root_bypass() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a chmod cannot make a folder read-only")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]


def test_a_read_only_data_folder_says_which_and_how_to_fix_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _qbsync(["db", "migrate"], _env(data)).returncode == 0
    data.chmod(0o555)
    try:
        line = _one_clear_line(_qbsync(["sync"], _env(data), prefix=_without_root_bypass()))
    finally:
        data.chmod(0o755)
    assert str(data / "ledger.sqlite") in line
    assert "read-only" in line
    assert "QBSYNC_DATA_DIR" in line


def test_a_missing_folder_that_cannot_be_created_names_it(tmp_path: Path) -> None:
    tmp_path.chmod(0o555)
    try:
        result = _qbsync(["sync"], _env(tmp_path / "new"), prefix=_without_root_bypass())
    finally:
        tmp_path.chmod(0o755)
    line = _one_clear_line(result)
    assert str(tmp_path / "new") in line
    assert "writable" in line


def test_a_missing_schema_is_named_and_db_migrate_creates_it(tmp_path: Path) -> None:
    with throwaway_schema() as existing:  # skips the test when PostgreSQL is not reachable
        missing = f"{existing}_{uuid.uuid4().hex[:6]}"
    url = postgres_url(missing)
    try:
        line = _one_clear_line(_qbsync(["sync"], _env(tmp_path, QBSYNC_DATABASE_URL=url)))
        assert f'schema "{missing}" does not exist' in line
        assert "qbsync db migrate" in line

        migrated = _qbsync(["db", "migrate"], _env(tmp_path, QBSYNC_DATABASE_URL=url))
        assert migrated.returncode == 0, migrated.stderr
        assert f"schema {missing}" in migrated.stdout
        worked = _qbsync(["worker", "--once"], _env(tmp_path, QBSYNC_DATABASE_URL=url))
        assert worked.returncode == 0, worked.stderr
    finally:
        with psycopg.connect(postgres_conninfo(), autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{missing}" CASCADE')


def test_a_file_that_is_not_a_simulator_company_file_is_named(tmp_path: Path) -> None:
    company = tmp_path / "company.sqlite"
    company.write_text('{"format": 1}')
    result = _qbsync(["import"], _env(tmp_path, QBSYNC_SIMULATOR_PATH=str(company)))
    line = _one_clear_line(result)
    assert str(company) in line
    assert "not a SQLite company file" in line

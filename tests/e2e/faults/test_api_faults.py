"""Operational faults through a real `qbsync serve`: a locked SQLite ledger answers 503 with
Retry-After and a problem+json body marked retryable, and the same write works once the lock
is gone. Other faults map to 503 the same way (checked on a small app)."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from adapters.quickbooks.simulator.file_errors import CompanyFileError
from adapters.storage.persistence import MissingSchema
from api.errors import install_error_handlers
from api.fault_answers import install_fault_handlers
from tests.e2e.test_serve_command import running_server  # noqa: F401  (the fixture)

AUTH = {"Authorization": "Bearer real-token"}


def test_a_locked_ledger_answers_503_retryable_then_the_write_works(
    running_server: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    holder = sqlite3.connect(tmp_path / "ledger.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        body = {"code": "LOCKED", "name": "Locked Out Towing"}
        answer = httpx.post(f"{running_server}/customers", json=body, headers=AUTH, timeout=60)
    finally:
        holder.rollback()
        holder.close()

    assert answer.status_code == 503
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert int(answer.headers["Retry-After"]) >= 1
    problem = answer.json()
    assert problem["status"] == 503
    assert problem["retryable"] is True
    assert problem["title"] == "The database is busy"
    assert problem["type"].startswith("urn:qbsync:problem:")
    assert str(tmp_path / "ledger.sqlite") in problem["detail"]
    assert "locked" in problem["detail"]
    created = httpx.post(f"{running_server}/customers", json=body, headers=AUTH)
    assert created.status_code == 201


def _app_raising(error: Exception) -> TestClient:
    app = FastAPI()
    install_error_handlers(app)
    install_fault_handlers(app)

    @app.get("/fail")
    def fail() -> None:
        raise error

    return TestClient(app, raise_server_exceptions=False)


def test_faults_that_need_a_person_answer_503_not_retryable() -> None:
    for error, words in (
        (OSError(errno.ENOSPC, "No space left on device", "/data/ledger.sqlite"), "free some"),
        (OSError(errno.EROFS, "Read-only file system", "/data"), "writable"),
        (MissingSchema("gone", "database test at 127.0.0.1:5432"), "qbsync db migrate"),
        (CompanyFileError(Path("/data/q.sqlite"), "database or disk is full"), "/data/q.sqlite"),
    ):
        answer = _app_raising(error).get("/fail")
        assert answer.status_code == 503, error
        assert "Retry-After" not in answer.headers
        assert answer.json()["retryable"] is False
        assert words in answer.json()["detail"]


def test_a_busy_simulator_file_is_retryable() -> None:
    busy = CompanyFileError(Path("/data/q.sqlite"), "database is locked", retryable=True)
    answer = _app_raising(busy).get("/fail")
    assert (answer.status_code, answer.json()["retryable"]) == (503, True)
    assert answer.headers["Retry-After"]


def test_other_errors_of_those_types_stay_a_500() -> None:
    answer = _app_raising(OSError(errno.ENOENT, "No such file", "/x")).get("/fail")
    assert answer.status_code == 500
    assert answer.json()["error"] == "InternalError"

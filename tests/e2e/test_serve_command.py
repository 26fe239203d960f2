"""`qbsync serve`: wiring checked with uvicorn replaced, then once for real."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from api.cli import app as cli
from tests.e2e.gateway.serve_process import running_serve


class FakeUvicorn:
    def __init__(self) -> None:
        self.calls: list[tuple[FastAPI, dict[str, Any]]] = []

    def run(self, app: FastAPI, **options: Any) -> None:
        self.calls.append((app, options))


@pytest.fixture
def uvicorn_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeUvicorn:
    fake = FakeUvicorn()
    monkeypatch.setattr(uvicorn, "run", fake.run)
    for name in [name for name in os.environ if name.startswith("QBSYNC_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("QBSYNC_DATA_DIR", str(tmp_path))
    return fake


def test_serve_prints_the_generated_token_and_runs_the_app(uvicorn_run: FakeUvicorn) -> None:
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "9123"])

    assert result.exit_code == 0, result.output
    [(app, options)] = uvicorn_run.calls
    assert options == {"host": "0.0.0.0", "port": 9123}
    token = app.state.container.api_token
    assert app.state.container.token_was_generated
    assert token in result.output
    assert "/invoices" in app.openapi()["paths"]


def test_serve_defaults_to_localhost_and_keeps_a_configured_token_secret(
    uvicorn_run: FakeUvicorn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QBSYNC_API_TOKEN", "configured-secret")
    result = CliRunner().invoke(cli, ["serve"])

    assert result.exit_code == 0, result.output
    [(app, options)] = uvicorn_run.calls
    assert options == {"host": "127.0.0.1", "port": 8000}
    assert app.state.container.api_token == "configured-secret"
    assert "configured-secret" not in result.output


def test_serve_refuses_production_without_a_token(
    uvicorn_run: FakeUvicorn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QBSYNC_ENVIRONMENT", "production")
    result = CliRunner().invoke(cli, ["serve"])

    assert result.exit_code == 2
    assert "QBSYNC_API_TOKEN is required" in result.output
    assert uvicorn_run.calls == []


@pytest.fixture
def running_server(tmp_path: Path) -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QBSYNC_")}
    env |= {"QBSYNC_DATA_DIR": str(tmp_path), "QBSYNC_API_TOKEN": "real-token"}
    with running_serve(env) as base:
        yield base


def test_qbsync_serve_answers_over_http(running_server: str) -> None:
    body = {"code": "ACME", "name": "Acme Towing"}
    auth = {"Authorization": "Bearer real-token"}
    assert httpx.post(f"{running_server}/customers", json=body).status_code == 401
    assert httpx.post(f"{running_server}/customers", json=body, headers=auth).status_code == 201
    customer = httpx.get(f"{running_server}/customers/ACME").json()
    assert [entry["type"] for entry in customer["history"]] == ["Registered"]

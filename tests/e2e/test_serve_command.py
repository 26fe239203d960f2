"""`qbsync serve`: wiring checked with uvicorn replaced, then once for real."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from api.cli import app as cli

REPO_ROOT = Path(__file__).resolve().parents[2]


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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def running_server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("QBSYNC_")}
    env |= {"QBSYNC_DATA_DIR": str(tmp_path), "QBSYNC_API_TOKEN": "real-token"}
    command = [sys.executable, "-c", "from api.cli import main; main()", "serve"]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_until_healthy(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert server.poll() is None, "qbsync serve exited before answering"
        try:
            if httpx.get(f"{base}/health").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    pytest.fail("qbsync serve did not answer /health within 20 seconds")


def test_qbsync_serve_answers_over_http(running_server: str) -> None:
    body = {"code": "ACME", "name": "Acme Towing"}
    auth = {"Authorization": "Bearer real-token"}
    assert httpx.post(f"{running_server}/customers", json=body).status_code == 401
    assert httpx.post(f"{running_server}/customers", json=body, headers=auth).status_code == 201
    customer = httpx.get(f"{running_server}/customers/ACME").json()
    assert [entry["type"] for entry in customer["history"]] == ["Registered"]

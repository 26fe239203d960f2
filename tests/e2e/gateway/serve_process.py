"""Real `qbsync serve` processes on 127.0.0.1, started and killed by the tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]

TOKEN = "gateway-token"
PUBLIC_URL = "https://qbsync.example.com/qbwc"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


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


def serve_env(data_dir: Path, **settings: str) -> dict[str, str]:
    """The environment without any QBSYNC_* of the caller, plus `settings` (QBSYNC_ names)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QBSYNC_")}
    return env | {"QBSYNC_DATA_DIR": str(data_dir), "QBSYNC_API_TOKEN": TOKEN} | settings


def serve_command(port: int) -> list[str]:
    return [sys.executable, "-c", "from api.cli import main; main()", "serve", "--port", str(port)]


def refused_start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run `qbsync serve` expecting it to refuse to start (bounded: 60 s)."""
    return subprocess.run(
        serve_command(free_port()),
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@contextmanager
def running_serve(env: dict[str, str], kill: bool = False) -> Iterator[str]:
    """A `qbsync serve` answering /health; yields its base URL; stopped afterwards
    (SIGKILL when `kill`, as a crash or a pulled plug would)."""
    port = free_port()
    server = subprocess.Popen(
        serve_command(port),
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
        if kill:
            server.kill()
        else:
            server.terminate()
        server.wait(timeout=10)

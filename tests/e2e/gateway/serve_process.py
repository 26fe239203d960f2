"""Real `qbsync serve` processes on 127.0.0.1, started and killed by the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.e2e.test_serve_command import REPO_ROOT, free_port, wait_until_healthy

TOKEN = "gateway-token"
PUBLIC_URL = "https://qbsync.example.com/qbwc"


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
def running_serve(env: dict[str, str]) -> Iterator[str]:
    """A `qbsync serve` answering /health; yields its base URL; killed afterwards."""
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
        server.kill()
        server.wait(timeout=10)

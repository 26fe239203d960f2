"""A real `qbsync serve` on 127.0.0.1 with a temporary data dir, and Debian's chromium driven
by Playwright. In CI (QBSYNC_REQUIRE_BROWSER=1) a browser that cannot start fails the test;
elsewhere the test is skipped with a message saying what is missing."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from adapters.services.demo.towing_day import RecordedDay, record_day
from adapters.services.importing.jobs import run_import
from adapters.settings import Settings
from api.bootstrap import bootstrap
from domain.lines import make_line

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("QBSYNC_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
TOKEN = "browser-test-token-5f1c"


def _unavailable(why: str) -> None:
    if os.environ.get("QBSYNC_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here, but {why}")
    pytest.skip(f"browser test skipped: {why} (CI sets QBSYNC_REQUIRE_BROWSER=1 and fails)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
            )
        except Exception as error:  # the browser itself would not start
            _unavailable(f"chromium at {CHROMIUM} did not start: {error}")
        yield launched
        launched.close()


@dataclass(frozen=True)
class Server:
    url: str
    data_dir: Path
    day: RecordedDay

    def api(self) -> httpx.Client:
        """The HTTP API as the billing system uses it, with the bearer token."""
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _seed(data_dir: Path) -> RecordedDay:
    """What the company had before the day starts: QuickBooks imported, a day of work, and a
    customer whose name QuickBooks already uses for a vendor (its sync will be parked)."""
    container = bootstrap(Settings(data_dir=data_dir, database_url="", api_token=TOKEN))
    try:
        run_import(container.ledger, container.quickbooks_simulator().handle)
        day = record_day(container.ledger)
        ledger = container.ledger
        ledger.register_customer("V1", "Metro Auto Parts")
        ledger.create_invoice("7001-1", "V1", day.day, [make_line("Towing", "tow", "1", "95")])
        ledger.finalize_invoice("7001-1")
        ledger.record_job_payment("P-7001", "7001-1", "95.00", day.day)
        return day
    finally:
        container.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data_dir = tmp_path_factory.mktemp("browser-data")
    day = _seed(data_dir)
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("QBSYNC_")},
        "QBSYNC_DATA_DIR": str(data_dir),
        "QBSYNC_API_TOKEN": TOKEN,
    }
    log = (data_dir / "serve.log").open("w")
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("qbsync")), "serve", "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, data_dir / "serve.log")
        yield Server(url, data_dir, day)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"qbsync serve exited with {process.returncode}: {log.read_text()}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"qbsync serve did not answer within 60 s: {log.read_text()}")


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()

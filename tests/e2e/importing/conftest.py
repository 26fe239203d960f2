"""The import through the Web Connector: the SOAP endpoint on a real uvicorn (127.0.0.1),
the Web Connector emulator, and the QuickBooks simulator behind it; the ledger on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.simulator.demo_company import demo_company
from adapters.quickbooks.webconnector.conversation_source import ConversationWorkSource
from adapters.quickbooks.webconnector.emulator import SessionReport, WebConnectorEmulator
from adapters.quickbooks.webconnector.ports import WorkSourceRegistry
from adapters.quickbooks.webconnector.service import WebConnectorService
from adapters.quickbooks.webconnector.users import QbwcUser, UserDirectory
from adapters.services.importing.conversation import ImportOptions
from adapters.services.importing.jobs import ImportRequests
from adapters.services.importing.runs import ImportReport, read_run
from adapters.settings import persistence_env
from adapters.storage.ledger.application import Ledger
from api.qbwc import create_qbwc_test_app
from tests.e2e.qbwc.conftest import ServeApp, serve_app  # noqa: F401  (the fixture)
from tests.unit.qbwc.factories import cheap_hash

PASSWORD = "bookkeeper-correct-horse"


@dataclass
class WebConnectorImport:
    """Imports asked for through the Web Connector, run one emulated session at a time."""

    ledger: Ledger
    simulator: QuickBooksSimulator
    requests: ImportRequests
    url: str
    sessions: list[SessionReport] = field(default_factory=list)

    def session(self, max_requests: int = 10_000) -> SessionReport:
        report = WebConnectorEmulator(
            url=self.url,
            username="bookkeeper",
            password=PASSWORD,
            backend=self.simulator.handle,
            max_requests=max_requests,
        ).run()
        self.sessions.append(report)
        return report

    def run(self, options: ImportOptions | None = None) -> ImportReport:
        """Ask for an import, run one whole session, return the run's report."""
        self.requests.request(options or ImportOptions(page_size=3))
        session = self.session()
        assert session.outcome == "completed", session.errors
        return self.report()

    def report(self) -> ImportReport:
        assert self.requests.current_run_id is not None
        return read_run(self.ledger, self.requests.current_run_id)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    app = Ledger(env=persistence_env(f"sqlite:///{tmp_path / 'ledger.sqlite'}", tmp_path))
    yield app
    app.close()


@pytest.fixture
def simulator(qbxml_schema: etree.XMLSchema) -> QuickBooksSimulator:
    """The demo company; every request is checked against Intuit's schema, as QuickBooks does."""
    return QuickBooksSimulator(demo_company(), schema=qbxml_schema)


@pytest.fixture
def web_connector(
    ledger: Ledger,
    simulator: QuickBooksSimulator,
    serve_app: ServeApp,  # noqa: F811
) -> WebConnectorImport:
    requests = ImportRequests(ledger)
    registry = WorkSourceRegistry()
    registry.register_source("miller", ConversationWorkSource(requests.conversation_for))
    users = UserDirectory([QbwcUser("bookkeeper", "miller", cheap_hash(PASSWORD))])
    base_url = serve_app(create_qbwc_test_app(WebConnectorService(users, registry)))
    return WebConnectorImport(ledger, simulator, requests, f"{base_url}/qbwc/company/miller")

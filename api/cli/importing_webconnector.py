"""An import through the Web Connector protocol, all on this machine: the SOAP endpoint on
127.0.0.1, the Web Connector emulator, and the QuickBooks simulator behind it."""

from __future__ import annotations

import secrets

from adapters.quickbooks.conversation import ProgressCallback
from adapters.quickbooks.webconnector.conversation_source import ConversationWorkSource
from adapters.quickbooks.webconnector.emulator import (
    Progress,
    QuickBooksBackend,
    WebConnectorEmulator,
)
from adapters.quickbooks.webconnector.ports import WorkSourceRegistry
from adapters.quickbooks.webconnector.service import WebConnectorService
from adapters.quickbooks.webconnector.users import QbwcUser, UserDirectory, make_password_hash
from adapters.services.importing.conversation import ImportOptions
from adapters.services.importing.jobs import ImportRequests
from adapters.services.importing.runs import ImportReport, read_run
from api.bootstrap import Container
from api.cli.local_server import serve_locally
from api.qbwc import create_qbwc_test_app

COMPANY = "local"
USERNAME = "qbsync-import"


class WebConnectorImportFailed(RuntimeError):
    """The Web Connector session ended before any import run was recorded."""


def import_via_webconnector(
    container: Container,
    quickbooks: QuickBooksBackend,
    options: ImportOptions,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    requests = ImportRequests(container.ledger)
    requests.request(options)
    registry = WorkSourceRegistry()
    registry.register_source(COMPANY, ConversationWorkSource(requests.conversation_for))
    password = secrets.token_urlsafe(24)
    users = UserDirectory([QbwcUser(USERNAME, COMPANY, make_password_hash(password))])
    app = create_qbwc_test_app(WebConnectorService(users, registry))

    def show(progress: Progress) -> None:
        if on_progress is not None and progress.percent is not None and progress.percent >= 0:
            on_progress(progress.percent)

    with serve_locally(app) as base_url:
        session = WebConnectorEmulator(
            url=f"{base_url}/qbwc/company/{COMPANY}",
            username=USERNAME,
            password=password,
            backend=quickbooks,
            on_progress=show,
        ).run()
    run_id = requests.current_run_id
    if run_id is None:
        problems = "; ".join(session.errors) or requests.last_refusal or session.outcome
        raise WebConnectorImportFailed(f"the Web Connector session ran no import: {problems}")
    return read_run(container.ledger, run_id)

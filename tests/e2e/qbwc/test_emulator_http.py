"""The emulator drives the endpoint over real HTTP, as the Web Connector would."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer import Typer
from typer.testing import CliRunner

from adapters.quickbooks.webconnector.emulator import (
    Progress,
    QuickBooksBackend,
    WebConnectorEmulator,
)
from adapters.quickbooks.webconnector.users import QbwcUser, UserDirectory
from api.cli import webconnector
from api.qbwc import create_qbwc_test_app
from tests.e2e.qbwc.conftest import ServeApp
from tests.unit.qbwc.factories import (
    ACME_FILE,
    ALICE_PASSWORD,
    BOB_PASSWORD,
    GLOBEX_FILE,
    cheap_hash,
    fake_quickbooks,
    make_setup,
    qbxml_request,
)


def test_two_companies_synchronise_over_http_without_crossing(serve_app: ServeApp) -> None:
    setup = make_setup(acme_requests=4, globex_requests=2)
    base_url = serve_app(create_qbwc_test_app(setup.service))
    seen_by_acme_quickbooks: list[str] = []

    def acme_quickbooks(request: str) -> str:
        seen_by_acme_quickbooks.append(request)
        return fake_quickbooks(request)

    progress: list[Progress] = []
    acme = WebConnectorEmulator(
        url=f"{base_url}/qbwc/company/acme",
        username="alice",
        password=ALICE_PASSWORD,
        backend=acme_quickbooks,
        company_file=ACME_FILE,
        on_progress=progress.append,
    ).run()
    globex = WebConnectorEmulator(
        url=f"{base_url}/qbwc/company/globex",
        username="bob",
        password=BOB_PASSWORD,
        backend=fake_quickbooks,
        company_file=GLOBEX_FILE,
    ).run()

    assert acme.outcome == "completed"
    assert acme.percents == [25, 50, 75, 100]
    assert seen_by_acme_quickbooks == list(setup.acme.requests)
    assert setup.acme.responses == acme.responses
    assert globex.outcome == "completed"
    assert setup.globex.answered == 2
    assert {s.company_id for s in setup.acme.sessions_seen} == {"acme"}
    assert {s.company_id for s in setup.globex.sessions_seen} == {"globex"}
    assert [p.percent for p in progress if p.percent is not None] == [25, 50, 75, 100]


def test_the_emulator_reports_an_endpoint_that_answers_faults(serve_app: ServeApp) -> None:
    setup = make_setup()
    base_url = serve_app(create_qbwc_test_app(setup.service))
    report = WebConnectorEmulator(
        url=f"{base_url}/qbwc/qwc/alice",
        username="alice",
        password=ALICE_PASSWORD,
        backend=fake_quickbooks,
    ).run()
    assert report.outcome == "error"
    assert report.errors


def test_the_webconnector_command_runs_a_session(
    serve_app: ServeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = make_setup(acme_requests=2)
    base_url = serve_app(create_qbwc_test_app(setup.service))
    opened: list[str] = []

    def open_fake(company_file: str) -> QuickBooksBackend:
        opened.append(company_file)
        return fake_quickbooks

    monkeypatch.setattr(webconnector, "open_quickbooks_backend", open_fake)
    app = Typer()
    app.command("noop")(lambda: None)
    webconnector.register(app)
    result = CliRunner().invoke(
        app,
        [
            "webconnector",
            "run",
            f"{base_url}/qbwc",
            "--username",
            "alice",
            "--company-file",
            ACME_FILE,
        ],
        env={"QBSYNC_QBWC_PASSWORD": ALICE_PASSWORD},
    )
    assert result.exit_code == 0, result.output
    assert "completed" in result.output
    assert opened == [ACME_FILE]
    assert setup.acme.answered == 2

    refused = CliRunner().invoke(
        app,
        ["webconnector", "run", f"{base_url}/qbwc", "-u", "alice", "-f", ACME_FILE],
        env={"QBSYNC_QBWC_PASSWORD": "wrong"},
    )
    assert refused.exit_code == 1
    assert "not a valid user" in refused.output


def test_the_quickbooks_simulator_answers_through_the_web_connector(
    serve_app: ServeApp, tmp_path: Path
) -> None:
    pytest.importorskip("adapters.quickbooks.simulator")
    company_file = str(tmp_path / "acme.qbsim")
    setup = make_setup(acme_requests=0)
    setup.acme.requests = [qbxml_request(1), qbxml_request(2)]
    setup.service.users = UserDirectory(
        [QbwcUser("alice", "acme", cheap_hash(ALICE_PASSWORD), company_file)]
    )
    base_url = serve_app(create_qbwc_test_app(setup.service))
    report = WebConnectorEmulator(
        url=f"{base_url}/qbwc",
        username="alice",
        password=ALICE_PASSWORD,
        backend=webconnector.open_quickbooks_backend(company_file),
        company_file=company_file,
    ).run()
    assert report.outcome == "completed", report.errors
    for request_id, response in enumerate(setup.acme.responses, start=1):
        assert f'<CustomerQueryRs requestID="{request_id}"' in response

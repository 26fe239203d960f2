from __future__ import annotations

from fastapi.testclient import TestClient

from adapters.quickbooks.webconnector.emulator import (
    Progress,
    QuickBooksBackendError,
    SessionReport,
    WebConnectorEmulator,
)
from api.qbwc import create_qbwc_test_app
from tests.unit.qbwc.factories import (
    ACME_FILE,
    ALICE_PASSWORD,
    BOB_PASSWORD,
    GLOBEX_FILE,
    Setup,
    fake_quickbooks,
    make_setup,
)


def emulate(
    setup: Setup,
    *,
    username: str = "alice",
    password: str = ALICE_PASSWORD,
    company_file: str = ACME_FILE,
    backend: object = fake_quickbooks,
    **options: object,
) -> SessionReport:
    client = TestClient(create_qbwc_test_app(setup.service))
    emulator = WebConnectorEmulator(
        url="http://testserver/qbwc",
        username=username,
        password=password,
        backend=backend,  # type: ignore[arg-type]
        company_file=company_file,
        http=client,
        noop_wait_seconds=0,
        **options,  # type: ignore[arg-type]
    )
    return emulator.run()


def test_a_session_runs_to_completion_and_reports_progress() -> None:
    setup = make_setup(acme_requests=3)
    progress: list[Progress] = []
    report = emulate(setup, on_progress=progress.append)
    assert report.outcome == "completed"
    assert report.succeeded
    assert report.percents == [33, 66, 100]
    assert len(report.requests) == 3
    assert report.responses == setup.acme.responses
    assert report.server_version == "qbsync 0.1.0"
    assert report.close_message.startswith("OK: 3 of 3")
    assert [p.percent for p in progress if p.step == "receiveResponseXML"] == [33, 66, 100]
    assert progress[0].step == "serverVersion"
    assert progress[-1].step == "closeConnection"


def test_an_open_file_user_reports_whatever_file_is_open() -> None:
    setup = make_setup(globex_requests=2)
    report = emulate(setup, username="bob", password=BOB_PASSWORD, company_file=GLOBEX_FILE)
    assert report.outcome == "completed"
    assert setup.globex.answered == 2


def test_a_wrong_password_stops_at_authenticate() -> None:
    setup = make_setup()
    report = emulate(setup, password="wrong")
    assert report.outcome == "not a valid user"
    assert not report.requests
    assert not setup.acme.saw_anything


def test_nothing_to_do_ends_politely() -> None:
    setup = make_setup(acme_requests=0)
    report = emulate(setup)
    assert report.outcome == "nothing to do"
    assert report.succeeded
    assert report.close_message == "OK: nothing to do."


def test_an_old_web_connector_is_refused() -> None:
    report = emulate(make_setup(), client_version="1.0.0.0")
    assert report.outcome == "refused"
    assert report.client_version_reply.startswith("E:")


def test_a_failing_quickbooks_is_reported_with_its_hresult() -> None:
    setup = make_setup(acme_requests=3)

    def broken(_request: str) -> str:
        raise QuickBooksBackendError("0x80040400", "QuickBooks found an error when parsing")

    report = emulate(setup, backend=broken)
    assert report.outcome == "error"
    assert len(report.requests) == 1
    assert setup.acme.errors == [("0x80040400", "QuickBooks found an error when parsing")]
    assert any("0x80040400" in error for error in report.errors)
    assert report.close_message.startswith("Closed after an error")


def test_an_unexpected_backend_crash_is_reported_as_0x80040402() -> None:
    setup = make_setup()

    def crashing(_request: str) -> str:
        raise RuntimeError("simulator blew up")

    report = emulate(setup, backend=crashing)
    assert setup.acme.errors == [("0x80040402", "simulator blew up")]
    assert report.outcome == "error"


def test_the_wrong_company_file_open_ends_with_connection_error() -> None:
    setup = make_setup()
    report = emulate(setup, company_file=GLOBEX_FILE)
    assert report.outcome == "error"
    assert not report.requests
    assert setup.acme.errors
    assert setup.acme.errors[0][0] == "0x80040408"
    assert setup.acme.responses == []


def test_an_unreachable_server_is_an_error_in_the_report() -> None:
    emulator = WebConnectorEmulator(
        url="http://127.0.0.1:9/qbwc",
        username="alice",
        password="x",
        backend=fake_quickbooks,
        timeout_seconds=2,
    )
    report = emulator.run()
    assert report.outcome == "error"
    assert report.errors


def test_an_exception_carrying_an_hresult_keeps_it() -> None:
    setup = make_setup()

    class Rejected(Exception):
        hresult = "0x80040400"

    def rejecting(_request: str) -> str:
        raise Rejected("bad element order")

    emulate(setup, backend=rejecting)
    assert setup.acme.errors == [("0x80040400", "bad element order")]

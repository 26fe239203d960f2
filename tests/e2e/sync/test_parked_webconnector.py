"""Through the Web Connector emulator over HTTP: with two and then three runs open and one
operation QuickBooks refuses, that operation is sent once, the session reaches 100% and
every run is closed afterwards."""

from __future__ import annotations

import pytest

from adapters.quickbooks.webconnector.emulator import WebConnectorEmulator
from api.app import create_app
from api.bootstrap import Container
from domain.lines import make_line
from domain.policy import PolicyLevel
from tests.e2e.qbwc.conftest import ServeApp, serve_app  # noqa: F401  (the fixture)
from tests.e2e.sync.conftest import DAY, PASSWORD, invoice_copies


@pytest.mark.parametrize("open_runs", [2, 3])
def test_a_parked_operation_is_sent_once_whatever_runs_are_open(
    container: Container,
    serve_app: ServeApp,  # noqa: F811
    open_runs: int,
) -> None:
    ledger = container.ledger
    ledger.record_import_completed("import-1")
    ledger.change_policy_level(PolicyLevel.AGGRESSIVE, "controller")
    ledger.register_customer("C9", "Refused Item Towing")
    ledger.create_invoice("901-1", "C9", DAY, [make_line("Towing", "tow", "1", "20.00")])
    bad = make_line("Hovercraft Recovery", "no such item in QuickBooks", "1", "99.00")
    ledger.create_invoice("900-1", "C9", DAY, [bad])
    for number in ("900-1", "901-1"):
        ledger.finalize_invoice(number)
    sync = container.synchronizer()
    for _ in range(open_runs):
        sync.start_run()
    sim = container.quickbooks_simulator()
    sends = {"900-1": 0}

    def quickbooks(message: str) -> str:
        if "<InvoiceAdd>" in message:
            sends["900-1"] += message.count("<RefNumber>900-1</RefNumber>")
        return sim.handle(message)

    base_url = serve_app(create_app(container))
    reports = [
        WebConnectorEmulator(
            url=f"{base_url}/qbwc/company/miller",
            username="bookkeeper",
            password=PASSWORD,
            backend=quickbooks,
        ).run()
        for _ in range(3)
    ]
    first = reports[0]
    assert first.outcome == "completed", first.errors
    assert first.percents[-1] == 100
    assert [r.outcome for r in reports[1:]] == ["nothing to do", "nothing to do"]
    assert sends["900-1"] == 1 <= sync.engine.settings.max_attempts
    assert [p["operation"] for p in sync.parked()] == ["invoice-add:900-1"]
    assert not sync.engine.runs.open_runs()
    assert invoice_copies(sim)["901-1"] == 1
    assert invoice_copies(sim)["900-1"] == 0

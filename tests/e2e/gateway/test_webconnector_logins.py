"""Repeated failed Web Connector logins back off per client address, over a real uvicorn
(every client here comes from 127.0.0.1; per user name: tests/unit/qbwc/test_login_backoff.py)."""

from __future__ import annotations

import zeep

from adapters.quickbooks.webconnector.login_backoff import LoginBackoff
from adapters.quickbooks.webconnector.service import WebConnectorService
from api.qbwc import create_qbwc_test_app
from tests.e2e.qbwc.conftest import ServeApp
from tests.unit.qbwc.factories import (
    BOB_PASSWORD,
    FakeClock,
    make_setup,
    zeep_client,
)


def serve_with_backoff(serve_app: ServeApp, free_failures: int) -> tuple[zeep.Client, FakeClock]:
    setup = make_setup()
    clock = FakeClock()
    backoff = LoginBackoff(free_failures=free_failures, first_wait_seconds=60, clock=clock)
    service = WebConnectorService(setup.service.users, setup.service.sources, login_backoff=backoff)
    base_url = serve_app(create_qbwc_test_app(service))
    return zeep_client(f"{base_url}/qbwc?wsdl"), clock


def answer(client: zeep.Client, username: str, password: str) -> str:
    return str(client.service.authenticate(username, password)[1])


def test_an_address_that_keeps_failing_is_refused_for_every_user_name(
    serve_app: ServeApp,
) -> None:
    client, clock = serve_with_backoff(serve_app, free_failures=2)
    for name in ("mallory", "eve", "trent"):
        assert answer(client, name, "guess") == "nvu"

    # This address failed three times: bob's right password from it waits too.
    assert answer(client, "bob", BOB_PASSWORD) == "nvu"
    clock.advance(61)
    assert answer(client, "bob", BOB_PASSWORD) != "nvu"

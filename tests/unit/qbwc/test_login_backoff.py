"""Failed Web Connector logins back off per user name, whichever address they come from."""

from __future__ import annotations

from adapters.quickbooks.webconnector.login_backoff import LoginBackoff
from adapters.quickbooks.webconnector.service import WebConnectorService
from tests.unit.qbwc.factories import ALICE_PASSWORD, BOB_PASSWORD, FakeClock, make_setup


def service_with(clock: FakeClock, free_failures: int = 3) -> WebConnectorService:
    setup = make_setup()
    backoff = LoginBackoff(free_failures=free_failures, first_wait_seconds=60, clock=clock)
    return WebConnectorService(setup.service.users, setup.service.sources, login_backoff=backoff)


def answer(service: WebConnectorService, username: str, password: str, address: str) -> str:
    return service.authenticate(username, password, client_address=address)[1]


def test_a_user_name_failing_from_many_addresses_is_refused_for_a_growing_while() -> None:
    clock = FakeClock()
    service = service_with(clock)
    addresses = iter(f"10.0.0.{n}" for n in range(1, 100))
    for _ in range(3):
        assert answer(service, "alice", "wrong", next(addresses)) == "nvu"
    assert answer(service, "alice", ALICE_PASSWORD, next(addresses)) != "nvu"  # 3 are free
    for _ in range(4):
        assert answer(service, "alice", "wrong", next(addresses)) == "nvu"

    # The fourth failure since the success: alice is refused, unchecked, for 60 s.
    assert answer(service, "alice", ALICE_PASSWORD, next(addresses)) == "nvu"
    assert answer(service, "bob", BOB_PASSWORD, next(addresses)) != "nvu"  # others are not
    clock.advance(61)
    assert answer(service, "alice", ALICE_PASSWORD, next(addresses)) != "nvu"


def test_each_failure_beyond_the_free_ones_doubles_the_wait() -> None:
    clock = FakeClock()
    backoff = LoginBackoff(
        free_failures=1, first_wait_seconds=10, longest_wait_seconds=35, clock=clock
    )
    waits = []
    for _ in range(5):
        backoff.failed("alice", "")
        waits.append(backoff.wait_seconds("alice", ""))
    assert waits == [0, 10, 20, 35, 35]
    backoff.succeeded("alice")
    assert backoff.wait_seconds("alice", "") == 0

"""Fixtures for the simulator tests: a simulator on the demo company whose every response is
checked against Intuit's schema, a settable clock and a recording sleep."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from lxml import etree

from adapters.quickbooks.simulator import Faults, QuickBooksSimulator
from adapters.quickbooks.simulator.demo_company import demo_company

Ask = Callable[..., etree._Element]


class FakeClock:
    def __init__(self) -> None:
        self.moment = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, seconds: int) -> None:
        self.moment += timedelta(seconds=seconds)


class RecordingSleep:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sleeps() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
def sim(
    qbxml_schema: etree.XMLSchema, clock: FakeClock, sleeps: RecordingSleep
) -> QuickBooksSimulator:
    return QuickBooksSimulator(demo_company(clock), schema=qbxml_schema, faults=Faults(sleeps))


def validated(schema: etree.XMLSchema, response: str) -> etree._Element:
    root = etree.fromstring(response.encode("utf-8"))
    assert schema.validate(root), f"{schema.error_log}\n{response[:3000]}"
    return root


@pytest.fixture
def ask(sim: QuickBooksSimulator, qbxml_schema: etree.XMLSchema) -> Ask:
    """Send a message to `sim` and return the parsed response, after checking it against the
    schema."""

    def send(request: str, simulator: QuickBooksSimulator | None = None) -> etree._Element:
        return validated(qbxml_schema, (simulator or sim).handle(request))

    return send

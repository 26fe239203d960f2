"""The policy routes over HTTP: readiness, explain (now and as of), what-if, level switch."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from adapters.settings import Settings
from api.app import create_app
from api.bootstrap import Container, bootstrap
from domain.lines import make_line


@pytest.fixture
def container(tmp_path: Path) -> Iterator[Container]:
    built = bootstrap(Settings(data_dir=tmp_path))
    yield built
    built.close()


@pytest.fixture
def client(container: Container) -> TestClient:
    ledger = container.ledger
    ledger.register_customer("C1", "Acme Towing")
    for number in ("1234567-1", "1234567-2"):
        ledger.create_invoice(number, "C1", date(2024, 3, 1), [make_line("tow", "", "1", "100")])
        ledger.finalize_invoice(number)
    ledger.record_job_payment("P1", "1234567-1", "100.00", date(2024, 3, 2))
    ledger.record_job_payment("P2", "1234567-2", "60.00", date(2024, 3, 2))
    return TestClient(create_app(container))


def test_readiness_filters_by_type_state_and_level(client: TestClient) -> None:
    waiting = client.get("/policy/readiness", params={"kind": "invoice", "state": "waiting"})
    assert waiting.status_code == 200
    assert [r["key"] for r in waiting.json()] == ["1234567-1", "1234567-2"]
    aggressive = client.get(
        "/policy/readiness", params={"kind": "invoice", "state": "ready", "level": "aggressive"}
    )
    assert [r["key"] for r in aggressive.json()] == ["1234567-1", "1234567-2"]


def test_explain_now_and_as_of_an_earlier_position(client: TestClient) -> None:
    now = client.get("/policy/explain/invoice/1234567-1").json()
    assert now["level"] == "conservative"
    reasons = [c["text"] for c in now["imports"]["conservative"]["unmet"]]
    assert reasons == ["invoice 1234567-2 of job 1234567 has an open balance of 40.00"]
    assert now["imports"]["conservative"]["unmet"][0]["cited"][0]["position"] > 0
    before = client.get("/policy/explain/invoice/1234567-1", params={"as_of_position": 2}).json()
    assert before["as_of_position"] == 2
    assert before["imports"]["aggressive"]["state"] == "waiting"  # created, not finalized, at #2
    missing = client.get("/policy/explain/payment/NOPE")
    assert missing.status_code == 404


def test_switching_level_needs_the_token_and_changes_what_if(
    client: TestClient, container: Container
) -> None:
    before = client.get("/policy/what-if").json()
    assert before["current"] == "conservative"
    assert "invoice 1234567-1" in before["differences"]["aggressive"]["added"]["imports"]
    body = {"level": "aggressive", "changed_by": "controller"}
    assert client.post("/policy/level", json=body).status_code == 401
    headers = {"Authorization": f"Bearer {container.api_token}"}
    after = client.post("/policy/level", json=body, headers=headers)
    assert after.status_code == 200
    assert after.json()["current"] == "aggressive"
    assert "invoice 1234567-1" in after.json()["work"]["aggressive"]["imports"]

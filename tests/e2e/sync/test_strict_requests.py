"""Strict requests: unknown fields, kinds, states and transaction keys are refused naming what
was wrong and what is valid; every old spelling of a kind is still understood."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.bootstrap import Container, bootstrap
from api.cli import app
from domain.kinds import SPELLINGS
from tests.e2e.sync.conftest import TOKEN, record_paid_job, settings_for

WRITER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(container: Container) -> Iterator[TestClient]:
    container.ledger.record_import_completed("test")
    record_paid_job(container, "9101", "C1", "50.00")
    with TestClient(create_app(container), headers=WRITER) as client:
        yield client


def events_stored(container: Container) -> int:
    return int(container.ledger.recorder.max_notification_id() or 0)


def test_unknown_transaction_keys_in_a_selection_are_refused_404_naming_them(
    client: TestClient, container: Container
) -> None:
    before = events_stored(container)
    body = {"transactions": {"invoice": ["9101-1", "9999-1"], "job payment": ["NOPE"]}}

    answer = client.post("/sync/runs", json=body)

    assert answer.status_code == 404, answer.text
    detail = answer.json()["detail"]
    assert "invoice:9999-1" in detail
    assert "payment:NOPE" in detail
    assert "9101-1" not in detail
    assert events_stored(container) == before


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/sync/runs", {"types": ["estimate"]}),
        ("/sync/runs", {"transactions": {"estimate": ["1"]}}),
    ],
)
def test_an_unknown_kind_in_a_selection_is_refused_422_listing_the_valid_ones(
    client: TestClient, url: str, body: dict[str, object]
) -> None:
    answer = client.post(url, json=body)

    assert answer.status_code == 422, answer.text
    assert "'estimate'" in answer.json()["detail"]
    assert all(spelling in answer.json()["detail"] for spelling in SPELLINGS)


@pytest.mark.parametrize("spelling", ["job payment", "job-payment", "job_payment", "JOB-PAYMENT"])
def test_every_spelling_of_a_kind_filters_readiness(client: TestClient, spelling: str) -> None:
    answer = client.get("/policy/readiness", params={"kind": spelling})

    assert answer.status_code == 200, answer.text
    assert {row["kind"] for row in answer.json()} == {"job payment"}


def test_payment_filters_readiness_to_both_kinds_of_payment(client: TestClient) -> None:
    kinds = {row["kind"] for row in client.get("/policy/readiness").json()}
    paid = client.get("/policy/readiness", params={"kind": "payment"}).json()

    assert "invoice" in kinds
    assert {row["kind"] for row in paid} == {"job payment"}


@pytest.mark.parametrize(
    ("params", "named", "valid"),
    [
        ({"kind": "estimate"}, "'estimate'", "credit-memo"),
        ({"state": "almost"}, "'almost'", "ready with"),
    ],
)
def test_an_unknown_kind_or_state_filter_is_refused_422_listing_the_valid_ones(
    client: TestClient, params: dict[str, str], named: str, valid: str
) -> None:
    answer = client.get("/policy/readiness", params=params)

    assert answer.status_code == 422, answer.text
    assert named in answer.json()["detail"]
    assert valid in answer.json()["detail"]


@pytest.mark.parametrize("spelling", ["credit_memo", "credit memo", "credit-memo"])
def test_old_spellings_of_credit_memo_are_understood_by_explain(
    client: TestClient, spelling: str
) -> None:
    answer = client.get(f"/policy/explain/{spelling}/NOPE")

    assert answer.status_code == 404, answer.text
    assert answer.json()["detail"] == "credit memo NOPE does not exist in the ledger"


def test_qbsync_readiness_takes_job_payment_as_its_type(tmp_path: Path) -> None:
    container = bootstrap(settings_for(tmp_path))
    try:
        container.ledger.record_import_completed("test")
        record_paid_job(container, "9101", "C1", "50.00")
    finally:
        container.close()
    env = {"QBSYNC_DATA_DIR": str(tmp_path), "QBSYNC_DATABASE_URL": ""}

    result = CliRunner().invoke(app, ["readiness", "--type", "job-payment", "--json"], env=env)
    unknown = CliRunner().invoke(app, ["readiness", "--type", "estimate"], env=env)

    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert '"kind": "job payment"' in result.output
    assert '"invoice"' not in result.output
    assert unknown.exit_code == 1
    assert "unknown transaction type 'estimate'" in unknown.output

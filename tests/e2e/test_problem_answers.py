"""Every error answer is application/problem+json (RFC 9457), served by real uvicorn."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from adapters.settings import Settings
from api.app import create_app
from api.bootstrap import bootstrap
from api.cli.local_server import serve_locally

TOKEN = "problem-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
RFC_9457_MEMBERS = {"type", "title", "status", "detail", "instance"}


class DiskFailure(OSError):
    pass


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    container = bootstrap(Settings(data_dir=tmp_path, database_url="", api_token=TOKEN))
    app = create_app(container)

    def failing_route() -> None:
        raise DiskFailure("/secret/path/ledger.sqlite: disk I/O error")

    app.add_api_route("/test-only/failure", failing_route, methods=["GET"])
    try:
        with serve_locally(app) as url:
            yield url
    finally:
        container.close()


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body.keys() >= RFC_9457_MEMBERS
    assert body["status"] == status
    assert isinstance(body["detail"], str)
    assert body["detail"]
    assert isinstance(body["retryable"], bool)
    return body


def test_an_unknown_record_is_a_problem_naming_the_record(base_url: str) -> None:
    body = problem(httpx.get(f"{base_url}/invoices/NOPE", headers=AUTH), 404)
    assert body["type"] == "urn:qbsync:problem:unknown-record"
    assert body["record"] == {"kind": "invoice", "key": "NOPE"}
    assert body["detail"] == "invoice NOPE does not exist in the ledger"
    assert body["instance"] == "/invoices/NOPE"
    assert body["retryable"] is False


def test_an_unknown_route_is_a_problem(base_url: str) -> None:
    body = problem(httpx.get(f"{base_url}/no-such-route", headers=AUTH), 404)
    assert body["type"] == "about:blank"
    assert body["title"] == "Not Found"
    assert "/no-such-route" in body["detail"]


def test_a_wrong_method_is_a_problem_listing_the_allowed_ones(base_url: str) -> None:
    response = httpx.delete(f"{base_url}/invoices/1-1", headers=AUTH)
    body = problem(response, 405)
    assert response.headers["allow"] == "GET"
    assert "DELETE" in body["detail"]
    assert "GET" in body["detail"]


def test_a_malformed_body_is_a_problem_naming_each_field(base_url: str) -> None:
    sent = {"code": "ACME", "name": 12, "nickname": "x" * 10_000}
    response = httpx.post(f"{base_url}/customers", json=sent, headers=AUTH)
    body = problem(response, 422)
    assert body["error"] == "InvalidRequest"
    assert ["body", "name"] in [field["loc"] for field in body["errors"]]
    assert "body.name" in body["detail"]
    assert "x" * 100 not in response.text


def test_a_domain_rule_is_a_problem_with_its_name(base_url: str) -> None:
    sent = {"reference": "P-0", "customer": "ACME", "amount": "0", "txn_date": "2024-03-02"}
    body = problem(httpx.post(f"{base_url}/payments/account", json=sent, headers=AUTH), 404)
    assert body["error"] == "UnknownRecord"
    assert body["record"] == {"kind": "customer", "key": "ACME"}


def test_a_missing_token_is_a_problem(base_url: str) -> None:
    response = httpx.post(f"{base_url}/customers", json={"code": "A", "name": "A"})
    body = problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    assert "bearer token" in body["detail"]


def test_an_unexpected_failure_is_a_500_problem_with_a_request_id_and_no_trace(
    base_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="api.errors"):
        response = httpx.get(f"{base_url}/test-only/failure", headers=AUTH)
    body = problem(response, 500)
    assert body["error"] == "InternalError"
    assert body["retryable"] is False
    request_id = body["request_id"]
    assert len(request_id) == 32
    assert response.headers["x-request-id"] == request_id
    assert request_id in body["detail"]
    for leak in ("Traceback", "DiskFailure", "/secret/path", "disk I/O"):
        assert leak not in response.text
    logged = [record for record in caplog.records if request_id in record.getMessage()]
    assert logged
    assert logged[0].exc_info is not None


def test_a_sane_request_id_from_the_caller_is_kept(base_url: str) -> None:
    headers = {**AUTH, "X-Request-ID": "call-42"}
    body = problem(httpx.get(f"{base_url}/test-only/failure", headers=headers), 500)
    assert body["request_id"] == "call-42"

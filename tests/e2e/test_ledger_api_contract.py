"""The API's contract: bearer token on every write, open reads, and a complete OpenAPI."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.ledger_api_client import LedgerApi, ledger_api, register_customer

EXPECTED_OPERATIONS = {
    ("GET", "/health"),
    ("GET", "/company"),
    ("POST", "/customers"),
    ("PUT", "/customers/{code}/name"),
    ("PUT", "/customers/{code}/qb-name"),
    ("GET", "/customers/{code}"),
    ("POST", "/invoices"),
    ("PUT", "/invoices/{number}/lines"),
    ("POST", "/invoices/{number}/finalize"),
    ("POST", "/invoices/{number}/void"),
    ("POST", "/invoices/{number}/write-off"),
    ("GET", "/invoices/{number}"),
    ("POST", "/payments/job"),
    ("POST", "/payments/account"),
    ("POST", "/payments/{reference}/applications"),
    ("DELETE", "/payments/{reference}/applications/{invoice}"),
    ("POST", "/payments/{reference}/finish"),
    ("POST", "/payments/{reference}/void"),
    ("GET", "/payments/{reference}"),
    ("POST", "/credit-memos"),
    ("POST", "/credit-memos/{number}/applications"),
    ("DELETE", "/credit-memos/{number}/applications/{invoice}"),
    ("POST", "/credit-memos/{number}/finish"),
    ("POST", "/credit-memos/{number}/void"),
    ("GET", "/credit-memos/{number}"),
    ("POST", "/manual-actions/{action_id}/done"),
    ("GET", "/manual-actions/{action_id}"),
}
LEDGER_PREFIXES = ("/company", "/customers", "/invoices", "/payments", "/credit-memos", "/manual-")
LEDGER_WRITES = sorted((m, p) for m, p in EXPECTED_OPERATIONS if m != "GET")


@pytest.fixture
def api(tmp_path: Path) -> Iterator[LedgerApi]:
    with ledger_api(tmp_path) as client:
        yield client


@pytest.fixture
def openapi(api: LedgerApi) -> dict[str, Any]:
    schema: dict[str, Any] = api.anonymous.get("/openapi.json").json()
    return schema


def operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield method.upper(), path, operation


def concrete(path: str) -> str:
    """`path` with every parameter filled in (a UUID fits every kind of key)."""
    return re.sub(r"\{[^}]+\}", "00000000-0000-0000-0000-000000000000", path)


@pytest.mark.parametrize(("method", "path"), LEDGER_WRITES)
@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", "Basic d3JpdGVy"])
def test_every_write_needs_the_bearer_token(
    api: LedgerApi, method: str, path: str, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = api.anonymous.request(method, concrete(path), json={}, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_every_write_route_of_the_ledger_is_guarded(
    api: LedgerApi, openapi: dict[str, Any]
) -> None:
    writes = {
        (method, path)
        for method, path, _ in operations(openapi)
        if method != "GET" and path.startswith(LEDGER_PREFIXES)
    }
    assert len(writes) >= len(LEDGER_WRITES)
    for method, path in writes:
        response = api.anonymous.request(method, concrete(path), json={})
        assert response.status_code == 401, f"{method} {path} answers without a token"


def test_a_refused_write_records_nothing(api: LedgerApi) -> None:
    body = {"code": "ACME", "name": "Acme"}
    wrong = {"Authorization": "Bearer wrong-token"}
    assert api.anonymous.post("/customers", json=body, headers=wrong).status_code == 401
    assert api.anonymous.get("/customers/ACME").status_code == 404


def test_reads_need_no_token(api: LedgerApi) -> None:
    register_customer(api)
    assert api.anonymous.get("/customers/ACME").status_code == 200
    assert api.anonymous.get("/company").status_code == 200


def test_openapi_lists_every_route_of_the_ledger(openapi: dict[str, Any]) -> None:
    listed = {(method, path) for method, path, _ in operations(openapi)}
    assert listed >= EXPECTED_OPERATIONS


def test_every_operation_is_summarised_and_described(openapi: dict[str, Any]) -> None:
    for method, path, operation in operations(openapi):
        if (method, path) in EXPECTED_OPERATIONS:
            assert operation.get("summary"), f"{method} {path} has no summary"
            assert operation.get("description"), f"{method} {path} has no description"
            assert operation.get("tags"), f"{method} {path} has no tag"


def test_writes_declare_their_errors_and_the_bearer_scheme(openapi: dict[str, Any]) -> None:
    for method, path, operation in operations(openapi):
        if (method, path) in LEDGER_WRITES:
            assert {"401", "404", "409", "422"} <= set(operation["responses"]), path
            assert operation["security"] == [{"HTTPBearer": []}], path
    assert openapi["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


def test_reads_declare_not_found_and_return_history(openapi: dict[str, Any]) -> None:
    for method, path, operation in operations(openapi):
        if method == "GET" and "{" in path and path.startswith(LEDGER_PREFIXES):
            assert "404" in operation["responses"], path
            assert operation["security"] == [{"HTTPBearer": []}], path  # needed in production
            ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            detail = openapi["components"]["schemas"][ref.rsplit("/", 1)[1]]
            assert "history" in detail["properties"], path


def test_money_is_documented_as_a_string(openapi: dict[str, Any]) -> None:
    schemas = openapi["components"]["schemas"]
    invoice = schemas.get("InvoiceOut-Output", schemas.get("InvoiceOut"))
    assert invoice is not None
    assert invoice["properties"]["total"]["type"] == "string"
    assert schemas["ApplicationIn"]["properties"]["amount"]["type"] == "string"
    entry = schemas.get("HistoryEntry-Output", schemas.get("HistoryEntry"))
    assert entry is not None
    assert set(entry["required"]) == {"version", "type", "timestamp", "data"}

"""An HTTP client for the ledger API on a fresh SQLite ledger, and steps that seed it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from adapters.settings import Settings
from api.app import create_app
from api.bootstrap import Container, bootstrap

TOKEN = "writer-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@dataclass
class LedgerApi:
    """`writer` sends the bearer token, `anonymous` sends none; both reach the same ledger."""

    writer: TestClient
    anonymous: TestClient
    container: Container

    def ok(self, method: str, url: str, json: Any = None, status: int = 200) -> Any:
        """Send a write with the token and return the answer's JSON, checking its status."""
        response = self.writer.request(method, url, json=json)
        assert response.status_code == status, response.text
        return response.json()

    def get(self, url: str) -> Any:
        response = self.anonymous.get(url)
        assert response.status_code == 200, response.text
        return response.json()


@contextmanager
def ledger_api(data_dir: Path) -> Iterator[LedgerApi]:
    settings = Settings(data_dir=data_dir, database_url="", api_token=TOKEN)
    container = bootstrap(settings)
    app = create_app(container)
    try:
        with TestClient(app, headers=AUTH) as writer, TestClient(app) as anonymous:
            yield LedgerApi(writer, anonymous, container)
    finally:
        container.close()


def line(rate: str, item: str = "TOW", quantity: str = "1") -> dict[str, str]:
    return {"item": item, "description": f"{item} service", "quantity": quantity, "rate": rate}


def register_customer(api: LedgerApi, code: str = "ACME", name: str = "Acme Towing") -> Any:
    return api.ok("POST", "/customers", {"code": code, "name": name}, status=201)


def create_invoice(
    api: LedgerApi, number: str, customer: str = "ACME", rate: str = "100.00"
) -> Any:
    body = {"number": number, "customer": customer, "txn_date": "2024-03-01", "lines": [line(rate)]}
    return api.ok("POST", "/invoices", body, status=201)


def record_account_payment(
    api: LedgerApi, reference: str, amount: str, customer: str = "ACME"
) -> Any:
    body = {
        "reference": reference,
        "customer": customer,
        "amount": amount,
        "txn_date": "2024-03-02",
    }
    return api.ok("POST", "/payments/account", body, status=201)


def create_credit_memo(api: LedgerApi, number: str, rate: str, customer: str = "ACME") -> Any:
    body = {"number": number, "customer": customer, "txn_date": "2024-03-03", "lines": [line(rate)]}
    return api.ok("POST", "/credit-memos", body, status=201)


def event_types(record: Any) -> list[str]:
    return [entry["type"] for entry in record["history"]]


_PATHS = {"invoice": "/invoices/", "payment": "/payments/", "credit memo": "/credit-memos/"}


def quickbooks_imported(
    api: LedgerApi, kind: str, key: str, txn_id: str, edit_sequence: str = ""
) -> Any:
    """QuickBooks' answer that it holds the record, recorded as the sync records it (no route
    lets a client assert a TxnID); returns the record as the API reads it."""
    api.container.ledger.record_imported(kind, key, txn_id, edit_sequence)
    return api.get(_PATHS[kind] + key)


def quickbooks_applied(
    api: LedgerApi, kind: str, key: str, invoice: str, edit_sequence: str = ""
) -> Any:
    """QuickBooks' answer that it applied the payment or credit to the invoice."""
    api.container.ledger.record_applied(kind, key, invoice, edit_sequence)
    return api.get(_PATHS[kind] + key)

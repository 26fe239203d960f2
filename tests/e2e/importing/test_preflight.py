"""Pre-flight against the imported lists: once an import has brought QuickBooks' items and
payment methods, an entry naming one QuickBooks does not have is refused at once (422),
naming the closest entries and how to refresh the lists; nothing is recorded."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.ledger_api_client import LedgerApi, ledger_api, line

TODAY = "2024-03-02"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LedgerApi]:
    with ledger_api(tmp_path_factory.mktemp("preflight")) as client:
        client.ok("POST", "/imports", {}, status=201)  # the simulator's towing company
        client.ok("POST", "/customers", {"code": "ACME", "name": "Acme Towing"}, status=201)
        yield client


def events_stored(api: LedgerApi) -> int:
    return int(api.container.ledger.recorder.max_notification_id() or 0)


def invoice(number: str, item: str) -> dict[str, Any]:
    return {"number": number, "customer": "ACME", "txn_date": TODAY, "lines": [line("10", item)]}


@pytest.mark.parametrize(
    ("url", "body", "field", "closest"),
    [
        ("/invoices", invoice("P-1", "TOW"), "item 'TOW'", "'Towing'"),
        ("/invoices", invoice("P-2", "Milage"), "item 'Milage'", "'Mileage'"),
        ("/credit-memos", invoice("CM-P1", "Storag"), "item 'Storag'", "'Storage'"),
        (
            "/payments/account",
            {"reference": "R-1", "customer": "ACME", "amount": "5.00", "txn_date": TODAY,
             "method": "Bitcoin"},
            "method 'Bitcoin'",
            "payment method list",
        ),
    ],
)  # fmt: skip
def test_a_name_the_imported_lists_do_not_hold_is_refused_naming_the_closest(
    api: LedgerApi, url: str, body: dict[str, Any], field: str, closest: str
) -> None:
    before = events_stored(api)

    refused = api.writer.post(url, json=body)

    assert refused.status_code == 422, refused.text
    detail = refused.json()["detail"]
    assert field in detail
    assert closest in detail
    assert "refresh the lists" in detail
    assert "qbsync import" in detail
    assert events_stored(api) == before


def test_names_the_lists_hold_are_taken_whatever_their_case(api: LedgerApi) -> None:
    created = api.ok("POST", "/invoices", invoice("P-9", "towing"), status=201)
    payment = {
        "reference": "R-9", "customer": "ACME", "amount": "5.00", "txn_date": TODAY,
        "method": "Check",
    }  # fmt: skip

    api.ok("POST", "/payments/account", payment, status=201)

    assert created["lines"][0]["item"] == "towing"


def test_editing_a_drafts_lines_is_checked_too(api: LedgerApi) -> None:
    api.ok("POST", "/invoices", invoice("P-10", "Towing"), status=201)

    refused = api.writer.put("/invoices/P-10/lines", json={"lines": [line("10", "Towin")]})

    assert refused.status_code == 422
    assert "'Towing'" in refused.json()["detail"]

"""A way to correct what QuickBooks refused: an invoice or credit memo QuickBooks does not hold
is corrected after finalizing (who and why recorded), then finalized again; once QuickBooks
holds it, it stays locked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.ledger_api_client import (
    LedgerApi,
    create_credit_memo,
    create_invoice,
    event_types,
    ledger_api,
    line,
    register_customer,
)


@pytest.fixture
def api(tmp_path: Path) -> Iterator[LedgerApi]:
    with ledger_api(tmp_path) as client:
        register_customer(client)
        yield client


def correction(rate: str, item: str = "TOW") -> dict[str, Any]:
    return {
        "lines": [line(rate, item=item)],
        "corrected_by": "Dana (bookkeeper)",
        "reason": "QuickBooks refused item HAUL (3140): the item is TOW",
    }


def readiness_of(api: LedgerApi, number: str) -> str:
    rows = api.get("/policy/readiness?kind=invoice&level=aggressive")
    [row] = [r for r in rows if r["key"] == number]
    return str(row["imports"]["aggressive"]["state"])


def test_a_finalized_invoice_quickbooks_does_not_hold_is_corrected_then_finalized_again(
    api: LedgerApi,
) -> None:
    create_invoice(api, "100-1")
    api.ok("POST", "/invoices/100-1/finalize")
    assert readiness_of(api, "100-1") == "ready"

    corrected = api.ok("POST", "/invoices/100-1/correction", correction("120.00"))

    assert corrected["status"] == "draft"
    assert corrected["total"] == "120.00"
    assert readiness_of(api, "100-1") == "waiting"  # not finalized: not sent
    api.ok("POST", "/invoices/100-1/finalize")
    record = api.get("/invoices/100-1")
    assert event_types(record) == ["Created", "Finalized", "Corrected", "Finalized"]
    [entry] = [e for e in record["history"] if e["type"] == "Corrected"]
    assert entry["data"]["corrected_by"] == "Dana (bookkeeper)"
    assert "3140" in entry["data"]["reason"]
    assert readiness_of(api, "100-1") == "ready"


def test_once_quickbooks_holds_the_invoice_a_correction_is_refused(api: LedgerApi) -> None:
    create_invoice(api, "200-1")
    api.ok("POST", "/invoices/200-1/finalize")
    api.container.ledger.record_imported("invoice", "200-1", "T-1", "1")  # as the sync does
    before = api.container.ledger.recorder.max_notification_id()

    refused = api.writer.post("/invoices/200-1/correction", json=correction("120.00"))

    assert refused.status_code == 409
    assert refused.json()["error"] == "LockedByQuickBooks"
    assert "QuickBooks already holds it" in refused.json()["detail"]
    assert api.container.ledger.recorder.max_notification_id() == before


@pytest.mark.parametrize(
    ("change", "status", "said"),
    [
        ({"corrected_by": ""}, 422, "corrected_by"),
        ({"reason": " "}, 422, "needs a reason"),
        ({"lines": [line("10.00", item="I" * 32)]}, 422, "item"),
    ],
)
def test_a_correction_names_who_and_why_and_keeps_the_limits(
    api: LedgerApi, change: dict[str, Any], status: int, said: str
) -> None:
    create_invoice(api, "300-1")
    api.ok("POST", "/invoices/300-1/finalize")

    refused = api.writer.post("/invoices/300-1/correction", json={**correction("1.00"), **change})

    assert refused.status_code == status, refused.text
    assert said in refused.text
    assert api.get("/invoices/300-1")["status"] == "finalized"


def test_a_correction_below_what_is_applied_is_refused(api: LedgerApi) -> None:
    create_invoice(api, "400-1")
    api.ok("POST", "/invoices/400-1/finalize")
    payment = {"reference": "P-4", "invoice": "400-1", "amount": "80.00", "txn_date": "2024-03-02"}
    api.ok("POST", "/payments/job", payment, status=201)

    refused = api.writer.post("/invoices/400-1/correction", json=correction("50.00"))

    assert refused.status_code == 409
    assert "unapply payments or credits first" in refused.json()["detail"]


def test_a_credit_memo_quickbooks_does_not_hold_is_corrected_then_locked_once_imported(
    api: LedgerApi,
) -> None:
    create_credit_memo(api, "CM-1", "30.00")

    corrected = api.ok("POST", "/credit-memos/CM-1/correction", correction("25.00"))
    api.container.ledger.record_imported("credit memo", "CM-1", "T-9", "1")
    locked = api.writer.post("/credit-memos/CM-1/correction", json=correction("20.00"))

    assert corrected["amount"] == "25.00"
    assert not corrected["finished"]
    assert event_types(api.get("/credit-memos/CM-1"))[-2:] == [
        "Corrected",
        "ImportedToQuickBooks",
    ]
    assert locked.status_code == 409
    assert locked.json()["error"] == "LockedByQuickBooks"

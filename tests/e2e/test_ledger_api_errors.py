"""Refused commands through HTTP: each domain error answers with its status and message."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest

from tests.e2e.ledger_api_client import (
    LedgerApi,
    create_credit_memo,
    create_invoice,
    ledger_api,
    line,
    quickbooks_applied,
    quickbooks_imported,
    record_account_payment,
    register_customer,
)


@pytest.fixture
def api(tmp_path: Path) -> Iterator[LedgerApi]:
    with ledger_api(tmp_path) as client:
        register_customer(client)
        register_customer(client, "OTHER", "Other Motors")
        yield client


def refused(api: LedgerApi, method: str, url: str, json: Any = None) -> tuple[int, str, str]:
    """Send a write with the token; return the status, the error's name and its message."""
    response = api.writer.request(method, url, json=json)
    assert response.status_code >= 400, f"{method} {url} was accepted: {response.text}"
    body = response.json()
    return response.status_code, body.get("error", ""), body["detail"]


def account_payment(reference: str, amount: str, customer: str = "ACME") -> dict[str, str]:
    return {
        "reference": reference,
        "customer": customer,
        "amount": amount,
        "txn_date": "2024-03-02",
    }


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "amount of payment P-0 must be greater than zero, got 0.00"),
        ("-5.00", "amount of payment P-0 must be greater than zero, got -5.00"),
        ("10.001", "amount of payment P-0 10.001 has more than two decimal places"),
        ("ten", "amount of payment P-0 'ten' is not a number"),
    ],
)
def test_bad_payment_amounts_are_refused_with_422(
    api: LedgerApi, amount: str, message: str
) -> None:
    assert refused(api, "POST", "/payments/account", account_payment("P-0", amount)) == (
        422,
        "InvalidAmount",
        message,
    )
    assert api.anonymous.get("/payments/P-0").status_code == 404


def test_an_amount_sent_as_a_json_number_is_refused(api: LedgerApi) -> None:
    body: dict[str, Any] = {**account_payment("P-F", "0"), "amount": 10.1}
    response = api.writer.post("/payments/account", json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "amount"]


def test_an_over_precise_application_is_refused_with_422(api: LedgerApi) -> None:
    create_invoice(api, "1-1")
    record_account_payment(api, "P-1", "50.00")
    status, error, _ = refused(
        api, "POST", "/payments/P-1/applications", {"invoice": "1-1", "amount": "1.005"}
    )
    assert (status, error) == (422, "InvalidAmount")


def test_a_bad_line_quantity_is_refused_with_422(api: LedgerApi) -> None:
    body = {
        "number": "Q-1",
        "customer": "ACME",
        "txn_date": "2024-03-01",
        "lines": [line("1", quantity="0")],
    }
    assert refused(api, "POST", "/invoices", body) == (
        422,
        "InvalidAmount",
        "quantity of line 'TOW' must be greater than zero, got 0",
    )


def test_an_invoice_without_lines_is_refused_with_422(api: LedgerApi) -> None:
    body = {"number": "Q-2", "customer": "ACME", "txn_date": "2024-03-01", "lines": []}
    assert refused(api, "POST", "/invoices", body) == (
        422,
        "InvalidLines",
        "invoice Q-2 needs at least one line",
    )


def test_applying_more_than_the_payment_is_refused_with_409(api: LedgerApi) -> None:
    create_invoice(api, "2-1", rate="500.00")
    record_account_payment(api, "P-2", "100.00")
    assert refused(
        api, "POST", "/payments/P-2/applications", {"invoice": "2-1", "amount": "100.01"}
    ) == (
        409,
        "OverApplication",
        "cannot apply 100.01 of account payment P-2 to invoice 2-1: only 100.00 of its 100.00 "
        "is unapplied",
    )


def test_applying_more_than_the_invoice_balance_is_refused_with_409(api: LedgerApi) -> None:
    create_invoice(api, "3-1", rate="40.00")
    create_credit_memo(api, "CM-3", rate="50.00")
    assert refused(
        api, "POST", "/credit-memos/CM-3/applications", {"invoice": "3-1", "amount": "45.00"}
    ) == (
        409,
        "OverApplication",
        "cannot apply 45.00 from credit_memo:CM-3 to invoice 3-1: its open balance is 40.00",
    )


def test_applying_to_another_customers_invoice_is_refused_with_409(api: LedgerApi) -> None:
    create_invoice(api, "4-1", customer="OTHER")
    record_account_payment(api, "P-4", "10.00")
    status, error, message = refused(
        api, "POST", "/payments/P-4/applications", {"invoice": "4-1", "amount": "10.00"}
    )
    assert (status, error) == (409, "CrossCustomerApplication")
    assert message.startswith("payment:P-4 belongs to customer ACME but invoice 4-1 belongs to")
    assert api.anonymous.get("/payments/P-4").json()["applications"] == []


@pytest.mark.parametrize("invoice", [None, "", "   "])
def test_a_job_payment_without_invoice_is_refused_with_422(
    api: LedgerApi, invoice: str | None
) -> None:
    body = {"reference": "JP-5", "amount": "10.00", "txn_date": "2024-03-02", "invoice": invoice}
    assert refused(api, "POST", "/payments/job", body) == (
        422,
        "JobPaymentWithoutInvoice",
        "job payment JP-5 must be applied to exactly one invoice; record it as an account "
        "payment if it has none",
    )


def test_editing_a_finalized_invoice_is_refused_with_409(api: LedgerApi) -> None:
    create_invoice(api, "6-1")
    api.ok("POST", "/invoices/6-1/finalize")
    assert refused(api, "PUT", "/invoices/6-1/lines", {"lines": [line("1.00")]}) == (
        409,
        "InvoiceNotEditable",
        "cannot edit the lines of invoice 6-1: it is finalized and its lines and total are locked",
    )
    assert api.anonymous.get("/invoices/6-1").json()["total"] == "100.00"


def test_voiding_a_finished_payment_is_refused_with_409(api: LedgerApi) -> None:
    create_invoice(api, "7-1", rate="30.00")
    record_account_payment(api, "P-7", "30.00")
    api.ok("POST", "/payments/P-7/applications", {"invoice": "7-1", "amount": "30.00"}, 201)
    api.ok("POST", "/payments/P-7/finish")
    assert refused(api, "POST", "/payments/P-7/void") == (
        409,
        "TransactionClosed",
        "cannot void account payment P-7: it is finished and its applications are locked",
    )


def test_finishing_a_partly_applied_credit_memo_is_refused_with_409(api: LedgerApi) -> None:
    create_invoice(api, "8-1")
    create_credit_memo(api, "CM-8", rate="20.00")
    api.ok("POST", "/credit-memos/CM-8/applications", {"invoice": "8-1", "amount": "5"}, 201)
    status, error, message = refused(api, "POST", "/credit-memos/CM-8/finish")
    assert (status, error) == (409, "InvalidTransition")
    assert message.startswith("cannot finish credit memo CM-8: 15.00 of its 20.00 is not applied")


def test_unapplying_what_quickbooks_applied_is_refused_with_409(api: LedgerApi) -> None:
    create_invoice(api, "9-1")
    record_account_payment(api, "P-9", "10.00")
    api.ok("POST", "/payments/P-9/applications", {"invoice": "9-1", "amount": "10.00"}, 201)
    quickbooks_imported(api, "payment", "P-9", "TX-9")
    quickbooks_applied(api, "payment", "P-9", "9-1")
    status, error, message = refused(api, "DELETE", "/payments/P-9/applications/9-1")
    assert (status, error) == (409, "LockedByQuickBooks")
    assert "QuickBooks already applied it (transaction TX-9)" in message


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/customers/NOPE", "customer NOPE does not exist in the ledger"),
        ("/invoices/NOPE", "invoice NOPE does not exist in the ledger"),
        ("/payments/NOPE", "payment NOPE does not exist in the ledger"),
        ("/credit-memos/NOPE", "credit memo NOPE does not exist in the ledger"),
    ],
)
def test_reading_an_unknown_record_answers_404(api: LedgerApi, url: str, message: str) -> None:
    response = api.anonymous.get(url)
    assert response.status_code == 404
    body = response.json()
    assert (body["error"], body["detail"], body["status"]) == ("UnknownRecord", message, 404)


def test_an_unknown_manual_action_answers_404(api: LedgerApi) -> None:
    action_id = uuid4()
    response = api.anonymous.get(f"/manual-actions/{action_id}")
    assert response.status_code == 404
    assert response.json()["detail"] == f"manual action {action_id} does not exist in the ledger"
    done = refused(api, "POST", f"/manual-actions/{action_id}/done", {"done_by": "dana"})
    assert done[:2] == (404, "UnknownRecord")


@pytest.mark.parametrize(
    ("method", "url", "json", "message"),
    [
        ("POST", "/invoices/NOPE/finalize", None, "invoice NOPE does not exist in the ledger"),
        (
            "PUT",
            "/customers/NOPE/name",
            {"name": "x"},
            "customer NOPE does not exist in the ledger",
        ),
        (
            "POST",
            "/payments/NOPE/applications",
            {"invoice": "1-1", "amount": "1"},
            "payment NOPE does not exist in the ledger",
        ),
        (
            "POST",
            "/payments/job",
            {"reference": "JP", "invoice": "NOPE", "amount": "1", "txn_date": "2024-03-02"},
            "invoice NOPE does not exist in the ledger",
        ),
        (
            "POST",
            "/payments/account",
            account_payment("AP", "1.00", customer="NOPE"),
            "customer NOPE does not exist in the ledger",
        ),
    ],
)
def test_commands_naming_unknown_records_answer_404(
    api: LedgerApi, method: str, url: str, json: Any, message: str
) -> None:
    assert refused(api, method, url, json) == (404, "UnknownRecord", message)


def test_duplicates_are_refused_with_409(api: LedgerApi) -> None:
    create_invoice(api, "10-1")
    record_account_payment(api, "P-10", "1.00")
    create_credit_memo(api, "CM-10", rate="1.00")
    duplicates = [
        ("/customers", {"code": "ACME", "name": "Again"}, "customer ACME"),
        (
            "/invoices",
            {"number": "10-1", "customer": "ACME", "txn_date": "2024-03-01", "lines": [line("1")]},
            "invoice 10-1",
        ),
        ("/payments/account", account_payment("P-10", "2.00"), "payment P-10"),
        (
            "/credit-memos",
            {"number": "CM-10", "customer": "ACME", "txn_date": "2024-03-01", "lines": [line("1")]},
            "credit memo CM-10",
        ),
    ]
    for url, body, record in duplicates:
        assert refused(api, "POST", url, body) == (
            409,
            "DuplicateRecord",
            f"{record} already exists: use another number or reference",
        )
    assert api.anonymous.get("/customers/ACME").json()["name"] == "Acme Towing"


def test_the_manual_action_cannot_be_marked_done_twice(api: LedgerApi) -> None:
    create_invoice(api, "11-1")
    quickbooks_imported(api, "invoice", "11-1", "TX-11")
    action_id = api.ok("POST", "/invoices/11-1/void")["manual_action_id"]
    api.ok("POST", f"/manual-actions/{action_id}/done", {"done_by": "dana"})
    assert refused(api, "POST", f"/manual-actions/{action_id}/done", {"done_by": "dana"}) == (
        409,
        "InvalidTransition",
        "manual action for invoice 11-1 is already done",
    )

"""The ledger through HTTP: every command's happy path, and each record's history."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.policy import PolicyLevel
from tests.e2e.ledger_api_client import (
    LedgerApi,
    create_credit_memo,
    create_invoice,
    event_types,
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
        yield client


def test_health_answers_ok(api: LedgerApi) -> None:
    assert api.get("/health") == {"status": "ok"}


def test_customer_is_registered_renamed_and_given_a_qb_name(api: LedgerApi) -> None:
    registered = api.ok(
        "POST", "/customers", {"code": "BOB", "name": "Bob", "parent": "ACME"}, status=201
    )
    assert registered["parent"] == "ACME"
    assert registered["opening_balance"] == "0.00"

    api.ok("PUT", "/customers/BOB/name", {"name": "Bob's Garage"})
    named = api.ok("PUT", "/customers/BOB/qb-name", {"qb_name": "Bob's Garage (Main St)"})
    assert named["name"] == "Bob's Garage"
    assert named["name_for_quickbooks"] == "Bob's Garage (Main St)"

    customer = api.get("/customers/BOB")
    assert event_types(customer) == ["Registered", "Renamed", "QbNameSet"]
    assert customer["history"][1]["data"] == {"name": "Bob's Garage"}


def test_invoice_is_created_edited_finalized_and_read_with_its_history(api: LedgerApi) -> None:
    created = create_invoice(api, "1234567-1", rate="99.5")
    assert created["status"] == "draft"
    assert created["job_id"] == "1234567"
    assert created["total"] == "99.50"
    assert created["lines"][0] == {
        "item": "TOW",
        "description": "TOW service",
        "quantity": "1",
        "rate": "99.5",
        "amount": "99.50",
    }

    lines = [line("120.00"), line("12.345", item="MILES", quantity="10")]
    edited = api.ok("PUT", "/invoices/1234567-1/lines", {"lines": lines})
    assert edited["total"] == "243.45"

    finalized = api.ok("POST", "/invoices/1234567-1/finalize")
    assert finalized["status"] == "finalized"
    assert finalized["open_balance"] == "243.45"
    assert finalized["paid_in_full"] is False

    invoice = api.get("/invoices/1234567-1")
    assert event_types(invoice) == ["Created", "LinesEdited", "Finalized"]
    assert [entry["version"] for entry in invoice["history"]] == [1, 2, 3]
    created_data = invoice["history"][0]["data"]
    assert created_data["txn_date"] == "2024-03-01"
    assert created_data["lines"] == [
        {"item": "TOW", "description": "TOW service", "quantity": "1", "rate": "99.5"}
    ]
    assert invoice["history"][1]["data"]["lines"][1]["rate"] == "12.345"


def test_invoice_job_id_can_be_given_explicitly(api: LedgerApi) -> None:
    body = {
        "number": "A-7",
        "customer": "ACME",
        "txn_date": "2024-03-01",
        "lines": [line("10")],
        "job_id": "JOB-42",
        "memo": "after hours",
    }
    created = api.ok("POST", "/invoices", body, status=201)
    assert (created["job_id"], created["memo"], created["total"]) == (
        "JOB-42",
        "after hours",
        "10.00",
    )


def test_job_payment_pays_its_invoice_in_full(api: LedgerApi) -> None:
    create_invoice(api, "100-1", rate="80.00")
    body = {
        "reference": "JP-1",
        "invoice": "100-1",
        "amount": "80.00",
        "txn_date": "2024-03-02",
        "method": "Check",
        "check_number": "5521",
    }
    payment = api.ok("POST", "/payments/job", body, status=201)
    assert payment["kind"] == "job"
    assert payment["customer"] == "ACME"
    assert payment["applications"] == [
        {"invoice": "100-1", "amount": "80.00", "applied_in_quickbooks": False}
    ]
    assert payment["unapplied"] == "0.00"

    invoice = api.get("/invoices/100-1")
    assert invoice["paid_in_full"] is True
    assert invoice["applications"] == [
        {"source_kind": "payment", "source": "JP-1", "amount": "80.00"}
    ]
    assert event_types(api.get("/payments/JP-1")) == ["Recorded", "Applied"]


def test_account_payment_is_applied_unapplied_and_finished(api: LedgerApi) -> None:
    create_invoice(api, "200-1", rate="60.00")
    create_invoice(api, "200-2", rate="40.00")
    recorded = record_account_payment(api, "AP-1", "100")
    assert (recorded["kind"], recorded["amount"], recorded["unapplied"]) == (
        "account",
        "100.00",
        "100.00",
    )

    api.ok("POST", "/payments/AP-1/applications", {"invoice": "200-1", "amount": "60"}, 201)
    api.ok("POST", "/payments/AP-1/applications", {"invoice": "200-2", "amount": "30.00"}, 201)
    unapplied = api.ok("DELETE", "/payments/AP-1/applications/200-2")
    assert unapplied["unapplied"] == "40.00"
    assert api.get("/invoices/200-2")["open_balance"] == "40.00"

    api.ok("POST", "/payments/AP-1/applications", {"invoice": "200-2", "amount": "40.00"}, 201)
    finished = api.ok("POST", "/payments/AP-1/finish")
    assert finished["finished"] is True

    payment = api.get("/payments/AP-1")
    assert event_types(payment) == [
        "Recorded",
        "Applied",
        "Applied",
        "Unapplied",
        "Applied",
        "Finished",
    ]
    assert payment["history"][1]["data"] == {"invoice": "200-1", "amount": "60.00"}


def test_unfinished_payment_is_voided_and_its_invoices_released(api: LedgerApi) -> None:
    create_invoice(api, "300-1", rate="50.00")
    record_account_payment(api, "AP-2", "50.00")
    api.ok("POST", "/payments/AP-2/applications", {"invoice": "300-1", "amount": "50.00"}, 201)

    outcome = api.ok("POST", "/payments/AP-2/void", {"reason": "bounced"})
    assert outcome["manual_action_opened"] is False
    assert outcome["manual_action_id"] is None
    assert outcome["manual_action"] is None
    assert outcome["payment"]["voided"] is True
    assert outcome["payment"]["applications"] == []
    assert api.get("/invoices/300-1")["open_balance"] == "50.00"
    assert api.get("/payments/AP-2")["history"][-1]["data"] == {"reason": "bounced"}


def test_quickbooks_answers_are_recorded_for_a_payment(api: LedgerApi) -> None:
    create_invoice(api, "400-1", rate="70.00")
    record_account_payment(api, "AP-3", "70.00")
    api.ok("POST", "/payments/AP-3/applications", {"invoice": "400-1", "amount": "70.00"}, 201)

    imported = quickbooks_imported(api, "payment", "AP-3", "TX-P3")
    assert (imported["imported"], imported["qb_txn_id"]) == (True, "TX-P3")
    applied = quickbooks_applied(api, "payment", "AP-3", "400-1", "2")
    assert applied["applications"][0]["applied_in_quickbooks"] is True
    assert applied["qb_edit_sequence"] == "2"
    assert event_types(api.get("/payments/AP-3"))[-2:] == [
        "ImportedToQuickBooks",
        "AppliedInQuickBooks",
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/invoices/400-1/quickbooks/imported",
        "/payments/AP-3/quickbooks/imported",
        "/payments/AP-3/quickbooks/applied",
        "/credit-memos/CM-2/quickbooks/imported",
        "/credit-memos/CM-2/quickbooks/applied",
    ],
)
def test_no_route_lets_a_client_assert_what_quickbooks_holds(api: LedgerApi, path: str) -> None:
    create_invoice(api, "400-1", rate="70.00")
    reply = api.writer.post(path, json={"txn_id": "TX-MADE-UP", "invoice": "400-1"})
    assert reply.status_code in (404, 405)
    assert api.get("/invoices/400-1")["imported"] is False


def test_credit_memo_is_created_applied_unapplied_finished(api: LedgerApi) -> None:
    create_invoice(api, "500-1", rate="90.00")
    create_invoice(api, "500-2", rate="90.00")
    created = create_credit_memo(api, "CM-1", rate="25.00")
    assert (created["amount"], created["unapplied"], created["finished"]) == (
        "25.00",
        "25.00",
        False,
    )

    api.ok("POST", "/credit-memos/CM-1/applications", {"invoice": "500-1", "amount": "25"}, 201)
    moved = api.ok("DELETE", "/credit-memos/CM-1/applications/500-1")
    assert moved["applications"] == []
    api.ok("POST", "/credit-memos/CM-1/applications", {"invoice": "500-2", "amount": "25.00"}, 201)
    finished = api.ok("POST", "/credit-memos/CM-1/finish")
    assert finished["finished"] is True
    assert api.get("/invoices/500-2")["open_balance"] == "65.00"

    memo = api.get("/credit-memos/CM-1")
    assert event_types(memo) == ["Created", "Applied", "Unapplied", "Applied", "Finished"]


def test_credit_memo_quickbooks_answers_and_void(api: LedgerApi) -> None:
    create_invoice(api, "600-1", rate="90.00")
    create_credit_memo(api, "CM-2", rate="15.00")
    api.ok("POST", "/credit-memos/CM-2/applications", {"invoice": "600-1", "amount": "15"}, 201)
    imported = quickbooks_imported(api, "credit memo", "CM-2", "TX-C2", "1")
    assert imported["qb_txn_id"] == "TX-C2"
    applied = quickbooks_applied(api, "credit memo", "CM-2", "600-1")
    assert applied["applications"][0]["applied_in_quickbooks"] is True

    outcome = api.ok("POST", "/credit-memos/CM-2/void")
    assert outcome["credit_memo"]["voided"] is True
    assert outcome["manual_action_opened"] is True
    action = api.get(f"/manual-actions/{outcome['manual_action_id']}")
    assert action["subject"] == "credit memo CM-2"
    assert action["qb_txn_id"] == "TX-C2"


def test_voiding_an_invoice_quickbooks_lacks_opens_no_manual_action(api: LedgerApi) -> None:
    create_invoice(api, "700-1")
    outcome = api.ok("POST", "/invoices/700-1/void", {"reason": "duplicate call"})
    assert outcome["manual_action_opened"] is False
    assert outcome["invoice"]["status"] == "voided"
    assert event_types(api.get("/invoices/700-1")) == ["Created", "Voided"]


def test_voiding_an_imported_invoice_opens_a_manual_action_until_done(api: LedgerApi) -> None:
    create_invoice(api, "800-1")
    api.ok("POST", "/invoices/800-1/finalize")
    imported = quickbooks_imported(api, "invoice", "800-1", "TX-800", "7")
    assert (imported["imported"], imported["qb_edit_sequence"]) == (True, "7")

    outcome = api.ok("POST", "/invoices/800-1/void")
    assert outcome["manual_action_opened"] is True
    action = outcome["manual_action"]
    assert action["id"] == outcome["manual_action_id"]
    assert action["done"] is False
    assert "TX-800" in action["instructions"]

    done = api.ok(
        "POST", f"/manual-actions/{action['id']}/done", {"done_by": "dana", "note": "voided in QB"}
    )
    assert (done["done"], done["done_by"]) == (True, "dana")
    read = api.get(f"/manual-actions/{action['id']}")
    assert event_types(read) == ["Opened", "Done"]
    assert read["history"][1]["data"] == {"done_by": "dana", "note": "voided in QB"}


def test_write_off_of_a_finalized_invoice(api: LedgerApi) -> None:
    create_invoice(api, "900-1", rate="120.00")
    api.ok("POST", "/invoices/900-1/finalize")
    record_account_payment(api, "AP-9", "20.00")
    api.ok("POST", "/payments/AP-9/applications", {"invoice": "900-1", "amount": "20"}, 201)

    outcome = api.ok("POST", "/invoices/900-1/write-off", {"reason": "uncollectible"})
    assert outcome["manual_action_opened"] is False
    assert outcome["invoice"]["written_off"] == "100.00"
    assert outcome["invoice"]["open_balance"] == "0.00"
    history = api.get("/invoices/900-1")["history"]
    assert history[-1]["type"] == "WrittenOff"
    assert history[-1]["data"] == {"amount": "100.00", "reason": "uncollectible"}


def test_write_off_of_an_imported_invoice_opens_a_manual_action(api: LedgerApi) -> None:
    create_invoice(api, "901-1", rate="45.00")
    api.ok("POST", "/invoices/901-1/finalize")
    quickbooks_imported(api, "invoice", "901-1", "TX-901")
    outcome = api.ok("POST", "/invoices/901-1/write-off")
    assert outcome["manual_action_opened"] is True
    assert outcome["manual_action"]["action"] == "write off 45.00 of"


def test_company_settings_show_the_policy_level_and_its_history(api: LedgerApi) -> None:
    company = api.get("/company")
    assert company == {
        "policy_level": "conservative",
        "imports_completed": 0,
        "import_completed": False,
        "history": [],
    }
    api.container.ledger.change_policy_level(PolicyLevel.AGGRESSIVE, "controller")

    changed = api.get("/company")
    assert changed["policy_level"] == "aggressive"
    assert event_types(changed) == ["Established", "PolicyLevelChanged"]
    assert changed["history"][1]["data"] == {
        "from_level": "conservative",
        "to_level": "aggressive",
        "changed_by": "controller",
    }

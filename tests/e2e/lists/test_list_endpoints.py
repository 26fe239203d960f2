"""Every list endpoint: filters, pagination to the end and back to a cursor, and its bounds."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.bootstrap import Container
from domain.lines import make_line
from domain.policy import PolicyLevel
from tests.e2e.sync.conftest import TOKEN

WRITER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(container: Container) -> TestClient:
    return TestClient(create_app(container))


def every_page(client: TestClient, path: str, **params: Any) -> list[list[dict[str, Any]]]:
    """Follow the Link header from the first page to the last."""
    pages, answer = [], client.get(path, params=params)
    while True:
        assert answer.status_code == 200, answer.text
        pages.append(answer.json())
        link = answer.headers.get("Link")
        if not link:
            return pages
        assert answer.headers["X-Next-Cursor"] in link
        answer = client.get(link[1 : link.index(">")])


def a_month_of_invoices(container: Container) -> None:
    ledger = container.ledger
    for code in ("C1", "C2"):
        ledger.register_customer(code, f"Customer {code}")
    for day in range(1, 8):
        number = f"26030{day}-1"
        customer = "C1" if day % 2 else "C2"
        line = make_line("Towing", "tow", "1", f"{day * 10}.00")
        ledger.create_invoice(number, customer, date(2026, 3, day), [line])
        if day <= 4:
            ledger.finalize_invoice(number)


def test_invoices_filter_sort_and_page(container: Container, client: TestClient) -> None:
    a_month_of_invoices(container)

    # every invoice exactly once, oldest first, two to a page
    pages = every_page(client, "/invoices", limit=2)
    assert [len(page) for page in pages] == [2, 2, 2, 1]
    numbers = [row["key"] for page in pages for row in page]
    assert numbers == [f"26030{day}-1" for day in range(1, 8)]
    assert client.get("/invoices", params={"limit": 2}).headers["X-Total-Count"] == "7"

    # filters: customer, date range, state under a level
    of_c2 = client.get("/invoices", params={"customer": "C2"}).json()
    assert {row["key"] for row in of_c2} == {"260302-1", "260304-1", "260306-1"}
    in_range = client.get("/invoices", params={"from": "2026-03-03", "to": "2026-03-05"}).json()
    assert [row["key"] for row in in_range] == ["260303-1", "260304-1", "260305-1"]
    waiting = client.get("/invoices", params={"state": "waiting", "level": "aggressive"}).json()
    assert {row["key"] for row in waiting} == {"260305-1", "260306-1", "260307-1"}
    assert all(row["level"] == "aggressive" and row["status"] == "draft" for row in waiting)
    assert all(row["waiting_reason"].endswith("is not finalized") for row in waiting)
    ready = client.get("/invoices", params={"state": "ready", "level": "aggressive"}).json()
    assert {row["key"] for row in ready} == {"260301-1", "260302-1", "260303-1", "260304-1"}
    assert all(row["waiting_reason"] == "" for row in ready)
    # under the current level (conservative) an open balance holds the finalized ones back
    held = client.get("/invoices", params={"customer": "C1", "to": "2026-03-03"}).json()
    assert [(row["level"], row["state"]) for row in held] == [("conservative", "waiting")] * 2
    assert (
        held[0]["waiting_reason"] == "invoice 260301-1 of job 260301 has an open balance of 10.00"
    )

    # sorted by amount, largest first, and paged in that order
    by_amount = every_page(client, "/invoices", sort="-amount", limit=3)
    amounts = [row["amount"] for page in by_amount for row in page]
    assert amounts == ["70.00", "60.00", "50.00", "40.00", "30.00", "20.00", "10.00"]


def test_a_cursor_survives_new_rows(container: Container, client: TestClient) -> None:
    a_month_of_invoices(container)
    first = client.get("/invoices", params={"limit": 3})
    line = make_line("Towing", "tow", "1", "5.00")
    container.ledger.create_invoice("260301-0", "C1", date(2026, 3, 1), [line])
    rest = client.get("/invoices", params={"limit": 10, "after": first.headers["X-Next-Cursor"]})
    assert [row["key"] for row in rest.json()] == [f"26030{day}-1" for day in range(4, 8)]


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"limit": 0}, "greater than or equal to 1"),
        ({"limit": 501}, "less than or equal to 500"),
        ({"after": "not-a-cursor"}, "is not one this list gave out"),
        ({"from": "2026-03-09", "to": "2026-03-01"}, "starts (2026-03-09) after it ends"),
        ({"sort": "colour"}, "String should match pattern"),
        ({"state": "sleeping"}, "Input should be"),
        ({"from": "March"}, "valid date"),
    ],
)
def test_invoice_list_bounds(client: TestClient, params: dict[str, Any], says: str) -> None:
    answer = client.get("/invoices", params=params)
    assert answer.status_code == 422
    assert says in answer.text


def test_payments_and_credit_memos_list_only_their_kind(
    container: Container, client: TestClient
) -> None:
    a_month_of_invoices(container)
    ledger = container.ledger
    ledger.record_job_payment("P-1", "260301-1", "10.00", date(2026, 3, 2))
    ledger.record_account_payment("P-2", "C2", "15.00", date(2026, 3, 3))
    ledger.create_credit_memo("CM-1", "C1", date(2026, 3, 4), [make_line("Credit", "c", "1", "5")])

    payments = client.get("/payments").json()
    assert [(p["kind"], p["key"], p["amount"]) for p in payments] == [
        ("job payment", "P-1", "10.00"),
        ("account payment", "P-2", "15.00"),
    ]
    assert [p["key"] for p in client.get("/payments", params={"customer": "C2"}).json()] == ["P-2"]
    memos = client.get("/credit-memos").json()
    assert [(m["kind"], m["key"], m["amount"]) for m in memos] == [("credit memo", "CM-1", "5.00")]
    assert len(client.get("/invoices").json()) == 7


def test_customers_by_text_and_link(container: Container, client: TestClient) -> None:
    ledger = container.ledger
    for n in range(1, 6):
        ledger.register_customer(f"C{n}", f"Towing Client {n}")
    ledger.register_customer("ACME", "Acme Garage")
    ledger.rename_customer("C5", "Acme Towing")
    ledger.link_customer("C1", "80000001-1", "1", "Towing Client 1")

    pages = every_page(client, "/customers", limit=4)
    assert [c["code"] for page in pages for c in page] == ["ACME", "C1", "C2", "C3", "C4", "C5"]
    acme = client.get("/customers", params={"q": "acme"}).json()
    assert [c["code"] for c in acme] == ["ACME", "C5"]  # C5 renamed: found by its new name
    linked = client.get("/customers", params={"linked": "true"}).json()
    assert [(c["code"], c["qb_list_id"]) for c in linked] == [("C1", "80000001-1")]
    assert len(client.get("/customers", params={"linked": "false"}).json()) == 5
    assert client.get("/customers", params={"limit": 1000}).status_code == 422


def test_sync_runs_newest_first(container: Container, client: TestClient) -> None:
    container.ledger.record_import_completed("test")
    started = [client.post("/sync/runs", json={}, headers=WRITER).json()["run_id"]]
    synchronizer = container.synchronizer()
    for _ in range(2):
        run_id = synchronizer.start_run()
        synchronizer.run_directly(run_id, container.quickbooks_simulator().handle)
        started.append(run_id)

    pages = every_page(client, "/sync/runs", limit=2)
    listed = [run["run_id"] for page in pages for run in page]
    assert listed == list(reversed(started))
    finished = client.get("/sync/runs", params={"state": "finished"}).json()
    assert started[2] in {run["run_id"] for run in finished}
    assert all(run["finished_at"] >= run["started_at"] for run in finished)
    assert client.get("/sync/runs", params={"state": "lost"}).status_code == 422


def test_imports_by_status(client: TestClient) -> None:
    for _ in range(3):
        assert client.post("/imports", json={}, headers=WRITER).status_code == 201
    pages = every_page(client, "/imports", limit=2)
    assert [len(page) for page in pages] == [2, 1]
    runs = [run for page in pages for run in page]
    assert [run["repeat"] for run in runs] == [False, True, True]
    assert len(client.get("/imports", params={"status": "completed"}).json()) == 3
    assert client.get("/imports", params={"status": "failed"}).json() == []
    assert client.get("/imports", params={"status": "asleep"}).status_code == 422


def test_manual_actions_by_record_and_state(container: Container, client: TestClient) -> None:
    a_month_of_invoices(container)
    ledger = container.ledger
    for day in (1, 2, 3):
        ledger.record_imported("invoice", f"26030{day}-1", f"TXN-{day}", "1")
        ledger.void_invoice(f"26030{day}-1", "entered twice")

    pages = every_page(client, "/manual-actions", limit=2)
    assert [a["subject"] for page in pages for a in page] == [
        "invoice 260301-1",
        "invoice 260302-1",
        "invoice 260303-1",
    ]
    [second] = client.get("/manual-actions", params={"record": "invoice:260302-1"}).json()
    done = client.post(
        f"/manual-actions/{second['id']}/done", json={"done_by": "pat"}, headers=WRITER
    )
    assert done.status_code == 200
    still_open = client.get("/manual-actions").json()
    assert [a["subject"] for a in still_open] == ["invoice 260301-1", "invoice 260303-1"]
    everything = client.get("/manual-actions", params={"open": "false", "limit": 500}).json()
    assert len(everything) == 3
    assert client.get("/manual-actions", params={"limit": 0}).status_code == 422


def test_a_row_shows_the_amount_after_its_lines_changed(
    container: Container, client: TestClient
) -> None:
    a_month_of_invoices(container)
    assert client.get("/invoices", params={"limit": 500}).status_code == 200  # read once
    container.ledger.edit_invoice_lines("260307-1", [make_line("Towing", "tow", "2", "55.00")])
    line = make_line("Towing", "tow", "1", "9.00")
    container.ledger.create_invoice("260308-1", "C1", date(2026, 3, 8), [line])
    rows = {row["key"]: row for row in client.get("/invoices", params={"limit": 500}).json()}
    assert rows["260307-1"]["amount"] == "110.00"
    assert rows["260308-1"]["amount"] == "9.00"  # created after the first list: found too


def test_history_over_a_date_range_and_each_records_log_positions(
    container: Container, client: TestClient
) -> None:
    a_month_of_invoices(container)
    container.ledger.change_policy_level(PolicyLevel.MODERATE, "Dana")
    today = datetime.now(UTC).date().isoformat()
    pages = every_page(client, "/history", **{"from": today, "to": today, "limit": 10})
    lines = [line for page in pages for line in page]
    positions = [line["log_position"] for line in lines]
    assert positions == sorted(positions)
    assert len(set(positions)) == len(lines)
    [changed] = [line for line in lines if line["event"] == "PolicyLevelChanged"]
    assert changed["record"] == "company settings"
    assert changed["by"] == "Dana"
    assert changed["citation"].endswith(f"· by Dana · log #{changed['log_position']}")
    assert client.get("/history", params={"from": "2000-01-01", "to": "2000-01-02"}).json() == []
    backwards = client.get("/history", params={"from": today, "to": "2000-01-01"})
    assert backwards.status_code == 422
    assert "after it ends" in backwards.text

    # a record's own history carries the same log positions
    invoice = client.get("/invoices/260301-1").json()["history"]
    created = next(line for line in lines if line["record"] == "invoice 260301-1")
    assert invoice[0]["type"] == "Created"
    assert invoice[0]["log_position"] == created["log_position"]

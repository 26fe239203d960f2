"""QuickBooks' limits at the door: every bad input of issue 11 is refused with a 4xx problem
naming the field and the limit, and the event store holds no new event."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from uuid import uuid4

import pytest

from tests.e2e.ledger_api_client import LedgerApi, create_invoice, ledger_api, register_customer

TODAY = date.today().isoformat()


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LedgerApi]:
    with ledger_api(tmp_path_factory.mktemp("limits")) as client:
        register_customer(client)
        create_invoice(client, "100-1")
        yield client


def customer(name: str) -> dict[str, Any]:
    return {"code": f"C-{uuid4().hex[:8]}", "name": name}


def invoice(**changes: Any) -> dict[str, Any]:
    line = {"item": "TOW", "description": "tow", "quantity": "1", "rate": "100.00"}
    line.update(changes.pop("line", {}))
    body = {"number": "200-1", "customer": "ACME", "txn_date": TODAY, "lines": [line]}
    return {**body, **changes}


def payment(**changes: Any) -> dict[str, Any]:
    body = {"reference": "P-1", "customer": "ACME", "amount": "10.00", "txn_date": TODAY}
    return {**body, **changes}


def credit_memo(**changes: Any) -> dict[str, Any]:
    line = {"item": "TOW", "description": "", "quantity": "1", "rate": "10.00"}
    body = {"number": "CM-1", "customer": "ACME", "txn_date": TODAY, "lines": [line]}
    return {**body, **changes}


FAR_FUTURE = (date.today() + timedelta(days=400)).isoformat()

# (case, url, body, field named, limit named)
BAD_INPUTS: list[tuple[str, str, dict[str, Any], str, str]] = [
    ("customer name of 42", "/customers", customer("N" * 42), "name", "41"),
    ("customer name of 200", "/customers", customer("N" * 200), "name", "41"),
    ("':' in a customer name", "/customers", customer("Acme:Towing"), "name", "':'"),
    ("control character", "/customers", customer("Acme\x07Towing"), "name", "U+0007"),
    ("NUL", "/customers", customer("Acme\x00Towing"), "name", "U+0000"),
    ("U+202E", "/customers", customer("Acme\u202eTowing"), "name", "U+202E"),
    ("newline in a name", "/customers", customer("Acme\nTowing"), "name", "U+000A"),
    ("QB Name of 42", "/customers", {**customer("Acme"), "qb_name": "Q" * 42}, "qb_name", "41"),
    ("invoice number of 12", "/invoices", invoice(number="1" * 12), "number", "11"),
    ("invoice number of 60", "/invoices", invoice(number="1" * 60), "number", "11"),
    ("credit memo number of 12", "/credit-memos", credit_memo(number="C" * 12), "number", "11"),
    (
        "payment reference of 21",
        "/payments/account",
        payment(reference="R" * 21),
        "reference",
        "20",
    ),
    ("memo of 5,000", "/invoices", invoice(memo="m" * 5000), "memo", "4095"),
    ("item name of 40", "/invoices", invoice(line={"item": "I" * 40}), "item", "31"),
    ("bidi override in a memo", "/invoices", invoice(memo="ok\u202e"), "memo", "U+202E"),
    ("amount 1_000", "/payments/account", payment(amount="1_000"), "amount", "plain digits"),
    ("Arabic digits", "/payments/account", payment(amount="١٢٣"), "amount", "plain digits"),
    ("amount with spaces", "/payments/account", payment(amount=" 12 "), "amount", "plain digits"),
    ("amount 1E+3", "/payments/account", payment(amount="1E+3"), "amount", "plain digits"),
    (
        "amount of 20 digits",
        "/payments/account",
        payment(amount="99999999999999999999.00"),
        "amount",
        "13 digits",
    ),
    ("rate 1E+3", "/invoices", invoice(line={"rate": "1E+3"}), "rate", "plain digits"),
    ("quantity 1_0", "/invoices", invoice(line={"quantity": "1_0"}), "quantity", "plain digits"),
    ("invoice dated 2099", "/invoices", invoice(txn_date="2099-06-01"), "txn_date", "confirm"),
    (
        "dated 2100",
        "/invoices",
        invoice(txn_date="2100-01-01", confirm_date=True),
        "txn_date",
        "2099-12-31",
    ),
    (
        "dated 1899",
        "/payments/account",
        payment(txn_date="1899-12-31", confirm_date=True),
        "txn_date",
        "1901-01-01",
    ),
    (
        "far future payment",
        "/payments/account",
        payment(txn_date=FAR_FUTURE),
        "txn_date",
        "366 days",
    ),
    ("unknown field", "/invoices", invoice(memmo="typo"), "memmo", "Extra inputs"),
    ("a misspelt selection", "/sync/runs", {"type": ["invoice"]}, "type", "Extra inputs"),
    ("method with ':'", "/payments/account", payment(method="Cash:Box"), "method", "':'"),
    (
        "check number of 26",
        "/payments/account",
        payment(check_number="9" * 26),
        "check_number",
        "25",
    ),
]


def events_stored(api: LedgerApi) -> int:
    return int(api.container.ledger.recorder.max_notification_id() or 0)


@pytest.mark.parametrize(
    ("url", "body", "field", "limit"),
    [
        pytest.param(url, body, field, limit, id=case)
        for case, url, body, field, limit in BAD_INPUTS
    ],
)
def test_a_bad_input_is_refused_naming_the_field_and_the_limit_and_nothing_is_recorded(
    api: LedgerApi, url: str, body: dict[str, Any], field: str, limit: str
) -> None:
    before = events_stored(api)

    response = api.writer.post(url, json=body)

    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    named = problem["detail"] + " ".join(str(e.get("loc")) for e in problem.get("errors", []))
    assert field in named, problem
    assert limit in problem["detail"], problem
    assert events_stored(api) == before


def test_a_far_date_is_recorded_when_confirmed(api: LedgerApi) -> None:
    body = invoice(number="300-1", txn_date="2099-06-01", confirm_date=True)

    created = api.ok("POST", "/invoices", body, status=201)

    assert created["txn_date"] == "2099-06-01"


def test_the_longest_values_quickbooks_takes_are_recorded(api: LedgerApi) -> None:
    api.ok("POST", "/customers", {"code": "LONG", "name": "N" * 41}, status=201)
    body = invoice(number="1" * 11, customer="LONG", memo="m" * 4095, line={"item": "I" * 31})

    created = api.ok("POST", "/invoices", body, status=201)

    assert (len(created["number"]), len(created["memo"])) == (11, 4095)
    payment_body = payment(reference="R" * 20, customer="LONG", amount="9999999999999.99")
    assert api.ok("POST", "/payments/account", payment_body, status=201)["amount"] == (
        "9999999999999.99"
    )


def test_a_body_over_one_megabyte_is_refused_with_413_before_it_is_read(api: LedgerApi) -> None:
    before = events_stored(api)
    memo = "m" * 1_100_000

    declared = api.writer.post("/invoices", json=invoice(number="400-1", memo=memo))
    chunks = (part.encode() for part in ['{"memo": "', "m" * 600_000, "m" * 600_000, '"}'])
    streamed = api.writer.post(
        "/invoices", content=chunks, headers={"Content-Type": "application/json"}
    )

    for response in (declared, streamed):
        assert response.status_code == 413, response.text
        assert response.json()["limit_bytes"] == 1_000_000
        assert "at most 1000000 bytes" in response.json()["detail"]
    assert events_stored(api) == before

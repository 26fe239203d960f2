"""The SQLite company file shared by several simulators: catching up, failed saves, migration."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.simulator.codec import company_to_json
from adapters.quickbooks.simulator.demo_company import demo_company
from adapters.quickbooks.simulator.file_errors import CompanyFileError
from adapters.quickbooks.simulator.store import CompanyFile
from tests.unit.qbsim.conftest import Ask, FakeClock
from tests.unit.qbsim.ledger_reads import added_txn_id, balances
from tests.unit.qbsim.messages import (
    applied,
    credit_memo_add,
    customer_add,
    invoice_add,
    invoice_query,
    message,
    only_response,
    payment_add,
    payment_mod,
    responses,
    status_codes,
    text_of,
    txn_del,
    txn_void,
)


def _open(path: Path, schema: etree.XMLSchema, clock: FakeClock) -> QuickBooksSimulator:
    return QuickBooksSimulator.open(path, schema=schema, clock=clock)


def test_two_simulators_on_one_file_see_one_company(
    tmp_path: Path, qbxml_schema: etree.XMLSchema, clock: FakeClock, ask: Ask
) -> None:
    path = tmp_path / "company.sqlite"
    first, second = _open(path, qbxml_schema, clock), _open(path, qbxml_schema, clock)
    ask(message(customer_add("Shared Fleet"), customer_add("Yard", parent="Shared Fleet")), first)
    invoice_id, _ = added_txn_id(
        ask(message(invoice_add("Shared Fleet:Yard", [("Towing", "2", "92.50")])), second),
        "InvoiceRet",
    )
    memo_id, _ = added_txn_id(
        ask(message(credit_memo_add("Shared Fleet:Yard", "15.00")), first), "CreditMemoRet"
    )
    payment_id, edit_sequence = added_txn_id(
        ask(
            message(
                payment_add(
                    "Shared Fleet:Yard",
                    "100.00",
                    [applied(invoice_id, "100.00", [(memo_id, "10.00")])],
                )
            ),
            second,
        ),
        "ReceivePaymentRet",
    )
    ask(message(payment_mod(payment_id, edit_sequence, [applied(invoice_id, "60.00")])), first)
    other_invoice, _ = added_txn_id(
        ask(message(invoice_add("Shared Fleet", [("Towing", "1", "50.00")])), second),
        "InvoiceRet",
    )
    ask(message(txn_void("Invoice", other_invoice)), first)
    ask(message(txn_del("ReceivePayment", payment_id)), second)

    ask(message(invoice_query()), first)  # catches up on what `second` saved
    fresh = _open(path, qbxml_schema, clock)
    assert first.company == fresh.company == second.company
    assert balances(lambda request: ask(request, first), "Shared Fleet") == (
        Decimal("0.00"),
        Decimal("170.00"),
    )
    ids = [
        text_of(only_response(ask(message(customer_add(f"C{n}")), sim)), "CustomerRet/ListID")
        for n, sim in enumerate((first, second, first, second))
    ]
    assert len(set(ids)) == 4


def test_a_save_that_fails_answers_failed_and_changes_nothing(
    tmp_path: Path, qbxml_schema: etree.XMLSchema, clock: FakeClock, ask: Ask
) -> None:
    """Disk full, simulated by SQLite's own page limit: it answers SQLITE_FULL."""
    path = tmp_path / "company.sqlite"
    sim = _open(path, qbxml_schema, clock)
    before = company_to_json(sim.company)
    connection = sim.company_file._connection  # type: ignore[union-attr]
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    many = [customer_add(f"Disk Filler {n:04d} " + "x" * 20, request_id=str(n)) for n in range(300)]

    with pytest.raises(CompanyFileError, match="disk is full") as failure:
        sim.handle(message(*many))

    assert str(path) in str(failure.value)
    assert company_to_json(sim.company) == before
    assert company_to_json(_open(path, qbxml_schema, clock).company) == before
    connection.execute(f"PRAGMA max_page_count = {pages * 100}")
    assert status_codes(ask(message(customer_add("After The Cleanup")), sim)) == [0]
    assert _open(path, qbxml_schema, clock).company.names.owner("after the cleanup") is not None


def test_a_request_that_breaks_midway_leaves_the_file_and_the_company_as_they_were(
    tmp_path: Path, qbxml_schema: etree.XMLSchema, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "company.sqlite"
    sim = _open(path, qbxml_schema, clock)
    before = company_to_json(sim.company)

    def broken(*_: object) -> None:
        raise RuntimeError("a bug halfway through")

    monkeypatch.setattr("adapters.quickbooks.simulator.operations_sales._number_lines", broken)
    with pytest.raises(RuntimeError):
        sim.handle(message(customer_add("Half"), invoice_add("Half", [("Towing", "1", "9.00")])))
    assert company_to_json(sim.company) == before
    assert company_to_json(_open(path, qbxml_schema, clock).company) == before


def test_refnumber_queries_use_the_index_through_changes(
    tmp_path: Path, qbxml_schema: etree.XMLSchema, clock: FakeClock, ask: Ask
) -> None:
    path = tmp_path / "company.sqlite"
    first, second = _open(path, qbxml_schema, clock), _open(path, qbxml_schema, clock)
    ask(message(invoice_add("Jane Doe", [("Towing", "1", "10.00")], ref_number="ab-7")), first)
    found = ask(message(invoice_query("<RefNumber>AB-7</RefNumber>")), second)
    assert [r.findtext("InvoiceRet/RefNumber") for r in responses(found)] == ["ab-7"]
    exact = ask(message(invoice_query("<RefNumberCaseSensitive>AB-7</RefNumberCaseSensitive>")))
    assert status_codes(exact) == [1]


def test_a_json_company_beside_the_file_is_migrated_once(
    tmp_path: Path, qbxml_schema: etree.XMLSchema, clock: FakeClock, ask: Ask
) -> None:
    legacy = demo_company(clock)
    legacy.company_name = "Kept From JSON"
    (tmp_path / "quickbooks-simulator.json").write_text(company_to_json(legacy))
    path = tmp_path / "quickbooks-simulator.sqlite"
    migrated = _open(path, qbxml_schema, clock)
    assert company_to_json(migrated.company) == company_to_json(legacy)
    ask(message(customer_add("Added After")), migrated)
    (tmp_path / "quickbooks-simulator.json").write_text(company_to_json(demo_company(clock)))
    reopened = _open(path, qbxml_schema, clock)
    assert reopened.company.company_name == "Kept From JSON"
    assert reopened.company.names.owner("added after") is not None


def test_a_file_that_is_not_a_company_file_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "company.sqlite"
    path.write_text('{"format": 1}')
    with pytest.raises(CompanyFileError, match="not a SQLite company file") as refused:
        CompanyFile.open(path)
    assert str(path) in str(refused.value)

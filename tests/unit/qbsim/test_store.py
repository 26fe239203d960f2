"""Saving and loading the company: JSON round trip, the SQLite company file, open()."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

from lxml import etree

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.simulator.balances import recompute
from adapters.quickbooks.simulator.codec import company_from_json, company_to_json
from adapters.quickbooks.simulator.demo_company import demo_company
from adapters.quickbooks.simulator.store import CompanyFile
from tests.unit.qbsim.conftest import Ask, FakeClock
from tests.unit.qbsim.ledger_reads import added_txn_id, balances
from tests.unit.qbsim.messages import (
    applied,
    credit_memo_add,
    customer_add,
    invoice_add,
    message,
    payment_add,
)


def _busy_company(ask: Ask) -> None:
    ask(message(customer_add("Round Trip"), customer_add("Leg", parent="Round Trip")))
    invoice_id, _ = added_txn_id(
        ask(message(invoice_add("Round Trip:Leg", [("Towing", "2", "92.50")]))), "InvoiceRet"
    )
    memo_id, _ = added_txn_id(
        ask(message(credit_memo_add("Round Trip:Leg", "15.00"))), "CreditMemoRet"
    )
    ask(
        message(
            payment_add(
                "Round Trip:Leg", "100.00", [applied(invoice_id, "100.00", [(memo_id, "10.00")])]
            )
        )
    )


def test_json_round_trip_keeps_everything(ask: Ask, sim: QuickBooksSimulator) -> None:
    _busy_company(ask)
    saved = company_to_json(sim.company)
    loaded = company_from_json(saved)
    assert loaded == sim.company
    assert company_to_json(loaded) == saved
    assert loaded.names.owner("round trip:leg") is not None
    assert loaded.customers.keys() == sim.company.customers.keys()
    leg = next(c for c in loaded.customers.values() if c.full_name == "Round Trip:Leg")
    assert (leg.balance, leg.total_balance) == (Decimal("70.00"), Decimal("70.00"))


def test_balances_kept_on_every_change_match_a_recomputation(
    ask: Ask, sim: QuickBooksSimulator
) -> None:
    _busy_company(ask)
    kept = {c.list_id: (c.balance, c.total_balance) for c in sim.company.customers.values()}
    applied_amounts = {i.txn_id: i.applied_amount for i in sim.company.invoices.values()}
    recompute(sim.company)
    assert kept == {c.list_id: (c.balance, c.total_balance) for c in sim.company.customers.values()}
    assert applied_amounts == {i.txn_id: i.applied_amount for i in sim.company.invoices.values()}


def test_the_company_file_is_one_sqlite_file_and_nothing_beside_it(
    tmp_path: Path, clock: FakeClock
) -> None:
    target = tmp_path / "company.sqlite"
    first = CompanyFile.open(target, clock)
    first.close()
    again = CompanyFile.open(target, clock)
    again.close()
    assert [path.name for path in tmp_path.iterdir()] == ["company.sqlite"]
    assert again.company == demo_company(clock)


def test_open_seeds_the_demo_company_then_keeps_changes_across_runs(
    tmp_path: Path, qbxml_schema: etree.XMLSchema, ask: Ask
) -> None:
    path = tmp_path / "qbsim" / "company.json"
    first = QuickBooksSimulator.open(path, schema=qbxml_schema)
    assert path.exists()
    ask(message(invoice_add("Jane Doe", [("Towing", "1", "185.00")])), first)

    second = QuickBooksSimulator.open(path, schema=qbxml_schema)

    def ask_second(request: str) -> etree._Element:
        return ask(request, second)

    assert balances(ask_second, "Jane Doe") == (Decimal("185.00"), Decimal("185.00"))
    ask(message(customer_add("Brand New")), second)
    third = QuickBooksSimulator.open(path)
    assert third.company.names.owner("brand new") is not None
    assert third.company.sequences == second.company.sequences


def test_a_message_that_changes_nothing_does_not_save(
    tmp_path: Path, qbxml_schema: etree.XMLSchema
) -> None:
    path = tmp_path / "company.sqlite"
    sim = QuickBooksSimulator.open(path, schema=qbxml_schema)
    changes = _change_counter(path)
    sim.handle(message("<CustomerQueryRq/>", customer_add("Jane Doe")))
    assert _change_counter(path) == changes
    sim.handle(message(customer_add("Saved Now")))
    assert _change_counter(path) == changes + 1
    assert QuickBooksSimulator.open(path).company.names.owner("Saved Now") is not None


def _change_counter(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT changes FROM company").fetchone()[0])

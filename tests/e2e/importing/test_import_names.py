"""Naming exceptions found by the import: ledger customers QuickBooks would refuse to create."""

from __future__ import annotations

from adapters.services.importing.names import TakenName, customer_name_problems
from adapters.storage.ledger.application import Ledger
from domain.customer import Customer
from tests.e2e.importing.conftest import WebConnectorImport

LONG_NAME = "Springfield Municipal Fleet Maintenance Division"


def test_a_ledger_customer_named_like_a_vendor_is_reported_with_what_to_do(
    web_connector: WebConnectorImport, ledger: Ledger
) -> None:
    ledger.register_customer("C-100", "metro AUTO parts")
    ledger.register_customer("C-200", "Walk-in", qb_name="Dave Wilson")

    report = web_connector.run()

    assert report.status == "completed"
    assert len(report.warnings) == 2
    vendor, employee = sorted(report.warnings)
    assert vendor.startswith("customer C-100: ")
    assert 'QuickBooks vendor "Metro Auto Parts"' in vendor
    assert "3100" in vendor
    assert "set a QB Name for customer C-100" in vendor
    assert 'QuickBooks employee "Dave Wilson"' in employee
    assert "set a QB Name for customer C-200" in employee
    # Neither was linked to anything: both wait for the sync to create them.
    assert ledger.customer("C-100").qb_list_id is None


def test_an_over_long_name_is_reported(web_connector: WebConnectorImport, ledger: Ledger) -> None:
    # Recorded before names were checked at entry (the register command now refuses it).
    ledger.save(Customer(code="FLEET", name=LONG_NAME, qb_name="", parent=""))

    report = web_connector.run()

    assert report.warnings == [
        f'customer FLEET: its name for QuickBooks "{LONG_NAME}" has {len(LONG_NAME)} '
        "characters; QuickBooks allows 41; set a QB Name of at most 41 characters for "
        "customer FLEET"
    ]


def test_a_ledger_customer_wanting_a_name_another_customer_took_is_reported(
    web_connector: WebConnectorImport, ledger: Ledger
) -> None:
    ledger.register_customer("JD-1", "Jane Doe")
    ledger.register_customer("JD-2", "JANE DOE")

    report = web_connector.run()

    assert report.kinds["customer"].updated == ["Jane Doe"]
    assert ledger.customer("JD-1").qb_full_name == "Jane Doe"
    [warning] = report.warnings
    assert warning.startswith("customer JD-2: ")
    assert 'QuickBooks customer "Jane Doe"' in warning


def test_the_sync_can_check_names_before_sending(
    web_connector: WebConnectorImport, ledger: Ledger
) -> None:
    web_connector.run()
    ledger.register_customer("NEW-1", "Smith Auto Body")
    ledger.register_customer("NEW-2", "Roadside Club")
    ledger.register_customer("NEW-3", "Fresh Start Towing")

    problems = customer_name_problems(ledger, [TakenName("Roadside Club", "other name")])

    assert [(p.customer_code, p.what_to_do.split(" that")[0]) for p in problems] == [
        ("NEW-1", "set a QB Name for customer NEW-1"),
        ("NEW-2", "set a QB Name for customer NEW-2"),
    ]
    ledger.set_customer_qb_name("NEW-1", "Smith Auto Body (new)")
    remaining = customer_name_problems(ledger, [TakenName("Roadside Club", "other name")])
    assert [p.customer_code for p in remaining] == ["NEW-2"]

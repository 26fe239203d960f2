"""Repeating the import (SPEC 4): it updates what changed, adds what is new and reports both;
over recorded transactions it is refused with a warning unless someone confirms it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.services.importing.conversation import ImportOptions
from adapters.services.importing.ledger_customers import ledger_customers
from adapters.storage.ledger.application import Ledger
from domain.errors import InvalidReference, RepeatImportNeedsConfirmation
from domain.lines import Line
from tests.e2e.importing.conftest import WebConnectorImport
from tests.e2e.importing.quickbooks_changes import (
    add_in_quickbooks,
    assert_balances_match,
    invoice_in_quickbooks,
    linked_customer,
    quickbooks_customer,
    rename_in_quickbooks,
)


def test_a_repeat_reports_new_and_updated_customers(
    web_connector: WebConnectorImport, ledger: Ledger, simulator: QuickBooksSimulator
) -> None:
    web_connector.run()
    # In QuickBooks: a new customer, a renamed one, and a new invoice for a third.
    add_in_quickbooks(simulator, "Dana Reyes")
    rename_in_quickbooks(simulator, "Jane Doe", "Jane Doe-Smith")
    invoice_in_quickbooks(simulator, "Bob Carter", towing=2)
    # In the ledger: a customer renamed after the first import.
    ledger.rename_customer("Acme Insurance", "Acme Insurance Company")

    report = web_connector.run()

    assert report.status == "completed"
    assert report.repeat
    assert not report.confirmed_by
    customers = report.kinds["customer"]
    assert customers.added == ["Dana Reyes"]
    assert sorted(customers.updated) == ["Bob Carter", "Jane Doe-Smith"]
    assert customers.unchanged == 6
    assert report.counts()["item"] == {"added": 0, "updated": 0, "unchanged": 6}
    # The renamed QuickBooks customer keeps its ledger code; its ledger name follows.
    jane = linked_customer(ledger, quickbooks_customer(simulator, "Jane Doe-Smith").list_id)
    assert (jane.code, jane.name, jane.qb_full_name) == (
        "Jane Doe",
        "Jane Doe-Smith",
        "Jane Doe-Smith",
    )
    # The customer renamed in the ledger keeps its link and its ledger name.
    acme = ledger.customer("Acme Insurance")
    assert acme.name == "Acme Insurance Company"
    assert acme.qb_list_id == quickbooks_customer(simulator, "Acme Insurance").list_id
    assert ledger.customer("Bob Carter").opening_balance == Decimal("370.00")
    assert len(ledger_customers(ledger)) == len(simulator.company.customers) == 9
    assert_balances_match(ledger, simulator)
    assert ledger.company_settings().imports_completed == 2


def test_a_repeat_over_recorded_transactions_is_refused_with_a_warning(
    web_connector: WebConnectorImport, ledger: Ledger
) -> None:
    web_connector.run()
    ledger.create_invoice(
        "1234567-1",
        "Smith Auto Body",
        date(2024, 5, 2),
        [Line("Towing", "Tow to yard", Decimal("1"), Decimal("185.00"))],
    )
    sessions_before = len(web_connector.sessions)

    with pytest.raises(RepeatImportNeedsConfirmation) as refusal:
        web_connector.requests.request(ImportOptions())
    assert "already holds invoices, payments or credit memos" in str(refusal.value)
    assert "--confirm --by NAME" in str(refusal.value)
    with pytest.raises(InvalidReference, match="must say who confirmed it"):
        web_connector.requests.request(ImportOptions(confirm=True))

    # Nothing was asked of QuickBooks: the next session finds no work.
    assert web_connector.session().outcome == "nothing to do"
    assert len(web_connector.sessions) == sessions_before + 1
    assert ledger.company_settings().imports_completed == 1


def test_a_confirmed_repeat_runs_and_records_who_confirmed_it(
    web_connector: WebConnectorImport, ledger: Ledger, simulator: QuickBooksSimulator
) -> None:
    web_connector.run()
    ledger.record_account_payment("CHK-1001", "City of Springfield", "35.00", date(2024, 5, 3))
    invoice_in_quickbooks(simulator, "Jane Doe", towing=1)

    report = web_connector.run(ImportOptions(page_size=3, confirm=True, confirmed_by="Carol"))

    assert report.status == "completed"
    assert report.repeat
    assert report.confirmed_by == "Carol"
    assert report.warnings[0].startswith("repeat import confirmed by Carol although")
    assert report.kinds["customer"].updated == ["Jane Doe"]
    assert_balances_match(ledger, simulator)


def test_a_repeat_without_transactions_needs_no_confirmation(
    web_connector: WebConnectorImport,
) -> None:
    web_connector.run()
    report = web_connector.run()
    assert report.status == "completed"
    assert report.repeat
    assert report.warnings == []
    assert report.counts()["customer"] == {"added": 0, "updated": 0, "unchanged": 8}

"""A first import through the Web Connector: every list, every customer linked, balances equal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.simulator.demo_company import large_company
from adapters.services.importing.conversation import ImportOptions
from adapters.services.importing.guards import require_import_completed
from adapters.services.importing.ledger_customers import ledger_customers
from adapters.storage.ledger.application import Ledger
from adapters.storage.ledger.unit_of_work import UnitOfWork
from domain import ids
from domain.errors import ImportRequired, StateConflict
from domain.quickbooks_list import ListKind, QuickBooksListEntry
from tests.e2e.importing.conftest import WebConnectorImport
from tests.e2e.importing.quickbooks_changes import assert_balances_match, quickbooks_customer


def test_a_fresh_import_brings_every_list_and_links_every_customer(
    web_connector: WebConnectorImport, ledger: Ledger, simulator: QuickBooksSimulator
) -> None:
    # Before any import, the sync's gate refuses with a named error.
    with pytest.raises(ImportRequired, match="no Import from QuickBooks has completed"):
        require_import_completed(ledger)
    assert issubclass(ImportRequired, StateConflict)

    report = web_connector.run()

    assert report.status == "completed"
    assert not report.repeat
    assert report.counts() == {
        "account": {"added": 4, "updated": 0, "unchanged": 0},
        "terms": {"added": 3, "updated": 0, "unchanged": 0},
        "payment method": {"added": 5, "updated": 0, "unchanged": 0},
        "sales tax code": {"added": 2, "updated": 0, "unchanged": 0},
        "item": {"added": 6, "updated": 0, "unchanged": 0},
        "customer": {"added": 8, "updated": 0, "unchanged": 0},
    }
    assert report.warnings == []
    assert_balances_match(ledger, simulator)
    require_import_completed(ledger)
    assert ledger.company_settings().imports_completed == 1


def test_jobs_keep_their_parent_and_new_customers_are_coded_by_full_name(
    web_connector: WebConnectorImport, ledger: Ledger, simulator: QuickBooksSimulator
) -> None:
    web_connector.run()

    job = ledger.customer("Harbor Freight Lines:Truck 12 Recovery")
    assert (job.name, job.parent) == ("Truck 12 Recovery", "Harbor Freight Lines")
    smith = ledger.customer("Smith Auto Body")
    assert smith.opening_balance == Decimal("239.00")
    assert smith.qb_list_id == quickbooks_customer(simulator, "Smith Auto Body").list_id


def test_items_of_every_type_keep_their_list_id_name_and_edit_sequence(
    web_connector: WebConnectorImport, ledger: Ledger, simulator: QuickBooksSimulator
) -> None:
    web_connector.run()

    types: set[str] = set()
    for item in simulator.company.items.values():
        entry_id = ids.list_entry_id(str(ListKind.ITEM), item.list_id)
        entry = UnitOfWork(ledger).get(QuickBooksListEntry, entry_id, "item", item.list_id)
        assert (entry.full_name, entry.edit_sequence) == (item.full_name, item.edit_sequence)
        types.add(entry.details["type"])
    assert types == {"Service", "NonInventory", "OtherCharge"}


@pytest.mark.usefixtures("simulator")
def test_a_large_company_imports_page_by_page_with_honest_progress(
    web_connector: WebConnectorImport,
    ledger: Ledger,
    qbxml_schema: etree.XMLSchema,
) -> None:
    web_connector.simulator = QuickBooksSimulator(large_company(2_000), schema=qbxml_schema)
    web_connector.requests.request(ImportOptions(page_size=100))

    session = web_connector.session()

    # 2,008 customers at 100 a page are 21 pages, after the names, the lists and the items.
    assert session.outcome == "completed", session.errors
    assert len(session.requests) == 1 + 1 + 1 + 21
    customer_pages = [r for r in session.requests if "CustomerQueryRq" in r]
    assert len(customer_pages) == 21
    assert all("<MaxReturned>100</MaxReturned>" in page for page in customer_pages)
    assert 'iterator="Continue"' in customer_pages[-1]
    assert session.percents == sorted(session.percents)
    assert session.percents[-1] == 100
    assert max(session.percents[:-1]) < 100
    assert len(set(session.percents)) > 20
    report = web_connector.report()
    assert report.counts()["customer"] == {"added": 2_008, "updated": 0, "unchanged": 0}
    customers = ledger_customers(ledger)
    assert len(customers) == 2_008
    assert all(c.is_linked for c in customers.values())
    assert len(web_connector.simulator.company.iterators) == 0
    assert_balances_match(ledger, web_connector.simulator)

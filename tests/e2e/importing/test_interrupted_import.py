"""A Web Connector session that drops midway: the next session imports without duplicates."""

from __future__ import annotations

from lxml import etree

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.simulator.demo_company import large_company
from adapters.services.importing.conversation import ImportOptions
from adapters.services.importing.ledger_customers import ledger_customers
from adapters.services.importing.runs import list_runs
from adapters.storage.ledger.application import Ledger
from tests.e2e.importing.conftest import WebConnectorImport
from tests.e2e.importing.quickbooks_changes import assert_balances_match


def test_an_import_dropped_midway_restarts_without_duplicating_anything(
    web_connector: WebConnectorImport, ledger: Ledger, qbxml_schema: etree.XMLSchema
) -> None:
    web_connector.simulator = QuickBooksSimulator(large_company(250), schema=qbxml_schema)
    web_connector.requests.request(ImportOptions(page_size=50))

    # The first session stops after 6 messages: names, lists, items and 3 customer pages.
    dropped = web_connector.session(max_requests=6)
    assert dropped.outcome == "error"
    [first] = list_runs(ledger)
    assert first.status == "running"
    assert first.counts()["customer"] == {"added": 150, "updated": 0, "unchanged": 0}
    assert len(ledger_customers(ledger)) == 150
    assert ledger.company_settings().imports_completed == 0

    # The next session starts over: what was imported is unchanged, the rest is added.
    resumed = web_connector.session()
    assert resumed.outcome == "completed", resumed.errors
    interrupted, completed = list_runs(ledger)
    assert interrupted.status == "failed"
    assert "interrupted" in interrupted.failure
    assert completed.status == "completed"
    assert not completed.repeat
    assert completed.counts()["customer"] == {"added": 108, "updated": 0, "unchanged": 150}
    assert completed.counts()["item"] == {"added": 0, "updated": 0, "unchanged": 6}
    customers = ledger_customers(ledger)
    assert len(customers) == len(web_connector.simulator.company.customers) == 258
    assert len({c.list_id for c in customers.values()}) == 258
    assert_balances_match(ledger, web_connector.simulator)
    assert ledger.company_settings().imports_completed == 1
    assert web_connector.session().outcome == "nothing to do"

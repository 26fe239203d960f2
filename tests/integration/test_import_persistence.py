"""The import on every persistence backend: pages saved atomically, idempotent by ListID."""

from __future__ import annotations

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.simulator.demo_company import large_company
from adapters.services.importing.conversation import ImportConversation, ImportOptions
from adapters.services.importing.guards import require_import_completed
from adapters.services.importing.jobs import run_import
from adapters.services.importing.ledger_customers import ledger_customers
from adapters.services.importing.ledger_log import ledger_holds_transactions
from adapters.services.importing.runs import list_runs
from adapters.storage.ledger.application import Ledger


def test_an_abandoned_import_and_a_restart_leave_one_copy_of_everything(ledger: Ledger) -> None:
    simulator = QuickBooksSimulator(large_company(60))
    abandoned = ImportConversation(ledger, ImportOptions(page_size=25))
    for _ in range(4):  # names, lists, items, one page of customers; then nothing more
        message = abandoned.next_message()
        assert message is not None
        assert 0 < abandoned.accept_answer(simulator.handle(message)) < 100

    report = run_import(ledger, simulator.handle, ImportOptions(page_size=25))

    assert report.status == "completed"
    assert report.counts()["customer"] == {"added": 43, "updated": 0, "unchanged": 25}
    assert [run.status for run in list_runs(ledger)] == ["failed", "completed"]
    customers = ledger_customers(ledger)
    assert len(customers) == 68
    assert len({c.list_id for c in customers.values()}) == 68
    balances = {c.full_name: c.balance for c in simulator.company.customers.values()}
    assert {code: ledger.customer(code).opening_balance for code in balances} == balances
    require_import_completed(ledger)
    assert not ledger_holds_transactions(ledger)

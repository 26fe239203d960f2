"""A customer is linked to its QuickBooks ListID in exactly one way, whether the sync created
it in QuickBooks or an import found it there."""

from __future__ import annotations

from pathlib import Path

from adapters.services.importing.conversation import ImportOptions
from adapters.services.importing.jobs import run_import
from adapters.services.importing.ledger_customers import ledger_customers
from api.bootstrap import bootstrap
from tests.e2e.sync.conftest import record_paid_job, settings_for


def test_a_customer_the_sync_created_stays_one_customer_after_a_confirmed_repeat_import(
    tmp_path: Path,
) -> None:
    container = bootstrap(settings_for(tmp_path))
    try:
        simulator = container.quickbooks_simulator()
        first = run_import(container.ledger, simulator.handle)
        assert first.status == "completed"
        # A customer QuickBooks does not know yet, with a paid job: the sync creates it there.
        record_paid_job(container, "9701", "NEWCO", "80.00")
        run_id = container.synchronizer().start_run()
        container.synchronizer().run_directly(run_id, simulator.handle)
        list_id = container.ledger.customer("NEWCO").qb_list_id
        assert list_id is not None

        repeat = run_import(
            container.ledger, simulator.handle, ImportOptions(confirm=True, confirmed_by="Kim")
        )

        assert repeat.status == "completed", repeat.failure
        holding = [
            c.code for c in ledger_customers(container.ledger).values() if c.list_id == list_id
        ]
        assert holding == ["NEWCO"]
        assert repeat.kinds["customer"].added == []
        in_quickbooks = [c for c in simulator.company.customers.values() if c.list_id == list_id]
        assert len(in_quickbooks) == 1
    finally:
        container.close()

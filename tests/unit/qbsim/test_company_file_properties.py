"""Property: two processes' company files, changed in any interleaving of invoices, credits,
payments, re-applications, voids and deletes, catch up to exactly what a fresh load of the file
holds, derived balances included (merge.py moves balances by differences, not by recomputing)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.quickbooks.simulator.company import Company
from adapters.quickbooks.simulator.status import QbError
from adapters.quickbooks.simulator.store import CompanyFile
from tests.unit.qbsim.conftest import FakeClock
from tests.unit.qbsim.test_ledger_properties import _apply, operation


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.booleans(), st.booleans(), operation), min_size=4, max_size=25))
def test_catching_up_equals_a_fresh_load(
    steps: list[tuple[bool, bool, tuple[object, ...]]],
) -> None:
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "company.sqlite"
        files = [CompanyFile.open(path, clock), CompanyFile.open(path, clock)]
        for on_second, other_catches_up, step in steps:

            def run(company: Company, step: tuple[object, ...] = step) -> tuple[None, bool]:
                try:
                    _apply(company, step)
                except QbError:
                    return None, False
                return None, True

            files[on_second].exchange(run)
            if other_catches_up:
                files[not on_second].exchange(lambda _: (None, False))
        for company_file in files:
            company_file.exchange(lambda _: (None, False))  # catch up on the other's rows
        fresh = CompanyFile.open(path, clock)
        try:
            assert files[0].company == fresh.company
            assert files[1].company == fresh.company
        finally:
            for company_file in (*files, fresh):
                company_file.close()

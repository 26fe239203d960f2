"""Four real processes adding to one simulator company file at the same time see one company:
every ListID and TxnID they were answered with is in the file exactly once, nothing else is
new, and the balances are those of all their transactions together."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.simulator.company import Company

WORKERS = 4
MESSAGES = 12


def test_four_processes_adding_to_one_company_file(tmp_path: Path) -> None:
    path = tmp_path / "quickbooks-simulator.sqlite"
    before = QuickBooksSimulator.open(path).company
    seeded_customers, seeded_txns = set(before.customers), _txn_ids(before)
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.integration.qbsim.adder",
                str(path),
                f"w{n}",
                str(MESSAGES),
                str(go),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        for n in range(WORKERS)
    ]
    go.touch()
    answered: dict[str, list[str]] = {"list_ids": [], "txn_ids": []}
    for worker in workers:
        out, err = worker.communicate(timeout=240)
        assert worker.returncode == 0, err
        for kind, ids in json.loads(out).items():
            answered[kind] += ids

    company = QuickBooksSimulator.open(path).company
    new_customers = set(company.customers) - seeded_customers
    new_txns = _txn_ids(company) - seeded_txns
    assert len(answered["list_ids"]) == WORKERS * MESSAGES
    assert len(answered["txn_ids"]) == WORKERS * MESSAGES * 3
    assert Counter(answered["list_ids"]).most_common(1)[0][1] == 1
    assert Counter(answered["txn_ids"]).most_common(1)[0][1] == 1
    assert new_customers == set(answered["list_ids"])
    assert new_txns == set(answered["txn_ids"])
    for list_id in new_customers:
        customer = company.customers[list_id]
        assert (customer.balance, customer.total_balance) == (Decimal("50.00"), Decimal("50.00"))
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["go", path.name]  # no temp files
    print(f"{len(new_txns)} TxnIDs and {len(new_customers)} ListIDs, each exactly once")


def _txn_ids(company: Company) -> set[str]:
    return {*company.invoices, *company.credit_memos, *company.payments}

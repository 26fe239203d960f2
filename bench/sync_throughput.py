"""Operations per second through the outbox and the simulator, and qbXML round trips per run
against the ideal: each dependency level's messages counted once.

.venv/bin/python -m bench.sync_throughput [--customers 20] [--invoices 5] [--batch 50]
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from datetime import date
from pathlib import Path

from adapters.quickbooks.simulator.simulator import QuickBooksSimulator
from adapters.services.sync.ledger_with_outbox import SyncLedger
from adapters.services.sync.settings import SyncSettings
from adapters.services.sync.synchronizer import Synchronizer
from adapters.settings import persistence_env
from adapters.storage.readiness.store import ReadinessStore
from domain.lines import make_line

DEPTH = 3  # customer, then invoice, then its conservative job payment


def _book(ledger: SyncLedger, customers: int, invoices: int) -> int:
    with ledger.bulk():
        for c in range(customers):
            ledger.register_customer(f"B{c}", f"Bench Customer {c:05d}")
            for i in range(invoices):
                number = f"{1000 + c}-{i + 1}"
                ledger.create_invoice(
                    number, f"B{c}", date(2024, 3, 1), [make_line("Towing", "tow", "1", "50.00")]
                )
                ledger.finalize_invoice(number)
                ledger.record_job_payment(f"J{c}-{i}", number, "50.00", date(2024, 3, 1))
    ledger.record_import_completed("bench")
    # customers are queried then added: two operations' worth of round trips at depth 1
    return customers * 2 + customers * invoices * 2


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=20)
    parser.add_argument("--invoices", type=int, default=5)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    env = persistence_env(f"sqlite:///{tmp / 'bench.sqlite'}", tmp)
    ledger = SyncLedger(env=env)
    requests = _book(ledger, args.customers, args.invoices)
    sync = Synchronizer(ledger, ReadinessStore.open(env), SyncSettings(batch_size=args.batch))
    qb = QuickBooksSimulator()
    messages = 0

    def backend(xml: str) -> str:
        nonlocal messages
        messages += 1
        return qb.handle(xml)

    started = time.perf_counter()
    run = sync.start_run()
    report = sync.run_directly(run, backend)
    elapsed = time.perf_counter() - started
    operations = len(report.done)
    # Each dependency level's messages counted once: the customers' queries, their adds, the
    # invoices, then their job payments (a level's partial batch is one message).
    transactions = args.customers * args.invoices
    levels = [args.customers, args.customers, transactions, transactions]
    ideal = sum(math.ceil(n / args.batch) for n in levels)
    bound = DEPTH + 1 + math.ceil(requests / args.batch)  # +1: the customer query step
    print(f"operations done: {operations} ({requests} requests) in {elapsed:.2f}s")
    print(
        f"throughput: {operations / elapsed:.1f} operations/s, {requests / elapsed:.1f} requests/s"
    )
    print(
        f"round trips: {messages}; ideal (each level's messages once) {ideal}, "
        f"ratio {messages / ideal:.2f}; depth+1+requests/batch = {bound}"
    )


if __name__ == "__main__":
    main()

"""Policy engine benchmark: what-if, explain and rebuild against their baselines, in one run.

    .venv/bin/python -m bench.policy_engine --transactions 100000 [--database-url URL]

Builds a ledger of jobs (two invoices, each paid by a job payment), account payments and
credit memos, most of it already imported, then prints each figure beside its target.
The rebuild ratio compares medians: the raw log read and the rebuild are each timed
`--rounds` times (3 by default), alternately, each run after a full collection and with
no facts cached, and the output gives each median and range.
"""

from __future__ import annotations

import argparse
import gc
import random
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from statistics import median
from uuid import UUID

from adapters.settings import persistence_env
from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness.store import ReadinessStore
from domain import ids
from domain.kinds import TxnKind
from domain.lines import make_line
from projections.readiness.facts import TxnRef

DAY = date(2024, 3, 1)


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def paired(
    first: Callable[[], object],
    second: Callable[[], object],
    rounds: int,
    settle: Callable[[], object],
) -> tuple[list[float], list[float]]:
    """Both actions timed `rounds` times, alternately, so that both sides of a ratio see the
    same conditions (a warm or a busy machine, the database's caches) alike; each starts
    after `settle`, from the same heap (the collector's cost grows with what is alive)."""
    firsts: list[float] = []
    seconds: list[float] = []
    for _ in range(rounds):
        for action, samples in ((first, firsts), (second, seconds)):
            settle()
            gc.collect()
            samples.append(timed(action))
    return firsts, seconds


def _spread(samples: list[float]) -> str:
    return f"{median(samples):.3f} s ({min(samples):.3f}-{max(samples):.3f})"


def build(ledger: Ledger, transactions: int) -> list[tuple[TxnRef, UUID]]:
    """About `transactions` transactions: per job 2 invoices + 2 job payments, plus extras."""
    made: list[tuple[TxnRef, UUID]] = []
    ledger.register_customer("C1", "Acme Towing")
    jobs = max(1, transactions // 5)
    for start in range(0, jobs, 250):
        with ledger.bulk():
            for job in range(start, min(jobs, start + 250)):
                made.extend(_job(ledger, job))
    return made


def _job(ledger: Ledger, job: int) -> list[tuple[TxnRef, UUID]]:
    numbers, made = [f"{job}-1", f"{job}-2"], []
    for number in numbers:
        ledger.create_invoice(number, "C1", DAY, [make_line("tow", "", "1", "100")])
        ledger.finalize_invoice(number)
        ledger.record_job_payment(f"P{number}", number, "100.00", DAY)
        made += [(TxnRef.invoice(number), ids.invoice_id(number))]
        made += [(TxnRef(TxnKind.JOB_PAYMENT, f"P{number}"), ids.payment_id(f"P{number}"))]
    if job % 2:
        ledger.create_invoice(f"{job}-3", "C1", DAY, [make_line("tow", "", "1", "50")])
        ledger.record_account_payment(f"A{job}", "C1", "30.00", DAY)
        ledger.apply_payment(f"A{job}", f"{job}-3", "30.00")
        made += [(TxnRef(TxnKind.ACCOUNT_PAYMENT, f"A{job}"), ids.payment_id(f"A{job}"))]
    elif job % 4 == 0:
        ledger.create_credit_memo(f"CM{job}", "C1", DAY, [make_line("cr", "", "1", "20")])
        made += [(TxnRef(TxnKind.CREDIT_MEMO, f"CM{job}"), ids.credit_memo_id(f"CM{job}"))]
    if job % 10 < 8:  # most jobs are in QuickBooks already
        for number in numbers:
            ledger.record_imported("invoice", number, f"T{number}", "1")
            ledger.record_imported("payment", f"P{number}", f"TP{number}", "1")
            ledger.record_applied("payment", f"P{number}", number, "2")
    return made


def raw_read(ledger: Ledger) -> int:
    count, after = 0, 0
    while page := ledger.recorder.select_notifications(after + 1, 50_000):
        count, after = count + len(page), page[-1].id
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--transactions", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="default: a temporary SQLite file")
    parser.add_argument(
        "--rounds", type=int, default=3, help="interleaved timings of raw read and rebuild"
    )
    parser.add_argument("--samples", type=int, default=200, help="explain/load samples")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="qbsync-bench-"))
    env = persistence_env(args.database_url, folder)
    ledger, store = Ledger(env=env), ReadinessStore.open(env)
    print(f"backend {env['PERSISTENCE_MODULE']}; building {args.transactions} transactions…")
    made = build(ledger, args.transactions)
    events = ledger.recorder.max_notification_id() or 0
    print(f"{len(made)} transactions, {events} events")

    # Each run starts without the facts a rebuild leaves cached (as the first run does).
    reads, rebuilds = paired(
        lambda: raw_read(ledger), lambda: store.rebuild(ledger), args.rounds, store.model.forget
    )
    read_s, rebuild_s = median(reads), median(rebuilds)
    print(f"rebuild {events / rebuild_s:,.0f} events/s vs raw log read {events / read_s:,.0f}"
          f" events/s: {read_s / rebuild_s:.2f}x (target >= 0.5x)")  # fmt: skip
    print(f"  medians of {args.rounds} alternating runs each, each from a collected heap"
          f" without cached facts: raw read {_spread(reads)}, "
          f"rebuild {_spread(rebuilds)}")  # fmt: skip

    replay_s = timed(lambda: [ledger.repository.get(oid) for _, oid in made])
    what_if_s = min(timed(lambda: store.what_if(ledger)) for _ in range(3))
    print(f"what-if, all levels {what_if_s * 1000:,.1f} ms vs full replay of every aggregate "
          f"{replay_s * 1000:,.0f} ms: {replay_s / what_if_s:,.1f}x faster "
          "(target >= 50x)")  # fmt: skip

    sample = random.Random(7).sample(made, min(args.samples, len(made)))
    load_s = timed(lambda: [ledger.repository.get(oid) for _, oid in sample]) / len(sample)
    explain_s = timed(lambda: [store.explain(ledger, ref) for ref, _ in sample]) / len(sample)
    print(f"explain {explain_s * 1e6:,.0f} us vs loading one aggregate {load_s * 1e6:,.0f} us: "
          f"{explain_s / load_s:.2f}x its cost (target <= 5x)")  # fmt: skip
    store.close()
    ledger.close()


if __name__ == "__main__":
    main()

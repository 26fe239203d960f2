"""Sync and explain at a company's scale: how each cost grows with the work and the history.

    .venv/bin/python -m bench.scale [--backends sqlite,postgres] [--sizes 100,1000]
        [--histories 4000,40000] [--explain 3400,34000] [--cold 9500] [--budget 600]

Prints, per backend, in one run:
- one sync run through the simulator of each size in `--sizes` (ready operations): wall
  time, time per operation, time spent planning (`SyncEngine.prepare`), and qbXML round
  trips against the ideal (each dependency level's messages counted once) and against
  dependency depth + operations / batch size. Target: per operation within 2x of the
  smallest size's.
- one sync run of 100 operations in ledgers already holding each of `--histories` events.
  Target: within 2x of each other.
- explain as of a log position and as of a moment, against loading one aggregate at a
  version, in ledgers of each of `--explain` events. Target: at most 10x one aggregate load.
- explain in a fresh process against a ledger of `--cold` transactions (read model current):
  time and peak memory. Target: under 1 s and 150 MB at 95,000 transactions.
A size is skipped once the run has taken `--budget` seconds (so every run is bounded).
The simulator's own figures are `bench.simulator_throughput`'s.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from statistics import median
from typing import Any

from adapters.quickbooks.simulator.simulator import QuickBooksSimulator
from adapters.services.sync.ledger_with_outbox import SyncLedger
from adapters.services.sync.settings import SyncSettings
from adapters.services.sync.synchronizer import Synchronizer
from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness.events import read_log
from adapters.storage.readiness.store import ReadinessStore
from bench.ledger_throughput import fresh_store
from bench.policy_engine import build
from domain import ids
from domain.lines import make_line
from projections.readiness.facts import TxnRef

DAY = date(2024, 3, 1)
BATCH = 50
DEPTH = 4  # customer query, customer add, invoice add, its conservative job payment's add


class Budget:
    def __init__(self, seconds: float) -> None:
        self.ends = time.monotonic() + seconds

    def left(self) -> bool:
        return time.monotonic() < self.ends


def ready_work(ledger: Ledger, operations: int, prefix: str = "R") -> list[int]:
    """About `operations` ready operations (per customer: the customer, 5 invoices, each with
    its job payment); returns the operations per dependency level, in the order sent."""
    customers = max(1, operations // 11)
    with ledger.bulk():
        for c in range(customers):
            code = f"{prefix}{c}"
            ledger.register_customer(code, f"Scale Customer {prefix}{c:06d}")
            for i in range(5):
                number = f"{prefix}{c}-{i + 1}"
                ledger.create_invoice(number, code, DAY, [make_line("Towing", "tow", "1", "50")])
                ledger.finalize_invoice(number)
                ledger.record_job_payment(f"J{number}", number, "50.00", DAY)
    ledger.record_import_completed("scale bench")
    return [customers, customers, customers * 5, customers * 5]


def history(ledger: Ledger, events: int) -> None:
    """A settled history of about `events` events: invoices paid, imported and applied."""
    ledger.register_customer("H", "History Customer")
    made, n = ledger.recorder.max_notification_id() or 0, 0
    while made < events:
        with ledger.bulk():
            for _ in range(250):
                number = f"H{n}"
                ledger.create_invoice(number, "H", DAY, [make_line("tow", "", "1", "100")])
                ledger.finalize_invoice(number)
                ledger.record_job_payment(f"P{number}", number, "100.00", DAY)
                ledger.record_imported("invoice", number, f"T{number}", "1")
                ledger.record_imported("payment", f"P{number}", f"TP{number}", "1")
                ledger.record_applied("payment", f"P{number}", number, "2")
                n += 1
        made = ledger.recorder.max_notification_id() or 0


def sync_once(env: dict[str, str], levels: list[int]) -> dict[str, float]:
    """One run of everything ready, timed; planning time and round trips counted."""
    ledger = SyncLedger(env=env)
    store = ReadinessStore.open(env)
    store.update(ledger)
    sync = Synchronizer(ledger, store, SyncSettings(batch_size=BATCH))
    planning = [0.0]
    prepare = sync.engine.prepare

    def timed_prepare() -> None:
        started = time.perf_counter()
        prepare()
        planning[0] += time.perf_counter() - started

    sync.engine.prepare = timed_prepare  # type: ignore[method-assign]
    qb, messages = QuickBooksSimulator(), [0]

    def backend(xml: str) -> str:
        messages[0] += 1
        return qb.handle(xml)

    started = time.perf_counter()
    report = sync.run_directly(sync.start_run(), backend)
    wall = time.perf_counter() - started
    store.close()
    ledger.close()
    return {
        "wall": wall,
        "done": len(report.done),
        "prepare": planning[0],
        "messages": messages[0],
        "ideal": sum(math.ceil(n / BATCH) for n in levels),
        "bound": DEPTH + math.ceil(sum(levels) / BATCH),
    }


def sync_sizes(backend: str, sizes: list[int], budget: Budget, workdir: Path) -> None:
    print("sync: one run of N ready operations through the simulator")
    first: float | None = None
    for size in sizes:
        if not budget.left():
            print(f"  {size:>7,} skipped: the budget is spent")
            continue
        with fresh_store(backend, workdir) as env:
            ledger = SyncLedger(env=env)  # (the sync's ledger: on PostgreSQL, its own tables)
            levels = ready_work(ledger, size)
            ledger.close()
            r = sync_once(env, levels)
        per_op = r["wall"] / max(1, r["done"])
        first = first or per_op
        print(
            f"  {int(r['done']):>7,} operations: {r['wall']:7.2f} s, "
            f"{per_op * 1000:6.2f} ms per operation ({per_op / first:.2f}x the first size; "
            f"target <= 2x), planning {r['prepare']:.2f} s; round trips {int(r['messages'])}, "
            f"ideal {int(r['ideal'])}, depth + ops/batch {int(r['bound'])}"
        )


def sync_in_histories(backend: str, histories: list[int], budget: Budget, workdir: Path) -> None:
    print("sync: one run of 100 ready operations in a ledger of N events")
    first: float | None = None
    for events in histories:
        if not budget.left():
            print(f"  {events:>9,} skipped: the budget is spent")
            continue
        with fresh_store(backend, workdir) as env:
            ledger = SyncLedger(env=env)
            history(ledger, events)
            held = ledger.recorder.max_notification_id() or 0
            levels = ready_work(ledger, 100)
            ledger.close()
            r = sync_once(env, levels)
        first = first or r["wall"]
        print(
            f"  {held:>9,} events: {int(r['done'])} operations in {r['wall']:.2f} s "
            f"({r['wall'] / first:.2f}x the first; target <= 2x), planning {r['prepare']:.2f} s"
        )


def explain_as_of(backend: str, sizes: list[int], budget: Budget, workdir: Path) -> None:
    print("explain as of a position / a moment, against loading one aggregate at a version")
    for events in sizes:
        if not budget.left():
            print(f"  {events:>9,} skipped: the budget is spent")
            continue
        with fresh_store(backend, workdir) as env:
            _explain_as_of(env, events)


def _explain_as_of(env: dict[str, str], events: int) -> None:
    ledger = Ledger(env=env)
    history(ledger, events)
    held = ledger.recorder.max_notification_id() or 0
    store = ReadinessStore.open(env)
    store.update(ledger)
    number = "H0"  # recorded first: as of the middle of the log it is settled
    ref, oid = TxnRef.invoice(number), ids.invoice_id(number)
    middle = held // 2
    moment = read_log(ledger, middle - 1, 1)[0].timestamp
    load = _best(lambda: ledger.repository.get(oid, version=2))
    at_position = _best(lambda: store.explain_as_of(ledger, ref, position=middle))
    at_moment = _best(lambda: store.explain_as_of(ledger, ref, moment=moment))
    print(
        f"  {held:>9,} events: position {at_position * 1000:9.2f} ms "
        f"({at_position / load:,.0f}x), moment {at_moment * 1000:9.2f} ms "
        f"({at_moment / load:,.0f}x), one aggregate {load * 1000:.2f} ms (target <= 10x)"
    )
    store.close()
    ledger.close()


def cold_explain(backend: str, transactions: int, budget: Budget, workdir: Path) -> None:
    print("explain in a fresh process (read model current)")
    if not transactions or not budget.left():
        print("  skipped" if transactions else "  not asked for")
        return
    with fresh_store(backend, workdir) as env:
        ledger = Ledger(env=env)
        made = build(ledger, transactions)
        store = ReadinessStore.open(env)
        store.update(ledger)
        store.close()
        ledger.close()
        ref = made[len(made) // 2][0]
        runs = [_cold(env, ref) for _ in range(3)]
        seconds, peak = median(r[0] for r in runs), max(r[1] for r in runs)
        print(
            f"  {len(made):,} transactions: {seconds:.2f} s (target < 1 s), "
            f"peak {peak:.0f} MB (target < 150 MB); median of 3 processes"
        )


_CHILD = """
import json, resource, sys, time
started = time.perf_counter()
from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness.events import read_log
from adapters.storage.readiness.store import ReadinessStore
env, kind, key = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
ledger, store = Ledger(env=env), ReadinessStore.open(env)
store.explain(ledger, store.resolve(ledger, kind, key)).lines()
seconds = time.perf_counter() - started
print(json.dumps([seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))
"""


def _cold(env: dict[str, str], ref: TxnRef) -> tuple[float, float]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(env), ref.kind.value, ref.key],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    seconds, megabytes = json.loads(done.stdout.strip().splitlines()[-1])
    return float(seconds), float(megabytes)


def _best(action: Callable[[], Any], rounds: int = 3) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def _sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


@contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="qbsync-scale-") as name:
        yield Path(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--sizes", default="100,1000", help="ready operations per sync run")
    parser.add_argument("--histories", default="4000,40000", help="events already recorded")
    parser.add_argument("--explain", default="3400,34000", help="events for explain as-of")
    parser.add_argument("--cold", type=int, default=9_500, help="transactions; 0: skip")
    parser.add_argument("--budget", type=float, default=600, help="seconds per backend")
    args = parser.parse_args()
    with _folder() as workdir:
        for backend in args.backends.split(","):
            print(f"== {backend} ==")
            budget = Budget(args.budget)
            sync_sizes(backend, _sizes(args.sizes), budget, workdir)
            sync_in_histories(backend, _sizes(args.histories), budget, workdir)
            explain_as_of(backend, _sizes(args.explain), budget, workdir)
            cold_explain(backend, args.cold, budget, workdir)


if __name__ == "__main__":
    main()

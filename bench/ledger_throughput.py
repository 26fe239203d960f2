"""Events per second through qbsync's Ledger against the bare eventsourcing library.

.venv/bin/python -m bench.ledger_throughput [--invoices 10000] [--backend sqlite|postgres|both]
    [--batch 500] [--profile]

Each invoice's day is six commands and eight events: create (2 lines), finalize, a job
payment for half (recorded, applied, received), a credit memo for the rest (created,
applied, received). The bare run saves events of the same shapes with no checks and no
reads beyond what it changes; the bulk run saves `--batch` invoices' commands per
transaction. Every run gets a fresh store: a new SQLite file, or a new PostgreSQL schema.
Targets: qbsync >= 0.8x bare; bulk >= 10x one-command-per-transaction on PostgreSQL.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import JSONTranscoder

from adapters.settings import persistence_env
from adapters.storage.ledger.application import Ledger
from adapters.storage.ledger.transcodings import register_domain_transcodings
from domain import ids
from domain.lines import Line, make_line

DAY = date(2024, 3, 4)
CUSTOMERS = 20
EVENTS_PER_INVOICE = 8
TOW = make_line("tow", "Towing, 12 miles", "1", "150.00")
STORAGE = make_line("storage", "2 days", "2", "25.00")
CREDIT = make_line("goodwill", "", "1", "100.00")


# The bare model: the same event shapes, no rules --------------------------------------


class BareInvoice(Aggregate):
    @staticmethod
    def create_id(number: str, **_: Any) -> UUID:
        return ids.invoice_id(number)

    @event("Created")
    def __init__(
        self,
        number: str,  # noqa: ARG002  (the event records it)
        customer: str,  # noqa: ARG002  (the event records it)
        txn_date: date,  # noqa: ARG002  (the event records it)
        lines: list[Line],
        job_id: str,  # noqa: ARG002  (the event records it)
        memo: str,  # noqa: ARG002  (the event records it)
    ) -> None:
        self.lines = lines
        self.applications: dict[str, Decimal] = {}
        self.finalized = False

    @event("Finalized")
    def finalize(self) -> None:
        self.finalized = True

    @event("ApplicationReceived")
    def receive(self, source: str, amount: Decimal) -> None:
        self.applications[source] = amount


class BarePayment(Aggregate):
    @staticmethod
    def create_id(reference: str, **_: Any) -> UUID:
        return ids.payment_id(reference)

    @event("Recorded")
    def __init__(
        self,
        payment_kind: str,  # noqa: ARG002  (the event records it)
        reference: str,  # noqa: ARG002  (the event records it)
        customer: str,  # noqa: ARG002  (the event records it)
        recorded_amount: Decimal,  # noqa: ARG002  (the event records it)
        txn_date: date,  # noqa: ARG002  (the event records it)
        method: str,  # noqa: ARG002  (the event records it)
        check_number: str,  # noqa: ARG002  (the event records it)
        memo: str,  # noqa: ARG002  (the event records it)
    ) -> None:
        self.applications: dict[str, Decimal] = {}

    @event("Applied")
    def apply(self, invoice: str, amount: Decimal) -> None:
        self.applications[invoice] = amount


class BareCreditMemo(Aggregate):
    @staticmethod
    def create_id(number: str, **_: Any) -> UUID:
        return ids.credit_memo_id(number)

    @event("Created")
    def __init__(
        self,
        number: str,  # noqa: ARG002  (the event records it)
        customer: str,  # noqa: ARG002  (the event records it)
        txn_date: date,  # noqa: ARG002  (the event records it)
        lines: list[Line],  # noqa: ARG002  (the event records it)
        memo: str,  # noqa: ARG002  (the event records it)
    ) -> None:
        self.applications: dict[str, Decimal] = {}

    @event("Applied")
    def apply(self, invoice: str, amount: Decimal) -> None:
        self.applications[invoice] = amount


class BareLedger(Application[UUID]):
    name = "bare"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_domain_transcodings(transcoder)

    def invoice(self, number: str) -> BareInvoice:
        found: Aggregate = self.repository.get(ids.invoice_id(number))
        assert isinstance(found, BareInvoice)
        return found


def bare_day(app: BareLedger, n: int) -> None:
    number, customer = f"{n}-1", f"C{n % CUSTOMERS}"
    app.save(BareInvoice(number, customer, DAY, [TOW, STORAGE], str(n), ""))
    invoice = app.invoice(number)
    invoice.finalize()
    app.save(invoice)
    invoice = app.invoice(number)
    payment = BarePayment("job", f"J{n}", customer, Decimal("100.00"), DAY, "", "", "")
    payment.apply(number, Decimal("100.00"))
    invoice.receive(f"payment:J{n}", Decimal("100.00"))
    app.save(payment, invoice)
    app.save(BareCreditMemo(f"CM{n}", customer, DAY, [CREDIT], ""))
    memo: BareCreditMemo = app.repository.get(ids.credit_memo_id(f"CM{n}"))
    invoice = app.invoice(number)
    memo.apply(number, Decimal("100.00"))
    invoice.receive(f"credit_memo:CM{n}", Decimal("100.00"))
    app.save(memo, invoice)


def qbsync_day(ledger: Ledger, n: int) -> None:
    number, customer = f"{n}-1", f"C{n % CUSTOMERS}"
    ledger.create_invoice(number, customer, DAY, [TOW, STORAGE])
    ledger.finalize_invoice(number)
    ledger.record_job_payment(f"J{n}", number, "100.00", DAY)
    ledger.create_credit_memo(f"CM{n}", customer, DAY, [CREDIT])
    ledger.apply_credit_memo(f"CM{n}", number, "100.00")


# Stores ------------------------------------------------------------------------------------


def pg_conninfo() -> str:
    host = os.environ.get("QBSYNC_TEST_POSTGRES_HOST", "127.0.0.1")
    port = os.environ.get("QBSYNC_TEST_POSTGRES_PORT", "5432")
    user = os.environ.get("QBSYNC_TEST_POSTGRES_USER", "postgres")
    return f"host={host} port={port} user={user} dbname=test connect_timeout=5"


@contextmanager
def fresh_store(backend: str, workdir: Path) -> Iterator[dict[str, str]]:
    """The eventsourcing env of a new, empty store on `backend`, removed afterwards."""
    if backend == "sqlite":
        yield persistence_env(f"sqlite:///{workdir / f'{uuid.uuid4().hex}.sqlite'}", workdir)
        return
    schema = f"qbsync_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_conninfo(), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield persistence_env(f"postgresql://postgres@127.0.0.1:5432/test?schema={schema}", workdir)
    finally:
        with psycopg.connect(pg_conninfo(), autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


# Measuring ---------------------------------------------------------------------------------


class Contestant:
    """One way of recording the invoices, timed chunk by chunk on its own fresh store."""

    def __init__(self, app: Application[UUID], record: Callable[[range], None]) -> None:
        self.app = app
        self.record = record
        self.seconds = 0.0
        self.start_events = app.recorder.max_notification_id() or 0
        self.events = 0

    def run(self, chunk: range, profiler: cProfile.Profile | None = None) -> None:
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        self.record(chunk)
        if profiler:
            profiler.disable()
        self.seconds += time.perf_counter() - started
        self.events = (self.app.recorder.max_notification_id() or 0) - self.start_events

    @property
    def rate(self) -> float:
        return self.events / self.seconds


def seeded_ledger(env: dict[str, str]) -> Ledger:
    ledger = Ledger(env=env)
    with ledger.bulk():
        for c in range(CUSTOMERS):
            ledger.register_customer(f"C{c}", f"Customer {c}")
    return ledger


def contestants(bare: BareLedger, ledger: Ledger, bulk_ledger: Ledger) -> list[Contestant]:
    def record_bare(chunk: range) -> None:
        for n in chunk:
            bare_day(bare, n)

    def record_one_by_one(chunk: range) -> None:
        for n in chunk:
            qbsync_day(ledger, n)

    def record_bulk(chunk: range) -> None:
        with bulk_ledger.bulk():
            for n in chunk:
                qbsync_day(bulk_ledger, n)

    return [
        Contestant(bare, record_bare),
        Contestant(ledger, record_one_by_one),
        Contestant(bulk_ledger, record_bulk),
    ]


def measure(backend: str, invoices: int, batch: int, profile: bool, workdir: Path) -> None:
    """Run the three contestants in turn, one batch each, so they share the machine's load."""
    profiler = cProfile.Profile() if profile else None
    with (
        fresh_store(backend, workdir) as bare_env,
        fresh_store(backend, workdir) as ledger_env,
        fresh_store(backend, workdir) as bulk_env,
    ):
        apps: list[Application[UUID]] = [
            BareLedger(env=bare_env),
            seeded_ledger(ledger_env),
            seeded_ledger(bulk_env),
        ]
        try:
            bare, one_by_one, bulk = contestants(*apps)  # type: ignore[arg-type]
            for turn, start in enumerate(range(0, invoices, batch)):
                chunk = range(start, min(start + batch, invoices))
                order = [bare, one_by_one, bulk]
                for contestant in order[turn % 3 :] + order[: turn % 3]:
                    contestant.run(chunk, profiler if contestant is one_by_one else None)
        finally:
            for app in apps:
                app.close()
    assert bare.events == one_by_one.events == bulk.events == invoices * EVENTS_PER_INVOICE
    print(f"{backend}: {invoices} invoices, {bare.events} events per contestant")
    print(f"  bare eventsourcing, one command per transaction: {bare.rate:9.0f} events/s")
    print(f"  qbsync Ledger,      one command per transaction: {one_by_one.rate:9.0f} events/s")
    print(f"  qbsync / bare: {one_by_one.rate / bare.rate:.2f}x (target >= 0.80x)")
    print(f"  qbsync Ledger, {batch} invoices per bulk transaction: {bulk.rate:9.0f} events/s")
    target = " (target >= 10x)" if backend == "postgres" else ""
    print(f"  bulk / one command per transaction: {bulk.rate / one_by_one.rate:.1f}x{target}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--invoices", type=int, default=10_000)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--batch", type=int, default=500, help="invoices per bulk transaction")
    parser.add_argument("--profile", action="store_true", help="cProfile the qbsync run")
    args = parser.parse_args()
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    with tempfile.TemporaryDirectory(prefix="qbsync-bench-") as workdir:
        for backend in backends:
            measure(backend, args.invoices, args.batch, args.profile, Path(workdir))


if __name__ == "__main__":
    main()

"""The qbXML layer, in one run: its throughput (build, schema-validate and parse N
operations) and the round trips N operations take through the QuickBooks simulator.

    .venv/bin/python -m bench.qbxml_round_trips [--count 5000] [--operations 1000]

Throughput: an operation is one request (half invoices, half applied payments) or one
answer to it; requests travel in messages of --batch requests, as the Web Connector would
carry them. "build" includes constructing, and so checking, the request objects.

Round trips: an operation is one InvoiceAdd for a customer QuickBooks already has, built
with qbsync's request builders, carried in messages of 1 to 100 requests through the
simulator, and its answer parsed. One round trip is one message there and back, as one
Web Connector sendRequestXML/receiveResponseXML exchange would be.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from lxml import etree

from adapters.quickbooks.qbxml.requests import (
    AppliedToTxn,
    InvoiceAdd,
    QbRef,
    QbRequest,
    ReceivePaymentAdd,
    SalesLineAdd,
    build_message,
)
from adapters.quickbooks.qbxml.responses import parse_response_message
from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.simulator.demo_company import large_company

SCHEMA_PATH = Path(__file__).resolve().parent.parent.parent / "shared" / "qbxml" / "qbxmlops130.xsd"


def sample_requests(count: int) -> list[QbRequest]:
    requests: list[QbRequest] = []
    for n in range(count):
        customer = QbRef.by_name(f"Customer {n % 97}")
        if n % 2 == 0:
            requests.append(
                InvoiceAdd(
                    customer=customer,
                    txn_date=date(2024, 1, 1) + timedelta(days=n % 365),
                    ref_number=f"W-{n}"[:11],
                    memo=f"Work order {n}",
                    lines=(
                        SalesLineAdd(
                            item=QbRef.by_name("Labor"),
                            quantity=Decimal("1.5"),
                            rate=Decimal("95.00"),
                            amount=Decimal("142.50"),
                        ),
                        SalesLineAdd(item=QbRef.by_name("Parts"), amount=Decimal(n % 500) / 4),
                    ),
                )
            )
        else:
            requests.append(
                ReceivePaymentAdd(
                    customer=customer,
                    total_amount=Decimal("142.50"),
                    ref_number=f"CHK-{n}",
                    applied_to=(AppliedToTxn(f"1A{n:X}-1700000000", Decimal("142.50")),),
                )
            )
    return requests


def sample_answer(batch_start: int, size: int) -> bytes:
    responses = "".join(
        f'<InvoiceAddRs requestID="{n + 1}" statusCode="0" statusSeverity="Info" '
        'statusMessage="Status OK"><InvoiceRet>'
        f"<TxnID>1A{batch_start + n:X}-1700000000</TxnID><EditSequence>1700000000</EditSequence>"
        "<TxnNumber>7</TxnNumber><CustomerRef><FullName>Customer 1</FullName></CustomerRef>"
        f"<TxnDate>2024-03-15</TxnDate><RefNumber>W-{batch_start + n}</RefNumber>"
        "<Subtotal>160.70</Subtotal><BalanceRemaining>160.70</BalanceRemaining>"
        "<InvoiceLineRet><TxnLineID>1-1</TxnLineID><ItemRef><FullName>Labor</FullName></ItemRef>"
        "<Amount>142.50</Amount></InvoiceLineRet></InvoiceRet></InvoiceAddRs>"
        for n in range(size)
    )
    return (
        b'<?xml version="1.0" ?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRs>'
        + responses.encode()
        + b"</QBXMLMsgsRs></QBXML>"
    )


def timed(label: str, operations: int, work: Callable[[], object]) -> None:
    started = time.perf_counter()
    work()
    elapsed = time.perf_counter() - started
    print(
        f"{label:<10} {operations:>8} ops  {elapsed:8.3f} s  {operations / elapsed:>12,.0f} ops/s"
    )


def batches(items: Sequence[QbRequest], size: int) -> list[Sequence[QbRequest]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def _invoice(number: int, customers: int) -> InvoiceAdd:
    return InvoiceAdd(
        customer=QbRef.by_name(f"Customer {number % customers + 1:05d}"),
        txn_date=date(2026, 3, 2),
        ref_number=f"R{number}",
        lines=(
            SalesLineAdd(
                item=QbRef.by_name("Towing"), quantity=Decimal("1"), rate=Decimal("125.00")
            ),
        ),
    )


def measure(operations: int, batch: int, customers: int) -> tuple[int, float]:
    """Send `operations` InvoiceAdds in messages of `batch`; returns (round trips, seconds)."""
    simulator = QuickBooksSimulator(large_company(customers))
    requests = [_invoice(n, customers) for n in range(operations)]
    round_trips = 0
    started = time.perf_counter()
    for start in range(0, operations, batch):
        message = build_message(requests[start : start + batch], on_error="continueOnError")
        answers = parse_response_message(simulator.handle(message))
        round_trips += 1
        failed = [a for a in answers if not a.ok]
        if failed:
            raise SystemExit(f"QuickBooks refused a request: {failed[0].status_message}")
    return round_trips, time.perf_counter() - started


def throughput(count: int, batch: int, schema_path: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(schema_path)))
    messages: list[bytes] = []

    def build() -> None:
        requests = sample_requests(count)
        messages.extend(build_message(group) for group in batches(requests, batch))

    timed("build", count, build)

    def validate() -> None:
        for message in messages:
            schema.assertValid(etree.fromstring(message))

    timed("validate", count, validate)

    answers = [sample_answer(start, min(batch, count - start)) for start in range(0, count, batch)]
    parsed: list[int] = []
    timed("parse", count, lambda: parsed.extend(len(parse_response_message(a)) for a in answers))
    assert sum(parsed) == count


def round_trips(operations: int, customers: int) -> None:
    print(f"{operations} InvoiceAdd operations through builders, simulator and parser")
    print(f"{'batch':>6} {'round trips':>12} {'per 1,000 ops':>14} {'requests/s':>12}")
    for batch in (1, 10, 50, 100):
        trips, seconds = measure(operations, batch, customers)
        per_thousand = trips * 1000 / operations
        print(f"{batch:>6} {trips:>12} {per_thousand:>14.1f} {operations / seconds:>12,.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=5000, help="operations per phase")
    parser.add_argument("--batch", type=int, default=50, help="requests per qbXML message")
    parser.add_argument("--schema", type=Path, default=None, help="path to qbxmlops130.xsd")
    parser.add_argument("--operations", type=int, default=1000, help="through the simulator")
    parser.add_argument("--customers", type=int, default=200)
    arguments = parser.parse_args()
    shared = os.environ.get("QBSYNC_SHARED_DIR")
    schema_path = arguments.schema or (
        Path(shared) / "qbxml" / "qbxmlops130.xsd" if shared else SCHEMA_PATH
    )
    throughput(arguments.count, arguments.batch, schema_path)
    round_trips(arguments.operations, arguments.customers)


if __name__ == "__main__":
    main()

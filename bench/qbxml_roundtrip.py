"""Throughput of the qbXML layer: build, schema-validate and parse N operations.

Run: .venv/bin/python -m bench.qbxml_roundtrip --count 5000
An operation is one request (half invoices, half applied payments) or one answer to it;
requests travel in messages of --batch requests, as the Web Connector would carry them.
"build" includes constructing, and so checking, the request objects.
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

from adapters.qbxml.requests import (
    AppliedToTxn,
    InvoiceAdd,
    QbRef,
    QbRequest,
    ReceivePaymentAdd,
    SalesLineAdd,
    build_message,
)
from adapters.qbxml.responses import parse_response_message

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=5000, help="operations per phase")
    parser.add_argument("--batch", type=int, default=50, help="requests per qbXML message")
    parser.add_argument("--schema", type=Path, default=None, help="path to qbxmlops130.xsd")
    arguments = parser.parse_args()
    count, batch = arguments.count, arguments.batch

    shared = os.environ.get("QBSYNC_SHARED_DIR")
    schema_path = arguments.schema or (
        Path(shared) / "qbxml" / "qbxmlops130.xsd" if shared else SCHEMA_PATH
    )
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


if __name__ == "__main__":
    main()

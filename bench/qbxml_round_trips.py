"""qbXML round trips per 1,000 operations, and simulator requests per second.

An operation is one InvoiceAdd for a customer QuickBooks already has, built with qbsync's
request builders, carried in messages of --batch requests through the simulator, and its
answer parsed. One round trip is one message there and back, as one Web Connector
sendRequestXML/receiveResponseXML exchange would be.

.venv/bin/python -m bench.qbxml_round_trips [--operations 1000]
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from decimal import Decimal

from adapters.qbsim import QuickBooksSimulator
from adapters.qbsim.demo_company import large_company
from adapters.qbxml.requests import InvoiceAdd, QbRef, SalesLineAdd, build_message
from adapters.qbxml.responses import parse_response_message


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--operations", type=int, default=1000)
    parser.add_argument("--customers", type=int, default=200)
    arguments = parser.parse_args()
    operations = arguments.operations
    print(f"{operations} InvoiceAdd operations through builders, simulator and parser")
    print(f"{'batch':>6} {'round trips':>12} {'per 1,000 ops':>14} {'requests/s':>12}")
    for batch in (1, 10, 50, 100):
        round_trips, seconds = measure(operations, batch, arguments.customers)
        per_thousand = round_trips * 1000 / operations
        print(f"{batch:>6} {round_trips:>12} {per_thousand:>14.1f} {operations / seconds:>12,.0f}")


if __name__ == "__main__":
    main()

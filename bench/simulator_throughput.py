"""How many qbXML requests per second the QuickBooks simulator handles, for adds and queries.

.venv/bin/python -m bench.simulator_throughput [--count 2000] [--batch 50]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.simulator.demo_company import large_company


def _message(requests: list[str]) -> str:
    return (
        '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML>'
        f'<QBXMLMsgsRq onError="continueOnError">{"".join(requests)}</QBXMLMsgsRq></QBXML>'
    )


def _customer_add(number: int) -> str:
    return (
        f'<CustomerAddRq requestID="{number}"><CustomerAdd><Name>Bench Customer {number}</Name>'
        "</CustomerAdd></CustomerAddRq>"
    )


def _invoice_add(number: int) -> str:
    return (
        f'<InvoiceAddRq requestID="{number}"><InvoiceAdd>'
        f"<CustomerRef><FullName>Bench Customer {number}</FullName></CustomerRef>"
        f"<RefNumber>B{number}</RefNumber>"
        "<InvoiceLineAdd><ItemRef><FullName>Towing</FullName></ItemRef>"
        "<Quantity>1</Quantity><Rate>185.00</Rate></InvoiceLineAdd>"
        "</InvoiceAdd></InvoiceAddRq>"
    )


def _customer_query(number: int) -> str:
    return (
        f'<CustomerQueryRq requestID="{number}"><FullName>Bench Customer {number}</FullName>'
        "</CustomerQueryRq>"
    )


def _invoice_query(number: int) -> str:
    return (
        f'<InvoiceQueryRq requestID="{number}"><RefNumber>B{number}</RefNumber>'
        "<IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>"
    )


def _measure(
    simulator: QuickBooksSimulator, build: Callable[[int], str], count: int, batch: int
) -> float:
    messages = [
        _message([build(number) for number in range(start, min(start + batch, count))])
        for start in range(0, count, batch)
    ]
    started = time.perf_counter()
    for request in messages:
        response = simulator.handle(request)
        if 'statusSeverity="Error"' in response:
            raise RuntimeError(f"benchmark request failed: {response[:500]}")
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=2000, help="requests per kind")
    parser.add_argument("--batch", type=int, default=50, help="requests per message")
    parser.add_argument("--existing", type=int, default=2500, help="customers already there")
    args = parser.parse_args()

    simulator = QuickBooksSimulator(large_company(args.existing))
    print(f"simulator with {len(simulator.company.customers)} customers, batch {args.batch}")
    for label, build in (
        ("CustomerAdd", _customer_add),
        ("InvoiceAdd", _invoice_add),
        ("CustomerQuery by FullName", _customer_query),
        ("InvoiceQuery by RefNumber", _invoice_query),
    ):
        rate = _measure(simulator, build, args.count, args.batch)
        print(f"{label:<28} {rate:>10,.0f} requests/s")
    single = _measure(simulator, _customer_query, min(args.count, 500), 1)
    print(f"{'CustomerQuery, 1 per message':<28} {single:>10,.0f} requests/s")


if __name__ == "__main__":
    main()

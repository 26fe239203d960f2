"""Does the simulator keep up as the company grows? Opening its company file, an InvoiceQuery by
RefNumber (the check after a lost answer) and one message of 50 InvoiceAdds, at each size.

.venv/bin/python -m bench.simulator_scale [--sizes 1000 100000] [--queries 200] [--messages 5]

Prints medians and the ratio of the largest size to the smallest (target: within 2x).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.simulator.company import Company, Ref
from adapters.quickbooks.simulator.demo_company import demo_company
from adapters.quickbooks.simulator.operations_lists import add_customer
from adapters.quickbooks.simulator.operations_sales import LineInput, SalesTxnInput, add_invoice
from adapters.quickbooks.simulator.store import CompanyFile

INVOICES_PER_CUSTOMER = 10


def _company_with_invoices(count: int) -> Company:
    company = demo_company()
    towing = [LineInput(item=Ref(full_name="Towing"), quantity=Decimal("1"))]
    for number in range(count):
        if number % INVOICES_PER_CUSTOMER == 0:
            customer = add_customer(company, name=f"Scale Customer {number:07d}")
        add_invoice(
            company,
            SalesTxnInput(
                customer=Ref(list_id=customer.list_id), lines=towing, ref_number=f"S{number}"
            ),
        )
    return company


def _message(requests: list[str]) -> str:
    return (
        '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML>'
        f'<QBXMLMsgsRq onError="continueOnError">{"".join(requests)}</QBXMLMsgsRq></QBXML>'
    )


def _ref_query(number: int) -> str:
    return _message(
        [
            f'<InvoiceQueryRq requestID="1"><RefNumber>S{number}</RefNumber>'
            "<IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>"
        ]
    )


def _fifty_adds(batch: int) -> str:
    return _message(
        [
            f'<InvoiceAddRq requestID="{n}"><InvoiceAdd><CustomerRef><FullName>Jane Doe'
            f"</FullName></CustomerRef><RefNumber>N{batch}-{n}</RefNumber>"
            "<InvoiceLineAdd><ItemRef><FullName>Towing</FullName></ItemRef>"
            "<Quantity>1</Quantity></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>"
            for n in range(50)
        ]
    )


def _median_seconds(simulator: QuickBooksSimulator, messages: list[str]) -> float:
    timings = []
    for request in messages:
        started = time.perf_counter()
        response = simulator.handle(request)
        timings.append(time.perf_counter() - started)
        if 'statusSeverity="Error"' in response or "<InvoiceRet>" not in response:
            raise RuntimeError(f"benchmark request failed: {response[:500]}")
    return statistics.median(timings)


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(size: int, queries: int, messages: int, folder: Path) -> dict[str, float]:
    path = folder / f"company-{size}.sqlite"
    built = time.perf_counter()
    CompanyFile.create(path, _company_with_invoices(size)).close()
    print(f"  {size:>7,} invoices: built and saved in {time.perf_counter() - built:.1f} s")
    opened: list[QuickBooksSimulator] = []
    open_seconds = _timed(lambda: opened.append(QuickBooksSimulator.open(path)))
    simulator = opened[0]
    step = max(1, size // queries)
    query = _median_seconds(simulator, [_ref_query(n) for n in range(0, size, step)][:queries])
    adds = _median_seconds(simulator, [_fifty_adds(batch) for batch in range(messages)])
    simulator.close()
    return {"open": open_seconds, "refnumber query": query, "50-add message": adds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--queries", type=int, default=200, help="RefNumber queries per size")
    parser.add_argument("--messages", type=int, default=5, help="50-add messages per size")
    args = parser.parse_args()
    print("simulator company file (SQLite): medians per size")
    with tempfile.TemporaryDirectory() as folder:
        results = {size: measure(size, args.queries, args.messages, Path(folder))
                   for size in args.sizes}  # fmt: skip
    smallest, largest = min(args.sizes), max(args.sizes)
    print(f"{'what':<18}" + "".join(f"{size:>12,}" for size in args.sizes) + "   ratio")
    for what in ("open", "refnumber query", "50-add message"):
        cells = "".join(f"{results[size][what] * 1000:>10.2f}ms" for size in args.sizes)
        ratio = results[largest][what] / results[smallest][what]
        target = "" if what == "open" else ("  (target <= 2x)" if ratio <= 2 else "  OVER 2x")
        print(f"{what:<18}{cells}   {ratio:.2f}x{target}")


if __name__ == "__main__":
    main()

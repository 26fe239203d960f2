"""One process adding to a shared simulator company file (run by test_shared_company.py).

python -m tests.integration.qbsim.adder COMPANY_FILE WORKER MESSAGES GO_FILE
prints, as JSON, the ListIDs and TxnIDs QuickBooks answered with.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from lxml import etree

from adapters.quickbooks.simulator import QuickBooksSimulator


def _message(worker: str, number: int) -> str:
    customer = f"Shared {worker}-{number:03d}"
    invoices = "".join(
        f'<InvoiceAddRq requestID="i{line}"><InvoiceAdd>'
        f"<CustomerRef><FullName>{customer}</FullName></CustomerRef>"
        f"<RefNumber>{worker}-{number}-{line}</RefNumber>"
        "<InvoiceLineAdd><ItemRef><FullName>Towing</FullName></ItemRef>"
        "<Quantity>1</Quantity><Rate>100.00</Rate></InvoiceLineAdd>"
        "</InvoiceAdd></InvoiceAddRq>"
        for line in (1, 2)
    )
    payment = (
        '<ReceivePaymentAddRq requestID="p"><ReceivePaymentAdd>'
        f"<CustomerRef><FullName>{customer}</FullName></CustomerRef>"
        "<TotalAmount>150.00</TotalAmount><IsAutoApply>true</IsAutoApply>"
        "</ReceivePaymentAdd></ReceivePaymentAddRq>"
    )
    return (
        '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML>'
        '<QBXMLMsgsRq onError="stopOnError">'
        f'<CustomerAddRq requestID="c"><CustomerAdd><Name>{customer}</Name></CustomerAdd>'
        f"</CustomerAddRq>{invoices}{payment}</QBXMLMsgsRq></QBXML>"
    )


def main() -> None:
    path, worker, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    simulator = QuickBooksSimulator.open(path)
    deadline = time.monotonic() + 60
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    answered: dict[str, list[str]] = {"list_ids": [], "txn_ids": []}
    for number in range(count):
        root = etree.fromstring(simulator.handle(_message(worker, number)).encode())
        if root.findall(".//*[@statusSeverity='Error']"):
            raise SystemExit(f"worker {worker} message {number} failed: {etree.tostring(root)!r}")
        answered["list_ids"] += [e.text or "" for e in root.iterfind(".//CustomerRet/ListID")]
        answered["txn_ids"] += [e.text or "" for e in root.iterfind(".//*[@requestID]/*/TxnID")]
    print(json.dumps(answered))


if __name__ == "__main__":
    main()

"""Each transaction's first event (kind, key, date, log position), read from the log once per
process: later lists read only the transactions created since."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

from eventsourcing.utils import get_topic

from adapters.services.listing.log_scan import positioned_events, topic_of
from adapters.storage.ledger.application import Ledger
from domain.credit_memo import CreditMemo
from domain.invoice import Invoice
from domain.kinds import TxnKind
from domain.payment import Payment
from projections.readiness.facts import TxnRef

CREATED = {
    topic_of(Invoice, "Created"): "invoice",
    topic_of(Payment, "Recorded"): "payment",
    topic_of(CreditMemo, "Created"): "credit memo",
}


@dataclass(frozen=True, slots=True)
class Created:
    kind: str  # invoice, payment or credit memo
    ref: TxnRef
    txn_date: date
    position: int


class CreatedIndex:
    def __init__(self) -> None:
        self._after = 0
        self._rows: list[Created] = []
        self._lock = threading.Lock()

    def rows(self, ledger: Ledger) -> list[Created]:
        """Every transaction created so far, in log order."""
        with self._lock:
            for position, event in positioned_events(ledger, *CREATED, after=self._after):
                kind = CREATED[get_topic(type(event))]
                self._rows.append(Created(kind, _ref(kind, event), event.txn_date, position))
                self._after = position
            return list(self._rows)


def _ref(kind: str, event: Any) -> TxnRef:
    if kind == "invoice":
        return TxnRef.invoice(event.number)
    if kind == "credit memo":
        return TxnRef(TxnKind.CREDIT_MEMO, event.number)
    job = str(getattr(event.payment_kind, "value", event.payment_kind)) == "job"
    return TxnRef(TxnKind.JOB_PAYMENT if job else TxnKind.ACCOUNT_PAYMENT, event.reference)

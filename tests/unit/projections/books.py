"""A small in-memory ledger for readiness tests, and its facts folded from the event log."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness.events import whole_log
from domain.lines import make_line
from projections.readiness.facts import Facts
from projections.readiness.replay import facts_as_of

DAY = date(2024, 3, 1)
CUSTOMER = "C1"


def in_memory_ledger() -> Ledger:
    ledger = Ledger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    ledger.register_customer(CUSTOMER, "Acme Towing")
    return ledger


class Books:
    def __init__(self, ledger: Ledger | None = None) -> None:
        if ledger is not None:
            ledger.register_customer(CUSTOMER, "Acme Towing")
        self.ledger = ledger or in_memory_ledger()
        self._txn = 0

    def invoice(self, number: str, amount: str = "100.00", finalize: bool = True) -> Books:
        self.ledger.create_invoice(number, CUSTOMER, DAY, [make_line("tow", "", "1", amount)])
        if finalize:
            self.ledger.finalize_invoice(number)
        return self

    def void(self, number: str) -> Books:
        self.ledger.void_invoice(number, "entered twice")
        return self

    def job_payment(self, reference: str, invoice: str, amount: str) -> Books:
        self.ledger.record_job_payment(reference, invoice, amount, DAY)
        return self

    def account_payment(self, reference: str, applied: dict[str, str], finish: bool) -> Books:
        self.ledger.record_account_payment(reference, CUSTOMER, _sum(applied), DAY)
        for invoice, part in applied.items():
            self.ledger.apply_payment(reference, invoice, part)
        if finish:
            self.ledger.finish_payment(reference)
        return self

    def credit_memo(self, number: str, applied: dict[str, str], finish: bool) -> Books:
        lines = [make_line("credit", "", "1", _sum(applied))]
        self.ledger.create_credit_memo(number, CUSTOMER, DAY, lines)
        for invoice, part in applied.items():
            self.ledger.apply_credit_memo(number, invoice, part)
        if finish:
            self.ledger.finish_credit_memo(number)
        return self

    def imported(self, kind: str, key: str) -> Books:
        self._txn += 1
        self.ledger.record_imported(kind, key, f"TXN-{self._txn}", "1")
        return self

    def applied(self, kind: str, key: str, invoice: str) -> Books:
        self.ledger.record_applied(kind, key, invoice, "2")
        return self

    def facts(self) -> Facts:
        return facts_of(self.ledger)


def facts_of(ledger: Ledger, position: int | None = None) -> Facts:
    return facts_as_of(whole_log(ledger, upto=position), position)


def _sum(amounts: dict[str, str]) -> Decimal:
    return sum((Decimal(a) for a in amounts.values()), Decimal("0.00"))

"""A small day of towing billing that exercises every kind of operation."""

from __future__ import annotations

from domain.lines import make_line
from domain.policy import PolicyLevel
from tests.integration.sync.world import DAY, World


def towing_day(w: World) -> None:
    """New customers, a two-invoice job paid by job payments, an account payment over two
    invoices, and a finished credit memo; moderate, so payments go in before invoices."""
    ledger = w.ledger
    ledger.register_customer("C1", "Harbor Tow Client")
    ledger.register_customer("C2", "Jane Doe")
    w.invoice("100-1", "C1", "50.00")
    w.invoice("100-2", "C1", "70.00")
    ledger.record_job_payment("P1", "100-1", "50.00", DAY)
    ledger.record_job_payment("P2", "100-2", "70.00", DAY)
    w.invoice("200-1", "C2", "30.00")
    w.invoice("200-2", "C2", "25.00")
    ledger.record_account_payment("A1", "C2", "45.00", DAY)
    ledger.apply_payment("A1", "200-1", "30.00")
    ledger.apply_payment("A1", "200-2", "15.00")
    ledger.finish_payment("A1")
    ledger.create_credit_memo("CM1", "C2", DAY, [make_line("Towing", "refund", "1", "10.00")])
    ledger.apply_credit_memo("CM1", "200-2", "10.00")
    ledger.finish_credit_memo("CM1")


def everything_applied(w: World) -> bool:
    ledger = w.ledger
    return (
        all(ledger.invoice(n).is_imported for n in ("100-1", "100-2", "200-1", "200-2"))
        and set(ledger.payment("A1").applied_in_qb) == {"200-1", "200-2"}
        and set(ledger.credit_memo("CM1").applied_in_qb) == {"200-2"}
        and all(ledger.payment(p).applied_in_qb for p in ("P1", "P2"))
    )


def switch(w: World, level: PolicyLevel) -> None:
    w.ledger.change_policy_level(level, "controller")

"""Random valid histories: commands drawn at random, the ledger refusing the invalid ones."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

from hypothesis import strategies as st

from adapters.storage.ledger.application import Ledger
from domain.errors import DomainError
from domain.lines import make_line
from domain.policy import ALL_LEVELS
from tests.unit.projections.books import CUSTOMER, DAY, in_memory_ledger

INVOICES = ["1-1", "1-2", "2-1", "3-1", "3-2"]
PAYMENTS = ["P1", "P2", "P3", "A1", "A2"]
MEMOS = ["CM-1", "CM-2"]
AMOUNTS = ["10.00", "20.00", "30.00", "50.00"]

Step = tuple[int, int, int, int]


def _commands(ledger: Ledger, a: int, b: int, c: int) -> list[Callable[[], object]]:
    inv, other = INVOICES[a % 5], INVOICES[b % 5]
    pay, memo, amount = PAYMENTS[b % 5], MEMOS[c % 2], AMOUNTS[c % 4]
    kind, key = [("invoice", inv), ("payment", pay), ("credit memo", memo)][c % 3]
    return [
        lambda: ledger.create_invoice(inv, CUSTOMER, DAY, [make_line("tow", "", "1", "50.00")]),
        lambda: ledger.finalize_invoice(inv),
        lambda: ledger.record_job_payment(pay, inv, amount, DAY),
        lambda: ledger.record_account_payment(pay, CUSTOMER, amount, DAY),
        lambda: ledger.apply_payment(pay, inv, AMOUNTS[a % 3]),
        lambda: ledger.finish_payment(pay),
        lambda: ledger.create_credit_memo(memo, CUSTOMER, DAY, [make_line("cr", "", "1", amount)]),
        lambda: ledger.apply_credit_memo(memo, other, AMOUNTS[a % 3]),
        lambda: ledger.finish_credit_memo(memo),
        lambda: ledger.record_imported(kind, key, f"T-{kind}-{key}", "1"),
        lambda: ledger.record_applied(
            "payment" if c % 2 else "credit memo", pay if c % 2 else memo, inv
        ),
        lambda: ledger.change_policy_level(ALL_LEVELS[a % 3], "auditor"),
        lambda: ledger.void_payment(pay),
        lambda: ledger.unapply_payment(pay, inv),
        lambda: ledger.write_off_invoice(inv),
        lambda: ledger.void_invoice(inv),
    ]


def replay_steps(steps: list[Step]) -> Ledger:
    ledger = in_memory_ledger()
    for number in INVOICES[:3]:
        ledger.create_invoice(number, CUSTOMER, DAY, [make_line("tow", "", "1", "50.00")])
    for op, a, b, c in steps:
        commands = _commands(ledger, a, b, c)
        with suppress(DomainError):
            commands[op % len(commands)]()
    return ledger


# Creation and finalizing are drawn more often, so that most histories have work to judge.
steps = st.lists(
    st.tuples(st.integers(0, 21), st.integers(0, 9), st.integers(0, 9), st.integers(0, 9)).map(
        lambda s: ((s[0] % 2 if s[0] >= 16 else s[0]), s[1], s[2], s[3])
    ),
    min_size=5,
    max_size=60,
)

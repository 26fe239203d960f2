"""Random histories, policy switches, selections and faults: after recovery QuickBooks holds
exactly one copy of everything the ledger says it holds, balances agree, nothing is lost."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.storage.outbox.selection import Selection
from domain.errors import DomainError
from domain.kinds import TxnKind
from domain.lines import make_line
from domain.policy import ALL_LEVELS
from projections.readiness.facts import TxnRef
from projections.readiness.fixpoint import run_to_fixpoint
from tests.integration.sync.invariants import assert_exactly_once
from tests.integration.sync.world import DAY, World, recover_in_another_worker, world

INVOICES = ["10-1", "10-2", "20-1"]
PAYMENTS = ["P1", "P2", "A1"]
AMOUNTS = ["10.00", "20.00", "30.00"]
FAULT_KINDS = [
    "CustomerAdd",
    "InvoiceAdd",
    "ReceivePaymentAdd",
    "CreditMemoAdd",
    "ReceivePaymentMod",
    None,
]
CUSTOMER = {"10": "C1", "20": "C2"}


def _commands(w: World, a: int, b: int) -> list[Callable[[], object]]:
    ledger, inv, pay, amount = w.ledger, INVOICES[a % 3], PAYMENTS[b % 3], AMOUNTS[b % 3]
    customer = CUSTOMER[inv.split("-")[0]]
    return [
        lambda: w.invoice(inv, customer, "30.00", finalize=False),
        lambda: ledger.finalize_invoice(inv),
        lambda: ledger.record_job_payment(pay, inv, amount, DAY),
        lambda: ledger.record_account_payment(pay, customer, amount, DAY),
        lambda: ledger.apply_payment(pay, inv, AMOUNTS[a % 2]),
        lambda: ledger.finish_payment(pay),
        lambda: ledger.create_credit_memo(
            "CM1", customer, DAY, [make_line("Towing", "credit", "1", "10.00")]
        ),
        lambda: ledger.apply_credit_memo("CM1", inv, "10.00"),
        lambda: ledger.finish_credit_memo("CM1"),
        lambda: ledger.change_policy_level(ALL_LEVELS[b % 3], "controller"),
    ]


def _selection(choice: int) -> Selection:
    if choice == 0:
        return Selection.everything()
    if choice == 1:
        return Selection(frozenset({TxnKind.INVOICE}))
    return Selection.of(TxnRef(TxnKind.JOB_PAYMENT, "P1"), TxnRef(TxnKind.ACCOUNT_PAYMENT, "A1"))


def _sync(w: World, selection: int, fault: int, kind: int) -> None:
    faults = w.qb.faults
    if fault == 1:
        faults.lose_next_response(FAULT_KINDS[kind % len(FAULT_KINDS)])
    elif fault == 2:
        faults.lock_next(FAULT_KINDS[kind % len(FAULT_KINDS)], count=2)
    elif fault == 3:
        faults.stale_edit_sequence_once("ReceivePaymentMod")
    run = w.sync.start_run(_selection(selection))
    if fault == 4:  # the worker dies after QuickBooks ran a message, before the answer
        conversation = w.sync.conversation([run])
        for _ in range(kind % 3):
            if (message := conversation.next_message()) is not None:
                conversation.accept_answer(w.qb.handle(message))
        if (message := conversation.next_message()) is not None:
            w.qb.handle(message)
        recover_in_another_worker(w, run)
    else:
        w.sync.run_directly(run, w.qb.handle)
    faults.clear()


step = st.tuples(st.integers(0, 12), st.integers(0, 5), st.integers(0, 5))


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(step, min_size=3, max_size=14), st.integers(0, 4), st.integers(0, 5))
def test_random_histories_with_faults_end_exactly_once(
    steps: list[tuple[int, int, int]], last_fault: int, kind: int
) -> None:
    tmp = Path(tempfile.mkdtemp())
    with world(f"sqlite:///{tmp / 'ledger.sqlite'}", tmp) as w:
        w.ledger.register_customer("C1", "Random Customer One")
        w.ledger.register_customer("C2", "Jane Doe")
        for op, a, b in steps:
            if op >= 10:  # a sync, under a random selection and fault
                _sync(w, a % 3, b % 5, a + b)
                continue
            with suppress(DomainError):
                _commands(w, a, b)[op]()
        _sync(w, 0, last_fault, kind)
        _sync(w, 0, 0, 0)  # a clean run finishes whatever the faults left
        assert_exactly_once(w)
        w.readiness.update(w.ledger)
        facts = w.readiness.model.facts()
        assert run_to_fixpoint(facts, facts.policy.level).is_empty  # no operation lost
        assert not w.sync.parked()
        assert not w.sync.stuck()

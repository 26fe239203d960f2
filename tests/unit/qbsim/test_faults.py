"""Fault hooks: lost responses, lock errors, stale EditSequence, delays, and their composition."""

from __future__ import annotations

import pytest

from adapters.quickbooks.simulator import QuickBooksSimulator, ResponseLost
from adapters.quickbooks.simulator.faults import Faults
from tests.unit.qbsim.conftest import Ask, RecordingSleep
from tests.unit.qbsim.ledger_reads import added_txn_id, invoice
from tests.unit.qbsim.messages import (
    applied,
    customer_add,
    invoice_add,
    message,
    payment_add,
    payment_mod,
    status_codes,
    text_of,
)


def test_lost_response_is_raised_after_the_request_was_applied(
    ask: Ask, sim: QuickBooksSimulator
) -> None:
    sim.faults.lose_next_response(kind="InvoiceAdd")
    before = len(sim.company.invoices)
    with pytest.raises(ResponseLost) as lost:
        sim.handle(message(invoice_add("Jane Doe", [("Towing", "1", "185.00")], ref_number="L1")))
    assert lost.value.kinds == ["InvoiceAdd"]
    assert 'statusCode="0"' in lost.value.response
    assert len(sim.company.invoices) == before + 1
    query = "<InvoiceQueryRq><RefNumber>L1</RefNumber></InvoiceQueryRq>"
    assert status_codes(ask(message(query))) == [0]
    ask(message(invoice_add("Jane Doe", [("Towing", "1", "185.00")])))


def test_lost_response_only_fires_for_its_kind(sim: QuickBooksSimulator) -> None:
    sim.faults.lose_next_response(kind="InvoiceAdd")
    sim.handle(message(customer_add("Unaffected")))
    with pytest.raises(ResponseLost):
        sim.handle(message(customer_add("Also Unaffected"), invoice_add("Jane Doe", [])))


def test_lock_answers_the_next_n_requests_and_changes_nothing(
    ask: Ask, sim: QuickBooksSimulator
) -> None:
    sim.faults.lock_next(kind="CustomerAdd", count=2, code=3180)
    root = ask(
        message(
            customer_add("Locked One"),
            customer_add("Locked Two"),
            "<CustomerQueryRq><FullName>Jane Doe</FullName></CustomerQueryRq>",
            on_error="continueOnError",
        )
    )
    assert status_codes(root) == [3180, 3180, 0]
    assert sim.company.names.owner("Locked One") is None
    assert status_codes(ask(message(customer_add("Locked One")))) == [0]


def test_lock_under_stop_on_error_skips_the_rest(ask: Ask, sim: QuickBooksSimulator) -> None:
    sim.faults.lock_next()
    root = ask(message(customer_add("A"), customer_add("B")))
    assert status_codes(root) == [3175, 3231]


def test_lock_codes_are_checked() -> None:
    with pytest.raises(ValueError, match="lock code must be one of"):
        Faults().lock_next(code=3100)


def test_stale_edit_sequence_once_forces_a_requery(ask: Ask, sim: QuickBooksSimulator) -> None:
    invoice_id, _ = added_txn_id(
        ask(message(invoice_add("Jane Doe", [("Towing", "1", "100.00")]))), "InvoiceRet"
    )
    payment_id, sequence = added_txn_id(
        ask(message(payment_add("Jane Doe", "100.00"))), "ReceivePaymentRet"
    )
    sim.faults.stale_edit_sequence_once(kind="ReceivePaymentMod")
    mod = message(payment_mod(payment_id, sequence, [applied(invoice_id, "100.00")]))
    assert status_codes(ask(mod)) == [3200]
    assert status_codes(ask(mod)) == [3200]
    query = f"<ReceivePaymentQueryRq><TxnID>{payment_id}</TxnID></ReceivePaymentQueryRq>"
    fresh = text_of(
        ask(message(query)), "QBXMLMsgsRs/ReceivePaymentQueryRs/ReceivePaymentRet/EditSequence"
    )
    retried = message(payment_mod(payment_id, fresh, [applied(invoice_id, "100.00")]))
    assert status_codes(ask(retried)) == [0]
    assert text_of(invoice(ask, invoice_id), "IsPaid") == "true"


def test_delay_sleeps_before_matching_requests(
    ask: Ask, sim: QuickBooksSimulator, sleeps: RecordingSleep
) -> None:
    sim.faults.delay(0.25, kind="CustomerQuery", count=2)
    query = "<CustomerQueryRq><FullName>Jane Doe</FullName></CustomerQueryRq>"
    ask(message(query, customer_add("No Delay"), query, query))
    assert sleeps.calls == [0.25, 0.25]


def test_real_sleep_is_the_default() -> None:
    import time

    sim = QuickBooksSimulator()
    sim.faults.delay(0.05)
    started = time.monotonic()
    sim.handle(message("<TermsQueryRq/>"))
    assert time.monotonic() - started >= 0.05


def test_faults_compose(ask: Ask, sim: QuickBooksSimulator, sleeps: RecordingSleep) -> None:
    sim.faults.delay(1.0).lock_next(kind="CustomerAdd").lose_next_response(kind="CustomerAdd")
    root = ask(message(customer_add("Locked")))
    assert status_codes(root) == [3175]
    with pytest.raises(ResponseLost):
        sim.handle(message(customer_add("Applied But Lost")))
    assert sim.company.names.owner("Applied But Lost") is not None
    assert status_codes(ask(message(customer_add("Plain")))) == [0]
    assert sleeps.calls == [1.0, 1.0, 1.0]
    sim.faults.lock_next(count=5)
    sim.faults.clear()
    assert status_codes(ask(message(customer_add("After Clear")))) == [0]

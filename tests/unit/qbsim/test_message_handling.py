"""Messages as a whole: onError modes, requestID echo, failed requests leaving no trace,
and messages QuickBooks refuses outright."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from adapters.quickbooks.simulator import QuickBooksSimulator, RequestRejected
from adapters.quickbooks.simulator.codec import company_to_json
from adapters.quickbooks.simulator.demo_company import demo_company
from tests.unit.qbsim.conftest import Ask, FakeClock
from tests.unit.qbsim.ledger_reads import added_txn_id
from tests.unit.qbsim.messages import (
    applied,
    credit_memo_add,
    customer_add,
    invoice_add,
    message,
    payment_add,
    payment_mod,
    responses,
    status_codes,
    txn_void,
)


def test_stop_on_error_answers_3231_for_everything_after_the_failure(
    ask: Ask, sim: QuickBooksSimulator
) -> None:
    invoices_before = len(sim.company.invoices)
    root = ask(
        message(
            customer_add("First Fleet", request_id="a"),
            customer_add("Metro Auto Parts", request_id="b"),
            customer_add("Second Fleet", request_id="c"),
            invoice_add("First Fleet", [("Towing", "1", "185.00")], request_id="d"),
        )
    )
    assert status_codes(root) == [0, 3100, 3231, 3231]
    assert [rs.get("requestID") for rs in responses(root)] == ["a", "b", "c", "d"]
    assert [rs.get("statusSeverity") for rs in responses(root)] == [
        "Info",
        "Error",
        "Error",
        "Error",
    ]
    assert sim.company.names.owner("Second Fleet") is None
    assert len(sim.company.invoices) == invoices_before


@pytest.mark.usefixtures("sim")
def test_continue_on_error_processes_every_request(ask: Ask) -> None:
    root = ask(
        message(
            customer_add("Metro Auto Parts"),
            customer_add("Second Fleet"),
            invoice_add("Nobody At All", [("Towing", "1", "185.00")]),
            invoice_add("Second Fleet", [("Towing", "1", "185.00")]),
            on_error="continueOnError",
        )
    )
    assert status_codes(root) == [3100, 0, 3140, 0]


def test_a_warning_or_no_match_does_not_stop_the_message(ask: Ask) -> None:
    root = ask(
        message(
            "<CustomerQueryRq><ListID>80009999-1</ListID></CustomerQueryRq>",
            "<InvoiceQueryRq><RefNumber>NO-SUCH</RefNumber></InvoiceQueryRq>",
            customer_add("Still Processed"),
        )
    )
    assert status_codes(root) == [500, 1, 0]


def _over_application(ask: Ask) -> str:
    invoice_id, _ = added_txn_id(
        ask(message(invoice_add("Jane Doe", [("Towing", "1", "50.00")]))), "InvoiceRet"
    )
    return payment_add("Jane Doe", "80.00", [applied(invoice_id, "80.00")])


def _stale_mod(ask: Ask) -> str:
    invoice_id, _ = added_txn_id(
        ask(message(invoice_add("Jane Doe", [("Towing", "1", "50.00")]))), "InvoiceRet"
    )
    payment_id, sequence = added_txn_id(
        ask(message(payment_add("Jane Doe", "50.00"))), "ReceivePaymentRet"
    )
    ask(message(payment_mod(payment_id, sequence, [applied(invoice_id, "10.00")])))
    return payment_mod(payment_id, sequence, [applied(invoice_id, "50.00")])


def _credit_over_remaining(ask: Ask) -> str:
    invoice_id, _ = added_txn_id(
        ask(message(invoice_add("Jane Doe", [("Towing", "1", "50.00")]))), "InvoiceRet"
    )
    memo_id, _ = added_txn_id(ask(message(credit_memo_add("Jane Doe", "5.00"))), "CreditMemoRet")
    return payment_add("Jane Doe", "10.00", [applied(invoice_id, "10.00", [(memo_id, "6.00")])])


FAILURES: dict[str, tuple[Callable[[Ask], str], int]] = {
    "name in use": (lambda _ask: customer_add("METRO AUTO PARTS"), 3100),
    "job under a missing parent": (lambda _ask: customer_add("Job", parent="Nobody"), 3140),
    "invoice for a missing customer": (
        lambda _ask: invoice_add("Nobody", [("Towing", "1", "1.00")]),
        3140,
    ),
    "invoice with a missing item on its second line": (
        lambda _ask: invoice_add("Jane Doe", [("Towing", "1", "1.00"), ("Nothing", "1", "1.00")]),
        3140,
    ),
    "negative invoice total": (lambda _ask: invoice_add("Jane Doe", [("Towing", "1", "-5")]), 3210),
    "over-application": (_over_application, 3210),
    "credit over what remains": (_credit_over_remaining, 3210),
    "stale edit sequence": (_stale_mod, 3200),
    "void of a missing invoice": (lambda _ask: txn_void("Invoice", "123-456"), 3120),
}


@pytest.mark.parametrize("case", FAILURES)
def test_a_failed_request_changes_nothing(ask: Ask, sim: QuickBooksSimulator, case: str) -> None:
    build, expected_code = FAILURES[case]
    request = build(ask)
    before = company_to_json(sim.company)
    assert status_codes(ask(message(request))) == [expected_code]
    assert company_to_json(sim.company) == before


def test_wrong_element_order_is_refused_before_anything_runs(sim: QuickBooksSimulator) -> None:
    swapped = (
        "<CustomerAddRq><CustomerAdd><CompanyName>Swapped Inc</CompanyName>"
        "<Name>Swapped</Name></CustomerAdd></CustomerAddRq>"
    )
    before = company_to_json(sim.company)
    with pytest.raises(RequestRejected) as refused:
        sim.handle(message(customer_add("Fine"), swapped))
    assert refused.value.hresult == "0x80040400"
    assert company_to_json(sim.company) == before


@pytest.mark.parametrize(
    "document",
    [
        "<QBXML><QBXMLMsgsRq onError='stopOnError'>",
        '<!DOCTYPE QBXML [<!ENTITY x "y">]><QBXML/>',
        '<?xml version="1.0"?><?qbxml version="99.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"/>'
        "</QBXML>",
    ],
)
def test_unparseable_unsafe_or_too_new_messages_are_refused(
    sim: QuickBooksSimulator, document: str
) -> None:
    with pytest.raises(RequestRejected):
        sim.handle(document)


def test_without_a_schema_overlong_names_are_3070(clock: FakeClock) -> None:
    lenient = QuickBooksSimulator(demo_company(clock))
    response = lenient.handle(message(customer_add("N" * 42)))
    assert 'statusCode="3070"' in response


def test_requests_the_simulator_does_not_know_are_answered_3250(ask: Ask) -> None:
    root = ask(message('<HostQueryRq requestID="7"/>', customer_add("After Host")))
    assert status_codes(root) == [3250, 3231]

"""Invoices, credit memos, payments and voids: balances, applications and their status codes."""

from __future__ import annotations

from decimal import Decimal

from tests.unit.qbsim.conftest import Ask
from tests.unit.qbsim.ledger_reads import added_txn_id, balances, credit_memo, invoice, payment
from tests.unit.qbsim.messages import (
    applied,
    credit_memo_add,
    customer_add,
    invoice_add,
    message,
    money_of,
    only_response,
    payment_add,
    payment_mod,
    status_codes,
    text_of,
    txn_del,
    txn_void,
)


def _new_invoice(ask: Ask, customer: str, amount: str, ref: str = "T-1") -> tuple[str, str]:
    return added_txn_id(
        ask(message(invoice_add(customer, [("Towing", "1", amount)], ref_number=ref))),
        "InvoiceRet",
    )


def test_invoice_raises_the_customer_balance_and_reports_its_totals(ask: Ask) -> None:
    assert balances(ask, "Jane Doe") == (Decimal("0.00"), Decimal("0.00"))
    root = ask(
        message(invoice_add("Jane Doe", [("Towing", "1", "185.00"), ("Mileage", "10", "4.50")]))
    )
    ret = only_response(root).find("InvoiceRet")
    assert ret is not None
    assert money_of(ret, "Subtotal") == Decimal("230.00")
    assert money_of(ret, "BalanceRemaining") == Decimal("230.00")
    assert text_of(ret, "IsPaid") == "false"
    assert len(ret.findall("InvoiceLineRet")) == 2
    assert balances(ask, "Jane Doe") == (Decimal("230.00"), Decimal("230.00"))


def test_rate_defaults_to_the_item_price(ask: Ask) -> None:
    request = (
        "<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Jane Doe</FullName></CustomerRef>"
        "<InvoiceLineAdd><ItemRef><FullName>Storage</FullName></ItemRef>"
        "<Quantity>2</Quantity></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>"
    )
    ret = only_response(ask(message(request))).find("InvoiceRet")
    assert ret is not None
    assert money_of(ret, "Subtotal") == Decimal("90.00")


def test_invoice_before_its_customer_is_an_invalid_reference(ask: Ask) -> None:
    root = ask(
        message(
            invoice_add("Newcomer Logistics", [("Towing", "1", "185.00")]),
            customer_add("Newcomer Logistics"),
            invoice_add("Newcomer Logistics", [("Towing", "1", "185.00")]),
            on_error="continueOnError",
        )
    )
    assert status_codes(root) == [3140, 0, 0]
    assert balances(ask, "Newcomer Logistics") == (Decimal("185.00"), Decimal("185.00"))


def test_unknown_item_is_an_invalid_reference(ask: Ask) -> None:
    root = ask(message(invoice_add("Jane Doe", [("Teleporting", "1", "10.00")])))
    assert status_codes(root) == [3140]


def test_job_balance_rolls_into_the_parent_total_balance(ask: Ask) -> None:
    job = "Harbor Freight Lines:Truck 12 Recovery"
    ask(message(invoice_add(job, [("Winching", "2", "95.00")])))
    assert balances(ask, job) == (Decimal("190.00"), Decimal("190.00"))
    assert balances(ask, "Harbor Freight Lines") == (Decimal("0.00"), Decimal("190.00"))


def test_payment_applied_to_an_invoice_pays_it(ask: Ask) -> None:
    invoice_id, _ = _new_invoice(ask, "Jane Doe", "185.00")
    root = ask(message(payment_add("Jane Doe", "185.00", [applied(invoice_id, "185.00")])))
    payment_id, _ = added_txn_id(root, "ReceivePaymentRet")
    paid = invoice(ask, invoice_id)
    assert money_of(paid, "AppliedAmount") == Decimal("-185.00")
    assert money_of(paid, "BalanceRemaining") == Decimal("0.00")
    assert text_of(paid, "IsPaid") == "true"
    assert text_of(paid, "LinkedTxn/TxnID") == payment_id
    assert text_of(paid, "LinkedTxn/TxnType") == "ReceivePayment"
    assert money_of(paid, "LinkedTxn/Amount") == Decimal("-185.00")
    received = payment(ask, payment_id)
    assert money_of(received, "UnusedPayment") == Decimal("0.00")
    assert text_of(received, "AppliedToTxnRet/TxnID") == invoice_id
    assert balances(ask, "Jane Doe") == (Decimal("0.00"), Decimal("0.00"))


def test_unapplied_payment_lowers_the_balance_and_stays_unused(ask: Ask) -> None:
    root = ask(message(payment_add("Smith Auto Body", "100.00")))
    payment_id, _ = added_txn_id(root, "ReceivePaymentRet")
    assert money_of(payment(ask, payment_id), "UnusedPayment") == Decimal("100.00")
    assert balances(ask, "Smith Auto Body") == (Decimal("139.00"), Decimal("139.00"))


def test_credit_memo_applied_through_a_payment(ask: Ask) -> None:
    invoice_id, _ = _new_invoice(ask, "Jane Doe", "200.00")
    memo_id, _ = added_txn_id(ask(message(credit_memo_add("Jane Doe", "50.00"))), "CreditMemoRet")
    assert balances(ask, "Jane Doe") == (Decimal("150.00"), Decimal("150.00"))
    assert money_of(credit_memo(ask, memo_id), "CreditRemaining") == Decimal("50.00")

    root = ask(
        message(
            payment_add("Jane Doe", "0.00", [applied(invoice_id, "0.00", [(memo_id, "30.00")])])
        )
    )
    payment_id, _ = added_txn_id(root, "ReceivePaymentRet")
    assert money_of(credit_memo(ask, memo_id), "CreditRemaining") == Decimal("20.00")
    assert money_of(invoice(ask, invoice_id), "BalanceRemaining") == Decimal("170.00")
    assert money_of(payment(ask, payment_id), "UnusedCredits") == Decimal("20.00")
    assert balances(ask, "Jane Doe") == (Decimal("150.00"), Decimal("150.00"))


def test_applying_more_than_the_invoice_balance_is_invalid(ask: Ask) -> None:
    invoice_id, _ = _new_invoice(ask, "Jane Doe", "100.00")
    root = ask(message(payment_add("Jane Doe", "150.00", [applied(invoice_id, "150.00")])))
    assert status_codes(root) == [3210]
    assert money_of(invoice(ask, invoice_id), "BalanceRemaining") == Decimal("100.00")


def test_applying_more_than_the_payment_total_is_invalid(ask: Ask) -> None:
    invoice_id, _ = _new_invoice(ask, "Jane Doe", "100.00")
    root = ask(message(payment_add("Jane Doe", "40.00", [applied(invoice_id, "60.00")])))
    assert status_codes(root) == [3210]


def test_applying_more_credit_than_remains_is_invalid(ask: Ask) -> None:
    invoice_id, _ = _new_invoice(ask, "Jane Doe", "100.00")
    memo_id, _ = added_txn_id(ask(message(credit_memo_add("Jane Doe", "20.00"))), "CreditMemoRet")
    root = ask(
        message(payment_add("Jane Doe", "0.00", [applied(invoice_id, "0", [(memo_id, "25.00")])]))
    )
    assert status_codes(root) == [3210]


def test_negative_payment_amounts_are_invalid(ask: Ask) -> None:
    invoice_id, _ = _new_invoice(ask, "Jane Doe", "100.00")
    assert status_codes(ask(message(payment_add("Jane Doe", "-5.00")))) == [3210]
    root = ask(message(payment_add("Jane Doe", "10.00", [applied(invoice_id, "-10.00")])))
    assert status_codes(root) == [3210]


def test_applying_to_another_customers_invoice_is_an_invalid_reference(ask: Ask) -> None:
    invoice_id, _ = _new_invoice(ask, "Jane Doe", "100.00")
    root = ask(message(payment_add("Bob Carter", "100.00", [applied(invoice_id, "100.00")])))
    assert status_codes(root) == [3140]


def test_a_payment_applied_to_an_invoice_gives_it_a_new_edit_sequence(ask: Ask) -> None:
    invoice_id, before = _new_invoice(ask, "Jane Doe", "100.00")
    ask(message(payment_add("Jane Doe", "30.00", [applied(invoice_id, "30.00")])))
    after = text_of(invoice(ask, invoice_id), "EditSequence")
    assert after != before
    assert after.isdigit()


def test_payment_mod_with_a_stale_edit_sequence_is_refused(ask: Ask) -> None:
    invoice_id, _ = _new_invoice(ask, "Jane Doe", "100.00")
    payment_id, first_sequence = added_txn_id(
        ask(message(payment_add("Jane Doe", "100.00"))), "ReceivePaymentRet"
    )
    fresh = ask(message(payment_mod(payment_id, first_sequence, [applied(invoice_id, "60.00")])))
    assert status_codes(fresh) == [0]
    stale = ask(message(payment_mod(payment_id, first_sequence, [applied(invoice_id, "100.00")])))
    assert status_codes(stale) == [3200]
    assert money_of(invoice(ask, invoice_id), "BalanceRemaining") == Decimal("40.00")


def test_payment_mod_replaces_the_allocations(ask: Ask) -> None:
    first_id, _ = _new_invoice(ask, "Jane Doe", "100.00", ref="A-1")
    second_id, _ = _new_invoice(ask, "Jane Doe", "80.00", ref="A-2")
    payment_id, sequence = added_txn_id(
        ask(message(payment_add("Jane Doe", "100.00", [applied(first_id, "100.00")]))),
        "ReceivePaymentRet",
    )
    root = ask(message(payment_mod(payment_id, sequence, [applied(second_id, "80.00")])))
    assert status_codes(root) == [0]
    assert money_of(invoice(ask, first_id), "BalanceRemaining") == Decimal("100.00")
    assert money_of(invoice(ask, second_id), "BalanceRemaining") == Decimal("0.00")
    modified = payment(ask, payment_id)
    assert money_of(modified, "UnusedPayment") == Decimal("20.00")
    assert [text_of(ret, "TxnID") for ret in modified.findall("AppliedToTxnRet")] == [second_id]


def test_payment_mod_may_reapply_what_it_already_applied(ask: Ask) -> None:
    invoice_id, _ = _new_invoice(ask, "Jane Doe", "100.00")
    payment_id, sequence = added_txn_id(
        ask(message(payment_add("Jane Doe", "100.00", [applied(invoice_id, "100.00")]))),
        "ReceivePaymentRet",
    )
    root = ask(message(payment_mod(payment_id, sequence, [applied(invoice_id, "100.00")])))
    assert status_codes(root) == [0]


def test_mod_and_void_of_unknown_transactions_find_nothing(ask: Ask) -> None:
    assert status_codes(ask(message(payment_mod("FFFF-1", "1", [])))) == [3120]
    assert status_codes(ask(message(txn_void("Invoice", "FFFF-1")))) == [3120]


def test_voiding_a_paid_invoice_frees_the_payment(ask: Ask) -> None:
    invoice_id, _ = _new_invoice(ask, "Jane Doe", "100.00")
    payment_id, _ = added_txn_id(
        ask(message(payment_add("Jane Doe", "100.00", [applied(invoice_id, "100.00")]))),
        "ReceivePaymentRet",
    )
    root = ask(message(txn_void("Invoice", invoice_id)))
    assert status_codes(root) == [0]
    voided = invoice(ask, invoice_id)
    assert money_of(voided, "Subtotal") == Decimal("0.00")
    assert text_of(voided, "Memo").startswith("VOID")
    assert money_of(payment(ask, payment_id), "UnusedPayment") == Decimal("100.00")
    assert balances(ask, "Jane Doe") == (Decimal("-100.00"), Decimal("-100.00"))


def test_deleting_a_payment_reopens_the_invoice(ask: Ask) -> None:
    invoice_id, _ = _new_invoice(ask, "Jane Doe", "100.00")
    payment_id, _ = added_txn_id(
        ask(message(payment_add("Jane Doe", "100.00", [applied(invoice_id, "100.00")]))),
        "ReceivePaymentRet",
    )
    assert status_codes(ask(message(txn_del("ReceivePayment", payment_id)))) == [0]
    assert money_of(invoice(ask, invoice_id), "BalanceRemaining") == Decimal("100.00")
    query = f"<ReceivePaymentQueryRq><TxnID>{payment_id}</TxnID></ReceivePaymentQueryRq>"
    assert status_codes(ask(message(query))) == [500]
    assert balances(ask, "Jane Doe") == (Decimal("100.00"), Decimal("100.00"))


def test_voiding_an_applied_credit_memo_gives_the_invoice_its_balance_back(ask: Ask) -> None:
    invoice_id, _ = _new_invoice(ask, "Jane Doe", "100.00")
    memo_id, _ = added_txn_id(ask(message(credit_memo_add("Jane Doe", "40.00"))), "CreditMemoRet")
    ask(message(payment_add("Jane Doe", "0.00", [applied(invoice_id, "0", [(memo_id, "40.00")])])))
    assert money_of(invoice(ask, invoice_id), "BalanceRemaining") == Decimal("60.00")
    assert status_codes(ask(message(txn_void("CreditMemo", memo_id)))) == [0]
    assert money_of(invoice(ask, invoice_id), "BalanceRemaining") == Decimal("100.00")
    assert balances(ask, "Jane Doe") == (Decimal("100.00"), Decimal("100.00"))


def test_auto_apply_pays_the_oldest_invoice_first(ask: Ask) -> None:
    request = (
        "<ReceivePaymentAddRq><ReceivePaymentAdd>"
        "<CustomerRef><FullName>Smith Auto Body</FullName></CustomerRef>"
        "<TotalAmount>300.00</TotalAmount><IsAutoApply>true</IsAutoApply>"
        "</ReceivePaymentAdd></ReceivePaymentAddRq>"
    )
    newer_id, _ = _new_invoice(ask, "Smith Auto Body", "100.00")
    payment_id, _ = added_txn_id(ask(message(request)), "ReceivePaymentRet")
    received = payment(ask, payment_id)
    amounts = [money_of(ret, "Amount") for ret in received.findall("AppliedToTxnRet")]
    assert amounts == [Decimal("239.00"), Decimal("61.00")]
    assert money_of(invoice(ask, newer_id), "BalanceRemaining") == Decimal("39.00")

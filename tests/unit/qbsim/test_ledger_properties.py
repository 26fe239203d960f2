"""Property: whatever mix of invoices, credits, payments, re-applications, voids and deletes
QuickBooks accepts, the books stay consistent, and whatever it refuses leaves them unchanged."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.quickbooks.simulator.balances import recompute
from adapters.quickbooks.simulator.codec import company_to_json
from adapters.quickbooks.simulator.company import Company, Ref
from adapters.quickbooks.simulator.demo_company import demo_company
from adapters.quickbooks.simulator.model import ZERO
from adapters.quickbooks.simulator.operations_payments import (
    ApplicationInput,
    CreditInput,
    PaymentChanges,
    PaymentInput,
    add_payment,
    delete_payment,
    modify_payment,
)
from adapters.quickbooks.simulator.operations_sales import (
    LineInput,
    SalesTxnInput,
    add_credit_memo,
    add_invoice,
)
from adapters.quickbooks.simulator.operations_voids import void_txn
from adapters.quickbooks.simulator.status import QbError
from tests.unit.qbsim.conftest import FakeClock

CUSTOMERS = ["Jane Doe", "Bob Carter", "Harbor Freight Lines:Yard Cleanup"]
amounts = st.integers(min_value=-500, max_value=20000).map(lambda cents: Decimal(cents) / 100)
picks = st.integers(min_value=0, max_value=1000)

invoice_step = st.tuples(st.just("invoice"), st.sampled_from(CUSTOMERS), amounts)
payment_step = st.tuples(
    st.just("pay"), st.sampled_from(CUSTOMERS), amounts, picks, amounts, picks, amounts
)
operation = st.one_of(
    invoice_step,
    invoice_step,
    payment_step,
    payment_step,
    st.tuples(st.just("credit"), st.sampled_from(CUSTOMERS), amounts),
    st.tuples(st.just("remod"), picks, picks, amounts, amounts),
    st.tuples(st.just("void"), picks, st.booleans()),
    st.tuples(st.just("delete"), picks),
)


def _pick(ids: list[str], index: int) -> str:
    return ids[index % len(ids)] if ids else "0-0"


def _total(paid: object, extra: object) -> Decimal:
    """Mostly enough to cover what is applied, sometimes (negative extra) not."""
    return Decimal(str(paid)) + Decimal(str(extra)) / 10


def _apply(company: Company, step: tuple[object, ...]) -> None:
    kind = step[0]
    invoices, memos = list(company.invoices), list(company.credit_memos)
    payments = list(company.payments)
    if kind in ("invoice", "credit"):
        _, customer, amount = step
        data = SalesTxnInput(
            customer=Ref(full_name=str(customer)),
            lines=[LineInput(item=Ref(full_name="Towing"), amount=Decimal(str(amount)))],
        )
        (add_invoice if kind == "invoice" else add_credit_memo)(company, data)
    elif kind == "pay":
        _, customer, total, invoice_pick, paid, memo_pick, credit = step
        invoice_id = _pick(invoices, int(str(invoice_pick)))
        if invoice_id in company.invoices and int(str(memo_pick)) % 5:
            customer = company.customers[company.invoices[invoice_id].customer_id].full_name
        same_customer_memos = [
            memo.txn_id
            for memo in company.credit_memos.values()
            if company.customers[memo.customer_id].full_name == customer
        ]
        credits = (
            [CreditInput(_pick(same_customer_memos, int(str(memo_pick))), Decimal(str(credit)))]
            if same_customer_memos and int(str(memo_pick)) % 2
            else []
        )
        application = ApplicationInput(
            invoice_txn_id=invoice_id, payment_amount=Decimal(str(paid)), credits=credits
        )
        add_payment(
            company,
            PaymentInput(
                customer=Ref(full_name=str(customer)),
                total_amount=_total(paid, total),
                applications=[application],
            ),
        )
    elif kind == "remod":
        _, payment_pick, invoice_pick, total, paid = step
        payment_id = _pick(payments, int(str(payment_pick)))
        sequence = company.payments[payment_id].edit_sequence if payments else "0"
        application = ApplicationInput(
            invoice_txn_id=_pick(invoices, int(str(invoice_pick))),
            payment_amount=Decimal(str(paid)),
        )
        modify_payment(
            company,
            PaymentChanges(
                txn_id=payment_id,
                edit_sequence=sequence,
                total_amount=_total(paid, total),
                applications=[application],
            ),
        )
    elif kind == "void":
        _, pick, of_invoice = step
        ids = invoices if of_invoice else memos
        void_txn(company, "Invoice" if of_invoice else "CreditMemo", _pick(ids, int(str(pick))))
    else:
        delete_payment(company, _pick(payments, int(str(step[1]))))


def _check_books(company: Company) -> None:
    for invoice in company.invoices.values():
        assert ZERO <= invoice.balance_remaining <= invoice.subtotal
    for memo in company.credit_memos.values():
        assert ZERO <= memo.credit_remaining <= memo.subtotal
    for payment in company.payments.values():
        assert payment.unused_payment >= ZERO
    for customer in company.customers.values():
        owed = sum(
            (
                i.balance_remaining
                for i in company.invoices.values()
                if i.customer_id == customer.list_id
            ),
            ZERO,
        )
        credit = sum(
            (
                m.credit_remaining
                for m in company.credit_memos.values()
                if m.customer_id == customer.list_id
            ),
            ZERO,
        )
        unused = sum(
            (
                p.unused_payment
                for p in company.payments.values()
                if p.customer_id == customer.list_id
            ),
            ZERO,
        )
        assert customer.balance == owed - credit - unused, customer.full_name
    kept = (
        company_to_json(company),
        [(c.balance, c.total_balance) for c in company.customers.values()],
    )
    recompute(company)
    assert kept == (
        company_to_json(company),
        [(c.balance, c.total_balance) for c in company.customers.values()],
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=4, max_size=30))
def test_books_stay_consistent_and_refusals_change_nothing(
    steps: list[tuple[object, ...]],
) -> None:
    company = demo_company(FakeClock())
    for step in steps:
        before = company_to_json(company)
        try:
            _apply(company, step)
        except QbError:
            assert company_to_json(company) == before
        _check_books(company)

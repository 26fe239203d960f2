"""Planning: the fixpoint's work as operations in dependency order, limited to a selection."""

from __future__ import annotations

from adapters.services.sync.planning import CustomerStatus, plan
from adapters.storage.ledger.application import Ledger
from adapters.storage.outbox.operations import OpKind, PlannedOp
from adapters.storage.outbox.selection import Selection
from adapters.storage.readiness.events import whole_log
from domain.kinds import TxnKind
from domain.policy import PolicyLevel
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.replay import facts_as_of
from tests.unit.projections.books import CUSTOMER, DAY, Books

CONSERVATIVE, MODERATE = PolicyLevel.CONSERVATIVE, PolicyLevel.MODERATE


def facts(ledger: Ledger) -> Facts:
    return facts_as_of(whole_log(ledger))


def unlinked(code: str) -> CustomerStatus:
    return CustomerStatus(code, linked=False)


def by_key(ops: list[PlannedOp]) -> dict[str, PlannedOp]:
    return {op.key: op for op in ops}


def job_paid() -> Ledger:
    books = Books().invoice("1-1", "50.00", finalize=True)
    books.ledger.record_job_payment("P1", "1-1", "50.00", DAY)
    books.invoice("2-1", "80.00")
    return books.ledger


def test_conservative_job_payment_rides_on_its_add_after_the_invoice() -> None:
    ops = by_key(plan(facts(job_paid()), CONSERVATIVE, Selection.everything(), unlinked))
    payment = ops["payment-add:P1"]
    assert payment.invoices == ("1-1",)  # imported and applied in the same step
    assert set(payment.depends_on) == {"invoice-add:1-1", f"customer-add:{CUSTOMER}"}
    assert ops[f"customer-add:{CUSTOMER}"].kind is OpKind.CUSTOMER_ADD
    assert "invoice-add:2-1" not in ops  # open balance: waits under conservative
    keys = list(ops)
    assert keys.index(f"customer-add:{CUSTOMER}") < keys.index("invoice-add:1-1")


def test_moderate_imports_the_payment_unapplied_and_applies_it_later() -> None:
    ledger = job_paid()
    ledger.change_policy_level(MODERATE, "controller")
    ops = by_key(plan(facts(ledger), MODERATE, Selection.everything(), unlinked))
    assert ops["payment-add:P1"].invoices == ()
    apply = ops["payment-apply:P1:1-1"]
    assert set(apply.depends_on) == {"payment-add:P1", "invoice-add:1-1"}


def test_a_selected_payment_brings_its_invoice_and_nothing_else() -> None:
    selection = Selection.of(TxnRef(TxnKind.JOB_PAYMENT, "P1"))
    linked = lambda code: CustomerStatus(code, linked=True)  # noqa: E731
    ops = by_key(plan(facts(job_paid()), CONSERVATIVE, selection, linked))
    assert set(ops) == {"invoice-add:1-1", "payment-add:P1"}


def test_credit_memos_are_applied_invoice_by_invoice_after_both_imports() -> None:
    books = Books().invoice("1-1", "50.00")
    ledger = books.ledger
    from domain.lines import make_line

    ledger.create_credit_memo("CM1", CUSTOMER, DAY, [make_line("cr", "", "1", "50.00")])
    ledger.apply_credit_memo("CM1", "1-1", "50.00")
    ledger.finish_credit_memo("CM1")
    ops = by_key(plan(facts(ledger), CONSERVATIVE, Selection.everything(), unlinked))
    apply = ops["credit-apply:CM1:1-1"]
    assert set(apply.depends_on) == {"credit-memo-add:CM1", "invoice-add:1-1"}


def test_a_selection_survives_its_json_form() -> None:
    selection = Selection.of(TxnRef(TxnKind.INVOICE, "1-1"), kinds=(TxnKind.CREDIT_MEMO,))
    assert Selection.from_json(selection.to_json()) == selection
    assert selection.selects(TxnRef(TxnKind.CREDIT_MEMO, "any"))
    assert not selection.selects(TxnRef(TxnKind.INVOICE, "1-2"))
    assert not selection.selects(TxnRef(TxnKind.JOB_PAYMENT, "P1"))

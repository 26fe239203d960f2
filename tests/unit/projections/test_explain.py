"""Explanations name the records and cite events; as of N they equal a ledger cut at N."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness.events import whole_log
from domain.kinds import TxnKind
from projections.readiness.explain import explain
from projections.readiness.facts import TxnRef
from projections.readiness.incremental import all_refs
from tests.unit.projections.books import Books, facts_of
from tests.unit.projections.histories import Step, replay_steps, steps


def test_waiting_invoice_names_its_job_sibling_and_balance() -> None:
    books = (
        Books().invoice("1234567-1").invoice("1234567-2").job_payment("P1", "1234567-1", "100.00")
    )
    books.job_payment("P2", "1234567-2", "60.00")
    text = "\n".join(explain(books.facts(), TxnRef.invoice("1234567-1")).lines())
    assert "waiting: invoice 1234567-2 of job 1234567 has an open balance of 40.00" in text
    assert "import under aggressive (if switched): ready" in text


def test_unfinished_credit_memo_is_named_and_cited() -> None:
    books = Books().invoice("1-1").credit_memo("CM-12", {"1-1": "10.00"}, finish=False)
    facts = books.facts()
    explanation = explain(facts, TxnRef(TxnKind.CREDIT_MEMO, "CM-12"))
    [condition] = explanation.imports[explanation.level].unmet
    assert condition.text.startswith("credit memo CM-12 is not finished")
    assert {c.event for c in condition.cited} == {"CreditMemo.Created", "CreditSource.Applied"}
    assert all(
        c.originator_id == facts.sources[explanation.ref].originator_id for c in condition.cited
    )


def test_imported_transaction_shows_its_quickbooks_state() -> None:
    books = Books().invoice("1-1").job_payment("P1", "1-1", "100.00")
    books.imported("invoice", "1-1").imported("payment", "P1").applied("payment", "P1", "1-1")
    explanation = explain(books.facts(), TxnRef(TxnKind.JOB_PAYMENT, "P1"))
    assert explanation.quickbooks.txn_id == "TXN-2"
    assert [n for n, _ in explanation.quickbooks.applied] == ["1-1"]
    assert explanation.quickbooks.imported_by is not None
    assert explanation.quickbooks.imported_by.event == "QuickBooksTransaction.ImportedToQuickBooks"


def ledger_cut_at(ledger: Ledger, n: int) -> Ledger:
    """A fresh ledger holding only the first `n` events of `ledger`."""
    cut = Ledger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    cut.recorder.insert_events(list(ledger.recorder.select_notifications(1, n)))
    return cut


@settings(max_examples=40, deadline=None)
@given(steps, st.data())
def test_explanation_as_of_n_equals_explanation_on_the_first_n_events(
    history: list[Step], data: st.DataObject
) -> None:
    ledger = replay_steps(history)
    n = data.draw(st.integers(1, len(whole_log(ledger))))
    as_of, cut = facts_of(ledger, n), facts_of(ledger_cut_at(ledger, n))
    assert as_of.position == cut.position == n
    for ref in all_refs(cut):
        assert explain(as_of, ref) == explain(cut, ref)
    assert all_refs(as_of) == all_refs(cut)

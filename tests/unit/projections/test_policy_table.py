"""Every cell of SPEC section 3: the states that make each import or application ready, and
the states that keep it waiting, under each policy level."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from domain.kinds import TxnKind
from domain.policy import PolicyLevel
from projections.readiness.facts import TxnRef
from projections.readiness.verdicts import ReadinessRules, State
from tests.unit.projections.books import Books

C, M, A = PolicyLevel.CONSERVATIVE, PolicyLevel.MODERATE, PolicyLevel.AGGRESSIVE
DONE, READY, WITH, WAITING, VOIDED = (
    State.DONE, State.READY, State.READY_WITH, State.WAITING, State.VOIDED,
)  # fmt: skip
INV, JOB, ACC, CM = (
    TxnKind.INVOICE, TxnKind.JOB_PAYMENT, TxnKind.ACCOUNT_PAYMENT, TxnKind.CREDIT_MEMO,
)  # fmt: skip


@dataclass(frozen=True)
class Cell:
    story: str
    books: Callable[[], Books]
    subject: TxnRef
    application_to: str | None  # None: the import; else the application to this invoice
    expected: dict[PolicyLevel, State]


def paid_job() -> Books:
    """Job 500: 500-1 and 500-2 finalized and paid in full by job payments."""
    return (
        Books().invoice("500-1").invoice("500-2")
        .job_payment("P1", "500-1", "100.00").job_payment("P2", "500-2", "100.00")
    )  # fmt: skip


def invoice(key: str) -> TxnRef:
    return TxnRef(INV, key)


CELLS = [
    # Invoice import: conservative = moderate need the whole job finalized and paid in full.
    Cell("draft invoice", lambda: Books().invoice("1-1", finalize=False), invoice("1-1"), None,
         {C: WAITING, M: WAITING, A: WAITING}),
    Cell("finalized with open balance", lambda: Books().invoice("1-1"), invoice("1-1"), None,
         {C: WAITING, M: WAITING, A: READY}),
    Cell("paid in full, job sibling draft",
         lambda: Books().invoice("1-1").invoice("1-2", finalize=False)
         .job_payment("P1", "1-1", "100.00"),
         invoice("1-1"), None, {C: WAITING, M: WAITING, A: READY}),
    Cell("paid in full, job sibling has open balance",
         lambda: Books().invoice("1-1").invoice("1-2").job_payment("P1", "1-1", "100.00"),
         invoice("1-1"), None, {C: WAITING, M: WAITING, A: READY}),
    Cell("whole job finalized and paid", paid_job, invoice("500-1"), None,
         {C: READY, M: READY, A: READY}),
    Cell("partly paid then written off", lambda: _written_off(), invoice("1-1"), None,
         {C: READY, M: READY, A: READY}),
    Cell("voided sibling does not hold the job back",
         lambda: paid_job().invoice("500-3").void("500-3"), invoice("500-1"), None,
         {C: READY, M: READY, A: READY}),
    Cell("already imported", lambda: paid_job().imported("invoice", "500-1"), invoice("500-1"),
         None, {C: DONE, M: DONE, A: DONE}),
    Cell("voided invoice", lambda: Books().invoice("1-1").void("1-1"), invoice("1-1"), None,
         {C: VOIDED, M: VOIDED, A: VOIDED}),
    # Job payment import: conservative goes with its invoice; moderate = aggressive at once.
    Cell("job payment, invoice waits",
         lambda: Books().invoice("1-1").invoice("1-2").job_payment("P1", "1-1", "100.00"),
         TxnRef(JOB, "P1"), None, {C: WAITING, M: READY, A: READY}),
    Cell("job payment, invoice ready this run", paid_job, TxnRef(JOB, "P1"), None,
         {C: WITH, M: READY, A: READY}),
    Cell("job payment, invoice imported", lambda: paid_job().imported("invoice", "500-1"),
         TxnRef(JOB, "P1"), None, {C: READY, M: READY, A: READY}),
    # Job payment application: once its invoice is imported (and the payment with it).
    Cell("job payment applied, invoice waits",
         lambda: Books().invoice("1-1").invoice("1-2").job_payment("P1", "1-1", "100.00"),
         TxnRef(JOB, "P1"), "1-1", {C: WAITING, M: WAITING, A: WITH}),
    Cell("job payment applied, both imported",
         lambda: paid_job().imported("invoice", "500-1").imported("payment", "P1"),
         TxnRef(JOB, "P1"), "500-1", {C: READY, M: READY, A: READY}),
    Cell("job payment applied, invoice ready this run", paid_job, TxnRef(JOB, "P1"), "500-1",
         {C: WITH, M: WITH, A: WITH}),
    Cell("job payment already applied",
         lambda: paid_job().imported("invoice", "500-1").imported("payment", "P1")
         .applied("payment", "P1", "500-1"),
         TxnRef(JOB, "P1"), "500-1", {C: DONE, M: DONE, A: DONE}),
    # Account payment import: conservative when finished; moderate = aggressive at once.
    Cell("account payment not finished",
         lambda: Books().invoice("1-1").account_payment("A1", {"1-1": "60.00"}, finish=False),
         TxnRef(ACC, "A1"), None, {C: WAITING, M: READY, A: READY}),
    Cell("account payment finished",
         lambda: Books().invoice("1-1").account_payment("A1", {"1-1": "60.00"}, finish=True),
         TxnRef(ACC, "A1"), None, {C: READY, M: READY, A: READY}),
    # Account payment application: all at once, when every one of its invoices is imported.
    Cell("account payment, one of its invoices not imported",
         lambda: Books().invoice("1-1").invoice("2-1")
         .account_payment("A1", {"1-1": "60.00", "2-1": "30.00"}, finish=True)
         .imported("invoice", "1-1").imported("payment", "A1"),
         TxnRef(ACC, "A1"), "1-1", {C: WAITING, M: WAITING, A: WITH}),
    Cell("account payment, all its invoices imported",
         lambda: Books().invoice("1-1").invoice("2-1")
         .account_payment("A1", {"1-1": "60.00", "2-1": "30.00"}, finish=False)
         .imported("invoice", "1-1").imported("invoice", "2-1").imported("payment", "A1"),
         TxnRef(ACC, "A1"), "1-1", {C: READY, M: READY, A: READY}),
    Cell("account payment not imported yet, invoices imported",
         lambda: Books().invoice("1-1").account_payment("A1", {"1-1": "60.00"}, finish=False)
         .imported("invoice", "1-1"),
         TxnRef(ACC, "A1"), "1-1", {C: WAITING, M: WITH, A: WITH}),
    # Credit memo import: conservative when finished; moderate = aggressive at once.
    Cell("credit memo not finished",
         lambda: Books().invoice("1-1").credit_memo("CM-12", {"1-1": "10.00"}, finish=False),
         TxnRef(CM, "CM-12"), None, {C: WAITING, M: READY, A: READY}),
    Cell("credit memo finished",
         lambda: Books().invoice("1-1").credit_memo("CM-12", {"1-1": "10.00"}, finish=True),
         TxnRef(CM, "CM-12"), None, {C: READY, M: READY, A: READY}),
    # Credit memo application: only once finished, invoice by invoice as each is imported.
    Cell("credit memo imported unfinished, invoice imported",
         lambda: Books().invoice("1-1").credit_memo("CM-12", {"1-1": "10.00"}, finish=False)
         .imported("invoice", "1-1").imported("credit memo", "CM-12"),
         TxnRef(CM, "CM-12"), "1-1", {C: WAITING, M: WAITING, A: WAITING}),
    Cell("credit memo finished, its imported invoice",
         lambda: _credit_on_two_invoices(), TxnRef(CM, "CM-12"), "1-1",
         {C: READY, M: READY, A: READY}),
    Cell("credit memo finished, its invoice not imported",
         lambda: _credit_on_two_invoices(), TxnRef(CM, "CM-12"), "2-1",
         {C: WAITING, M: WAITING, A: WITH}),
]  # fmt: skip


def _written_off() -> Books:
    books = Books().invoice("1-1").job_payment("P1", "1-1", "60.00")
    books.ledger.write_off_invoice("1-1", "bad debt")
    return books


def _credit_on_two_invoices() -> Books:
    return (
        Books().invoice("1-1").invoice("2-1")
        .credit_memo("CM-12", {"1-1": "10.00", "2-1": "5.00"}, finish=True)
        .imported("invoice", "1-1").imported("credit memo", "CM-12")
    )  # fmt: skip


@pytest.mark.parametrize("cell", CELLS, ids=[cell.story for cell in CELLS])
def test_policy_table_cell(cell: Cell) -> None:
    rules = ReadinessRules(cell.books().facts())
    readiness = rules.of(cell.subject)
    for level, expected in cell.expected.items():
        if cell.application_to is None:
            verdict = readiness.imports[level]
        else:
            verdict = readiness.applications[cell.application_to][level]
        assert verdict.state is expected, (level, verdict)
        assert (verdict.state is WAITING) == bool(verdict.unmet)

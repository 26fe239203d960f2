"""The policy table against the specification's own words.

The expected conditions of every kind x step x level are read from SPEC.md section 3 (the
shared copy), never from `policy_table`: the table is checked entry by entry against them,
and the interpreter's verdicts are checked against them on small books.
"""

from __future__ import annotations

import re

import pytest

from domain.kinds import TxnKind
from domain.policy import ALL_LEVELS, PolicyLevel
from projections.readiness.facts import TxnRef
from projections.readiness.policy_table import POLICY_TABLE, Check, First, Step
from projections.readiness.verdicts import ReadinessRules, State, Verdict
from tests.conftest import shared_dir
from tests.unit.projections.books import Books

KINDS = {
    "invoice import": TxnKind.INVOICE,
    "job payment": TxnKind.JOB_PAYMENT,
    "account payment": TxnKind.ACCOUNT_PAYMENT,
    "credit memo": TxnKind.CREDIT_MEMO,
}
Conditions = tuple[frozenset[Check], frozenset[Check], frozenset[First]]  # own, job, first
NO_STEP = None


def spec_cells() -> dict[tuple[TxnKind, PolicyLevel], str]:
    """Section 3's table, cell by cell, "same as ..." replaced by the cell it names."""
    text = (shared_dir() / "SPEC.md").read_text(encoding="utf-8")
    section = text.split("## 3.", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")][1:]
    levels = [PolicyLevel(cell.split()[0].lower()) for cell in header]
    cells: dict[tuple[TxnKind, PolicyLevel], str] = {}
    for line in lines[2:]:
        name, *row = (c.strip() for c in line.strip("|").split("|"))
        kind = KINDS[name.strip("*").lower()]
        words = {
            level: cell.replace("*", "").lower() for level, cell in zip(levels, row, strict=True)
        }
        for level, cell in words.items():
            same = re.fullmatch(r"same as (\w+)", cell)
            cells[kind, level] = words[PolicyLevel(same.group(1))] if same else cell
    return cells


def _checks(words: str) -> frozenset[Check]:
    found = {Check.FINALIZED} if "finalized" in words else set()
    if "paid in full" in words:
        found.add(Check.PAID_IN_FULL)
    return frozenset(found)


def read(kind: TxnKind, step: Step, level: PolicyLevel, cell: str) -> Conditions | None:
    """The conditions a cell's words name (None: the kind has no such step)."""
    if kind is TxnKind.INVOICE:
        if step is Step.APPLY:
            return NO_STEP  # the row is "Invoice import": invoices are applied to, not applied
        itself, _, its_job = cell.partition("every invoice with the same job id")
        return _checks(itself), _checks(its_job), frozenset()
    clauses = [c.strip() for c in cell.split(";")]
    if step is Step.IMPORT:
        words = next(c for c in clauses if c.startswith("imported"))
        own = {Check.FINISHED} if re.search(r"when finished(?! or not)", words) else set()
        waits = "when its invoice is imported" in words  # a job payment has exactly one
        return frozenset(own), frozenset(), frozenset({First.ITS_INVOICES} if waits else ())
    words = next(c for c in clauses if "applied" in c)
    first = {First.ITSELF}  # nothing is applied in QuickBooks before QuickBooks holds it
    if re.search(r"all (its )?invoices", words):
        first.add(First.ITS_INVOICES)
    elif re.search(r"its invoice is imported|each invoice is imported", words):
        first.add(First.THE_INVOICE)
    own = {Check.FINISHED} if "only once finished" in words else set()
    if kind is TxnKind.CREDIT_MEMO and level is PolicyLevel.CONSERVATIVE:
        # "imported when finished": conservative reaches an application only finished, and
        # a credit memo imported unfinished under another level waits as it did there.
        own.add(Check.FINISHED)
    return frozenset(own), frozenset(), frozenset(first)


EXPECTED = {
    (kind, step, level): read(kind, step, level, cell)
    for (kind, level), cell in spec_cells().items()
    for step in Step
}
KEYS = sorted(EXPECTED, key=str)


def conditions(kind: TxnKind, step: Step, level: PolicyLevel) -> Conditions:
    found = EXPECTED[kind, step, level]
    assert found is not None
    return found


def test_the_table_has_an_entry_for_every_kind_step_and_level() -> None:
    assert len(EXPECTED) == 4 * 2 * 3
    entries = {(k, s, lv) for (k, s), by in POLICY_TABLE.items() for lv in by}
    assert entries == {(k, s, lv) for k in TxnKind for s in Step for lv in ALL_LEVELS}
    assert entries == set(EXPECTED)


@pytest.mark.parametrize("key", KEYS, ids=[" ".join(k) for k in KEYS])
def test_each_entry_names_the_conditions_the_specification_names(
    key: tuple[TxnKind, Step, PolicyLevel],
) -> None:
    kind, step, level = key
    entry = POLICY_TABLE[kind, step][level]
    expected = EXPECTED[key]
    if expected is NO_STEP:
        assert not entry.exists
        return
    assert entry.exists
    assert (frozenset(entry.own), frozenset(entry.job), frozenset(entry.first)) == expected


# The interpreter's verdicts against the specification's conditions, on small books.


def paid_job() -> Books:
    """Job 500: 500-1 and 500-2 finalized and paid in full by job payments P1 and P2."""
    return (
        Books().invoice("500-1").invoice("500-2")
        .job_payment("P1", "500-1", "100.00").job_payment("P2", "500-2", "100.00")
    )  # fmt: skip


def two_invoices(kind: TxnKind, finish: bool) -> Books:
    """`kind` S1 applied in full to invoices 1-1 and 2-1 (so both are paid in full)."""
    applied = {"1-1": "100.00", "2-1": "100.00"}
    books = Books().invoice("1-1").invoice("2-1")
    if kind is TxnKind.CREDIT_MEMO:
        return books.credit_memo("S1", applied, finish=finish)
    return books.account_payment("S1", applied, finish=finish)


def texts(verdict: Verdict) -> str:
    return " | ".join(condition.text for condition in verdict.unmet)


@pytest.mark.parametrize("level", ALL_LEVELS)
def test_invoice_import_waits_for_the_checks_the_specification_names(level: PolicyLevel) -> None:
    own, job, _ = conditions(TxnKind.INVOICE, Step.IMPORT, level)
    draft = ReadinessRules(Books().invoice("1-1", finalize=False).facts())
    words = texts(draft.of(TxnRef.invoice("1-1")).imports[level])
    assert ("invoice 1-1 of job 1 is not finalized" in words) == (Check.FINALIZED in own)
    assert ("invoice 1-1 of job 1 has an open balance" in words) == (Check.PAID_IN_FULL in own)
    sibling = Books().invoice("1-1").invoice("1-2", finalize=False)
    verdict = ReadinessRules(sibling.job_payment("P1", "1-1", "100.00").facts())
    words = texts(verdict.of(TxnRef.invoice("1-1")).imports[level])
    assert ("invoice 1-2 of job 1 is not finalized" in words) == (Check.FINALIZED in job)
    assert ("invoice 1-2 of job 1 has an open balance" in words) == (Check.PAID_IN_FULL in job)
    ready = ReadinessRules(paid_job().facts()).of(TxnRef.invoice("500-1")).imports[level]
    assert ready.state is State.READY
    assert ReadinessRules(paid_job().facts()).of(TxnRef.invoice("500-1")).applications == {}


@pytest.mark.parametrize("level", ALL_LEVELS)
def test_a_job_payment_waits_for_what_the_specification_names(level: PolicyLevel) -> None:
    _, _, import_first = conditions(TxnKind.JOB_PAYMENT, Step.IMPORT, level)
    _, _, apply_first = conditions(TxnKind.JOB_PAYMENT, Step.APPLY, level)
    readiness = ReadinessRules(paid_job().facts()).of(TxnRef(TxnKind.JOB_PAYMENT, "P1"))
    imported = readiness.imports[level]
    if First.ITS_INVOICES in import_first:
        assert (imported.state, imported.needs) == (State.READY_WITH, (TxnRef.invoice("500-1"),))
    else:
        assert imported.state is State.READY
    applied = readiness.applications["500-1"][level]
    expected = {TxnRef(TxnKind.JOB_PAYMENT, "P1")} if First.ITSELF in apply_first else set()
    if apply_first & {First.THE_INVOICE, First.ITS_INVOICES}:
        expected.add(TxnRef.invoice("500-1"))
    assert applied.state is State.READY_WITH
    assert set(applied.needs) == expected


SOURCES = [
    (kind, level) for kind in (TxnKind.ACCOUNT_PAYMENT, TxnKind.CREDIT_MEMO) for level in ALL_LEVELS
]


@pytest.mark.parametrize(("kind", "level"), SOURCES, ids=[f"{k} {lv}" for k, lv in SOURCES])
def test_payments_and_credits_wait_for_what_the_specification_names(
    kind: TxnKind, level: PolicyLevel
) -> None:
    import_own, _, _ = conditions(kind, Step.IMPORT, level)
    apply_own, _, apply_first = conditions(kind, Step.APPLY, level)
    ref = TxnRef(kind, "S1")
    qb_kind = "credit memo" if kind is TxnKind.CREDIT_MEMO else "payment"
    unfinished = ReadinessRules(two_invoices(kind, finish=False).facts()).of(ref)
    not_finished = f"{kind.value} S1 is not finished"
    assert (not_finished in texts(unfinished.imports[level])) == (Check.FINISHED in import_own)
    in_qb = ReadinessRules(two_invoices(kind, finish=False).imported(qb_kind, "S1").facts())
    waiting = in_qb.of(ref).applications["1-1"][level]
    assert (not_finished in texts(waiting)) == (Check.FINISHED in apply_own)
    finished = ReadinessRules(two_invoices(kind, finish=True).facts()).of(ref)
    assert finished.imports[level].state is State.READY
    expected = {ref} if First.ITSELF in apply_first else set()
    if First.THE_INVOICE in apply_first:
        expected.add(TxnRef.invoice("1-1"))
    if First.ITS_INVOICES in apply_first:
        expected |= {TxnRef.invoice("1-1"), TxnRef.invoice("2-1")}
    applied = finished.applications["1-1"][level]
    assert applied.state is State.READY_WITH
    assert set(applied.needs) == expected

"""Properties of readiness over random valid histories, at every point of each history."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from adapters.storage.readiness.events import whole_log
from domain.kinds import TxnKind
from domain.policy import ALL_LEVELS, PolicyLevel
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.fixpoint import run_to_fixpoint, work_from_readiness
from projections.readiness.folding import fold
from projections.readiness.incremental import affected, all_refs
from projections.readiness.states import StateRules
from projections.readiness.verdicts import ReadinessRules, State, TxnReadiness
from tests.unit.projections.histories import Step, replay_steps, steps

C, M, A = PolicyLevel.CONSERVATIVE, PolicyLevel.MODERATE, PolicyLevel.AGGRESSIVE
RUN = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def every_point(history: list[Step]) -> list[Facts]:
    log = whole_log(replay_steps(history))
    points = []
    for n in range(1, len(log) + 1):
        facts = Facts()
        fold(facts, log[:n])
        points.append(facts)
    return points


def import_work(readiness: list[TxnReadiness], level: PolicyLevel, kind: TxnKind) -> set[TxnRef]:
    return {r.ref for r in readiness if r.ref.kind is kind and r.imports[level].is_work}


@RUN
@given(steps)
def test_invoices_ready_aggressive_contains_moderate_equals_conservative(
    history: list[Step],
) -> None:
    for facts in every_point(history):
        readiness = ReadinessRules(facts).all()
        conservative = import_work(readiness, C, TxnKind.INVOICE)
        assert conservative == import_work(readiness, M, TxnKind.INVOICE)
        assert conservative <= import_work(readiness, A, TxnKind.INVOICE)


@RUN
@given(steps)
def test_moderate_and_aggressive_agree_on_payments_and_credits(history: list[Step]) -> None:
    """Same rules for payments and credits; only when their invoices can be imported differs
    (moderate holds invoices back like conservative), so application verdicts are compared
    where every invoice they need is in QuickBooks, and "ready now" is compared everywhere."""
    for facts in every_point(history):
        for r in ReadinessRules(facts).all():
            if r.ref.kind is TxnKind.INVOICE:
                continue
            assert r.imports[M] == r.imports[A]
            source = facts.sources[r.ref]
            for invoice, by in r.applications.items():
                assert (by[M].state is State.READY) == (by[A].state is State.READY)
                needed = [*source.applications, invoice]
                if all(facts.invoices[n].imported for n in needed):
                    assert by[M] == by[A]


@RUN
@given(steps)
def test_no_application_ready_before_its_invoices_are_imported(history: list[Step]) -> None:
    for facts in every_point(history):
        for r in ReadinessRules(facts).all():
            for invoice, by in r.applications.items():
                source = facts.sources[r.ref]
                needed = (
                    sorted(source.applications)
                    if r.ref.kind is TxnKind.ACCOUNT_PAYMENT
                    else [invoice]
                )
                for level in ALL_LEVELS:
                    if by[level].state is State.READY:
                        assert all(facts.invoices[n].imported for n in needed)
                    if by[level].state is State.READY_WITH:
                        missing = {
                            TxnRef.invoice(n) for n in needed if not facts.invoices[n].imported
                        }
                        assert missing <= set(by[level].needs)


@RUN
@given(steps)
def test_sync_fixpoint_does_exactly_the_work_the_verdicts_announce(history: list[Step]) -> None:
    for facts in every_point(history)[::3]:
        readiness = ReadinessRules(facts).all()
        for level in ALL_LEVELS:
            run, announced = run_to_fixpoint(facts, level), work_from_readiness(readiness, level)
            assert set(run.imports) == set(announced.imports)
            assert set(run.applications) == set(announced.applications)


@RUN
@given(steps)
def test_incremental_verdicts_equal_a_rebuild(history: list[Step]) -> None:
    log = whole_log(replay_steps(history))
    facts, kept = Facts(), {}
    for start in range(0, len(log), 3):
        touched = fold(facts, log[start : start + 3])
        rules = ReadinessRules(facts)
        kept.update({ref: rules.of(ref) for ref in affected(facts, touched)})
        rebuilt = Facts()
        fold(rebuilt, log[: start + 3])
        fresh = ReadinessRules(rebuilt)
        assert kept == {ref: fresh.of(ref) for ref in all_refs(rebuilt)}


@RUN
@given(steps)
def test_the_state_only_pass_gives_the_verdicts_states(history: list[Step]) -> None:
    """The rows' states (and so their work) come from `StateRules`: for every transaction,
    import and application, and level, exactly the state of the full verdict."""
    for facts in every_point(history):
        states = StateRules(facts)
        for r in ReadinessRules(facts).all():
            fast = states.of(r.ref)
            assert fast.ref == r.ref
            assert fast.imports == {level: v.state for level, v in r.imports.items()}
            assert fast.applications == {
                invoice: {level: v.state for level, v in by.items()}
                for invoice, by in r.applications.items()
            }

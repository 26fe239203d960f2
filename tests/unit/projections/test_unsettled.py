"""What `unsettled` passes over is done or voided under every level."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from domain.policy import ALL_LEVELS
from projections.readiness.incremental import all_refs, unsettled
from projections.readiness.verdicts import ReadinessRules, State
from tests.unit.projections.histories import Step, steps
from tests.unit.projections.test_properties import every_point

RUN = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SETTLED = {State.DONE, State.VOIDED}


@RUN
@given(steps)
def test_every_transaction_passed_over_is_settled_under_every_level(history: list[Step]) -> None:
    for facts in every_point(history):
        rules, kept = ReadinessRules(facts), unsettled(facts)
        assert kept == sorted(kept)
        for ref in set(all_refs(facts)) - set(kept):
            readiness = rules.of(ref)
            for level in ALL_LEVELS:
                assert readiness.imports[level].state in SETTLED
                assert all(by[level].state in SETTLED for by in readiness.applications.values())

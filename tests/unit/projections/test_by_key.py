"""Explaining from the events of the records involved equals explaining from a full replay."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings

from adapters.storage.readiness.by_key import JobNumbers, facts_by_key
from adapters.storage.readiness.events import whole_log
from projections.readiness.explain import explain
from projections.readiness.facts import Facts
from projections.readiness.incremental import all_refs
from projections.readiness.replay import facts_as_of
from tests.unit.projections.histories import Step, replay_steps, steps

RUN = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def job_index(facts: Facts) -> JobNumbers:
    def numbers(job_ids: Sequence[str]) -> list[str]:
        return sorted(n for job in job_ids for n in facts.jobs.get(job, ()))

    return numbers


@RUN
@given(steps)
def test_explain_as_of_by_key_equals_the_full_replay(history: list[Step]) -> None:
    ledger = replay_steps(history)
    log = whole_log(ledger)
    latest = facts_as_of(log)
    numbers = job_index(latest)  # as the read model has it: as of the end, or later
    for position in range(1, len(log) + 1, 3):
        replayed = facts_as_of(log, position)
        for ref in all_refs(replayed):
            by_key = facts_by_key(ledger, ref, position, numbers)
            assert explain(by_key, ref) == explain(replayed, ref)

"""Planning again only what changed leaves the outbox exactly as planning everything does."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from adapters.services.sync.planning import CustomerStatus, plan
from adapters.storage.outbox.operations import PlannedOp
from adapters.storage.outbox.selection import Selection
from adapters.storage.readiness.changes import changed_since
from adapters.storage.readiness.events import whole_log
from domain.kinds import TxnKind
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.folding import fold
from tests.unit.projections.histories import Step, replay_steps, steps

RUN = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SELECTIONS = [
    Selection.everything(),
    Selection.of(TxnRef(TxnKind.JOB_PAYMENT, "P1"), TxnRef(TxnKind.CREDIT_MEMO, "CM-1")),
    Selection.of(TxnRef.invoice("2-1"), kinds=(TxnKind.ACCOUNT_PAYMENT,)),
]


class Outbox:
    """The outbox's rules: the first row of a key stays; dependencies accumulate."""

    def __init__(self) -> None:
        self.ops: dict[str, PlannedOp] = {}
        self.deps: set[tuple[str, str]] = set()

    def insert(self, ops: list[PlannedOp]) -> None:
        for op in ops:
            self.ops.setdefault(op.key, op)
            self.deps.update((op.key, d) for d in op.depends_on)


def unlinked(code: str) -> CustomerStatus:
    return CustomerStatus(code, linked=False)


@RUN
@given(steps)
def test_planning_what_changed_equals_planning_everything(history: list[Step]) -> None:
    ledger = replay_steps(history)
    log = whole_log(ledger)
    for selection in SELECTIONS:
        everything, changes = Outbox(), Outbox()
        facts, planned_at, level = Facts(), 0, None
        for end in range(1, len(log) + 1, 2):
            fold(facts, log[:end])
            everything.insert(plan(facts, facts.policy.level, selection, unlinked))
            if level is facts.policy.level:
                among = changed_since(ledger, facts, planned_at)
                changes.insert(plan(facts, facts.policy.level, selection, unlinked, among))
            else:
                changes.insert(plan(facts, facts.policy.level, selection, unlinked))
            planned_at, level = facts.position, facts.policy.level
            assert changes.ops == everything.ops
            assert changes.deps == everything.deps

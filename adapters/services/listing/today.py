"""What waits today: how many transactions are ready and waiting under the current level."""

from __future__ import annotations

from collections import Counter

from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness.store import ReadinessStore
from domain.policy import PolicyLevel
from projections.readiness.verdicts import State


def state_counts(ledger: Ledger, readiness: ReadinessStore) -> tuple[PolicyLevel, Counter[State]]:
    """The current level, and how many transactions are in each state under it."""
    level = readiness.current_level(ledger)
    counts = Counter(State(state) for _, _, state in readiness.table.select(column=level.value))
    return level, counts

"""Readiness filters as people write them: any spelling of a kind, a state by its words."""

from __future__ import annotations

from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness.store import ReadinessStore
from domain.errors import InvalidInput
from domain.kinds import kinds_named
from domain.policy import PolicyLevel
from projections.readiness.verdicts import State, TxnReadiness


def readiness_rows(
    store: ReadinessStore,
    ledger: Ledger,
    kind: str | None,
    state: str | None,
    level: PolicyLevel | None,
) -> list[TxnReadiness]:
    """The store's readiness rows for a kind in any spelling (`payment`: both kinds)."""
    kinds = kinds_named(kind) if kind else ()
    wanted = state_filter(state)
    if len(kinds) == 1:
        return store.readiness(ledger, kinds[0], wanted, level)
    rows = store.readiness(ledger, None, wanted, level)
    return [row for row in rows if not kinds or row.ref.kind in kinds]


def state_filter(text: str | None) -> State | None:
    if not text:
        return None
    wanted = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    try:
        return State(wanted)
    except ValueError:
        valid = ", ".join(state.value for state in State)
        raise InvalidInput(f"unknown state {text!r}: use one of {valid}") from None

"""What a run leaves waiting, and why: operations not done, and selected transactions the
policy holds back (in the words of `projections.readiness.explain`)."""

from __future__ import annotations

from typing import Any

from adapters.storage.outbox.operations import OutboxRow, Status
from adapters.storage.outbox.outbox import Outbox
from adapters.storage.outbox.runs import SyncRunRecord
from projections.readiness.explain import explain
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.incremental import unsettled
from projections.readiness.verdicts import ReadinessRules, State


def waiting_of(outbox: Outbox, facts: Facts, run: SyncRunRecord) -> list[dict[str, Any]]:
    rows = outbox.unfinished_for_run(run.run_id)
    waiting: list[dict[str, Any]] = [
        {"operation": row.key, "status": row.status.value, "why": why(outbox, row)} for row in rows
    ]
    rules = ReadinessRules(facts)
    for ref in unsettled(facts):  # (a settled transaction waits for nothing)
        if not run.selection.selects(ref):
            continue
        readiness = rules.of(ref)
        level = facts.policy.level
        states = [readiness.imports[level].state]
        states += [by[level].state for by in readiness.applications.values()]
        if State.WAITING in states:
            waiting.append({"transaction": ref.label, "why": current_level_lines(facts, ref)})
    return waiting


def why(outbox: Outbox, row: OutboxRow) -> str:
    if row.status is Status.PARKED:
        return f"needs a person: {row.last_error}"
    if row.status is Status.DISMISSED:
        return f"dismissed by {row.last_error}"
    if row.status is Status.IN_FLIGHT:
        return "sent to QuickBooks; its answer is not recorded yet"
    blocked = [
        f"{key} ({status})"
        for key, status in outbox.dependencies(row.key)
        if status != Status.DONE.value
    ]
    if blocked:
        return "waits for " + ", ".join(blocked)
    if row.last_error:
        return f"will retry: {row.last_error}"
    return "ready to send"


def current_level_lines(facts: Facts, ref: TxnRef) -> list[str]:
    """The explanation's headline and its current-level verdicts (the other levels omitted)."""
    lines = explain(facts, ref).lines()
    levels = [n for n, line in enumerate(lines) if line.startswith("  import under")]
    return lines[: levels[1]] if len(levels) > 1 else lines

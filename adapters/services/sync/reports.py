"""A run's report: what was sent, QuickBooks' answer to each, what still waits and why, what
the run's selection left out, and what needs a person (parked operations, open manual
actions)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from adapters.services.listing.manual_actions import opened_actions
from adapters.services.sync.settlement import Outcome
from adapters.storage.ledger.application import Ledger
from adapters.storage.outbox.selection import Selection
from adapters.storage.readiness.model import ref_of
from adapters.storage.readiness.store import ReadinessStore
from projections.readiness.verdicts import State


@dataclass(frozen=True)
class SentOperation:
    operation: str
    request: str
    status_code: int
    outcome: str
    message: str
    at: float

    @property
    def moment(self) -> datetime:
        return moment_of(self.at)


@dataclass(frozen=True)
class SyncReport:
    run_id: str
    state: str
    selection: str
    sent: list[SentOperation]
    waiting: list[dict[str, Any]]
    parked: list[dict[str, str]]
    manual_actions: list[dict[str, str]] = field(default_factory=list)
    started_at: float = 0.0
    finished_at: float = 0.0
    not_selected: list[str] = field(default_factory=list)
    quickbooks_unreachable: str = ""
    """Why QuickBooks could not be reached, while work of the run waits to be sent again."""

    @property
    def done(self) -> list[str]:
        return [s.operation for s in self.sent if s.outcome in ("done", "adopted earlier copy")]

    def lines(self) -> list[str]:
        started = f", started {iso(self.started_at)}" if self.started_at else ""
        finished = f", finished {iso(self.finished_at)}" if self.finished_at else ""
        out = [f"sync run {self.run_id} ({self.state}{started}{finished})"]
        if self.quickbooks_unreachable:
            out.append(f"  {self.quickbooks_unreachable}")
        out += [
            f"  {iso(s.at)} sent {s.request} for {s.operation}: {s.status_code} {s.outcome}"
            + (f" — {s.message}" if s.message else "")
            for s in self.sent
        ]
        for item in self.waiting:
            name = item.get("operation") or item.get("transaction")
            why = item["why"] if isinstance(item["why"], str) else "; ".join(item["why"])
            out.append(f"  waiting: {name}: {why}")
        out += [f"  not selected: {label}" for label in self.not_selected]
        out += [f"  needs a person: {p['operation']}: {p['why']}" for p in self.parked]
        out += [
            f"  manual action: {a['subject']}: {a['instructions']}" for a in self.manual_actions
        ]
        return out


def moment_of(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def iso(epoch: float) -> str:
    """ISO 8601 in UTC, to the second."""
    return moment_of(epoch).isoformat(timespec="seconds")


def sent_operations(entries: Iterable[dict[str, Any]]) -> list[SentOperation]:
    """The attempt log as a report shows it: a lookup that found nothing yet is an ordinary
    step before an add, not something a person needs to read."""
    return [
        SentOperation(
            e["op_key"],
            e["request"],
            int(e["status_code"]),
            e["outcome"],
            e["message"],
            float(e["at"]),
        )
        for e in entries
        if e["outcome"] != Outcome.NOT_FOUND.value
    ]


def not_selected(readiness: ReadinessStore, ledger: Ledger, selection: Selection) -> list[str]:
    """Transactions with work under the current level that the run's selection left out."""
    if selection == Selection.everything():
        return []
    level = readiness.current_level(ledger).value
    mark = readiness.table.mark
    rows = readiness.table.select(
        f"{level} IN ({mark}, {mark})", [State.READY.value, State.READY_WITH.value], column=level
    )
    refs = sorted(ref_of(kind, key) for kind, key, _ in rows)
    return [ref.label for ref in refs if not selection.selects(ref)]


def open_manual_actions(ledger: Ledger) -> list[dict[str, str]]:
    return [
        {
            "id": str(action.id),
            "subject": action.subject,
            "action": action.action,
            "instructions": action.instructions,
        }
        for action in opened_actions(ledger)
        if not action.done
    ]

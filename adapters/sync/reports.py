"""A run's report: what was sent, QuickBooks' answer to each, what still waits and why, and
what needs a person (parked operations, open manual actions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eventsourcing.utils import get_topic

from adapters.ledger.application import Ledger
from domain.manual_action import ManualAction


@dataclass(frozen=True)
class SentOperation:
    operation: str
    request: str
    status_code: int
    outcome: str
    message: str
    at: float


@dataclass(frozen=True)
class SyncReport:
    run_id: str
    state: str
    selection: str
    sent: list[SentOperation]
    waiting: list[dict[str, Any]]
    parked: list[dict[str, str]]
    manual_actions: list[dict[str, str]] = field(default_factory=list)

    @property
    def done(self) -> list[str]:
        return [s.operation for s in self.sent if s.outcome in ("done", "adopted earlier copy")]

    def lines(self) -> list[str]:
        out = [f"sync run {self.run_id} ({self.state})"]
        out += [
            f"  sent {s.request} for {s.operation}: {s.status_code} {s.outcome}"
            + (f" — {s.message}" if s.message else "")
            for s in self.sent
        ]
        for item in self.waiting:
            name = item.get("operation") or item.get("transaction")
            why = item["why"] if isinstance(item["why"], str) else "; ".join(item["why"])
            out.append(f"  waiting: {name}: {why}")
        out += [f"  needs a person: {p['operation']}: {p['why']}" for p in self.parked]
        out += [
            f"  manual action: {a['subject']}: {a['instructions']}" for a in self.manual_actions
        ]
        return out


def open_manual_actions(ledger: Ledger) -> list[dict[str, str]]:
    opened: dict[object, dict[str, str]] = {}
    topics = [f"{get_topic(ManualAction)}.{name}" for name in ("Opened", "Done")]
    start = 1
    events: list[Any] = []
    while page := ledger.recorder.select_notifications(start, 500, topics=topics):
        events.extend(ledger.mapper.to_domain_event(n) for n in page)
        start = page[-1].id + 1
    for event in events:
        if type(event).__qualname__.endswith(".Opened"):
            opened[event.originator_id] = {
                "id": str(event.originator_id),
                "subject": event.subject,
                "action": event.action,
                "instructions": event.instructions,
            }
        else:
            opened.pop(event.originator_id, None)
    return list(opened.values())

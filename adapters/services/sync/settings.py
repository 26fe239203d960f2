"""How the sync paces itself: batch size, lock back-off, and when in-flight work is stuck."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SyncSettings:
    batch_size: int = 50
    """Requests per qbXML message."""
    backoff_base: float = 2.0
    backoff_cap: float = 300.0
    max_attempts: int = 8
    """Sends of one operation (locks, lost answers) before it is parked for a person."""
    stuck_after: float = 600.0
    """Seconds in flight without an answer before another worker checks QuickBooks and resends,
    even while the worker holding it renews its lease (the bound for a worker that hangs)."""
    lease_seconds: float = 120.0
    """How long a worker's claim on in-flight work lasts unless renewed; a worker renews it
    with every message, and a gone process on the same host loses it at once."""
    max_wait: float = 30.0
    """Longest a direct run sleeps for a backed-off operation before ending with it waiting."""
    max_transport_failures: int = 5

    def backoff(self, attempts: int) -> float:
        return float(min(self.backoff_cap, self.backoff_base * 2 ** max(0, attempts - 1)))

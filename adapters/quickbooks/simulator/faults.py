"""Faults a test can arm on a simulator, each for requests of one kind (e.g. "InvoiceAdd") or
of any kind (kind=None). They compose: several may be armed at once and each fires on its own.

    sim.faults.lose_next_response(kind="InvoiceAdd").lock_next(kind="CustomerAdd", count=2)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from adapters.quickbooks.simulator.status import ERROR_ON_SAVE, RECORD_LOCKED

LOCK_CODES = (RECORD_LOCKED, ERROR_ON_SAVE)


class ResponseLost(Exception):
    """QuickBooks applied the message, but its response never reached the caller.

    `response` holds what would have been answered, for tests that want to look.
    """

    def __init__(self, response: str, kinds: list[str]) -> None:
        super().__init__(f"response lost after applying {', '.join(kinds)}")
        self.response = response
        self.kinds = kinds


@dataclass
class _Rule:
    kind: str | None
    remaining: int | None
    seconds: float = 0.0
    code: int = 0

    def matches(self, kind: str) -> bool:
        return (self.kind is None or self.kind == kind) and self.remaining != 0

    def consume(self) -> None:
        if self.remaining is not None:
            self.remaining -= 1


@dataclass(frozen=True)
class FaultPlan:
    """What the armed faults do to one request."""

    delay_seconds: float = 0.0
    lock_code: int | None = None
    make_stale: bool = False
    lose_response: bool = False


class Faults:
    def __init__(self, sleep: Callable[[float], None] = time.sleep) -> None:
        self.sleep = sleep
        self._lost: list[_Rule] = []
        self._locks: list[_Rule] = []
        self._stale: list[_Rule] = []
        self._delays: list[_Rule] = []

    def lose_next_response(self, kind: str | None = None, count: int = 1) -> Faults:
        """Apply the next `count` matching requests, then raise ResponseLost from handle()."""
        self._lost.append(_Rule(kind, count))
        return self

    def lock_next(
        self, kind: str | None = None, count: int = 1, code: int = RECORD_LOCKED
    ) -> Faults:
        """Answer the next `count` matching requests with a lock error (3175 or 3180)."""
        if code not in LOCK_CODES:
            raise ValueError(f"lock code must be one of {LOCK_CODES}, not {code}")
        self._locks.append(_Rule(kind, count, code=code))
        return self

    def stale_edit_sequence_once(self, kind: str | None = None) -> Faults:
        """Before the next matching request, another user edits the object it names: the
        request's EditSequence is then out of date (3200) and stays so until re-queried."""
        self._stale.append(_Rule(kind, 1))
        return self

    def delay(self, seconds: float, kind: str | None = None, count: int | None = None) -> Faults:
        """Sleep before matching requests (all of them when count is None)."""
        self._delays.append(_Rule(kind, count, seconds=seconds))
        return self

    def clear(self) -> None:
        for rules in (self._lost, self._locks, self._stale, self._delays):
            rules.clear()

    def plan(self, kind: str) -> FaultPlan:
        """Decide (and use up) the faults for one request of `kind`, e.g. "InvoiceAdd"."""
        delay = sum(rule.seconds for rule in self._fire(self._delays, kind, every=True))
        lock = self._fire(self._locks, kind)
        if lock:
            return FaultPlan(delay_seconds=delay, lock_code=lock[0].code)
        return FaultPlan(
            delay_seconds=delay,
            make_stale=bool(self._fire(self._stale, kind)),
            lose_response=bool(self._fire(self._lost, kind)),
        )

    @staticmethod
    def _fire(rules: list[_Rule], kind: str, *, every: bool = False) -> list[_Rule]:
        fired: list[_Rule] = []
        for rule in rules:
            if rule.matches(kind):
                rule.consume()
                fired.append(rule)
                if not every:
                    break
        rules[:] = [rule for rule in rules if rule.remaining != 0]
        return fired

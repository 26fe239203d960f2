"""Writes to the outbox tables, carried into the transaction that records ledger events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

Statement = tuple[str, tuple[Any, ...]]


@dataclass
class OutboxChange:
    """SQL statements that must commit together with the ledger events of one save.

    Passed as `ledger.save(*aggregates, outbox=change)`; the sync recorders execute it with
    the events' own cursor, so an operation's status and QuickBooks' answer commit as one.
    """

    statements: list[Statement] = field(default_factory=list)

    def add(self, sql: str, params: Sequence[Any] = ()) -> OutboxChange:
        self.statements.append((sql, tuple(params)))
        return self

    def extend(self, other: OutboxChange) -> OutboxChange:
        self.statements.extend(other.statements)
        return self

    def execute(self, cursor: Any) -> None:
        for sql, params in self.statements:
            cursor.execute(sql, params)

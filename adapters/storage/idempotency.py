"""Answers to writes kept under their Idempotency-Key, in the ledger's own database.

A key is claimed before its request runs (the primary key makes exactly one claimant win,
also across processes), then completed with the answer, or released if the answer may change
on a retry. A claim whose process died is taken over after `ABANDONED_AFTER_SECONDS`.
"""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass
from typing import Any

from adapters.storage.outbox.dialect import Dialect

REPLAY_WINDOW_SECONDS = 24 * 3600
ABANDONED_AFTER_SECONDS = 120.0
TABLE = "qbsync_idempotency_keys"
_IN_PROGRESS = 0


@dataclass(frozen=True)
class StoredAnswer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


@dataclass(frozen=True)
class Claim:
    """The outcome of claiming a key: `won`, or the stored answer, or a different request
    (`mismatch`), or another request with this key still running (`in_flight`)."""

    won: bool = False
    answer: StoredAnswer | None = None
    mismatch: bool = False
    in_flight: bool = False


def create_statement(d: Dialect) -> str:
    """The keys' table, created with the ledger's other tables (storage/outbox/schema.py)."""
    return (
        f"CREATE TABLE IF NOT EXISTS {d.table(TABLE)} (scope TEXT NOT NULL, "
        "idem_key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER NOT NULL, "
        "headers TEXT NOT NULL, body TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL, "
        "PRIMARY KEY (scope, idem_key))"
    )


class IdempotencyKeys:
    def __init__(self, datastore: Any, dialect: Dialect) -> None:
        self.datastore, self.d, self.table = datastore, dialect, dialect.table(TABLE)

    def claim(self, scope: str, key: str, fingerprint: str) -> Claim:
        m, now = self.d.mark, time.time()
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                f"DELETE FROM {self.table} WHERE created_at < {m}", (now - REPLAY_WINDOW_SECONDS,)
            )
            c.execute(
                f"INSERT INTO {self.table} VALUES ({self.d.marks(7)}) "
                "ON CONFLICT (scope, idem_key) DO NOTHING RETURNING idem_key",
                (scope, key, fingerprint, _IN_PROGRESS, "[]", "", now),
            )
            if c.fetchone() is not None:
                return Claim(won=True)
            c.execute(
                f"SELECT * FROM {self.table} WHERE scope = {m} AND idem_key = {m}", (scope, key)
            )
            row = c.fetchone()
            if row is None:  # expired and deleted by another request just now
                return Claim(in_flight=True)
            if row["fingerprint"] != fingerprint:
                return Claim(mismatch=True)
            if row["status"] != _IN_PROGRESS:
                return Claim(answer=_answer(row))
            if row["created_at"] < now - ABANDONED_AFTER_SECONDS:
                c.execute(
                    f"UPDATE {self.table} SET created_at = {m} WHERE scope = {m} AND "
                    f"idem_key = {m} AND status = {m} AND created_at = {m} RETURNING idem_key",
                    (now, scope, key, _IN_PROGRESS, row["created_at"]),
                )
                return Claim(won=True) if c.fetchone() is not None else Claim(in_flight=True)
            return Claim(in_flight=True)

    def complete(self, scope: str, key: str, answer: StoredAnswer) -> None:
        m = self.d.mark
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                f"UPDATE {self.table} SET status = {m}, headers = {m}, body = {m} "
                f"WHERE scope = {m} AND idem_key = {m}",
                (
                    answer.status,
                    json.dumps(answer.headers),
                    base64.b64encode(answer.body).decode(),
                    scope,
                    key,
                ),
            )

    def release(self, scope: str, key: str) -> None:
        m = self.d.mark
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                f"DELETE FROM {self.table} WHERE scope = {m} AND idem_key = {m} AND status = {m}",
                (scope, key, _IN_PROGRESS),
            )


def _answer(row: Any) -> StoredAnswer:
    headers = [(str(name), str(value)) for name, value in json.loads(row["headers"])]
    return StoredAnswer(int(row["status"]), headers, base64.b64decode(row["body"]))

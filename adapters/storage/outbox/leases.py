"""Worker leases: a worker holding work in flight renews its lease while it lives, so the
next worker recovers that work at once when the lease lapses or its process is gone."""

from __future__ import annotations

import os
import socket
from typing import Any

from adapters.storage.outbox.dialect import Dialect
from adapters.storage.outbox.schema import WORKERS


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by someone else
    return True


class Leases:
    def __init__(self, datastore: Any, dialect: Dialect) -> None:
        self.datastore, self.d, self.table = datastore, dialect, dialect.table(WORKERS)
        self.host, self.pid = socket.gethostname(), os.getpid()

    def renew(self, worker: str, until: float) -> None:
        m = self.d.mark
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                f"INSERT INTO {self.table} (worker, host, pid, lease_until) VALUES ({m}, {m}, "
                f"{m}, {m}) ON CONFLICT (worker) DO UPDATE SET lease_until = excluded.lease_until",
                (worker, self.host, self.pid, until),
            )

    def release(self, worker: str) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"DELETE FROM {self.table} WHERE worker = {self.d.mark}", (worker,))

    def forget_dead(self, now: float) -> None:
        """End the leases of lapsed workers and of processes on this host that are gone."""
        m = self.d.mark
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"DELETE FROM {self.table} WHERE lease_until < {m}", (now,))
            c.execute(
                f"SELECT worker, pid FROM {self.table} WHERE host = {m} AND pid <> {m}",
                (self.host, self.pid),
            )
            gone = [r["worker"] for r in c.fetchall() if not process_alive(int(r["pid"]))]
            for worker in gone:
                c.execute(f"DELETE FROM {self.table} WHERE worker = {m}", (worker,))

    def holders(self) -> list[str]:
        """The workers holding a lease, lapsed or not."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT worker FROM {self.table} ORDER BY worker")
            return [r["worker"] for r in c.fetchall()]

    def live(self, now: float) -> int:
        """How many workers hold a live lease (at least this one, while it works)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT COUNT(*) AS n FROM {self.table} WHERE lease_until >= {self.d.mark}",
                (now,),
            )
            return int(c.fetchone()["n"])

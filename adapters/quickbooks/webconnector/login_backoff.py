"""Repeated failed Web Connector logins back off, per user name and per client address.

The first few failures are free; after that each further failure doubles the time during
which that user name (or that address) is refused without its password even being checked.
A successful login clears its user name (not its address, which others may share). Memory
is bounded: the oldest entries are forgotten first.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_FREE_FAILURES = 3
DEFAULT_FIRST_WAIT_SECONDS = 2.0
DEFAULT_LONGEST_WAIT_SECONDS = 15 * 60.0
_REMEMBERED = 10_000


@dataclass
class _Failures:
    count: int = 0
    refused_until: float = 0.0


class LoginBackoff:
    def __init__(
        self,
        *,
        free_failures: int = DEFAULT_FREE_FAILURES,
        first_wait_seconds: float = DEFAULT_FIRST_WAIT_SECONDS,
        longest_wait_seconds: float = DEFAULT_LONGEST_WAIT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free_failures = free_failures
        self.first_wait_seconds = first_wait_seconds
        self.longest_wait_seconds = longest_wait_seconds
        self._clock = clock
        self._failures: OrderedDict[str, _Failures] = OrderedDict()
        self._lock = threading.Lock()

    def wait_seconds(self, username: str, address: str) -> float:
        """How long logins of this user name or from this address are still refused."""
        now = self._clock()
        with self._lock:
            found = [self._failures.get(key) for key in _keys(username, address)]
        return max([0.0, *(f.refused_until - now for f in found if f is not None)])

    def failed(self, username: str, address: str) -> None:
        now = self._clock()
        with self._lock:
            for key in _keys(username, address):
                failures = self._failures.pop(key, None) or _Failures()
                failures.count += 1
                beyond = failures.count - self.free_failures
                if beyond > 0:
                    wait = self.first_wait_seconds * 2 ** min(beyond - 1, 30)
                    failures.refused_until = now + min(wait, self.longest_wait_seconds)
                self._failures[key] = failures
            while len(self._failures) > _REMEMBERED:
                self._failures.popitem(last=False)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(_keys(username, "")[0], None)


def _keys(username: str, address: str) -> list[str]:
    keys = [f"user:{username.strip().casefold()}"]
    if address:
        keys.append(f"address:{address}")
    return keys

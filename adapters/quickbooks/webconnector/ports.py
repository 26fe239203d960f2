"""The work-source port: where the qbXML sent to QuickBooks comes from.

The Web Connector service knows the protocol; a `WorkSource` knows the work. The
synchronisation and import jobs implement it. For one Web Connector session the service
calls, in this order:

1. `has_work(session)` once, after authentication. False makes `authenticate` answer
   "none" (nothing to do) and the session ends without any request.
2. Repeatedly `next_request(session)`: one whole qbXML request message (``<?xml ...?>
   <?qbxml version="13.0"?><QBXML><QBXMLMsgsRq ...>``) or None when nothing is left. A
   request that was handed out but never answered (QuickBooks crashed, the session
   expired) must be handed out again by a later session: only an answer settles it.
3. After each request, exactly one of:
   - `receive_response(session, response_xml)` with QuickBooks' qbXML answer, returning
     the honest percentage done: 0-99 when more requests follow, 100 when finished, a
     negative number when the source gave up (then `last_error` says why). The answer has
     already passed `adapters.quickbooks.qbxml.safe_xml.parse_untrusted`, but is still untrusted:
     parse it with that function again.
   - `receive_error(session, hresult, message)` when QuickBooks could not run the request
     or the Web Connector could not reach QuickBooks (HRESULT such as "0x80040400").
4. `close(session)` when the session ends for any reason (closeConnection, expiry, a newer
   session of the same company), so in-flight bookkeeping can be released.

`last_error(session)` returns the text shown to the user, or "" when all is well.

Calls for one session never overlap (the service serialises them); calls for different
sessions may come from different threads. A `WorkSourceProvider` picks the source for a
session (per company, optionally per user); `WorkSourceRegistry` is the simple one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class QbwcSession:
    """One authenticated Web Connector session, bound to one company."""

    ticket: str
    username: str
    company_id: str
    company_file: str
    """The configured company file path, or "" for whichever file QuickBooks has open."""


class WorkSource(Protocol):
    def has_work(self, session: QbwcSession) -> bool: ...

    def next_request(self, session: QbwcSession) -> str | None: ...

    def receive_response(self, session: QbwcSession, response_xml: str) -> int: ...

    def receive_error(self, session: QbwcSession, hresult: str, message: str) -> None: ...

    def last_error(self, session: QbwcSession) -> str: ...

    def close(self, session: QbwcSession) -> None: ...


class WorkSourceProvider(Protocol):
    def source_for(self, session: QbwcSession) -> WorkSource | None:
        """The source serving this session, or None when the company has nothing set up."""
        ...


WorkSourceFactory = Callable[[QbwcSession], WorkSource]


class WorkSourceRegistry:
    """Work sources by company, with optional per-user overrides (the user's entry wins)."""

    def __init__(self) -> None:
        self._by_company: dict[str, WorkSourceFactory] = {}
        self._by_user: dict[tuple[str, str], WorkSourceFactory] = {}
        self._lock = threading.Lock()

    def register(
        self, company_id: str, factory: WorkSourceFactory, *, username: str | None = None
    ) -> None:
        """Use `factory(session)` to make the source of each session of this company/user."""
        with self._lock:
            if username is None:
                self._by_company[company_id] = factory
            else:
                self._by_user[(company_id, username)] = factory

    def register_source(
        self, company_id: str, source: WorkSource, *, username: str | None = None
    ) -> None:
        """Serve every session of this company/user from the one `source`."""
        self.register(company_id, lambda _session: source, username=username)

    def source_for(self, session: QbwcSession) -> WorkSource | None:
        with self._lock:
            factory = self._by_user.get((session.company_id, session.username))
            factory = factory or self._by_company.get(session.company_id)
        return factory(session) if factory is not None else None


def percent_done(done: int, total: int) -> int:
    """0-99 while anything is left (never rounds up to 100 early), 100 when all is done."""
    if total <= 0 or done >= total:
        return 100
    return min(99, done * 100 // total)

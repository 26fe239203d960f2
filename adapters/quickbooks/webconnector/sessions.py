"""Web Connector tickets: random, expiring when idle, bound to one user's company.

A ticket is refused when it is unknown, idle for longer than the TTL, or presented for
another company. Opening a session for a company ends that company's older sessions, so
two sessions never pull the same company's work at once. Thread-safe; calls for one
ticket are serialised through `SessionStore.checkout`.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from adapters.quickbooks.webconnector.ports import QbwcSession, WorkSource
from adapters.quickbooks.webconnector.users import QbwcUser

DEFAULT_IDLE_TTL_SECONDS = 30 * 60
_TICKET_BYTES = 32


class TicketRefused(Exception):
    """The ticket is unknown, expired or belongs to another company."""


@dataclass
class SessionRecord:
    """A live session and what the service remembers about it."""

    session: QbwcSession
    source: WorkSource | None
    last_seen: float
    last_error: str = ""
    open_company_file: str = ""
    requests_sent: int = 0
    awaiting_answer: bool = False
    responses_received: int = 0
    finished: bool = False
    host_checked: bool = False
    """The first sendRequestXML checked which QuickBooks the Web Connector reached."""
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)


DiscardHook = Callable[[SessionRecord], None]


class SessionStore:
    def __init__(
        self,
        *,
        idle_ttl_seconds: float = DEFAULT_IDLE_TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if idle_ttl_seconds <= 0:
            raise ValueError("the session TTL must be positive")
        self.idle_ttl_seconds = idle_ttl_seconds
        self._clock = clock
        self._records: dict[str, SessionRecord] = {}
        self._lock = threading.Lock()

    def open(
        self,
        user: QbwcUser,
        source_for: Callable[[QbwcSession], WorkSource | None],
        on_discard: DiscardHook,
    ) -> SessionRecord:
        """A new session for `user`; ends expired sessions and the company's older ones."""
        session = QbwcSession(
            ticket=secrets.token_urlsafe(_TICKET_BYTES),
            username=user.username,
            company_id=user.company_id,
            company_file=user.company_file,
        )
        source = source_for(session)
        with self._lock:
            now = self._clock()
            discarded = [
                self._records.pop(ticket)
                for ticket, record in list(self._records.items())
                if self._is_expired(record, now) or record.session.company_id == user.company_id
            ]
            record = SessionRecord(session=session, source=source, last_seen=now)
            self._records[session.ticket] = record
        for old in discarded:
            on_discard(old)
        return record

    @contextmanager
    def checkout(
        self, ticket: str, on_discard: DiscardHook, *, company_id: str | None = None
    ) -> Iterator[SessionRecord]:
        """The live record of `ticket`, held exclusively; raises TicketRefused otherwise."""
        record = self._find(ticket, on_discard, company_id)
        with record.lock:
            if self._records.get(ticket) is not record:
                raise TicketRefused("the session ended while this call waited")
            record.last_seen = self._clock()
            yield record

    def close(self, ticket: str) -> SessionRecord | None:
        with self._lock:
            return self._records.pop(ticket, None)

    def active_count(self) -> int:
        with self._lock:
            now = self._clock()
            return sum(not self._is_expired(record, now) for record in self._records.values())

    def _find(self, ticket: str, on_discard: DiscardHook, company_id: str | None) -> SessionRecord:
        with self._lock:
            record = self._records.get(ticket) if ticket else None
            if record is None:
                raise TicketRefused("unknown ticket")
            if company_id is not None and record.session.company_id != company_id:
                raise TicketRefused("the ticket belongs to another company")
            if self._is_expired(record, self._clock()):
                del self._records[ticket]
                expired = record
            else:
                return record
        on_discard(expired)
        raise TicketRefused("the session expired")

    def _is_expired(self, record: SessionRecord, now: float) -> bool:
        return now - record.last_seen > self.idle_ttl_seconds

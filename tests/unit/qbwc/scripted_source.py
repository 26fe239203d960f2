"""An in-memory work source for tests of the Web Connector service."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from adapters.quickbooks.webconnector.ports import QbwcSession, percent_done


@dataclass
class ScriptedWorkSource:
    """An in-memory source for tests: sends `requests` in order and records what comes back."""

    requests: Sequence[str]
    responses: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    sessions_seen: list[QbwcSession] = field(default_factory=list)
    closed_sessions: list[QbwcSession] = field(default_factory=list)
    _error_message: str = ""

    @property
    def answered(self) -> int:
        return len(self.responses)

    @property
    def saw_anything(self) -> bool:
        return bool(self.sessions_seen or self.responses or self.errors)

    def has_work(self, session: QbwcSession) -> bool:
        self._remember(session)
        return self.answered < len(self.requests)

    def next_request(self, session: QbwcSession) -> str | None:
        self._remember(session)
        if self.answered >= len(self.requests):
            return None
        return self.requests[self.answered]

    def receive_response(self, session: QbwcSession, response_xml: str) -> int:
        self._remember(session)
        if self.answered >= len(self.requests):
            self._error_message = "An answer arrived but no request was outstanding."
            return -1
        self.responses.append(response_xml)
        return percent_done(self.answered, len(self.requests))

    def receive_error(self, session: QbwcSession, hresult: str, message: str) -> None:
        self._remember(session)
        self.errors.append((hresult, message))
        self._error_message = f"QuickBooks reported {hresult}: {message}"

    def last_error(self, session: QbwcSession) -> str:  # noqa: ARG002  (the port's signature)
        return self._error_message

    def close(self, session: QbwcSession) -> None:
        self.closed_sessions.append(session)

    def _remember(self, session: QbwcSession) -> None:
        if session not in self.sessions_seen:
            self.sessions_seen.append(session)

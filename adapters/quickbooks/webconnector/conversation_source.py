"""Web Connector sessions served from conversations: one conversation per session."""

from __future__ import annotations

import threading
from collections.abc import Callable

from adapters.quickbooks.conversation import Conversation
from adapters.quickbooks.webconnector.ports import QbwcSession

ConversationFactory = Callable[[QbwcSession], Conversation | None]


class ConversationWorkSource:
    """Serves Web Connector sessions from conversations: one conversation per session."""

    def __init__(self, start: ConversationFactory) -> None:
        self._start = start
        self._by_ticket: dict[str, Conversation | None] = {}
        self._lock = threading.Lock()

    def _conversation(self, session: QbwcSession) -> Conversation | None:
        with self._lock:
            if session.ticket not in self._by_ticket:
                self._by_ticket[session.ticket] = self._start(session)
            return self._by_ticket[session.ticket]

    def has_work(self, session: QbwcSession) -> bool:
        return self._conversation(session) is not None

    def next_request(self, session: QbwcSession) -> str | None:
        conversation = self._conversation(session)
        return conversation.next_message() if conversation is not None else None

    def receive_response(self, session: QbwcSession, response_xml: str) -> int:
        conversation = self._conversation(session)
        if conversation is None:
            return 100
        return conversation.accept_answer(response_xml)

    def receive_error(self, session: QbwcSession, hresult: str, message: str) -> None:
        conversation = self._conversation(session)
        if conversation is not None:
            conversation.accept_failure(hresult, message)

    def last_error(self, session: QbwcSession) -> str:
        with self._lock:
            conversation = self._by_ticket.get(session.ticket)
        return conversation.last_error() if conversation is not None else ""

    def close(self, session: QbwcSession) -> None:
        with self._lock:
            self._by_ticket.pop(session.ticket, None)

"""The gateway port: a job that talks to QuickBooks one qbXML message at a time.

The import and the synchronisation are conversations. The same conversation is driven
directly against a QuickBooks backend (the simulator, in the demo and the tests) by
`drive`, or pulled by the Web Connector through `ConversationWorkSource`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from adapters.qbwc.ports import QbwcSession

QuickBooksBackend = Callable[[str], str]
"""Takes a whole qbXML request message, returns QuickBooks' whole response message."""

ProgressCallback = Callable[[int], None]


class Conversation(Protocol):
    def next_message(self) -> str | None:
        """The next qbXML request message, or None when the job has nothing more to send."""
        ...

    def accept_answer(self, response_xml: str) -> int:
        """Take QuickBooks' answer to the last message; return percent done (negative: gave up)."""
        ...

    def accept_failure(self, hresult: str, message: str) -> None:
        """QuickBooks could not run the last message; it stays unsettled and is resent later."""
        ...

    def last_error(self) -> str: ...


class ConversationAborted(RuntimeError):
    """The conversation gave up; its `last_error` says why."""


def drive(
    conversation: Conversation,
    quickbooks: QuickBooksBackend,
    on_progress: ProgressCallback | None = None,
) -> int:
    """Run `conversation` to its end against `quickbooks`; returns the number of messages."""
    exchanged = 0
    while (message := conversation.next_message()) is not None:
        answer = quickbooks(message)
        exchanged += 1
        percent = conversation.accept_answer(answer)
        if percent < 0:
            raise ConversationAborted(conversation.last_error())
        if on_progress is not None:
            on_progress(percent)
    return exchanged


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

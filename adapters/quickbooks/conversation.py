"""The gateway port: a job that talks to QuickBooks one qbXML message at a time.

The import and the synchronisation are conversations. The same conversation is driven
directly against a QuickBooks backend (the simulator, in the demo and the tests) by the one
driver `drive`, or pulled by the Web Connector through
`adapters.quickbooks.webconnector.conversation_source.ConversationWorkSource`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

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


@dataclass(frozen=True)
class Patience:
    """How a driver bears with QuickBooks: how many lost answers in a row it tolerates, and
    how it waits for work that becomes due later (`due_in` None: none is due)."""

    transport_failures: int = 1
    due_in: Callable[[], float | None] = lambda: None
    max_wait: float = 0.0
    sleep: Callable[[float], None] = time.sleep


class QuickBooksUnreachable(RuntimeError):
    """QuickBooks failed as many times in a row as the driver's patience allows."""


def drive(
    conversation: Conversation,
    quickbooks: QuickBooksBackend,
    on_progress: ProgressCallback | None = None,
    patience: Patience | None = None,
) -> int:
    """Run `conversation` to its end against `quickbooks`; returns the number of answers.

    A failure of `quickbooks` is a lost answer (`accept_failure`: the conversation checks
    QuickBooks before it resends); past `patience.transport_failures` in a row it raises
    QuickBooksUnreachable. A conversation that gives up raises ConversationAborted.
    """
    patience = patience or Patience()
    answered = failures = 0
    while True:
        message = conversation.next_message()
        if message is None:
            wait = patience.due_in()
            if wait is None or wait > patience.max_wait:
                return answered
            patience.sleep(wait)
            continue
        try:
            answer = quickbooks(message)
        except Exception as error:  # QuickBooks failed, any way it can: the outcome is unknown
            failures += 1
            conversation.accept_failure("transport", f"{type(error).__name__}: {error}")
            if failures >= patience.transport_failures:
                raise QuickBooksUnreachable(f"{type(error).__name__}: {error}") from error
            continue
        failures = 0
        answered += 1
        percent = conversation.accept_answer(answer)
        if percent < 0:
            raise ConversationAborted(conversation.last_error())
        if on_progress is not None:
            on_progress(percent)

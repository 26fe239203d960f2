"""The sync as the Web Connector's work source: one conversation per session, and a session
that ends without an answer releases its operations to be checked in QuickBooks first."""

from __future__ import annotations

import threading

from adapters.quickbooks.conversation import Conversation
from adapters.quickbooks.webconnector.conversation_source import ConversationWorkSource
from adapters.quickbooks.webconnector.ports import QbwcSession
from adapters.services.sync.conversation import SyncConversation
from adapters.services.sync.synchronizer import Synchronizer


class SyncWorkSource(ConversationWorkSource):
    """Register with `WorkSourceRegistry.register_source(company_id, SyncWorkSource(sync))`."""

    def __init__(self, synchronizer: Synchronizer) -> None:
        self.synchronizer = synchronizer
        self._live: dict[str, SyncConversation] = {}
        self._live_lock = threading.Lock()
        super().__init__(self._begin)

    def _begin(self, session: QbwcSession) -> Conversation | None:
        conversation = self.synchronizer.conversation_for(session)
        if conversation is not None:
            with self._live_lock:
                self._live[session.ticket] = conversation
        return conversation

    def close(self, session: QbwcSession) -> None:
        with self._live_lock:
            conversation = self._live.pop(session.ticket, None)
        if conversation is not None:
            conversation.abandon("the Web Connector session ended before QuickBooks answered")
            self.synchronizer.engine.leases.release(conversation.worker)
            self.synchronizer.close_session(conversation.run_ids)
        super().close(session)

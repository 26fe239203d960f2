"""Running an import: directly against a QuickBooks backend, or through the Web Connector."""

from __future__ import annotations

import threading

from adapters.quickbooks.conversation import (
    ConversationAborted,
    ProgressCallback,
    QuickBooksBackend,
    QuickBooksUnreachable,
    drive,
)
from adapters.quickbooks.webconnector.ports import QbwcSession
from adapters.services.importing.conversation import ImportConversation, ImportOptions
from adapters.services.importing.guards import repeat_warning
from adapters.services.importing.recorder import fail_run
from adapters.services.importing.runs import ImportReport, read_run
from adapters.storage.ledger.application import Ledger
from domain.errors import DomainError


def run_import(
    ledger: Ledger,
    quickbooks: QuickBooksBackend,
    options: ImportOptions | None = None,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import everything from `quickbooks` now; the report says completed or failed, and why.

    Raises RepeatImportNeedsConfirmation before anything is sent when the repeat needs it.
    """
    conversation = ImportConversation(ledger, options)
    try:
        drive(conversation, quickbooks, on_progress)
    except ConversationAborted:
        pass  # the run already records why
    except QuickBooksUnreachable as error:
        fail_run(ledger, conversation.run_id, f"QuickBooks failed: {error}")
    return read_run(ledger, conversation.run_id)


class ImportRequests:
    """An import asked for through the Web Connector: kept in the ledger (so a restart does
    not lose it), each session runs it until one completes.

    Serve it with `ConversationWorkSource(import_requests.conversation_for)`. A session that
    drops midway leaves the import wanted: the next session starts it again from the top.
    """

    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger
        self._current: ImportConversation | None = None
        self._lock = threading.Lock()
        self.last_refusal = ""

    @property
    def pending(self) -> bool:
        return self._wanted() is not None

    def request(self, options: ImportOptions | None = None) -> None:
        """Ask for an import; a repeat that needs confirmation is refused here, at once."""
        options = options or ImportOptions()
        repeat_warning(self._ledger, options.confirm, options.confirmed_by, options.lists_only)
        self._ledger.request_import(
            options.page_size, options.confirm, options.confirmed_by, options.lists_only
        )

    def conversation_for(self, session: QbwcSession) -> ImportConversation | None:  # noqa: ARG002  (the port's signature)
        with self._lock:
            wanted = self._wanted()
            if wanted is None:
                return None
            try:
                self._current = ImportConversation(self._ledger, wanted)
            except DomainError as refusal:
                self.last_refusal = str(refusal)
                self._ledger.withdraw_import_request(str(refusal))
                return None
            return self._current

    @property
    def current_run_id(self) -> str | None:
        return None if self._current is None else self._current.run_id

    def _wanted(self) -> ImportOptions | None:
        wanted = self._ledger.company_settings().import_wanted
        return None if wanted is None else ImportOptions(**wanted)

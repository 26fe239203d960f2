"""The sync as a gateway conversation: each message carries many ready operations (never
one with an operation it depends on), each answer is recorded, and follow-on work is
planned before the next message. Driven directly or pulled by the Web Connector."""

from __future__ import annotations

import uuid

from adapters.quickbooks.qbxml.envelope import QbRequest, build_message
from adapters.quickbooks.qbxml.errors import QbxmlMessageError, QbxmlResponseError
from adapters.quickbooks.qbxml.responses import parse_response_message
from adapters.quickbooks.qbxml.safe_xml import UnsafeXmlError
from adapters.quickbooks.webconnector.ports import percent_done
from adapters.services.sync.engine import SyncEngine
from adapters.services.sync.obsolete import obsolete
from adapters.services.sync.requests import CannotSend, build_request
from adapters.services.sync.settlement import UNREACHABLE, Outcome, Settlement, settle
from adapters.storage.outbox.operations import OutboxRow
from domain.errors import DomainError

MESSAGE_REFUSED = frozenset({"0x80040400"})
"""HRESULTs of QuickBooks refusing a whole message (0x80040400: it could not parse it)."""


class SyncConversation:
    def __init__(self, engine: SyncEngine, run_ids: list[str], worker: str = "") -> None:
        self.engine, self.run_ids = engine, run_ids
        self.worker = worker or uuid.uuid4().hex
        self._claimed: list[OutboxRow] = []
        self._requests: dict[int, str] = {}
        self._error = ""
        self.messages = 0

    def next_message(self) -> str | None:
        if self._claimed:
            self.abandon("a new message was asked for before the last one was answered")
        self.engine.renew_lease(self.worker)  # counted among the live workers while planning
        self.engine.prepare()
        while rows := self.engine.claim(self.worker, self._token()):
            requests = self._requests_for(rows)
            if requests:
                self.messages += 1
                return build_message(requests, on_error="continueOnError").decode()
        self.engine.leases.release(self.worker)
        self.engine.finish_open_runs()
        return None

    def accept_answer(self, response_xml: str) -> int:
        claimed, self._claimed = self._claimed, []
        try:
            responses = parse_response_message(response_xml)
        except (UnsafeXmlError, QbxmlMessageError, QbxmlResponseError) as error:
            self._claimed = claimed
            self.abandon(f"QuickBooks' answer could not be read: {error}")
            return percent_done(0, 1)
        self.engine.renew_lease(self.worker)
        by_id = {r.request_id: r for r in responses}
        for row in claimed:
            response = by_id.get(row.request_id)
            code = response.status_code if response is not None else -1
            settlement = settle(self.engine.ledger, row, response)
            outcome = self.engine.recorder.record(row, settlement, self._requests[row.id], code)
            if outcome is Outcome.PARKED:
                self._error = settlement.message
        self.engine.prepare()
        return self.engine.percent(self.run_ids)

    def accept_failure(self, hresult: str, message: str) -> None:
        """QuickBooks refused the whole message (an attempt for each operation in it), or it
        could not be reached (no one's fault: back off, never park)."""
        if hresult.strip().lower() in MESSAGE_REFUSED:
            reason = f"QuickBooks could not run the message ({hresult}: {message})"
            self.abandon(reason, counts=True)
        else:
            self.abandon(f"{UNREACHABLE} ({hresult}: {message})")

    def abandon(
        self, reason: str = "the session ended before QuickBooks answered", counts: bool = False
    ) -> None:
        """Whatever was claimed has an unknown outcome: QuickBooks is checked before a resend."""
        claimed, self._claimed = self._claimed, []
        self._error = reason
        for row in claimed:
            request = self._requests.get(row.id, "")
            self.engine.recorder.release([row], reason, request, counts=counts)

    def last_error(self) -> str:
        return self._error

    def _token(self) -> str:
        return f"{self.worker}:{uuid.uuid4().hex}"

    def _requests_for(self, rows: list[OutboxRow]) -> list[QbRequest]:
        requests: list[QbRequest] = []
        for row in rows:
            if reason := obsolete(self.engine.ledger, row):
                self.engine.recorder.record(row, Settlement(Outcome.DROPPED, reason), "", 0)
                continue
            try:
                request = build_request(self.engine.ledger, row)
            except (CannotSend, DomainError) as error:
                self.engine.recorder.record(row, Settlement(Outcome.PARKED, str(error)), "", 0)
                continue
            self._requests[row.id] = type(request).__name__
            requests.append(request)
            self._claimed.append(row)
        return requests

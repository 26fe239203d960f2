"""Sync runs: what to send, how far a run has got, and its report."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from adapters.services.sync.reports import SentOperation, SyncReport, moment_of
from api.schemas.limited import StrictIn
from api.sync_progress import RunProgress
from api.sync_selection import TYPE_NAMES

Transport = Literal["simulator", "webconnector"]
_TYPES = ", ".join(TYPE_NAMES)


class SyncRunIn(StrictIn):
    types: list[str] = Field(
        default_factory=list,
        description=f"Transaction types to send ({_TYPES}); empty: every type",
    )
    transactions: dict[str, list[str]] = Field(
        default_factory=dict,
        description='Per type, only these transactions, e.g. {"invoice": ["1234567-1"]}',
    )
    transport: Transport | None = Field(
        default=None,
        description=(
            "Empty: the QuickBooks gateway qbsync is configured with (QBSYNC_QUICKBOOKS); "
            "simulator: deliver now to the QuickBooks simulator, in the background (only when "
            "it is the configured gateway); webconnector: the run waits in the outbox for the "
            "Web Connector's next session"
        ),
    )


class SyncRunStartedOut(BaseModel):
    run_id: str
    transport: Transport
    detail: str


class SyncRunProgressOut(BaseModel):
    run_id: str
    status: str = Field(description="open, finished, or failed")
    delivering: bool = Field(description="A background delivery is running now")
    operations: int = Field(description="QuickBooks operations the run planned")
    sent: int = Field(description="Operations sent to QuickBooks at least once")
    answered: int = Field(description="Operations QuickBooks settled (done or needing a person)")
    percent: int
    failure: str
    quickbooks_unreachable: str = Field(
        default="", description="Why QuickBooks could not be reached, while work waits for it"
    )

    @classmethod
    def of(cls, progress: RunProgress) -> SyncRunProgressOut:
        return cls(
            run_id=progress.run_id,
            status=progress.status,
            delivering=progress.delivering,
            operations=progress.operations,
            sent=progress.sent,
            answered=progress.answered,
            percent=progress.percent,
            failure=progress.failure,
            quickbooks_unreachable=progress.quickbooks_unreachable,
        )


class SentOut(BaseModel):
    operation: str = Field(description="e.g. invoice-add:1234567-1")
    request: str = Field(description="The qbXML request, e.g. InvoiceAddRq")
    status_code: int = Field(description="QuickBooks' status code (-1: no answer came back)")
    outcome: str
    message: str
    at: datetime = Field(description="When QuickBooks' answer was recorded (ISO 8601, UTC)")

    @classmethod
    def of(cls, sent: SentOperation) -> SentOut:
        return cls(
            operation=sent.operation,
            request=sent.request,
            status_code=sent.status_code,
            outcome=sent.outcome,
            message=sent.message,
            at=sent.moment,
        )


class WaitingOut(BaseModel):
    subject: str = Field(description="An operation key, or a transaction such as invoice 100-1")
    status: str = Field(description="The operation's status; empty for a transaction")
    why: list[str]

    @classmethod
    def of(cls, item: dict[str, Any]) -> WaitingOut:
        why = item["why"]
        return cls(
            subject=str(item.get("operation") or item.get("transaction")),
            status=str(item.get("status", "")),
            why=[why] if isinstance(why, str) else [str(line) for line in why],
        )


class QueuedOperationOut(BaseModel):
    operation: str
    status: str
    run_id: str
    why: str


class OpenManualActionOut(BaseModel):
    id: str
    subject: str
    action: str
    instructions: str


class SyncReportOut(BaseModel):
    run_id: str
    state: str
    selection: dict[str, Any] = Field(description="The kinds and keys the run was limited to")
    sent: list[SentOut] = Field(description="Every request sent, with QuickBooks' answer")
    done: list[str] = Field(description="Operations QuickBooks now holds")
    waiting: list[WaitingOut] = Field(description="What still waits, and why")
    needs_a_person: list[QueuedOperationOut] = Field(description="Parked operations")
    manual_actions: list[OpenManualActionOut] = Field(description="Open manual actions")
    not_selected: list[str] = Field(
        description="Transactions with work under the current level that the selection left out"
    )
    started_at: datetime
    finished_at: datetime | None
    quickbooks_unreachable: str = Field(
        default="", description="Why QuickBooks could not be reached, while work waits for it"
    )

    @classmethod
    def of(cls, report: SyncReport) -> SyncReportOut:
        return cls(
            run_id=report.run_id,
            state=report.state,
            selection=json.loads(report.selection),
            sent=[SentOut.of(sent) for sent in report.sent],
            done=report.done,
            waiting=[WaitingOut.of(item) for item in report.waiting],
            needs_a_person=[QueuedOperationOut(**item) for item in report.parked],
            manual_actions=[OpenManualActionOut(**item) for item in report.manual_actions],
            not_selected=report.not_selected,
            started_at=moment_of(report.started_at),
            finished_at=moment_of(report.finished_at) if report.finished_at else None,
            quickbooks_unreachable=report.quickbooks_unreachable,
        )

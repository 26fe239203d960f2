"""Import from QuickBooks: what to start, and each run's report."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from adapters.services.importing.runs import ImportReport
from api.schemas.limited import StrictIn


class ImportIn(StrictIn):
    confirm: bool = Field(
        default=False,
        description="Confirm a repeat import although the ledger holds transactions",
    )
    by: str = Field(default="", max_length=100, description="Who confirmed the repeat")
    lists_only: bool = Field(
        default=False,
        description=(
            "Refresh only the lists (items, accounts, terms, payment methods, sales tax "
            "codes): no customers or balances, so no repeat warning and no confirmation"
        ),
    )
    via: Literal["simulator", "webconnector"] | None = Field(
        default=None,
        description=(
            "Empty: the QuickBooks gateway qbsync is configured with (QBSYNC_QUICKBOOKS); "
            "simulator: import now from the QuickBooks simulator (only when it is the "
            "configured gateway); webconnector: import at the Web Connector's next session"
        ),
    )
    page_size: int = Field(default=200, ge=1, le=1000, description="Records per qbXML page")


class KindCountsOut(BaseModel):
    added: int
    updated: int
    unchanged: int


class KindReportOut(KindCountsOut):
    added_names: list[str] = Field(description="QuickBooks FullNames new in the ledger")
    updated_names: list[str] = Field(description="QuickBooks FullNames whose values changed")


class ImportRunOut(BaseModel):
    run_id: str
    status: str = Field(description="running, completed or failed")
    repeat: bool = Field(description="An import had completed before this one started")
    confirmed_by: str
    failure: str
    started_at: str
    finished_at: str
    counts: dict[str, KindCountsOut] = Field(description="Per kind of record")
    warnings: list[str]

    @classmethod
    def of(cls, report: ImportReport) -> ImportRunOut:
        return cls(
            run_id=report.run_id,
            status=report.status,
            repeat=report.repeat,
            confirmed_by=report.confirmed_by,
            failure=report.failure,
            started_at=report.started_at,
            finished_at=report.finished_at,
            counts={kind: KindCountsOut(**counts) for kind, counts in report.counts().items()},
            warnings=report.warnings,
        )


class ImportReportOut(ImportRunOut):
    kinds: dict[str, KindReportOut] = Field(description="Per kind: what was added and updated")

    @classmethod
    def of(cls, report: ImportReport) -> ImportReportOut:
        summary = ImportRunOut.of(report)
        kinds = {
            kind: KindReportOut(
                added=len(entry.added),
                updated=len(entry.updated),
                unchanged=entry.unchanged,
                added_names=entry.added,
                updated_names=entry.updated,
            )
            for kind, entry in report.kinds.items()
        }
        return cls(**summary.model_dump(), kinds=kinds)


class ImportQueuedOut(BaseModel):
    status: Literal["waiting for the Web Connector"] = "waiting for the Web Connector"
    detail: str

"""Rows of the list endpoints: transactions with their state under a level, and sync runs."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TextIO

from pydantic import BaseModel, Field, JsonValue

from adapters.services.listing.history import HistoryLine
from adapters.services.listing.transactions import TransactionRow
from adapters.services.sync.reports import moment_of
from adapters.storage.outbox.runs import SyncRunRecord
from api.schemas.history import plain
from api.schemas.values import Money


class TransactionItemOut(BaseModel):
    kind: str = Field(description="invoice, job payment, account payment or credit memo")
    key: str = Field(description="The invoice or credit memo number, or the payment reference")
    customer: str = Field(description="The customer's code")
    txn_date: date
    amount: Money
    status: str = Field(description="draft, finalized, open, finished or voided")
    qb_txn_id: str = Field(description="QuickBooks' TxnID; empty until QuickBooks holds it")
    level: str = Field(description="The policy level the state is worked out under")
    state: str = Field(description="done, ready, ready with, waiting or voided")
    waiting_reason: str = Field(description="Why it waits (the first unmet condition)")

    @classmethod
    def of(cls, row: TransactionRow) -> TransactionItemOut:
        return cls(
            kind=row.ref.kind.value,
            key=row.key,
            customer=row.customer,
            txn_date=row.txn_date,
            amount=row.amount,
            status=row.status,
            qb_txn_id=row.qb_txn_id,
            level=row.level.value,
            state=row.state.value,
            waiting_reason=row.waiting_reason,
        )


class SyncRunOut(BaseModel):
    run_id: str
    state: str = Field(description="open or finished")
    started_at: datetime
    finished_at: datetime | None
    selection: dict[str, Any] = Field(description="The kinds and keys the run was limited to")
    waiting: int = Field(description="What still waited when the run finished")

    @classmethod
    def of(cls, run: SyncRunRecord) -> SyncRunOut:
        return cls(
            run_id=run.run_id,
            state=run.state,
            started_at=moment_of(run.started_at),
            finished_at=moment_of(run.finished_at) if run.finished_at else None,
            selection=json.loads(run.selection.to_json()),
            waiting=len(run.waiting),
        )


class HistoryLineOut(BaseModel):
    """One event as a person reads it: where it sits in the log, when, what, who, the data."""

    log_position: int = Field(description="The event's place in the ledger's log (log #60)")
    at: datetime = Field(description="When qbsync recorded it (ISO 8601, UTC)")
    record: str = Field(description="e.g. invoice 2603021-2")
    event: str = Field(description="The event's name, e.g. Created, Applied")
    words: str = Field(description="The event's name in words")
    by: str = Field(description="Who acted; empty when the event does not say")
    citation: str = Field(description="The line a citation shows")
    data: dict[str, JsonValue]

    @classmethod
    def of(cls, line: HistoryLine) -> HistoryLineOut:
        return cls(
            log_position=line.position,
            at=line.at,
            record=line.record,
            event=line.event,
            words=line.words,
            by=line.actor,
            citation=line.citation(),
            data={k: plain(v) for k, v in line.data.items()},
        )

    def csv_row(self) -> list[str]:
        return [
            str(self.log_position),
            self.at.isoformat(),
            self.record,
            self.words,
            self.by,
            json.dumps(self.data, sort_keys=True),
        ]


CSV_HEADER = ["log position", "recorded at", "record", "event", "by", "data"]


def write_history_csv(lines: Iterable[HistoryLine], file: TextIO) -> None:
    """One row per event, under CSV_HEADER."""
    writer = csv.writer(file)
    writer.writerow(CSV_HEADER)
    writer.writerows(HistoryLineOut.of(line).csv_row() for line in lines)

"""Histories a person reads and exports: each event with its log position, time, name in
words, who acted and its data; for one record, or for every record over a date range."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID

from adapters.services.listing.positions import log_positions
from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness.events import read_log
from domain.errors import InvalidInput

ENVELOPE = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})
# Attributes naming the person who acted, newest convention first.
_ACTOR_FIELDS = ("acted_by", "changed_by", "done_by", "confirmed_by", "by")
# Events that record QuickBooks' answers: qbsync itself recorded them.
_BY_QBSYNC = ("ImportedToQuickBooks", "AppliedInQuickBooks", "LinkedToQuickBooks")
_SPECIAL_WORDS = {"Qb": "QB", "Quick Books": "QuickBooks"}


@dataclass(frozen=True)
class HistoryLine:
    position: int  # the event's place in the ledger's log ("log #60")
    at: datetime
    record: str  # e.g. invoice 2603021-2
    event: str  # the event's name, e.g. Created, Applied, AppliedInQuickBooks
    actor: str  # who acted; empty when the event does not say
    data: Mapping[str, Any]

    @property
    def words(self) -> str:
        return event_words(self.event)

    def citation(self) -> str:
        """invoice 2603021-2 · Created · 2026-03-02 08:14 · by dispatch · log #60"""
        by = f" · by {self.actor}" if self.actor else ""
        return f"{self.record} · {self.words} · {minute(self.at)}{by} · log #{self.position}"


def event_words(name: str) -> str:
    """`Applied in QuickBooks` for `AppliedInQuickBooks`, `Created` for `Created`."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    for raw, kept in _SPECIAL_WORDS.items():
        spaced = spaced.replace(raw, kept)
    first, _, rest = spaced.partition(" ")
    words = [w if w in ("QB", "QuickBooks") else w.lower() for w in rest.split()]
    return " ".join([first, *words])


def minute(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def actor_of(name: str, data: Mapping[str, Any]) -> str:
    for attribute in _ACTOR_FIELDS:
        value = data.get(attribute)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return "qbsync" if name in _BY_QBSYNC else ""


def label_of(aggregate: str, data: Mapping[str, Any]) -> str:
    """The record an event of `aggregate` (e.g. `Invoice`) belongs to, from its first event."""
    if aggregate in ("Invoice", "CreditMemo"):
        return f"{'invoice' if aggregate == 'Invoice' else 'credit memo'} {data['number']}"
    if aggregate == "Payment":
        kind = getattr(data["payment_kind"], "value", data["payment_kind"])
        return f"{kind} payment {data['reference']}"
    if aggregate == "Customer":
        return f"customer {data['code']}"
    if aggregate == "ManualAction":
        return f"manual action for {data['subject']}"
    if aggregate == "ImportRun":
        return f"import run {data['run_id']}"
    if aggregate == "CompanySettings":
        return "company settings"
    if aggregate == "QuickBooksListEntry":
        kind = data.get("list_kind", "list")
        return f"QuickBooks {getattr(kind, 'value', kind)} {data.get('list_id', '')}".strip()
    named = data.get("list_id") or data.get("code") or ""
    return f"{event_words(aggregate).lower()} {named}".strip()


def record_history(ledger: Ledger, aggregate_id: UUID, label: str) -> list[HistoryLine]:
    """Every event of one record, oldest first."""
    positions = log_positions(ledger, aggregate_id)
    lines = []
    for event in ledger.history(aggregate_id):
        data = vars(event)
        name = type(event).__name__
        lines.append(
            HistoryLine(
                positions.get(data["originator_version"], 0),
                data["timestamp"],
                label,
                name,
                actor_of(name, data),
                {k: v for k, v in data.items() if k not in ENVELOPE},
            )
        )
    return lines


def history_between(ledger: Ledger, first: date, last: date) -> Iterator[HistoryLine]:
    """Every event qbsync recorded from the start of `first` to the end of `last` (UTC), in
    log order. Records created before `first` are named from their first event all the same."""
    start = datetime.combine(first, time.min, UTC)
    end = datetime.combine(last, time.max, UTC)
    labels: dict[str, str] = {}
    after = 0
    while page := read_log(ledger, after, 5_000):
        for event in page:
            aggregate, _, name = event.event_type.rpartition(".")
            if event.version == 1:
                labels[event.originator_id] = label_of(aggregate, event.data)
            if start <= event.timestamp <= end:
                data = {k: v for k, v in event.data.items() if k not in ENVELOPE}
                yield HistoryLine(
                    event.position,
                    event.timestamp,
                    labels.get(event.originator_id, aggregate),
                    name,
                    actor_of(name, data),
                    data,
                )
        after = page[-1].position


RECORD_KINDS = ("invoice", "payment", "credit memo", "customer")


def record_of(ledger: Ledger, kind: str, key: str) -> tuple[UUID, str]:
    """The id and label of the record `kind` `key` (refused when the ledger does not hold it)."""
    wanted = kind.strip().lower().replace("-", " ").replace("_", " ")
    key = key.strip()
    if wanted == "invoice":
        invoice = ledger.invoice(key)
        return invoice.id, invoice.label
    if wanted == "payment":
        payment = ledger.payment(key)
        return payment.id, payment.label
    if wanted == "credit memo":
        memo = ledger.credit_memo(key)
        return memo.id, memo.label
    if wanted == "customer":
        customer = ledger.customer(key)
        return customer.id, f"customer {customer.code}"
    raise InvalidInput(f"unknown kind {kind!r}: choose one of {', '.join(RECORD_KINDS)}")

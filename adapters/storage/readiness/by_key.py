"""The facts one explanation needs, read by key: the events of the aggregates involved, up to
a log position, instead of the whole log or the whole read model.

Explaining a transaction reads its own facts, those of the invoices it is applied to, and
those of every invoice of those invoices' jobs (and the policy). Each fold step changes only
the record of the event's own aggregate, so folding just these aggregates' events, in log
order, gives these records exactly as a replay of the whole log does.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any, cast
from uuid import UUID

from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Identifier

from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness.events import StoredRow, mapped
from domain import ids
from domain.kinds import TxnKind
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.folding import fold
from projections.readiness.log import LoggedEvent

JobNumbers = Callable[[Sequence[str]], list[str]]


def facts_by_key(ledger: Ledger, ref: TxnRef, upto: int, job_numbers: JobNumbers) -> Facts:
    """The facts as of position `upto` of `ref`, the invoices it is applied to and their jobs'
    invoices. `job_numbers` gives a job's invoice numbers as of `upto` or later."""
    events = aggregate_events(ledger, [ids.company_id(), aggregate_id(ref)], upto)
    facts = _folded(events)
    invoices: set[str] = {ref.key} if ref.kind is TxnKind.INVOICE else set()
    source = facts.sources.get(ref)
    if source is not None:
        invoices |= {*source.applications, *source.applied_in_qb}
    read = {ref.key} if ref.kind is TxnKind.INVOICE else set()
    more = aggregate_events(ledger, [ids.invoice_id(n) for n in sorted(invoices - read)], upto)
    events += more
    jobs = sorted({invoice.job_id for invoice in _folded(events).invoices.values()})
    siblings = set(job_numbers(jobs)) - invoices
    events += aggregate_events(ledger, [ids.invoice_id(n) for n in sorted(siblings)], upto)
    facts = _folded(sorted(events, key=_position))
    facts.position = last_position(ledger, upto)
    return facts


def aggregate_id(ref: TxnRef) -> UUID:
    if ref.kind is TxnKind.INVOICE:
        return ids.invoice_id(ref.key)
    if ref.kind is TxnKind.CREDIT_MEMO:
        return ids.credit_memo_id(ref.key)
    return ids.payment_id(ref.key)


def _folded(events: list[LoggedEvent]) -> Facts:
    facts = Facts()
    fold(facts, sorted(events, key=_position))
    return facts


def _position(event: LoggedEvent) -> int:
    return event.position


def aggregate_events(
    ledger: Ledger, originator_ids: Collection[UUID], upto: int
) -> list[LoggedEvent]:
    """The events of `originator_ids` at positions up to `upto`, in log order, decoded by the
    ledger's own mapper."""
    if not originator_ids:
        return []
    return [mapped(ledger, row) for row in _rows(ledger, list(originator_ids), upto)]


def _rows(ledger: Ledger, originator_ids: list[UUID], upto: int) -> list[StoredRow]:
    recorder = ledger.recorder
    if isinstance(recorder, SQLiteApplicationRecorder):
        marks = ", ".join("?" * len(originator_ids))
        stored: list[Any] = [
            oid.hex if recorder.datastore.originator_id_type == "uuid" else str(oid)
            for oid in originator_ids
        ]
        with recorder.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT rowid, originator_id, originator_version, topic, state "
                f"FROM {recorder.events_table_name} WHERE originator_id IN ({marks}) "
                "AND rowid <= ? ORDER BY rowid",
                [*stored, upto],
            )
            return [tuple(r) for r in c.fetchall()]
    if isinstance(recorder, PostgresApplicationRecorder):
        statement = SQL(
            "SELECT notification_id, originator_id, originator_version, topic, state "
            "FROM {schema}.{table} WHERE originator_id = ANY(%s) AND notification_id <= %s "
            "ORDER BY notification_id"
        ).format(
            schema=Identifier(recorder.datastore.schema),
            table=Identifier(recorder.events_table_name),
        )
        with (
            recorder.datastore.get_connection() as conn,
            conn.cursor(row_factory=tuple_row) as cur,
        ):
            cur.execute(statement, [originator_ids, upto])
            return cast(list[StoredRow], cur.fetchall())
    wanted = set(originator_ids)
    return [
        (n.id, n.originator_id, n.originator_version, n.topic, n.state)
        for n in _all_notifications(ledger, upto)
        if n.originator_id in wanted
    ]


def _all_notifications(ledger: Ledger, upto: int) -> list[Any]:
    found: list[Any] = []
    while page := ledger.recorder.select_notifications(
        found[-1].id + 1 if found else 1, 10_000, stop=upto
    ):
        found.extend(page)
    return found


def last_position(ledger: Ledger, upto: int | None) -> int:
    """The position of the last event at or before `upto` (the last of all when None)."""
    head = ledger.recorder.max_notification_id() or 0
    if upto is None or upto >= head:
        return head
    page = ledger.recorder.select_notifications(upto, 1, stop=upto)
    if page:
        return int(page[0].id)
    earlier = [n.id for n in _all_notifications(ledger, upto)]
    return max(earlier, default=0)

"""Recording an operation's settlement: the ledger events of QuickBooks' answer, the
operation's new status and the run's log entry, all in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from adapters.services.sync.settings import SyncSettings
from adapters.services.sync.settlement import (
    UNREACHABLE,
    Imported,
    LedgerFact,
    Linked,
    Outcome,
    Settlement,
)
from adapters.storage.ledger.application import SYSTEM_ACTOR, Ledger, acting_as, load_record
from adapters.storage.ledger.customer_links import link_customer
from adapters.storage.ledger.unit_of_work import UnitOfWork
from adapters.storage.outbox.operations import OutboxRow, Phase, Status
from adapters.storage.outbox.outbox import Outbox
from adapters.storage.outbox.statements import OutboxChange
from domain import ids
from domain.credit_source import CreditSource
from domain.customer import Customer
from domain.errors import DomainError

Clock = Callable[[], float]
_RETRIES = (Outcome.BACKOFF, Outcome.RETRY)


class Recorder:
    def __init__(self, ledger: Ledger, outbox: Outbox, settings: SyncSettings, now: Clock) -> None:
        self.ledger, self.outbox, self.settings, self.now = ledger, outbox, settings, now

    def record(self, row: OutboxRow, settlement: Settlement, request: str, code: int) -> Outcome:
        for _attempt in range(5):
            try:
                return self._record_once(row, settlement, request, code)
            except IntegrityError:
                continue  # another writer changed the same aggregate: reload and retry
        return self._record_once(row, settlement, request, code)

    def _record_once(
        self, row: OutboxRow, settlement: Settlement, request: str, code: int
    ) -> Outcome:
        try:
            aggregates = _apply_facts(UnitOfWork(self.ledger), settlement.facts)
        except DomainError as error:
            message = (
                f"QuickBooks answered {row.key}, but the ledger refused to record it: "
                f"{error}; reconcile this record in QuickBooks by hand"
            )
            settlement, aggregates = Settlement(Outcome.PARKED, message), []
        outcome, change = self._change(row, settlement)
        change.extend(
            self.outbox.logged(
                row.run_id, row.key, request, code, outcome.value, settlement.message, self.now()
            )
        )
        with acting_as(SYSTEM_ACTOR):  # QuickBooks' answers: qbsync records them itself
            self.ledger.save(*aggregates, outbox=change)
        return outcome

    def _change(self, row: OutboxRow, s: Settlement) -> tuple[Outcome, OutboxChange]:
        now, settle, outcome = self.now(), self.outbox.settle, s.outcome
        if outcome in _RETRIES and row.attempts >= self.settings.max_attempts:
            outcome = Outcome.PARKED
            s = Settlement(
                outcome,
                f"{s.message}; gave up after {row.attempts} attempts: check "
                f"the record in QuickBooks (close it if it is open), then retry {row.key}",
            )
        if outcome in (Outcome.DONE, Outcome.ADOPTED, Outcome.DROPPED):
            return outcome, settle(row, Status.DONE, row.phase, error=s.message, at=now)
        if outcome is Outcome.PARKED:
            return outcome, settle(row, Status.PARKED, row.phase, error=s.message, at=now)
        if outcome is Outcome.NOT_FOUND:
            return outcome, settle(
                row,
                Status.PENDING,
                Phase.ACT,
                at=now,
                next_attempt_at=now,
                hint=s.hint,
                count_attempt=False,
            )
        if outcome is Outcome.UNREACHABLE:  # not the record's fault: never counted or parked
            again = row.last_error.startswith(UNREACHABLE)  # the first time, check at once
            due = now + (self.settings.backoff(row.attempts) if again else 0.0)
            return outcome, settle(
                row,
                Status.PENDING,
                Phase.PROBE,
                error=s.message,
                at=now,
                next_attempt_at=due,
                count_attempt=False,
            )
        if outcome is Outcome.BACKOFF:
            due = now + self.settings.backoff(row.attempts)
            return outcome, settle(
                row, Status.PENDING, row.phase, error=s.message, at=now, next_attempt_at=due
            )
        phase = Phase.PROBE if outcome is Outcome.RETRY else row.phase
        return outcome, settle(
            row,
            Status.PENDING,
            phase,
            error=s.message,
            at=now,
            next_attempt_at=now,
            count_attempt=outcome is Outcome.RETRY,
        )

    def release(
        self, rows: list[OutboxRow], reason: str, request: str = "", *, counts: bool = False
    ) -> None:
        """The outcome of `rows` is unknown: check QuickBooks before anything is resent. Only
        a refusal of the whole message (`counts`) is an attempt; a lost connection is not."""
        settlement = Settlement(Outcome.RETRY if counts else Outcome.UNREACHABLE, reason)
        for row in rows:
            self.record(row, settlement, request, -1)


def _apply_facts(unit: UnitOfWork, facts: tuple[LedgerFact, ...]) -> list[Aggregate]:
    touched: dict[object, Aggregate] = {}
    for fact in facts:
        if isinstance(fact, Linked):
            customer = unit.get(Customer, ids.customer_id(fact.code), "customer", fact.code)
            changed = link_customer(
                unit, customer, fact.list_id, fact.edit_sequence, fact.full_name
            )
            touched.update((aggregate.id, aggregate) for aggregate in changed)
            continue
        record = load_record(unit, fact.kind, fact.key)
        if isinstance(fact, Imported):
            record.record_imported(fact.txn_id, fact.edit_sequence)
        elif isinstance(record, CreditSource):
            record.record_applied_in_quickbooks(fact.invoice, fact.edit_sequence)
        touched[record.id] = record
    return list(touched.values())

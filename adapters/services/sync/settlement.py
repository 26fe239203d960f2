"""What QuickBooks' answer to one operation means: done, found earlier copy, not there,
retry, back off, or park for a person; and the ledger facts it establishes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from adapters.quickbooks.qbxml.responses import QbResponse
from adapters.quickbooks.qbxml.rets import QbRet
from adapters.services.sync.requests import marker
from adapters.storage.ledger.application import Ledger
from adapters.storage.outbox.operations import OpKind, OutboxRow, Phase
from domain.kinds import record_kind_named

NAME_IN_USE, INVALID_REFERENCE, STALE, NOT_PROCESSED = 3100, 3140, 3200, 3231
LOCKS = frozenset({3170, 3175, 3176, 3180})
NOT_FOUND_CODES = frozenset({1, 500})


UNREACHABLE = "QuickBooks could not be reached"


class Outcome(StrEnum):
    DONE = "done"
    ADOPTED = "adopted earlier copy"
    NOT_FOUND = "not in QuickBooks yet"
    RETRY = "retry after re-query"
    BACKOFF = "locked, retry later"
    REQUEUED = "not processed, requeued"
    DROPPED = "dropped: no longer wanted"
    PARKED = "parked"
    UNREACHABLE = "QuickBooks could not be reached, retry later"


@dataclass(frozen=True)
class Imported:
    kind: str
    key: str
    txn_id: str
    edit_sequence: str


@dataclass(frozen=True)
class Applied:
    kind: str
    key: str
    invoice: str
    edit_sequence: str


@dataclass(frozen=True)
class Linked:
    code: str
    list_id: str
    edit_sequence: str
    full_name: str


LedgerFact = Imported | Applied | Linked


@dataclass(frozen=True)
class Settlement:
    outcome: Outcome
    message: str = ""
    facts: tuple[LedgerFact, ...] = ()
    hint: str = ""


def settle(ledger: Ledger, row: OutboxRow, response: QbResponse | None) -> Settlement:
    if response is None:
        return Settlement(Outcome.RETRY, "QuickBooks' answer did not include this request")
    code, text = response.status_code, response.status_message
    if row.phase is Phase.PROBE and (response.ok or code in NOT_FOUND_CODES):
        return _probed(ledger, row, list(response.rets))
    if response.ok:
        assert response.ret is not None
        return Settlement(Outcome.DONE, text, _facts(ledger, row, response.ret))
    if code == STALE:
        return Settlement(Outcome.RETRY, f"{code}: {text}")
    if code in LOCKS:
        return Settlement(Outcome.BACKOFF, f"{code}: {text}")
    if code == NOT_PROCESSED:
        return Settlement(Outcome.REQUEUED, f"{code}: {text}")
    return Settlement(Outcome.PARKED, _park_message(ledger, row, code, text))


def _probed(ledger: Ledger, row: OutboxRow, rets: list[QbRet]) -> Settlement:
    found = [ret for ret in rets if _is_ours(ledger, row, ret)]
    if not found:
        hint = rets[0].edit_sequence or "" if row.kind is OpKind.PAYMENT_APPLY and rets else ""
        return Settlement(Outcome.NOT_FOUND, "QuickBooks has no copy yet: sending", hint=hint)
    return Settlement(Outcome.ADOPTED, "QuickBooks already held it", _facts(ledger, row, found[0]))


def _is_ours(ledger: Ledger, row: OutboxRow, ret: QbRet) -> bool:
    if row.kind is OpKind.CUSTOMER_ADD:
        return ret.list_id is not None
    customer = ledger.customer(row.customer).qb_list_id
    if ret.customer is None or ret.customer.list_id != customer:
        return False
    if row.kind is OpKind.CREDIT_APPLY:
        return ret.memo == marker(row)
    if row.kind is OpKind.PAYMENT_APPLY:
        return set(_invoice_txn_ids(ledger, row)) <= {a.txn_id for a in ret.applied_to}
    return True


def _facts(ledger: Ledger, row: OutboxRow, ret: QbRet) -> tuple[LedgerFact, ...]:
    es = ret.edit_sequence or ""
    if row.kind is OpKind.CUSTOMER_ADD:
        return (Linked(row.txn_key, ret.list_id or "", es, ret.full_name or ret.name or ""),)
    kind = record_kind_named(row.txn_kind).name
    if row.kind is OpKind.INVOICE_ADD:
        return (Imported("invoice", row.txn_key, ret.txn_id or "", es),)
    if row.kind is OpKind.CREDIT_MEMO_ADD:
        return (Imported(kind, row.txn_key, ret.txn_id or "", es),)
    applied = tuple(Applied(kind, row.txn_key, inv, es) for inv in row.invoices)
    if row.kind is OpKind.PAYMENT_ADD:
        held = {a.txn_id for a in ret.applied_to}
        applied = tuple(a for a in applied if ledger.invoice(a.invoice).qb_txn_id in held)
        return (Imported(kind, row.txn_key, ret.txn_id or "", es), *applied)
    if row.kind is OpKind.CREDIT_APPLY:
        return tuple(Applied(kind, row.txn_key, inv, "") for inv in row.invoices)
    return applied


def _invoice_txn_ids(ledger: Ledger, row: OutboxRow) -> list[str | None]:
    return [ledger.invoice(inv).qb_txn_id for inv in row.invoices]


def _park_message(ledger: Ledger, row: OutboxRow, code: int, text: str) -> str:
    said = f"QuickBooks refused {row.key} ({code}: {text})"
    if code == NAME_IN_USE and row.kind is OpKind.CUSTOMER_ADD:
        customer = ledger.customer(row.txn_key)
        return (
            f"{said}: the name {customer.name_for_quickbooks!r} is already used by a vendor, "
            f"employee or other name in QuickBooks; set a QB Name for customer "
            f"{customer.code} ({customer.name}), then retry {row.key}"
        )
    if code == INVALID_REFERENCE:
        return (
            f"{said}: QuickBooks lacks a record it refers to (customer, item, payment "
            f"method); add it in QuickBooks or fix the record, then retry {row.key}"
        )
    return f"{said}: fix the record, then retry {row.key}"

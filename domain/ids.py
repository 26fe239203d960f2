"""Deterministic aggregate IDs from business keys, so a duplicate key is a duplicate ID."""

from __future__ import annotations

from uuid import UUID, uuid5

_NAMESPACE = UUID("6f1c2b8e-4d0a-5c7e-9b3f-2a1d8e7c6b50")


def _key_id(kind: str, key: str) -> UUID:
    return uuid5(_NAMESPACE, f"{kind}:{key}")


def customer_id(code: str) -> UUID:
    return _key_id("customer", code)


def invoice_id(number: str) -> UUID:
    return _key_id("invoice", number)


def payment_id(reference: str) -> UUID:
    return _key_id("payment", reference)


def credit_memo_id(number: str) -> UUID:
    return _key_id("credit-memo", number)


def manual_action_id(subject: str, action: str, occurrence: int = 1) -> UUID:
    return _key_id("manual-action", f"{subject}:{action}:{occurrence}")


def company_id() -> UUID:
    return _key_id("company", "settings")


def list_entry_id(list_kind: str, list_id: str) -> UUID:
    return _key_id(f"qb-{list_kind}", list_id)


def customer_link_id(list_id: str) -> UUID:
    """The index entry that says which ledger customer holds a QuickBooks ListID."""
    return _key_id("customer-link", list_id)


def import_run_id(run_id: str) -> UUID:
    return _key_id("import-run", run_id)

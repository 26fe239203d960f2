"""Sync selections as people and integrations name them: `invoice`, `payment` (both kinds),
`job-payment`, `account-payment`, `credit-memo`, and `kind:key` for one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from adapters.sync.selection import Selection
from domain.errors import InvalidInput
from projections.readiness.facts import TxnKind, TxnRef

TYPE_NAMES: dict[str, tuple[TxnKind, ...]] = {
    "invoice": (TxnKind.INVOICE,),
    "payment": (TxnKind.JOB_PAYMENT, TxnKind.ACCOUNT_PAYMENT),
    "job-payment": (TxnKind.JOB_PAYMENT,),
    "account-payment": (TxnKind.ACCOUNT_PAYMENT,),
    "credit-memo": (TxnKind.CREDIT_MEMO,),
}


def kinds_named(name: str) -> tuple[TxnKind, ...]:
    found = TYPE_NAMES.get(name.strip().lower().replace(" ", "-").replace("_", "-"))
    if found is None:
        raise InvalidInput(f"unknown transaction type {name!r}: use one of {', '.join(TYPE_NAMES)}")
    return found


def selection_of(types: Iterable[str], transactions: Mapping[str, Iterable[str]]) -> Selection:
    """Every named type, and within a type with listed keys only those keys."""
    kinds = tuple(kind for name in types for kind in kinds_named(name))
    refs = [
        TxnRef(kind, key)
        for name, keys in transactions.items()
        for kind in kinds_named(name)
        for key in keys
    ]
    return Selection.of(*refs, kinds=kinds)


def parse_only(items: Iterable[str]) -> dict[str, list[str]]:
    """`invoice:1234567-1` items grouped by type name."""
    grouped: dict[str, list[str]] = {}
    for item in items:
        name, sep, key = item.partition(":")
        if not sep or not key.strip():
            raise InvalidInput(f"{item!r} should read TYPE:KEY, e.g. invoice:1234567-1")
        grouped.setdefault(name, []).append(key.strip())
    return grouped

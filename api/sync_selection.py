"""Sync selections as people and integrations name them: `invoice`, `payment` (both kinds),
`job-payment`, `account-payment`, `credit-memo`, and `kind:key` for one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from adapters.storage.ledger.application import Ledger
from adapters.storage.outbox.selection import Selection
from domain.errors import InvalidInput, RecordNotFound
from domain.kinds import SPELLINGS, kinds_named
from projections.readiness.facts import TxnRef

TYPE_NAMES = SPELLINGS


def selection_of(
    types: Iterable[str], transactions: Mapping[str, Iterable[str]], ledger: Ledger
) -> Selection:
    """Every named type, and within a type with listed keys only those keys; a key the
    ledger does not hold is refused (a typo must not run an empty or a wrong sync)."""
    kinds = tuple(kind for name in types for kind in kinds_named(name))
    refs = [
        TxnRef(kind, key)
        for name, keys in transactions.items()
        for kind in kinds_named(name)
        for key in keys
    ]
    missing = sorted(
        {f"{ref.kind.record.spelling}:{ref.key}" for ref in refs if not _held(ledger, ref)}
    )
    if missing:
        raise UnknownTransactions(missing)
    return Selection.of(*refs, kinds=kinds)


def _held(ledger: Ledger, ref: TxnRef) -> bool:
    return ref.kind.record.id_of(ref.key) in ledger.repository


class UnknownTransactions(RecordNotFound):
    def __init__(self, missing: list[str]) -> None:
        super().__init__(
            f"the selection names transactions the ledger does not hold: {', '.join(missing)}; "
            "check the numbers and references (nothing was started)"
        )
        self.missing = missing


def parse_only(items: Iterable[str]) -> dict[str, list[str]]:
    """`invoice:1234567-1` items grouped by type name."""
    grouped: dict[str, list[str]] = {}
    for item in items:
        name, sep, key = item.partition(":")
        if not sep or not key.strip():
            raise InvalidInput(f"{item!r} should read TYPE:KEY, e.g. invoice:1234567-1")
        grouped.setdefault(name, []).append(key.strip())
    return grouped

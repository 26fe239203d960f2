"""The company's tables: dicts that remember which keys changed since the last save, so the
company file writes only those rows; transaction tables also index their RefNumbers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, TypeVar


class _HasRefNumber(Protocol):
    ref_number: str | None


Value = TypeVar("Value")
Txn = TypeVar("Txn", bound=_HasRefNumber)


class TrackedTable(dict[str, Value]):
    """A dict whose `changed` keys are the ones set, deleted or `mark`ed since `forget_changes`.

    Records are changed in place too (a void, a payment mod): whoever does so marks the key
    (Company.touch does, as every QuickBooks change gives the record a new EditSequence)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.changed: set[str] = set()

    def __setitem__(self, key: str, value: Value) -> None:
        super().__setitem__(key, value)
        self.mark(key)

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self.mark(key)

    def pop(self, key: str, *default: Any) -> Any:
        value = super().pop(key, *default)
        self.mark(key)
        return value

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def clear(self) -> None:
        self.changed.update(self)
        super().clear()

    def popitem(self) -> tuple[str, Value]:
        key, value = super().popitem()
        self.mark(key)
        return key, value

    def mark(self, key: str) -> None:
        self.changed.add(key)

    def forget_changes(self) -> None:
        self.changed.clear()

    def reindex(self) -> None:
        """Rebuild what is derived from the contents (after filling the dict directly)."""


class TxnTable(TrackedTable[Txn]):
    """Also finds transactions by RefNumber (case-insensitively, as QuickBooks does) through
    an index kept on every change, instead of scanning the whole table."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._by_ref: dict[str, set[str]] = {}
        self._ref_of: dict[str, str] = {}
        super().__init__(*args, **kwargs)
        self.reindex()

    def reindex(self) -> None:
        self._by_ref.clear()
        self._ref_of.clear()
        for key in self:
            self._index(key)

    def mark(self, key: str) -> None:
        super().mark(key)
        self._index(key)

    def with_ref_numbers(self, refs: Iterable[str]) -> list[Txn]:
        """The transactions whose RefNumber equals one of `refs`, ignoring case."""
        keys = set().union(*(self._by_ref.get(ref.casefold(), ()) for ref in refs))
        return [self[key] for key in keys]

    def _index(self, key: str) -> None:
        old = self._ref_of.pop(key, None)
        if old is not None:
            self._by_ref[old].discard(key)
            if not self._by_ref[old]:
                del self._by_ref[old]
        record = self.get(key)
        if record is not None and record.ref_number:
            ref = record.ref_number.casefold()
            self._ref_of[key] = ref
            self._by_ref.setdefault(ref, set()).add(key)

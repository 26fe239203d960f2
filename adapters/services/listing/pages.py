"""Keyset pagination: rows in a stable order, and a cursor naming the last row a page showed.

A cursor stays valid while rows are added: the next page starts after the row it names,
wherever that row now sits."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from domain.errors import InvalidInput

T = TypeVar("T")
SortKey = tuple[str | int, ...]

DEFAULT_LIMIT, MAX_LIMIT = 50, 500


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str  # empty on the last page
    total: int  # rows matching the filters, on every page


def page_of(
    rows: Sequence[T],
    key: Callable[[T], SortKey],
    after: str = "",
    limit: int = DEFAULT_LIMIT,
    descending: bool = False,
) -> Page[T]:
    """The `limit` rows following the cursor `after`, ordered by `key` (unique per row)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit {limit} is out of bounds: ask for 1 to {MAX_LIMIT} rows")
    ordered = sorted(rows, key=key, reverse=descending)
    start = 0
    if after:
        mark = decode_cursor(after)
        start = next(
            (i for i, row in enumerate(ordered) if _beyond(list(key(row)), mark, descending)),
            len(ordered),
        )
    items = ordered[start : start + limit]
    more = start + limit < len(ordered)
    return Page(items, encode_cursor(key(items[-1])) if more and items else "", len(ordered))


def _beyond(value: list[str | int], mark: list[str | int], descending: bool) -> bool:
    return value < mark if descending else value > mark


def encode_cursor(key: SortKey) -> str:
    text = json.dumps(list(key), separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[str | int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        value = None
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise InvalidInput(
            f"cursor {cursor!r} is not one this list gave out: ask for the first page "
            "again without it"
        )
    return value

"""Records to JSON-ready values and back, driven by the dataclasses' type hints.

Only what QuickBooks stores is encoded (fields marked `persist: False` are derived). Decoders
are built once per type, so loading a large company does not re-read type hints per record.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from adapters.quickbooks.simulator.balances import recompute
from adapters.quickbooks.simulator.company import Company

JSON_FORMAT_VERSION = 1
Decoder = Callable[[Any], Any]


def persisted_fields(cls: type[Any]) -> list[dataclasses.Field[Any]]:
    return [f for f in dataclasses.fields(cls) if f.metadata.get("persist", True)]


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in persisted_fields(type(value))}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    return value


def _same(raw: Any) -> Any:
    return raw


@functools.cache
def decoder(hint: Any) -> Decoder:
    """How to turn the JSON-ready value of a field typed `hint` back into its Python value."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        decode_inner = decoder(inner)
        return lambda raw: None if raw is None else decode_inner(raw)
    if origin is list:
        decode_item = decoder(typing.get_args(hint)[0])
        return lambda raw: [decode_item(item) for item in raw]
    if isinstance(origin, type) and issubclass(origin, dict):
        decode_value = decoder(typing.get_args(hint)[-1])
        return lambda raw: origin({key: decode_value(item) for key, item in raw.items()})
    if dataclasses.is_dataclass(hint):
        return _dataclass_decoder(typing.cast(type[Any], hint))
    if hint is Decimal:
        return Decimal
    if hint is datetime:
        return datetime.fromisoformat
    if hint is date:
        return date.fromisoformat
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    return _same


def _dataclass_decoder(cls: type[Any]) -> Decoder:
    hints = typing.get_type_hints(cls)
    converted = [(f.name, decoder(hints[f.name])) for f in persisted_fields(cls)]
    plain = [name for name, decode_field in converted if decode_field is _same]
    converted = [(name, decode_field) for name, decode_field in converted if name not in plain]

    def decode(raw: dict[str, Any]) -> Any:
        values = {name: raw[name] for name in plain}
        for name, decode_field in converted:
            values[name] = decode_field(raw[name])
        return cls(**values)

    return decode


def _decode_company(raw: dict[str, Any]) -> Company:
    company: Company = decoder(Company)(raw)
    company.rebuild_names()
    recompute(company)
    company.forget_changes()
    return company


def company_to_json(company: Company) -> str:
    """The whole company as one JSON document (the simulator's file format before SQLite)."""
    document = {"format": JSON_FORMAT_VERSION, "company": encode(company)}
    return json.dumps(document, indent=1, sort_keys=False)


def company_from_json(text: str) -> Company:
    document = json.loads(text)
    if document.get("format") != JSON_FORMAT_VERSION:
        raise ValueError(f"unsupported simulator company format {document.get('format')!r}")
    return _decode_company(document["company"])

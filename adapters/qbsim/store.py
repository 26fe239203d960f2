"""Saving and loading a whole company as JSON (written atomically: temp file + os.replace).

Only what QuickBooks stores is saved; balances are recomputed from the transactions on load.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from adapters.qbsim.company import Company
from adapters.qbsim.ledger import recompute

FORMAT_VERSION = 1


def _persisted_fields(cls: type[Any]) -> list[dataclasses.Field[Any]]:
    return [f for f in dataclasses.fields(cls) if f.metadata.get("persist", True)]


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in _persisted_fields(type(value))}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    return value


def _decode(hint: Any, raw: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        if raw is None:
            return None
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _decode(inner, raw)
    if origin is list:
        (inner,) = typing.get_args(hint)
        return [_decode(inner, item) for item in raw]
    if origin is dict:
        _, inner = typing.get_args(hint)
        return {key: _decode(inner, item) for key, item in raw.items()}
    if dataclasses.is_dataclass(hint):
        return _decode_dataclass(hint, raw)
    if hint is Decimal:
        return Decimal(raw)
    if hint is datetime:
        return datetime.fromisoformat(raw)
    if hint is date:
        return date.fromisoformat(raw)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(raw)
    return raw


def _decode_dataclass(cls: Any, raw: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    values = {f.name: _decode(hints[f.name], raw[f.name]) for f in _persisted_fields(cls)}
    return cls(**values)


def company_to_json(company: Company) -> str:
    document = {"format": FORMAT_VERSION, "company": _encode(company)}
    return json.dumps(document, indent=1, sort_keys=False)


def company_from_json(text: str) -> Company:
    document = json.loads(text)
    if document.get("format") != FORMAT_VERSION:
        raise ValueError(f"unsupported simulator company format {document.get('format')!r}")
    company: Company = _decode_dataclass(Company, document["company"])
    company.rebuild_names()
    recompute(company)
    return company


def save_company(company: Company, path: Path | str) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as temp:
            temp.write(company_to_json(company))
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def load_company(path: Path | str) -> Company:
    return company_from_json(Path(path).read_text(encoding="utf-8"))

"""What a sync run may send: groups of transaction types, and individual transactions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from domain.kinds import TxnKind
from projections.readiness.facts import TxnRef


@dataclass(frozen=True)
class Selection:
    """Empty `kinds` means every kind; a kind with entries in `keys` means only those."""

    kinds: frozenset[TxnKind] = frozenset()
    keys: dict[TxnKind, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def everything(cls) -> Selection:
        return cls()

    @classmethod
    def of(cls, *refs: TxnRef, kinds: tuple[TxnKind, ...] = ()) -> Selection:
        keys: dict[TxnKind, set[str]] = {}
        for ref in refs:
            keys.setdefault(ref.kind, set()).add(ref.key)
        chosen = frozenset(kinds) | frozenset(keys)
        return cls(chosen, {kind: frozenset(found) for kind, found in keys.items()})

    def selects(self, ref: TxnRef) -> bool:
        if self.kinds and ref.kind not in self.kinds:
            return False
        only = self.keys.get(ref.kind)
        return not only or ref.key in only

    def to_json(self) -> str:
        return json.dumps(
            {
                "kinds": sorted(k.value for k in self.kinds),
                "keys": {k.value: sorted(v) for k, v in sorted(self.keys.items())},
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Selection:
        data = json.loads(text)
        return cls(
            frozenset(TxnKind(k) for k in data.get("kinds", [])),
            {TxnKind(k): frozenset(v) for k, v in data.get("keys", {}).items()},
        )

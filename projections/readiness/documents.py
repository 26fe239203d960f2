"""Facts as compact JSON-ready documents (arrays, not dicts), one per transaction, and back.

A citation inside a transaction's document names an event of that transaction's own
aggregate (all its facts come from there), so it is stored as `[position, version, event]`
and its originator id is the document's; any other is stored in full.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.kinds import TxnKind
from domain.policy import PolicyLevel
from projections.readiness.facts import (
    Amount,
    Imported,
    InvoiceFacts,
    PolicyChange,
    PolicyFacts,
    SourceFacts,
    TxnRef,
)
from projections.readiness.log import Citation

Document = Any
FORMAT = (
    4  # of the stored documents (and the jobs and moments indexes); a table in any other is rebuilt
)
_KINDS = {kind.value: kind for kind in TxnKind}
_KIND_VALUES = {kind: kind.value for kind in TxnKind}  # (`.value` is a Python call)


def _cite(c: Citation | None, oid: str) -> list[Any] | None:
    if c is None:
        return None
    if c.originator_id == oid:
        return [c.position, c.version, c.event]
    return [c.position, c.originator_id, c.version, c.event]


def _uncite(data: list[Any] | None, oid: str) -> Citation | None:
    return None if data is None else _citation(data, oid)


def _citation(data: list[Any], oid: str) -> Citation:
    if len(data) == 3:
        return Citation(data[0], oid, data[1], data[2])
    return Citation.from_list(data)


def _amounts(amounts: dict[str, Amount], oid: str) -> Document:
    if not amounts:
        return {}
    return {k: [str(a.value), _cite(a.cited, oid)] for k, a in amounts.items()}


def _unamounts(data: dict[str, Any], oid: str) -> dict[str, Amount]:
    return {k: Amount(Decimal(v), _citation(c, oid)) for k, (v, c) in data.items()}


def _imported(i: Imported | None, oid: str) -> list[Any] | None:
    return None if i is None else [i.txn_id, _cite(i.cited, oid)]


def _unimported(data: list[Any] | None, oid: str) -> Imported | None:
    return None if data is None else Imported(data[0], _citation(data[1], oid))


def invoice_document(i: InvoiceFacts) -> Document:
    oid = i.originator_id
    return [
        i.number, i.job_id, i.customer, oid, str(i.total), _cite(i.total_cited, oid),
        _cite(i.finalized, oid), _cite(i.voided, oid), _amounts(i.applications, oid),
        [[str(w.value), _cite(w.cited, oid)] for w in i.write_offs] if i.write_offs else [],
        _imported(i.imported, oid),
    ]  # fmt: skip


def invoice_from(d: Document) -> InvoiceFacts:
    number, job_id, customer, oid, amount, cited, finalized, voided, apps, offs, imported = d
    return InvoiceFacts(
        number, job_id, customer, oid, Decimal(amount), _citation(cited, oid),
        _uncite(finalized, oid), _uncite(voided, oid), _unamounts(apps, oid),
        [Amount(Decimal(v), _citation(c, oid)) for v, c in offs], _unimported(imported, oid),
    )  # fmt: skip


def source_document(s: SourceFacts) -> Document:
    oid = s.originator_id
    return [
        _KIND_VALUES[s.ref.kind], s.ref.key, s.token, s.customer, oid, str(s.amount),
        _cite(s.created, oid), _cite(s.finished, oid), _cite(s.voided, oid),
        _amounts(s.applications, oid),
        {k: _cite(c, oid) for k, c in s.applied_in_qb.items()} if s.applied_in_qb else {},
        _imported(s.imported, oid),
    ]  # fmt: skip


def source_from(d: Document) -> SourceFacts:
    kind, key, token, customer, oid, amount, created, finished, voided, apps, in_qb, imp = d
    return SourceFacts(
        TxnRef(_KINDS[kind], key), token, customer, oid, Decimal(amount),
        _citation(created, oid), _uncite(finished, oid), _uncite(voided, oid),
        _unamounts(apps, oid), {k: _citation(c, oid) for k, c in in_qb.items()},
        _unimported(imp, oid),
    )  # fmt: skip


def policy_document(p: PolicyFacts) -> Document:
    history = [
        [c.from_level.value, c.to_level.value, c.changed_by, c.at.isoformat(), c.cited.to_list()]
        for c in p.history
    ]
    cited = None if p.cited is None else p.cited.to_list()
    return {"format": FORMAT, "level": p.level.value, "cited": cited, "history": history}


def is_current(policy: Document) -> bool:
    """Whether a stored policy document is in this module's format."""
    return isinstance(policy, dict) and policy.get("format") == FORMAT


def policy_from(d: Document) -> PolicyFacts:
    history = [
        PolicyChange(
            PolicyLevel(f), PolicyLevel(t), by, datetime.fromisoformat(at), Citation.from_list(c)
        )
        for f, t, by, at, c in d["history"]
    ]
    cited = None if d["cited"] is None else Citation.from_list(d["cited"])
    return PolicyFacts(PolicyLevel(d["level"]), cited, history)

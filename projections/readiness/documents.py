"""Facts and verdicts as JSON-ready documents, one per transaction, and back."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.policy import PolicyLevel
from projections.readiness.facts import (
    Amount,
    Imported,
    InvoiceFacts,
    PolicyChange,
    PolicyFacts,
    SourceFacts,
    TxnKind,
    TxnRef,
)
from projections.readiness.log import Citation
from projections.readiness.rules import Condition
from projections.readiness.verdicts import State, TxnReadiness, Verdict

Document = dict[str, Any]


def _cite(c: Citation | None) -> list[Any] | None:
    return None if c is None else [c.position, c.originator_id, c.version, c.event]


def _uncite(data: list[Any] | None) -> Citation | None:
    return None if data is None else Citation.from_list(data)


def _amounts(amounts: dict[str, Amount]) -> Document:
    return {k: [str(a.value), _cite(a.cited)] for k, a in amounts.items()}


def _unamounts(data: Document) -> dict[str, Amount]:
    return {k: Amount(Decimal(v), Citation.from_list(c)) for k, (v, c) in data.items()}


def _imported(i: Imported | None) -> list[Any] | None:
    return None if i is None else [i.txn_id, _cite(i.cited)]


def _unimported(data: list[Any] | None) -> Imported | None:
    return None if data is None else Imported(data[0], Citation.from_list(data[1]))


def invoice_document(i: InvoiceFacts) -> Document:
    return {
        "number": i.number, "job_id": i.job_id, "customer": i.customer,
        "originator_id": i.originator_id, "total": str(i.total),
        "total_cited": _cite(i.total_cited),
        "finalized": _cite(i.finalized), "voided": _cite(i.voided),
        "applications": _amounts(i.applications),
        "write_offs": [[str(w.value), _cite(w.cited)] for w in i.write_offs],
        "imported": _imported(i.imported),
    }  # fmt: skip


def invoice_from(d: Document) -> InvoiceFacts:
    return InvoiceFacts(
        d["number"], d["job_id"], d["customer"], d["originator_id"], Decimal(d["total"]),
        Citation.from_list(d["total_cited"]), _uncite(d["finalized"]), _uncite(d["voided"]),
        _unamounts(d["applications"]),
        [Amount(Decimal(v), Citation.from_list(c)) for v, c in d["write_offs"]],
        _unimported(d["imported"]),
    )  # fmt: skip


def source_document(s: SourceFacts) -> Document:
    return {
        "kind": s.ref.kind, "key": s.ref.key, "token": s.token, "customer": s.customer,
        "originator_id": s.originator_id, "amount": str(s.amount), "created": _cite(s.created),
        "finished": _cite(s.finished), "voided": _cite(s.voided),
        "applications": _amounts(s.applications),
        "applied_in_qb": {k: _cite(c) for k, c in s.applied_in_qb.items()},
        "imported": _imported(s.imported),
    }  # fmt: skip


def source_from(d: Document) -> SourceFacts:
    return SourceFacts(
        TxnRef(TxnKind(d["kind"]), d["key"]), d["token"], d["customer"], d["originator_id"],
        Decimal(d["amount"]), Citation.from_list(d["created"]), _uncite(d["finished"]),
        _uncite(d["voided"]), _unamounts(d["applications"]),
        {k: Citation.from_list(c) for k, c in d["applied_in_qb"].items()},
        _unimported(d["imported"]),
    )  # fmt: skip


def policy_document(p: PolicyFacts) -> Document:
    history = [
        [c.from_level.value, c.to_level.value, c.changed_by, c.at.isoformat(), c.cited.to_list()]
        for c in p.history
    ]
    return {"level": p.level.value, "cited": _cite(p.cited), "history": history}


def policy_from(d: Document) -> PolicyFacts:
    history = [
        PolicyChange(
            PolicyLevel(f), PolicyLevel(t), by, datetime.fromisoformat(at), Citation.from_list(c)
        )
        for f, t, by, at, c in d["history"]
    ]
    return PolicyFacts(PolicyLevel(d["level"]), _uncite(d["cited"]), history)


def verdict_document(v: Verdict) -> Document:
    """(Enum members are `str`s: in a document they stand for their values.)"""
    return {
        "state": v.state,
        "unmet": [[c.text, [_cite(x) for x in c.cited]] for c in v.unmet],
        "needs": [[r.kind, r.key] for r in v.needs],
        "cited": [_cite(c) for c in v.cited],
    }


def verdict_from(d: Document) -> Verdict:
    return Verdict(
        State(d["state"]),
        tuple(Condition(t, tuple(Citation.from_list(x) for x in c)) for t, c in d["unmet"]),
        tuple(TxnRef(TxnKind(k), key) for k, key in d["needs"]),
        tuple(Citation.from_list(c) for c in d["cited"]),
    )


def readiness_document(r: TxnReadiness) -> Document:
    return {
        "imports": _by_level(r.imports),
        "applications": {n: _by_level(by) for n, by in r.applications.items()},
    }


def _by_level(verdicts: dict[PolicyLevel, Verdict]) -> Document:
    """Each level's verdict document; a verdict shared by levels is made into one once."""
    documents: Document = {}
    last: Verdict | None = None
    document: Document = {}
    for level, verdict in verdicts.items():
        if verdict is not last:
            last, document = verdict, verdict_document(verdict)
        documents[level] = document
    return documents


def readiness_from(ref: TxnRef, d: Document) -> TxnReadiness:
    return TxnReadiness(
        ref,
        {PolicyLevel(lv): verdict_from(v) for lv, v in d["imports"].items()},
        {
            n: {PolicyLevel(lv): verdict_from(v) for lv, v in by.items()}
            for n, by in d["applications"].items()
        },
    )

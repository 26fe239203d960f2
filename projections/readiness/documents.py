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
    return None if c is None else c.to_list()


def _uncite(data: list[Any] | None) -> Citation | None:
    return None if data is None else Citation.from_list(data)


def _amounts(amounts: dict[str, Amount]) -> Document:
    return {k: [str(a.value), a.cited.to_list()] for k, a in amounts.items()}


def _unamounts(data: Document) -> dict[str, Amount]:
    return {k: Amount(Decimal(v), Citation.from_list(c)) for k, (v, c) in data.items()}


def _imported(i: Imported | None) -> list[Any] | None:
    return None if i is None else [i.txn_id, i.cited.to_list()]


def _unimported(data: list[Any] | None) -> Imported | None:
    return None if data is None else Imported(data[0], Citation.from_list(data[1]))


def invoice_document(i: InvoiceFacts) -> Document:
    return {
        "number": i.number, "job_id": i.job_id, "customer": i.customer,
        "originator_id": i.originator_id, "total": str(i.total),
        "total_cited": _cite(i.total_cited),
        "finalized": _cite(i.finalized), "voided": _cite(i.voided),
        "applications": _amounts(i.applications),
        "write_offs": [[str(w.value), w.cited.to_list()] for w in i.write_offs],
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
        "kind": s.ref.kind.value, "key": s.ref.key, "token": s.token, "customer": s.customer,
        "originator_id": s.originator_id, "amount": str(s.amount), "created": _cite(s.created),
        "finished": _cite(s.finished), "voided": _cite(s.voided),
        "applications": _amounts(s.applications),
        "applied_in_qb": {k: c.to_list() for k, c in s.applied_in_qb.items()},
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
    return {
        "state": v.state.value,
        "unmet": [[c.text, [x.to_list() for x in c.cited]] for c in v.unmet],
        "needs": [[r.kind.value, r.key] for r in v.needs],
        "cited": [c.to_list() for c in v.cited],
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
        "imports": {lv.value: verdict_document(v) for lv, v in r.imports.items()},
        "applications": {
            n: {lv.value: verdict_document(v) for lv, v in by.items()}
            for n, by in r.applications.items()
        },
    }


def readiness_from(ref: TxnRef, d: Document) -> TxnReadiness:
    return TxnReadiness(
        ref,
        {PolicyLevel(lv): verdict_from(v) for lv, v in d["imports"].items()},
        {
            n: {PolicyLevel(lv): verdict_from(v) for lv, v in by.items()}
            for n, by in d["applications"].items()
        },
    )

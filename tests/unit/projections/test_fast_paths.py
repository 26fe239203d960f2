"""The fold's shortcuts give exactly what the plain constructions give."""

from __future__ import annotations

from datetime import UTC, datetime

from projections.readiness.facts import TxnKind, TxnRef
from projections.readiness.log import Citation, LoggedEvent


def test_a_citation_is_the_one_the_dataclass_builds() -> None:
    event = LoggedEvent(7, "oid", 3, "domain.invoice:Invoice.Created", datetime.now(UTC), {})
    cited = event.cite()
    assert type(cited) is Citation
    assert cited == Citation(7, "oid", 3, "Invoice.Created")
    assert hash(cited) == hash(Citation(7, "oid", 3, "Invoice.Created"))
    assert str(cited) == "#7 Invoice.Created (oid v3)"


def test_kinds_hash_as_their_values() -> None:
    for kind in TxnKind:
        assert hash(kind) == hash(kind.value)
        assert {kind.value: 1}[kind] == 1
    refs = {TxnRef(TxnKind.INVOICE, "1"): "a", TxnRef(TxnKind.CREDIT_MEMO, "1"): "b"}
    assert refs[TxnRef(TxnKind.INVOICE, "1")] == "a"

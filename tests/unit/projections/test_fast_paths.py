"""The fold's shortcuts give exactly what the plain constructions give."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID, uuid4

import pytest

from adapters.storage.readiness.events import _uuid
from domain.kinds import TxnKind
from projections.readiness.facts import Facts, InvoiceFacts, SourceFacts, TxnRef
from projections.readiness.incremental import all_refs
from projections.readiness.log import Citation, LoggedEvent


def test_a_citation_is_the_one_its_constructor_builds() -> None:
    event = LoggedEvent(7, "oid", 3, "domain.invoice:Invoice.Created", datetime.now(UTC), {})
    cited = event.cite()
    assert type(cited) is Citation
    assert cited == Citation(7, "oid", 3, "Invoice.Created")
    assert hash(cited) == hash(Citation(7, "oid", 3, "Invoice.Created"))
    assert str(cited) == "#7 Invoice.Created (oid v3)"
    assert Citation.from_list(cited.to_list()) == cited
    first, second, third = (
        Citation(2, "z", 9, "y"),
        Citation(7, "a", 5, "z"),
        Citation(7, "b", 1, "x"),
    )
    assert sorted([third, first, second]) == [first, second, third]


def test_kinds_hash_as_their_values() -> None:
    for kind in TxnKind:
        assert hash(kind) == hash(kind.value)
        assert {kind.value: 1}[kind] == 1
    refs = {TxnRef(TxnKind.INVOICE, "1"): "a", TxnRef(TxnKind.CREDIT_MEMO, "1"): "b"}
    assert refs[TxnRef(TxnKind.INVOICE, "1")] == "a"


def test_every_ref_comes_in_ref_order() -> None:
    facts, cited = Facts(), Citation(1, "o", 1, "e")
    for number in ["9", "10", "1-2", "1-1"]:
        facts.add_invoice(InvoiceFacts(number, "j", "C", f"i{number}", Decimal(1), cited))
    for kind in TxnKind:
        for key in ["b", "a", "1-1"] if kind is not TxnKind.INVOICE else []:
            ref = TxnRef(kind, key)
            facts.add_source(SourceFacts(ref, f"{kind}:{key}", "C", ref.label, Decimal(1), cited))
    refs = [TxnRef.invoice(n) for n in facts.invoices] + list(facts.sources)
    assert all_refs(facts) == sorted(refs)
    assert all_refs(Facts()) == []


def test_a_stored_sqlite_id_makes_the_uuid_its_constructor_makes() -> None:
    for u in [uuid4() for _ in range(200)] + [UUID(int=0), UUID(int=(1 << 128) - 1)]:
        for text in (u.hex, u.hex.upper(), str(u), "{" + str(u) + "}", "urn:uuid:" + str(u)):
            made, expected = _uuid(text), UUID(text)
            assert (made, str(made), hash(made), made.is_safe) == (
                expected, str(expected), hash(expected), expected.is_safe
            )  # fmt: skip
    for bad in ["-" + "0" * 31, "g" * 32, "0" * 31, "{" + "a" * 30 + "}", "a_" * 16, ""]:
        with pytest.raises(ValueError, match=r"badly formed|invalid literal for int"):
            UUID(bad)
        with pytest.raises(ValueError, match=r"badly formed|invalid literal for int"):
            _uuid(bad)

"""A fresh store explains by key (no read model loaded) exactly as a warm one does, and as of
a position exactly as a full replay does, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.settings import persistence_env
from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness import store as store_module
from adapters.storage.readiness.events import whole_log
from adapters.storage.readiness.store import ReadinessStore
from projections.readiness.explain import explain
from projections.readiness.incremental import all_refs
from projections.readiness.replay import facts_as_of, position_at
from tests.integration.projections.test_readiness_store import first_half, second_half
from tests.unit.projections.books import Books


def test_a_fresh_store_explains_by_key_as_the_warm_one_and_the_replay_do(
    ledger: Ledger, backend_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = persistence_env(backend_url, tmp_path)
    books = Books(ledger)
    first_half(books)
    middle = ledger.recorder.max_notification_id()
    second_half(books)
    warm = ReadinessStore.open(env)
    warm.update(ledger)
    refs = all_refs(warm.model.facts())
    warm_answers = [warm.explain(ledger, ref) for ref in refs]
    cold = ReadinessStore.open(env)
    assert [cold.explain(ledger, ref) for ref in refs] == warm_answers
    assert not cold.model.loaded  # nothing but what each explanation needs was read
    assert cold.resolve(ledger, "payment", "A1") == warm.resolve(ledger, "payment", "A1")
    log = whole_log(ledger)
    replayed = facts_as_of(log, middle)
    moment = log[(middle or 0) - 1].timestamp
    at_moment = facts_as_of(log, position_at(log, moment))
    monkeypatch.setattr(store_module, "whole_log", _no_full_replay)
    for ref in all_refs(replayed):
        assert cold.explain_as_of(ledger, ref, position=middle) == explain(replayed, ref)
        assert cold.explain_as_of(ledger, ref, moment=moment) == explain(at_moment, ref)
    assert not cold.model.loaded
    warm.close()
    cold.close()


def _no_full_replay(*_: object, **__: object) -> None:
    raise AssertionError("explained by replaying the whole log")

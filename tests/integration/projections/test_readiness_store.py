"""The readiness read model on SQLite and PostgreSQL: incremental, exactly once, rebuildable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.projection import ProjectionRunner

from adapters.settings import persistence_env
from adapters.storage.ledger.application import Ledger
from adapters.storage.readiness.projection import ReadinessProjection
from adapters.storage.readiness.recorders import PostgresReadinessRecorder
from adapters.storage.readiness.store import ReadinessStore
from domain.policy import PolicyLevel
from projections.readiness.incremental import all_refs
from projections.readiness.verdicts import ReadinessRules, TxnReadiness
from tests.unit.projections.books import Books, facts_of


@pytest.fixture
def env(backend_url: str, tmp_path: Path) -> dict[str, str]:
    return persistence_env(backend_url, tmp_path)


@pytest.fixture
def store(env: dict[str, str]) -> Iterator[ReadinessStore]:
    opened = ReadinessStore.open(env)
    yield opened
    opened.close()


def first_half(books: Books) -> None:
    books.invoice("1-1").invoice("1-2").job_payment("P1", "1-1", "100.00")
    books.credit_memo("CM-1", {"1-2": "10.00"}, finish=False)


def second_half(books: Books) -> None:
    books.job_payment("P2", "1-2", "90.00").imported("invoice", "1-1")
    books.ledger.finish_credit_memo("CM-1")
    books.ledger.change_policy_level(PolicyLevel.AGGRESSIVE, "controller")
    books.invoice("2-1").account_payment("A1", {"2-1": "30.00"}, finish=False)


def everything(store: ReadinessStore, ledger: Ledger) -> tuple[Any, ...]:
    rows = store.readiness(ledger)
    explained = [store.explain(ledger, r.ref) for r in rows]
    return rows, store.what_if(ledger), explained


def fresh_verdicts(ledger: Ledger) -> list[TxnReadiness]:
    facts = facts_of(ledger)
    rules = ReadinessRules(facts)
    return [rules.of(ref) for ref in all_refs(facts)]


def test_incremental_equals_rebuild_and_the_pure_model(
    ledger: Ledger, store: ReadinessStore
) -> None:
    books = Books(ledger)
    first_half(books)
    store.update(ledger)
    second_half(books)
    incremental = everything(store, ledger)
    assert incremental[0] == fresh_verdicts(ledger)
    store.rebuild(ledger)
    assert everything(store, ledger) == incremental


def test_a_crash_before_commit_records_nothing_and_the_retry_applies_once(
    ledger: Ledger, store: ReadinessStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    books = Books(ledger)
    first_half(books)
    position = store.update(ledger)
    rows_before = sorted(store.table.select())
    second_half(books)

    def crash(*_: object) -> None:
        raise RuntimeError("power cut before commit")

    monkeypatch.setattr(store.table, "_insert_tracking", crash)
    with pytest.raises(RuntimeError):
        store.update(ledger)
    monkeypatch.undo()
    assert store.table.position(ledger.name) == position
    assert sorted(store.table.select()) == rows_before
    assert store.readiness(ledger) == fresh_verdicts(ledger)


def test_events_delivered_twice_are_processed_once(ledger: Ledger, store: ReadinessStore) -> None:
    from adapters.storage.readiness.events import whole_log

    books = Books(ledger)
    first_half(books)
    log = whole_log(ledger)
    store.model.process(log)
    rows = store.readiness(ledger)
    store.model.process(log)
    store.model.forget()
    store.model.process(log[:3])
    assert store.readiness(ledger) == rows == fresh_verdicts(ledger)


def test_a_second_process_moves_the_table_on_and_the_first_resumes_from_tracking(
    ledger: Ledger, store: ReadinessStore, env: dict[str, str]
) -> None:
    books = Books(ledger)
    first_half(books)
    store.update(ledger)
    second_half(books)
    other = ReadinessStore.open(env)
    try:
        other.update(ledger)
    finally:
        other.close()
    assert store.readiness(ledger) == fresh_verdicts(ledger)


def test_what_if_and_explain_leave_the_event_log_unchanged(
    ledger: Ledger, store: ReadinessStore
) -> None:
    books = Books(ledger)
    first_half(books)
    second_half(books)
    before = ledger.recorder.max_notification_id()
    result = store.what_if(ledger)
    store.explain(ledger, store.resolve(ledger, "payment", "P1"))
    assert ledger.recorder.max_notification_id() == before
    assert result.current is PolicyLevel.AGGRESSIVE
    assert result.work[PolicyLevel.AGGRESSIVE].imports


def test_the_projection_runner_keeps_the_same_table(ledger: Ledger, env: dict[str, str]) -> None:
    if "sqlite" in env["PERSISTENCE_MODULE"]:
        pytest.skip("eventsourcing's SQLite recorder has no subscriptions: update() catches up")
    books = Books(ledger)
    first_half(books)
    second_half(books)
    view_class: type[Any] = PostgresReadinessRecorder
    with ProjectionRunner(
        application_class=Ledger,
        projection_class=ReadinessProjection,
        view_class=view_class,
        env=env,
    ) as runner:
        runner.wait(ledger.recorder.max_notification_id(), timeout=10)
    store = ReadinessStore.open(env)
    try:
        assert store.table.position(ledger.name) == ledger.recorder.max_notification_id()
        assert store.readiness(ledger) == fresh_verdicts(ledger)
    finally:
        store.close()


def test_batches_copied_in_upsert_like_single_inserts(
    ledger: Ledger, store: ReadinessStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "adapters.storage.readiness.recorders.COPY_FROM", 1
    )  # PostgreSQL copies all
    books = Books(ledger)
    first_half(books)
    store.update(ledger)
    second_half(books)
    incremental = everything(store, ledger)
    assert incremental[0] == fresh_verdicts(ledger)
    store.rebuild(ledger, page=3)
    assert everything(store, ledger) == incremental


def test_a_table_in_an_older_format_is_rebuilt(
    ledger: Ledger, store: ReadinessStore, env: dict[str, str]
) -> None:
    books = Books(ledger)
    first_half(books)
    second_half(books)
    store.update(ledger)
    table, old = store.table, '{"level": "conservative", "cited": null, "history": []}'
    with table._transaction(commit=True) as c:
        c.execute(
            f"UPDATE {table.table} SET facts = {table.mark} WHERE txn_kind = {table.mark}",
            (old, "policy"),
        )
    reopened = ReadinessStore.open(env)
    try:
        assert reopened.readiness(ledger) == fresh_verdicts(ledger)
        assert reopened.current_level(ledger) is PolicyLevel.AGGRESSIVE
        assert reopened.table.position(ledger.name) == ledger.recorder.max_notification_id()
        _, rows = reopened.table.snapshot(ledger.name)
        assert [facts for kind, _, facts in rows if kind == "policy"] != [old]
    finally:
        reopened.close()

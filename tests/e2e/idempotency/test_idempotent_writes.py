"""Idempotency-Key against real `qbsync serve` processes, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.auth.servers import auth, production_env, running_serve
from tests.support.backends import BACKENDS, database_url

BOOKKEEPER = auth("bookkeeper")


@pytest.fixture(params=BACKENDS)
def env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    with database_url(request.param, tmp_path) as url:
        yield production_env(tmp_path, QBSYNC_DATABASE_URL=url)


@pytest.fixture
def server(env: dict[str, str]) -> Iterator[str]:
    with running_serve(env) as base:
        yield base


def keyed(key: str, headers: dict[str, str] = BOOKKEEPER) -> dict[str, str]:
    return {**headers, "Idempotency-Key": key}


def history(server: str, code: str) -> list[str]:
    answer = httpx.get(f"{server}/customers/{code}", headers=BOOKKEEPER)
    assert answer.status_code == 200, answer.text
    return [entry["type"] for entry in answer.json()["history"]]


def test_the_same_key_and_body_replays_the_first_answer(server: str) -> None:
    body = {"code": "ACME", "name": "Acme Towing"}
    first = httpx.post(f"{server}/customers", json=body, headers=keyed("k-1"))
    again = httpx.post(f"{server}/customers", json=body, headers=keyed("k-1"))
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again.headers["content-type"] == first.headers["content-type"]
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert history(server, "ACME") == ["Registered"]
    unkeyed = httpx.post(f"{server}/customers", json=body, headers=BOOKKEEPER)
    assert unkeyed.status_code == 409  # without a key the duplicate is refused as before


def test_the_same_key_with_another_body_is_refused_and_records_nothing(server: str) -> None:
    httpx.post(f"{server}/customers", json={"code": "A", "name": "A"}, headers=keyed("k-2"))
    other = httpx.post(f"{server}/customers", json={"code": "B", "name": "B"}, headers=keyed("k-2"))
    assert other.status_code == 422
    assert other.headers["content-type"] == "application/problem+json"
    assert other.json()["error"] == "IdempotencyKeyReused"
    assert httpx.get(f"{server}/customers/B", headers=BOOKKEEPER).status_code == 404


def test_a_key_belongs_to_its_caller(server: str) -> None:
    controller = auth("controller")
    mine = httpx.post(f"{server}/customers", json={"code": "A", "name": "A"}, headers=keyed("k"))
    theirs = httpx.post(
        f"{server}/customers", json={"code": "B", "name": "B"}, headers=keyed("k", controller)
    )
    assert (mine.status_code, theirs.status_code) == (201, 201)


def test_a_refusal_is_replayed_too(server: str) -> None:
    body = {"code": "ACME", "name": "Acme", "parent": "NOPE"}
    first = httpx.post(f"{server}/customers", json=body, headers=keyed("k-3"))
    again = httpx.post(f"{server}/customers", json=body, headers=keyed("k-3"))
    assert first.status_code == again.status_code == 404
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"


def test_a_malformed_key_is_refused(server: str) -> None:
    body = {"code": "A", "name": "A"}
    answer = httpx.post(f"{server}/customers", json=body, headers=keyed("x" * 256))
    assert answer.status_code == 422
    assert answer.json()["error"] == "InvalidIdempotencyKey"


def test_a_sync_run_started_twice_with_one_key_is_one_run(server: str) -> None:
    assert (
        httpx.post(f"{server}/imports", json={}, headers=BOOKKEEPER, timeout=60).status_code == 201
    )
    body = {"transport": "webconnector"}
    runs = [httpx.post(f"{server}/sync/runs", json=body, headers=keyed("sync-1")) for _ in range(2)]
    assert [run.status_code for run in runs] == [202, 202]
    assert runs[0].json()["run_id"] == runs[1].json()["run_id"]
    listed = httpx.get(f"{server}/sync/runs", headers=BOOKKEEPER).json()
    assert len(listed) == 1, listed


def test_concurrent_requests_with_one_key_record_once(env: dict[str, str]) -> None:
    """Eight requests at once, spread over two server processes on one database."""
    body = {"code": "RACE", "name": "Race Towing"}
    with ExitStack() as stack:
        servers = [stack.enter_context(running_serve(env)) for _ in range(2)]

        def send(number: int) -> httpx.Response:
            base = servers[number % 2]
            return httpx.post(f"{base}/customers", json=body, headers=keyed("race"), timeout=30)

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(send, range(8)))
        statuses = [answer.status_code for answer in answers]
        assert set(statuses) <= {201, 409}, [answer.text for answer in answers]
        created = [answer for answer in answers if answer.status_code == 201]
        assert created
        assert all(answer.content == created[0].content for answer in created)
        busy: list[Any] = [answer.json() for answer in answers if answer.status_code == 409]
        assert all(problem["error"] == "IdempotencyKeyInFlight" for problem in busy), busy
        assert history(servers[0], "RACE") == ["Registered"]
        replayed = [answer for answer in created if "idempotent-replayed" in answer.headers]
        assert len(replayed) == len(created) - 1

"""Idempotent writes: a write sent again with the same `Idempotency-Key` and the same request
gets the first answer again (for 24 hours), without running twice; the same key with another
request is refused with 422. Keys belong to the caller's credentials, so one caller can never
see another's answer.

Answers that a retry may change are not kept: 5xx, 401/403 and answers carrying Retry-After
(another writer got there first).
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from adapters.storage.idempotency import Claim, IdempotencyKeys, StoredAnswer
from api.errors import problem_response

HEADER = "Idempotency-Key"
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
WAIT_FOR_FIRST_SECONDS = 10.0
_KEPT_HEADERS = frozenset({"content-type", "location"})


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, keys: Callable[[], IdempotencyKeys]) -> None:
        self.app, self.keys = app, keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope) if scope["type"] == "http" else None
        key = headers.get(HEADER) if headers is not None else None
        if headers is None or key is None or scope["method"] not in WRITES:
            await self.app(scope, receive, send)
            return
        if not key or len(key) > 255 or not key.isascii() or not key.isprintable():
            refusal = problem_response(
                422,
                f"the {HEADER} header must be 1 to 255 printable ASCII characters",
                error="InvalidIdempotencyKey",
                instance=scope["path"],
            )
            await refusal(scope, receive, send)
            return
        body = await _read_body(receive)
        caller = hashlib.sha256(headers.get("authorization", "").encode()).hexdigest()
        fingerprint = _fingerprint(scope, body)
        keys = await run_in_threadpool(self.keys)
        claim = await _claim(keys, caller, key, fingerprint)
        if claim.won:
            await self._run_and_keep(scope, body, send, keys, caller, key)
        elif claim.answer is not None:
            await _replay(claim.answer, send)
        else:
            await _refusal(claim, key, scope["path"])(scope, receive, send)

    async def _run_and_keep(
        self, scope: Scope, body: bytes, send: Send, keys: IdempotencyKeys, caller: str, key: str
    ) -> None:
        started: Message = {}
        chunks: list[bytes] = []

        async def replayed_receive() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, replayed_receive, recording_send)
        except BaseException:
            await run_in_threadpool(keys.release, caller, key)
            raise
        answer = _answer_of(started, b"".join(chunks))
        if answer is None:
            await run_in_threadpool(keys.release, caller, key)
        else:
            await run_in_threadpool(keys.complete, caller, key, answer)


async def _claim(keys: IdempotencyKeys, caller: str, key: str, fingerprint: str) -> Claim:
    """Claim the key, waiting a while for a first request with it still running."""
    deadline = time.monotonic() + WAIT_FOR_FIRST_SECONDS
    while True:
        claim = await run_in_threadpool(keys.claim, caller, key, fingerprint)
        if not claim.in_flight or time.monotonic() > deadline:
            return claim
        await asyncio.sleep(0.05)


def _refusal(claim: Claim, key: str, path: str) -> ASGIApp:
    if claim.mismatch:
        return problem_response(
            422,
            f"{HEADER} {key!r} was used for a different request; use a new key for a new "
            "request, or send the first request unchanged to get its answer again",
            error="IdempotencyKeyReused",
            instance=path,
        )
    return problem_response(
        409,
        f"a request with {HEADER} {key!r} is still running; retry it to get its answer",
        error="IdempotencyKeyInFlight",
        retryable=True,
        instance=path,
        headers={"Retry-After": "1"},
    )


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _fingerprint(scope: Scope, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (scope["method"], scope["path"], scope.get("query_string", b"").decode()):
        digest.update(part.encode() + b"\0")
    digest.update(body)
    return digest.hexdigest()


def _answer_of(started: Message, body: bytes) -> StoredAnswer | None:
    status = int(started.get("status", 500))
    headers = Headers(raw=started.get("headers", []))
    if status >= 500 or status in (401, 403) or "retry-after" in headers:
        return None
    kept = [(name, value) for name, value in headers.items() if name in _KEPT_HEADERS]
    return StoredAnswer(status, kept, body)


async def _replay(answer: StoredAnswer, send: Send) -> None:
    headers = [(name.encode(), value.encode()) for name, value in answer.headers]
    headers += [
        (b"content-length", str(len(answer.body)).encode()),
        (b"idempotent-replayed", b"true"),
    ]
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})

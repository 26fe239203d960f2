"""Request bodies over the limit are answered 413 before they are read into memory.

A declared Content-Length over the limit is refused at once; a body sent without one (chunked)
is counted as it streams and refused at the first byte past the limit.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem_response

MAX_REQUEST_BODY_BYTES = 1_000_000
MAX_WEBCONNECTOR_BODY_BYTES = 64_000_000
"""The Web Connector posts QuickBooks' answers, a page of list records at a time."""


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = (
            MAX_WEBCONNECTOR_BODY_BYTES
            if str(scope.get("path", "")).startswith("/qbwc")
            else MAX_REQUEST_BODY_BYTES
        )
        declared = _content_length(scope)
        if declared is not None and declared > max_bytes:
            await _refuse(scope, receive, send, f"declares {declared} bytes", max_bytes)
            return
        received = 0
        started = refused = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes and not started:
                    refused = True
                    await _refuse(
                        scope, receive, send, f"has more than {max_bytes} bytes", max_bytes
                    )
                    return {"type": "http.disconnect"}  # the app stops reading and answers no more
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counting_receive, guarded_send)


async def _refuse(scope: Scope, receive: Receive, send: Send, what: str, max_bytes: int) -> None:
    response = problem_response(
        413,
        f"the request body {what}; the API takes at most {max_bytes} bytes: shorten the memo "
        "or description, or send the records in several requests",
        error="RequestBodyTooLarge",
        title="The request body is too large",
        instance=scope.get("path"),
        headers={"Connection": "close"},
        limit_bytes=max_bytes,
    )
    await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None

"""Request bodies: every route has a size limit, checked before the route sees a byte.

A body is read here first, counted as it streams in (kept in memory up to 1 MB, in a
temporary file beyond), and handed on only when it is complete and within its route's limit;
past the limit the answer is 413 with a JSON reason and the route never runs. A declared
Content-Length over the limit is refused before anything is read. Requests that carry no body
(a GET without Content-Length or Transfer-Encoding) pass straight through, so event streams
still notice a client going away.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import IO

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.web.security import app_path

IN_MEMORY = 1 << 20  # bodies up to this size stay in memory while they are checked
CHUNK = 1 << 20  # bytes per message when the body is handed on


class Refused(Exception):
    """A request refused while its body was read: the status and the reason for the client."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}

    def response(self) -> JSONResponse:
        return JSONResponse({"error": self.message}, status_code=self.status, headers=self.headers)


def has_body(scope: Scope) -> bool:
    headers = Headers(scope=scope)
    declared = headers.get("content-length")
    return bool(headers.get("transfer-encoding")) or (declared is not None and declared.strip() != "0")


def declared_length(scope: Scope) -> int | None:
    declared = (Headers(scope=scope).get("content-length") or "").strip()
    return int(declared) if declared.isdigit() else None


async def read_body(
    receive: Receive, limit: int, too_big: str, watch: Callable[[bytes], None] | None = None
) -> tuple[IO[bytes], int] | None:
    """The whole body (spooled) and its size; raises Refused(413, too_big) past `limit` bytes,
    or whatever `watch` raises on a chunk. None when the client went away."""
    spool = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 - closed by `replay`
    size, more = 0, True
    try:
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                spool.close()
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise Refused(413, too_big)
            if watch is not None:
                watch(chunk)
            spool.write(chunk)  # a local disk write past 1 MB; short enough for the event loop
            more = message.get("more_body", False)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool, size


def replay(body: tuple[IO[bytes], int], receive: Receive) -> Receive:
    """A `receive` that hands on the spooled body, then the client's own messages (so a route
    still hears of a disconnect)."""
    spool, size = body
    sent = 0

    async def replayed() -> Message:
        nonlocal sent
        if spool.closed:
            return await receive()
        chunk = spool.read(CHUNK)
        sent += len(chunk)
        if sent >= size:
            spool.close()
        return {"type": "http.request", "body": chunk, "more_body": sent < size}

    return replayed


class BodyLimit:
    """413 for a body over the limit of its route: the first prefix of `routes` that the path
    starts with, else `default`. A limit of None leaves that route to a guard that reads its
    body itself (the upload route: `uploads.UploadGuard`)."""

    def __init__(self, app: ASGIApp, default: int, routes: tuple[tuple[str, int | None], ...] = ()):
        self.app, self.default, self.routes = app, default, routes

    def limit_for(self, path: str) -> int | None:
        return next((limit for prefix, limit in self.routes if path.startswith(prefix)), self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not has_body(scope):
            return await self.app(scope, receive, send)
        limit = self.limit_for(app_path(scope))
        if limit is None:
            return await self.app(scope, receive, send)
        too_big = f"the request body is over {limit} bytes"
        declared = declared_length(scope)
        try:
            if declared is not None and declared > limit:
                raise Refused(413, too_big)
            body = await read_body(receive, limit, too_big)
        except Refused as refusal:
            return await refusal.response()(scope, receive, send)
        if body is not None:
            await self.app(scope, replay(body, receive), send)

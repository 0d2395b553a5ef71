"""Files sent to the server through Gradio's upload route (the Admin tab's uploads).

An upload (already let through by `gate.RouteGate` for an unlocked admin session) may hold at
most so many files and bytes, and each client so many per hour: the body is counted as it
arrives and refused (413, 429) before Gradio stores anything. The reply names the stored files
relative to Gradio's upload folder, not by their absolute paths, and `uploaded_file` says
whether a path names one of those files (`events.EventGuard` and the Admin tab's "add" ask it).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.web.bodies import Refused, declared_length, read_body, replay
from assistant.web.limits import Quota
from assistant.web.security import app_path, client_id

UPLOAD = "/gradio_api/upload"
FILE_ROUTE = "/gradio_api/file="


def uploaded_file(path: object, folder: Path) -> Path | None:
    """The regular file `path` names inside `folder` (relative to it, or absolute), with
    symlinks and `..` resolved; None when it is anywhere else, a URL, or not a file."""
    if not isinstance(path, str) or not path or "\x00" in path or "://" in path or path.startswith("data:"):
        return None
    root = folder.resolve()
    try:
        real = (root / path).resolve(strict=True)  # an absolute `path` replaces `root`
    except (OSError, RuntimeError):
        return None
    return real if root in real.parents and real.is_file() else None


@dataclass(frozen=True)
class UploadLimits:
    files_per_request: int
    bytes_per_request: int
    files_per_hour: int
    bytes_per_hour: int


class _Parts:
    """Counts the parts of a multipart body as it streams past (each starts with the boundary,
    which the content itself may not contain); raises Refused past `most`."""

    def __init__(self, boundary: bytes, most: int):
        self.delimiter, self.most = b"--" + boundary, most
        self.seen, self._tail = 0, b""

    def __call__(self, chunk: bytes) -> None:
        window = self._tail + chunk
        self.seen += window.count(self.delimiter)
        self._tail = window[-(len(self.delimiter) - 1) :]
        if self.files > self.most:
            raise Refused(413, f"an upload may hold at most {self.most} files")

    @property
    def files(self) -> int:
        return max(0, self.seen - 1)  # the closing delimiter is one more than the parts


def _boundary(scope: Scope) -> bytes | None:
    kind, _, params = Headers(scope=scope).get("content-type", "").partition(";")
    if kind.strip().lower() != "multipart/form-data":
        return None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "boundary" and value.strip('"'):
            return value.strip('"').encode("latin-1")
    return None


class UploadGuard:
    """Caps on Gradio's upload route, per request and per client, and replies without
    absolute paths; file URLs given relative to the upload folder are made whole again."""

    def __init__(self, app: ASGIApp, folder: Path, limits: UploadLimits):
        self.app, self.folder, self.limits = app, folder, limits
        self.files = Quota(limits.files_per_hour)
        self.bytes = Quota(limits.bytes_per_hour)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = app_path(scope)
        if scope["type"] == "http" and path == UPLOAD and scope.get("method") == "POST":
            try:
                return await self._upload(scope, receive, send)
            except Refused as refusal:
                return await refusal.response()(scope, receive, send)
        if scope["type"] == "http" and path.startswith(FILE_ROUTE):
            scope = self._whole_file_path(scope, path)
        await self.app(scope, receive, send)

    async def _upload(self, scope: Scope, receive: Receive, send: Send) -> None:
        client, limits = client_id(scope), self.limits
        wait = self.files.retry_after(client) or self.bytes.retry_after(client)
        if wait:
            raise Refused(429, f"too many uploads from your address; try again in {wait} s", {"Retry-After": str(wait)})
        boundary = _boundary(scope)
        if boundary is None:
            raise Refused(400, "an upload must be multipart/form-data")
        too_big = f"an upload may hold at most {limits.bytes_per_request / 1e6:.0f} MB"
        declared = declared_length(scope)
        if declared is not None and declared > limits.bytes_per_request:
            raise Refused(413, too_big)
        parts = _Parts(boundary, limits.files_per_request)
        body = await read_body(receive, limits.bytes_per_request, too_big, watch=parts)
        if body is None:
            return
        wait = self.files.retry_after(client, parts.files) or self.bytes.retry_after(client, body[1])
        if wait:
            body[0].close()
            raise Refused(429, f"too many uploads from your address; try again in {wait} s", {"Retry-After": str(wait)})
        self.files.take(client, parts.files)
        self.bytes.take(client, body[1])
        await self.app(scope, replay(body, receive), self._relative_reply(send))

    def _relative_reply(self, send: Send) -> Send:
        """Rewrite the upload reply (a JSON list of absolute paths) to paths relative to the
        upload folder."""
        start: Message | None = None
        chunks: list[bytes] = []

        async def relative(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and message["status"] == 200:
                start = message
                return
            if start is None or message["type"] != "http.response.body":
                return await send(message)
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = self._relative(b"".join(chunks))
            headers = MutableHeaders(scope=start)
            headers["content-length"] = str(len(body))
            await send(start)
            await send({"type": "http.response.body", "body": body, "more_body": False})

        return relative

    def _relative(self, body: bytes) -> bytes:
        try:
            paths = json.loads(body)
        except ValueError:
            return body
        if not isinstance(paths, list):
            return body
        root = self.folder.resolve()
        out = []
        for item in paths:
            # Not strict: Gradio may still be moving a file into place when it replies.
            real = Path(item).resolve() if isinstance(item, str) and os.path.isabs(item) else None
            out.append(real.relative_to(root).as_posix() if real is not None and root in real.parents else item)
        return json.dumps(out).encode()

    def _whole_file_path(self, scope: Scope, path: str) -> Scope:
        named = path[len(FILE_ROUTE) :]
        real = uploaded_file(named, self.folder)
        if real is None or os.path.isabs(named):
            return scope
        prefix = scope["path"][: len(scope["path"]) - len(path)]
        whole = f"{prefix}{FILE_ROUTE}{real}"
        return {**scope, "path": whole, "raw_path": whole.encode()}

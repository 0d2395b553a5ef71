"""Gradio events as sent over HTTP (`POST /gradio_api/queue/join`, `/gradio_api/call/<name>`),
checked before Gradio reads them.

- A queued event must name one of this app's handlers, with as many input values as it takes
  and, for a vote, the event data Gradio needs: Gradio answers an unknown `fn_index` with a 500
  and the others with an error, each writing a stack trace to the log; here they are a 422
  with a JSON reason.
- An event names files by path (`{"path": ..., "meta": {"_type": "gradio.FileData"}}`), and
  Gradio copies whatever path it is given into its cache before any handler runs (its own
  check is skipped for an app mounted in FastAPI), so anyone could have any file on the server
  copied, or `/dev/zero` read forever. Every path must resolve, symlinks and `..` followed, to
  a file inside this server's upload folder (`uploads.uploaded_file`); anything else, another
  file or a URL, is refused with 403 before Gradio sees it. Paths relative to the upload folder
  (as upload replies give them) are made whole again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.web.bodies import has_body, read_body
from assistant.web.security import app_path, client_id
from assistant.web.uploads import UPLOAD, uploaded_file

log = logging.getLogger(__name__)

JOIN = "/gradio_api/queue/join"


@dataclass(frozen=True)
class Handler:
    """What a queued event for one handler must carry."""

    inputs: int  # values in "data"
    event_keys: tuple[str, ...] = ()  # keys "event_data" must have (a vote: index, value)


class EventGuard:
    """422 for a queued event that fits no handler of this app, 403 for one naming a file that
    was not uploaded to this server."""

    def __init__(self, app: ASGIApp, folder: Path, handlers: dict[int, Handler]):
        self.app, self.folder, self.handlers = app, folder, handlers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = app_path(scope)
        if scope["type"] != "http" or scope.get("method") != "POST" or not has_body(scope):
            return await self.app(scope, receive, send)
        if not path.startswith("/gradio_api/") or path == UPLOAD:
            return await self.app(scope, receive, send)
        # The body was already held to its route's small limit by bodies.BodyLimit.
        body = await read_body(receive, 1 << 24, "the request body is too large")
        if body is None:
            return
        raw = body[0].read()
        body[0].close()
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            data = None  # Gradio answers a body that is not JSON with its own 422
        misfit = self._misfit(data) if path == JOIN and isinstance(data, dict) else None
        if misfit:
            return await JSONResponse({"error": misfit}, status_code=422)(scope, receive, send)
        refused, changed = self._files(data)
        if refused is not None:
            log.warning("refused an event from %s naming a file not uploaded: %r", client_id(scope), refused[:200])
            response = JSONResponse(
                {"error": "files can only be ones uploaded to this server in the Admin tab"}, status_code=403
            )
            return await response(scope, receive, send)
        if changed:
            raw = json.dumps(data).encode()
            scope = dict(scope)
            headers = MutableHeaders(scope=scope)
            headers["content-length"] = str(len(raw))
            if "transfer-encoding" in headers:
                del headers["transfer-encoding"]
        await self.app(scope, _once(raw, receive), send)

    def _misfit(self, event: dict) -> str | None:
        """Why a queued event fits none of the handlers, or None."""
        index = event.get("fn_index")
        handler = self.handlers.get(index) if isinstance(index, int) and not isinstance(index, bool) else None
        if handler is None:
            return "fn_index names no event handler of this app"
        data = event.get("data")
        if not isinstance(data, list) or len(data) != handler.inputs:
            return f"this event handler takes {handler.inputs} input values in a list"
        extra = event.get("event_data")
        if handler.event_keys and not (isinstance(extra, dict) and all(k in extra for k in handler.event_keys)):
            return f"this event needs event_data with {', '.join(handler.event_keys)}"
        return None

    def _files(self, data: Any) -> tuple[str | None, bool]:
        """(the first path refused, or None; whether a relative path was made whole)."""
        changed = False
        for item in _file_dicts(data):
            named = item["path"]
            real = uploaded_file(named, self.folder)
            if real is None:
                return str(named), changed
            if named != str(real):
                item["path"], changed = str(real), True
        return None, changed


def _file_dicts(data: Any) -> Iterator[dict]:
    """Every dict with a "path" key anywhere in `data`, without recursion (bodies can nest deep)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "path" in item:
                yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _once(raw: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": raw, "more_body": False}

    return replayed

"""Who may use the server from where: the origin policy, security headers, per-client rate
limits and admission control. Pure ASGI/Starlette pieces, assembled in `web.create_app`.

- Pages allowed to embed are listed in ASSISTANT_ALLOWED_ORIGINS; by default only the app's
  own origin. A cross-origin call from anywhere else to the API or to Gradio's endpoints gets
  403 with a JSON reason; CORS headers go to listed origins only (FastAPI's CORSMiddleware on
  the parent app, which replaces Gradio's permissive default).
- Every response carries `Content-Security-Policy: frame-ancestors 'self' <allowed origins>`,
  `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict, deque
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

GUARDED_PREFIXES = ("/api/", "/gradio_api/")


def parse_origins(value: str | None) -> tuple[str, ...]:
    """ "https://a.example, http://b:8080/" -> ("https://a.example", "http://b:8080"), written
    as browsers send them (no default port)."""
    origins = []
    for item in (value or "").split(","):
        item = item.strip().rstrip("/")
        if not item:
            continue
        parts = urlsplit(item)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.username:
            raise ValueError(f"'{item}' is not an origin like https://intranet.example.com")
        default = {"http": 80, "https": 443}[parts.scheme]
        port = f":{parts.port}" if parts.port and parts.port != default else ""
        origins.append(f"{parts.scheme}://{parts.hostname}{port}".lower())
    return tuple(dict.fromkeys(origins))


def parse_networks(value: str | None) -> tuple[str, ...]:
    """ "10.0.0.0/8, 192.168.1.7" -> the networks, checked (ValueError names a bad one)."""
    import ipaddress

    networks = []
    for item in (value or "").split(","):
        item = item.strip()
        if item:
            try:
                networks.append(str(ipaddress.ip_network(item, strict=False)))
            except ValueError:
                raise ValueError(f"'{item}' is not an address or network like 10.0.0.0/8") from None
    return tuple(dict.fromkeys(networks))


def own_origin(scope: Scope) -> str | None:
    """The origin this request was addressed to, as the browser saw it (a proxy in front
    passes it in X-Forwarded-Proto and X-Forwarded-Host)."""
    headers = Headers(scope=scope)
    host = headers.get("x-forwarded-host") or headers.get("host")
    if not host:
        return None
    scheme = headers.get("x-forwarded-proto") or scope.get("scheme", "http")
    return f"{scheme.split(',')[0].strip()}://{host.split(',')[0].strip()}".lower()


def client_id(scope) -> str:
    """The client's address. Behind a proxy on this machine, uvicorn has already put there
    the address the proxy saw (the rightmost X-Forwarded-For entry it added), so a client
    cannot choose its own by sending the header itself."""
    return (scope.get("client") or ("unknown", 0))[0]


def app_path(scope) -> str:
    """The request path inside the app: without the prefix a reverse proxy serves it under
    (uvicorn puts --root-path in front of every path)."""
    path, root = scope.get("path", ""), scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


class OriginGuard:
    """403 for cross-origin calls to the API and Gradio endpoints from unlisted origins."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]):
        self.app, self.allowed = app, set(allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and app_path(scope).startswith(GUARDED_PREFIXES):
            origin = Headers(scope=scope).get("origin")
            if origin and origin.lower() != own_origin(scope) and origin.lower() not in self.allowed:
                refusal = JSONResponse(
                    {
                        "error": f"this page's origin ({origin}) may not use the assistant; an "
                        "administrator can add it to ASSISTANT_ALLOWED_ORIGINS",
                        "origin": origin,
                    },
                    status_code=403,
                )
                return await refusal(scope, receive, send)
        await self.app(scope, receive, send)


class SecurityHeaders:
    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]):
        self.app = app
        ancestors = " ".join(["'self'", *allowed])
        self.headers = {
            "content-security-policy": f"frame-ancestors {ancestors}",
            "x-content-type-options": "nosniff",
            "referrer-policy": "no-referrer",
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)


class UploadGuard:
    """Gradio's upload route takes files for the Admin tab only: refused when the tab is off,
    limited per client when it is on."""

    def __init__(self, app: ASGIApp, enabled: bool, limiter: RateLimiter):
        self.app, self.enabled, self.limiter = app, enabled, limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and app_path(scope).startswith("/gradio_api/upload"):
            if not self.enabled:
                refusal = JSONResponse({"error": "uploads are off: the Admin tab is not enabled"}, status_code=403)
                return await refusal(scope, receive, send)
            wait = self.limiter.retry_after(client_id(scope))
            if wait:
                refusal = JSONResponse(
                    {"error": f"too many uploads; try again in {wait} s"},
                    status_code=429,
                    headers={"Retry-After": str(wait)},
                )
                return await refusal(scope, receive, send)
        await self.app(scope, receive, send)


class BodyLimit:
    """413 for a request body over `limit` bytes on the API, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int, prefix: str = "/api/"):
        self.app, self.limit, self.prefix = app, limit, prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not app_path(scope).startswith(self.prefix):
            return await self.app(scope, receive, send)
        declared = Headers(scope=scope).get("content-length")
        too_big = JSONResponse({"error": f"the request body is over {self.limit} bytes"}, status_code=413)
        if declared and declared.isdigit() and int(declared) > self.limit:
            return await too_big(scope, receive, send)
        body, more = b"", True
        while more:  # read it all here (it is small), counting
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.limit:
                return await too_big(scope, receive, send)
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class RateLimiter:
    """At most `per_minute` requests per client in any 60 seconds (sliding window); the
    number of clients remembered is bounded, the least recently seen forgotten first."""

    def __init__(self, per_minute: int, max_clients: int = 10_000):
        self.per_minute, self.max_clients = per_minute, max_clients
        self._seen: OrderedDict[str, deque] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, client: str, now: float | None = None) -> int:
        """0 when the request may go ahead (and counts it), else seconds to wait."""
        now = time.monotonic() if now is None else now
        with self._lock:
            stamps = self._seen.pop(client, None) or deque()
            while stamps and now - stamps[0] >= 60:
                stamps.popleft()
            self._seen[client] = stamps
            while len(self._seen) > self.max_clients:
                self._seen.popitem(last=False)
            if len(stamps) >= self.per_minute:
                return max(1, int(60 - (now - stamps[0])) + 1)
            stamps.append(now)
            return 0


class Admission:
    """At most `running` questions at once and `waiting` more queued; past that, refuse at
    once (503) rather than let requests and memory pile up. Waiting happens in the event loop
    (an asyncio semaphore), not in worker threads, so the limits hold at any load."""

    def __init__(self, running: int, waiting: int):
        self.running, self.limit, self.inside = running, running + waiting, 0
        self._slots: asyncio.Semaphore | None = None

    def enter(self) -> bool:
        """Take a place; False when the queue is full. Called from the event loop only."""
        if self.inside >= self.limit:
            return False
        self.inside += 1
        return True

    def leave(self) -> None:
        self.inside -= 1

    def slot(self) -> asyncio.Semaphore:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.running)
        return self._slots

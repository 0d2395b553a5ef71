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

from assistant.web.forwarded import SCHEMES, valid_host

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
    """The origin this request was addressed to, as the browser saw it; None when the Host
    is not a plain host name. (A trusted proxy's X-Forwarded-Host/-Proto were already put into
    the Host and scheme by `forwarded.ProxyHeaders`, and nobody else's reach this far.)"""
    host = valid_host(Headers(scope=scope).get("host"))
    scheme = {"ws": "http", "wss": "https"}.get(scope.get("scheme", "http"), scope.get("scheme", "http"))
    if host is None or scheme not in SCHEMES:
        return None
    return f"{scheme}://{host}"


def client_id(scope) -> str:
    """The client's address: the peer's, or, behind a proxy named in
    ASSISTANT_TRUSTED_PROXIES, the one that proxy saw (`forwarded.ProxyHeaders` put it there),
    so a client cannot choose its own by sending X-Forwarded-For."""
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

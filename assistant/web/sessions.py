"""The admin session: which browsers have entered the admin token.

Every page of the app gets a random session cookie (`ra_session`: HttpOnly, SameSite=Strict,
nothing in it but 32 random bytes). When the Admin tab is unlocked with the right token, the
unlock handler marks that cookie's id as unlocked here, on the server, for some hours. Gradio's
upload and file routes then answer only requests carrying an unlocked id (`gate.RouteGate`).

Why this shape: the unlock runs as a Gradio event, whose answer streams back over an event
stream that cannot set a cookie, so the cookie must exist before the unlock and the unlock
must be remembered on the server. The browser sends the cookie with Gradio's own same-origin
upload `fetch`, so uploads from the Admin tab work unchanged; SameSite=Strict keeps it off
requests from other sites, and a server restart simply asks for the token again.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.web.security import app_path, client_id

COOKIE = "ra_session"
_ID = re.compile(r"[A-Za-z0-9_-]{43}")


def session_id(cookies: Mapping[str, str] | None) -> str | None:
    """The well-formed session id among a request's cookies, if any."""
    value = (cookies or {}).get(COOKIE)
    return value if isinstance(value, str) and _ID.fullmatch(value) else None


def cookies_of(scope: Scope) -> dict[str, str]:
    return cookie_parser(Headers(scope=scope).get("cookie", ""))


class AdminSessions:
    """Unlocked session ids, each for `ttl` seconds after its unlock; at most `max_sessions`
    (the oldest unlock is forgotten first)."""

    def __init__(self, ttl: float = 8 * 3600, max_sessions: int = 100):
        self.ttl, self.max_sessions = ttl, max_sessions
        self._unlocked: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def unlock(self, sid: str | None, now: float | None = None) -> bool:
        """Remember `sid` as unlocked; False when there is no well-formed id to remember."""
        if not sid or not _ID.fullmatch(sid):
            return False
        with self._lock:
            self._unlocked.pop(sid, None)
            self._unlocked[sid] = (time.monotonic() if now is None else now) + self.ttl
            while len(self._unlocked) > self.max_sessions:
                self._unlocked.popitem(last=False)
        return True

    def is_unlocked(self, sid: str | None, now: float | None = None) -> bool:
        if not sid:
            return False
        with self._lock:
            expires = self._unlocked.get(sid)
            if expires is None:
                return False
            if expires < (time.monotonic() if now is None else now):
                del self._unlocked[sid]
                return False
            return True


class SessionCookie:
    """Give the app's page a session cookie when the browser has none."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" or app_path(scope) not in ("/", ""):
            return await self.app(scope, receive, send)
        if session_id(cookies_of(scope)):
            return await self.app(scope, receive, send)
        path = scope.get("root_path", "") or "/"
        secure = "; Secure" if scope.get("scheme") == "https" else ""
        cookie = f"{COOKIE}={secrets.token_urlsafe(32)}; Path={path}; HttpOnly; SameSite=Strict{secure}"

        async def with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append("set-cookie", cookie)
            await send(message)

        await self.app(scope, receive, with_cookie)


def caller(request: object) -> tuple[str, str | None]:
    """The client address and session id behind a Gradio handler's `gr.Request` (which wraps
    the starlette request of the event; None or a bare object when called directly)."""
    inner = getattr(request, "request", None)
    scope = getattr(inner, "scope", None)
    if not isinstance(scope, dict):
        return "unknown", None
    return client_id(scope), session_id(cookies_of(scope))

"""Which routes answer at all: a list of what the product uses, everything else 404.

Gradio serves much more than this app needs (the monitoring dashboard and its summary, the
development reload stream, direct `run`/`call` routes for every handler, component servers,
profiling, and so on); each is an open door, so only the routes the page, the widget, the web
component and `gradio_client` were seen to use are let through. Gradio's upload and file routes
are for the Admin tab: they also need a browser session in which the admin token was entered
(`sessions.AdminSessions`). An unknown route gets a JSON 404, never Gradio's 500 with a trace.
"""

from __future__ import annotations

import re

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.web.security import app_path
from assistant.web.sessions import AdminSessions, cookies_of, session_id

OPEN = {
    "/",
    "/config",
    "/config/",
    "/theme.css",
    "/favicon.ico",
    "/manifest.json",
    "/robots.txt",
    "/widget.js",
    "/embed",
    "/gradio.js",
    "/metrics",  # loopback and --metrics-allow only (observe.metrics_route)
    "/gradio_api/info",
    "/gradio_api/info/",
    "/gradio_api/queue/join",
    "/gradio_api/queue/data",
    "/gradio_api/cancel",
}
OPEN_PREFIXES = ("/api/", "/assets/", "/static/", "/gradio_api/heartbeat/")
ADMIN = {"/gradio_api/upload", "/gradio_api/upload_progress"}
ADMIN_PREFIXES = ("/gradio_api/file=",)
PUBLIC_APIS = ("ask",)  # Gradio endpoints named with api_name, callable at /gradio_api/call/<name>
_CALL = re.compile(r"/gradio_api/call/([A-Za-z0-9_]+)(?:/[A-Za-z0-9_-]+)?/?")


def is_admin_route(path: str) -> bool:
    return path in ADMIN or path.startswith(ADMIN_PREFIXES)


class RouteGate:
    """404 for routes the product does not use; 403 for the admin routes without an unlocked
    admin session (or with the Admin tab off: `sessions` None)."""

    def __init__(self, app: ASGIApp, sessions: AdminSessions | None):
        self.app, self.sessions = app, sessions

    @staticmethod
    def is_open(path: str) -> bool:
        call = _CALL.fullmatch(path)
        return path in OPEN or path.startswith(OPEN_PREFIXES) or (call is not None and call.group(1) in PUBLIC_APIS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        path = app_path(scope) or "/"
        if self.is_open(path):
            return await self.app(scope, receive, send)
        if is_admin_route(path):
            if self.sessions is None:
                refusal = JSONResponse({"error": "uploads are off: the Admin tab is not enabled"}, status_code=403)
            elif not self.sessions.is_unlocked(session_id(cookies_of(scope))):
                refusal = JSONResponse(
                    {"error": "this needs the Admin tab unlocked in this browser: enter the admin token first"},
                    status_code=403,
                )
            else:
                return await self.app(scope, receive, send)
        else:
            refusal = JSONResponse({"error": f"no such route: {path[:200]}"}, status_code=404)
        if scope["type"] == "websocket":
            return await send({"type": "websocket.close", "code": 1008})
        await refusal(scope, receive, send)

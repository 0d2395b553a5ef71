"""The web server: one FastAPI application holding the REST API, the embeddable widget, the
iframe view and the web-component loader, with the Gradio UI mounted at "/", run by uvicorn.

    /api/ask, /api/health, /api/docs    REST API (api.py)         /widget.js   the script widget
    /embed                              the chat for an <iframe>   /gradio.js   <gradio-app> loader
    /                                   the Gradio UI (ui.py)

Concurrency: questions run at most `WebSettings.concurrency` at a time (one per core: a question
is one short model call on one thread); up to `queue_size` more wait, in Gradio's queue for the
UI and in `Admission` for the API; beyond that a request is refused at once (Gradio: "queue
full"; API: 503) rather than piling up memory.

In front of both, a stack of small ASGI guards (`create_app` lists them in order) holds against
an outside attacker: forwarded headers from named proxies only (forwarded.py), allowed host
names only, only the routes the product uses with the admin ones for an unlocked admin session
(gate.py, sessions.py), a body limit on every route (bodies.py), upload caps (uploads.py), and
Gradio events checked before Gradio reads them (events.py). docs/RELIABILITY.md ties each to
the attack it stops and the test that tries it.
"""

from __future__ import annotations

import html
import threading
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from assistant.config import WebSettings
from assistant.web.service import Service

# Gradio keeps the state of each session (each browser tab, and each call of its HTTP API) in
# memory, 10,000 sessions by default; bounded lower here so memory levels off under load
# (docs/RELIABILITY.md, bench/load.py). A conversation idle while 1,000 newer sessions came
# loses its vote records.
STATE_SESSIONS = 1000
STATIC = Path(__file__).parent / "static"
# Body limits of Gradio's routes (the REST API's is api.MAX_BODY, uploads' in WebSettings): a
# chat event carries the conversation shown so far (about 6 KB a turn), anything else a
# question and its history.
CHAT_BODY = 512 * 1024
GRADIO_BODY = 64 * 1024


EMBED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>html,body{{margin:0;height:100%}}#chat{{height:100%}}</style></head>
<body><div id="chat"></div><script src="widget.js" data-target="#chat" data-title="{title}" defer></script></body>
</html>
"""


def create_app(service: Service, web: WebSettings = WebSettings()):
    """The app for `service`."""
    from assistant.offline import go_offline

    go_offline()
    import gradio as gr
    import swagger_ui_bundle
    from gradio.utils import get_upload_folder

    from assistant.web.admin import MAX_UPLOAD_MB, RebuildJob
    from assistant.web.api import MAX_BODY, install_error_handlers, install_not_found, router
    from assistant.web.bodies import BodyLimit
    from assistant.web.events import EventGuard
    from assistant.web.forwarded import ProxyHeaders, TrustedHosts, parse_hosts, parse_proxies
    from assistant.web.gate import RouteGate
    from assistant.web.limits import ChatLimits
    from assistant.web.observe import Metrics, RequestLog, metrics_route
    from assistant.web.quiet import quiet_when_idle
    from assistant.web.security import Admission, OriginGuard, SecurityHeaders
    from assistant.web.sessions import AdminSessions, SessionCookie
    from assistant.web.ui import CSS, build_ui, event_handlers
    from assistant.web.uploads import UploadGuard, UploadLimits

    app = FastAPI(
        title="Role Assistant",
        description="Answers about the jobs its documents describe, with the passages behind them.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    install_error_handlers(app)
    # One budget of questions per client, whichever way they come: /api/ask, Gradio's `ask`
    # endpoint or the chat.
    limits = ChatLimits.of(web.rate_limit, web.votes_per_minute)
    app.include_router(router(service, limits.questions, Admission(web.concurrency, web.queue_size)))

    # Swagger UI from the swagger-ui-bundle package: the docs page fetches nothing from a CDN.
    app.mount("/api/docs-assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-assets")

    @app.get("/api/docs", include_in_schema=False)
    async def docs(request: Request):
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}/api/openapi.json",
            title="Role Assistant API",
            swagger_js_url=f"{root}/api/docs-assets/swagger-ui-bundle.js",
            swagger_css_url=f"{root}/api/docs-assets/swagger-ui.css",
            swagger_favicon_url=f"{root}/api/docs-assets/favicon-32x32.png",
        )

    install_not_found(app)

    @app.get("/widget.js", include_in_schema=False)
    async def widget():
        return FileResponse(
            STATIC / "widget.js", media_type="text/javascript", headers={"Cache-Control": "public, max-age=300"}
        )

    @app.get("/embed", include_in_schema=False)
    async def embed():
        return HTMLResponse(EMBED_PAGE.format(title=html.escape("Role Assistant")))

    job = RebuildJob(service.settings, service.embedder, on_published=service.reload_if_published)
    metrics = (
        Metrics(lambda: service.manifest, job.last_build, lambda: service.database.problem) if web.metrics else None
    )
    service.observe(metrics, web.log_format == "json")
    if metrics is not None:
        app.add_route("/metrics", metrics_route(metrics, web.metrics_allow), methods=["GET"], include_in_schema=False)

    @app.get("/gradio.js", include_in_schema=False)
    async def gradio_loader():
        return FileResponse(
            Path(gr.__file__).parent / "templates" / "frontend" / "gradio.js", media_type="text/javascript"
        )

    sessions = AdminSessions() if web.admin_token else None
    uploads = Path(get_upload_folder())
    demo = build_ui(service, web.admin_token, job if web.admin_token else None, web.root_path, limits, sessions)
    demo.queue(default_concurrency_limit=web.concurrency, max_size=web.queue_size)
    quiet_when_idle(demo)  # idle costs nothing (quiet.py)
    demo.state_session_capacity = STATE_SESSIONS

    # Outermost last. In the order a request meets them: the request log and metrics (which see
    # every status); forwarded headers believed only from
    # named proxies; security headers on every answer; the Host checked; CORS; the origin
    # guard; a session cookie for the page; only the routes the product uses (admin ones for an
    # unlocked session); a body limit on every route; upload caps; events only for this app's
    # handlers and naming only uploaded files.
    app.add_middleware(EventGuard, folder=uploads, handlers=event_handlers(demo))
    app.add_middleware(
        UploadGuard,
        folder=uploads,
        limits=UploadLimits(
            files_per_request=web.upload_files_per_request,
            bytes_per_request=web.upload_mb_per_request * 10**6,
            files_per_hour=web.upload_files_per_hour,
            bytes_per_hour=web.upload_mb_per_hour * 10**6,
        ),
    )
    app.add_middleware(
        BodyLimit,
        default=GRADIO_BODY,
        routes=(("/api/", MAX_BODY), ("/gradio_api/queue/join", CHAT_BODY), ("/gradio_api/upload", None)),
    )
    app.add_middleware(RouteGate, sessions=sessions)
    app.add_middleware(SessionCookie)
    app.add_middleware(OriginGuard, allowed=web.allowed_origins)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(web.allowed_origins),
        allow_methods=["GET", "POST"],
        allow_headers=["content-type"],
        expose_headers=["Retry-After"],
        allow_credentials=False,
        max_age=600,
    )
    app.add_middleware(TrustedHosts, allowed=parse_hosts(web.hosts()))
    app.add_middleware(SecurityHeaders, allowed=web.allowed_origins)
    app.add_middleware(ProxyHeaders, trusted=parse_proxies(web.trusted_proxies))
    app.add_middleware(RequestLog, metrics=metrics, json_lines=web.log_format == "json")  # sees every status

    return gr.mount_gradio_app(
        app,
        demo,
        path="/",
        root_path=web.root_path or None,
        show_error=False,
        footer_links=["api"],
        ssr_mode=False,
        css=CSS,
        max_file_size=f"{MAX_UPLOAD_MB}mb",
    )


class Server:
    """uvicorn in a background thread, for tests and benchmarks (`assistant serve` runs it in
    the foreground)."""

    def __init__(self, app, host: str, port: int, root_path: str = ""):
        import uvicorn

        self.app = app
        self._server = uvicorn.Server(uvicorn_config(app, host, port, root_path))
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self, timeout: float = 60) -> None:
        self._thread.start()
        for _ in range(int(timeout * 20)):
            if self._server.started:
                return
            threading.Event().wait(0.05)
        raise RuntimeError("the web server did not start")

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


def run(app, host: str, port: int, root_path: str = "") -> None:
    """Serve until interrupted. `root_path` is the prefix a reverse proxy strips (uvicorn puts it
    in every request's scope, so the API docs and Gradio build their URLs with it)."""
    import uvicorn

    uvicorn.Server(uvicorn_config(app, host, port, root_path)).run()


def uvicorn_config(app, host: str, port: int, root_path: str):
    import uvicorn

    # uvicorn believes X-Forwarded-For from 127.0.0.1 by default: off, forwarded.ProxyHeaders
    # decides from the proxies the operator names. No "server: uvicorn" banner either.
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        root_path=root_path,
        proxy_headers=False,
        server_header=False,
    )

"""The real web app on a free loopback port, in this process, for the tests and benchmarks."""

from __future__ import annotations

from assistant.config import Settings, WebSettings
from assistant.embed.base import Embedder
from assistant.testing import free_port
from assistant.web.app import Server, create_app
from assistant.web.service import Service


def start_web(
    settings: Settings, embedder: Embedder, admin_token: str | None = None, watch: bool = False, **web
) -> tuple[Service, Server, str]:
    """Start the app: (service, server, base URL). Stop it with `server.stop()`."""
    settings_web = WebSettings(admin_token=admin_token, **web)
    days = settings_web.question_log_days if settings_web.question_log else None
    service = Service.start(settings, embedder, question_log_days=days)
    if watch:
        service.watch(interval=0.2)
    port = free_port()
    server = Server(create_app(service, settings_web), "127.0.0.1", port, settings_web.root_path)
    server.start()
    return service, server, f"http://127.0.0.1:{port}/"

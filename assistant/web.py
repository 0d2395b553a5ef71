"""The web server: one FastAPI application with the Gradio UI mounted in it, run by uvicorn.

Concurrency: the question handlers run at most CONCURRENCY at a time (one per core: a
question is one model call of ~10 ms on one torch thread, and two in parallel fill the two
cores); up to QUEUE_SIZE more wait in Gradio's queue, and beyond that a request is refused
at once ("queue full") rather than piling up memory.
"""

from __future__ import annotations

import threading

from assistant.service import Service

CONCURRENCY = 2
QUEUE_SIZE = 64


def create_app(service: Service, root_path: str = "", admin_token: str | None = None):
    """The app for `service`; with `admin_token`, an Admin tab that can rebuild the index."""
    from assistant.offline import go_offline

    go_offline()
    import gradio as gr
    from fastapi import FastAPI

    from assistant.admin import MAX_UPLOAD_MB, RebuildJob
    from assistant.ui import CSS, build_ui

    job = RebuildJob(service.settings, service.embedder, on_published=service.reload_if_published)
    demo = build_ui(service, admin_token, job if admin_token else None)
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)
    app = FastAPI(title="Role Assistant", docs_url=None, redoc_url=None, openapi_url=None)
    return gr.mount_gradio_app(app, demo, path="/", root_path=root_path or None, show_error=False,
                               footer_links=["api"], ssr_mode=False, css=CSS,
                               max_file_size=f"{MAX_UPLOAD_MB}mb")


class Server:
    """uvicorn in a background thread, for tests and benchmarks (`assistant serve` runs it in
    the foreground)."""

    def __init__(self, app, host: str, port: int):
        import uvicorn

        self._server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
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


def run(app, host: str, port: int) -> None:
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning")

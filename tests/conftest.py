"""Shared fixtures. Most tests use `FakeEmbedder` (a deterministic hash of words) so they
never load torch; tests marked `e2e` use the real bundled model through `real_embedder`."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest
from servers import Postgres, require_program  # noqa: F401 - imported by tests

from assistant.config import Settings
from assistant.testing import FakeEmbedder, free_port  # noqa: F401 - imported by tests

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
EVAL = Path(__file__).resolve().parent / "data" / "eval"


def run_async(coroutine):
    """Run `coroutine` to the end in a thread of its own: the browser tests' Playwright keeps an
    event loop running in the main thread, where asyncio.run refuses to start."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch):
    """No test reads the developer's ASSISTANT_* settings or reaches a model hub."""
    for var in [v for v in os.environ if v.startswith("ASSISTANT_")]:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def copy_of_corpus(folder: Path, **settings) -> Settings:
    """Settings for a copy of the real corpus (without its golden questions, so no quality gate
    by default) in `folder`/corpus that a test may change, its index in `folder`/index."""
    shutil.copytree(CORPUS, folder / "corpus", ignore=shutil.ignore_patterns("eval"))
    return Settings(corpus_dir=folder / "corpus", index_dir=folder / "index", **settings)


@pytest.fixture
def corpus(settings) -> Path:
    return settings.corpus_dir


@pytest.fixture
def settings(tmp_path) -> Settings:
    return copy_of_corpus(tmp_path)


@pytest.fixture
def fake() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def real_embedder(tmp_path_factory):
    """The bundled model on the float ONNX backend (exported once per test session). Most
    end-to-end tests ask the index it builds with the default (int8) settings, as a deployment
    built before int8 became the default does; tests/test_backends.py builds with int8."""
    from assistant.config import DEFAULT_MODEL
    from assistant.embed.factory import make_embedder

    return make_embedder(DEFAULT_MODEL, "onnx", 1, tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def real_index_dir(tmp_path_factory, real_embedder) -> Path:
    """An index of the real corpus built once with the real model."""
    from assistant.build import build_index

    index_dir = tmp_path_factory.mktemp("real") / "index"
    build_index(Settings(corpus_dir=CORPUS, index_dir=index_dir), real_embedder)
    return index_dir


@pytest.fixture(scope="session")
def real_assistant(real_index_dir, real_embedder):
    from assistant.build import ensure_index
    from assistant.engine import Assistant

    settings = Settings(corpus_dir=CORPUS, index_dir=real_index_dir)
    return Assistant(ensure_index(settings, real_embedder), real_embedder, settings)


class HostPages:
    """Static pages served from another origin (another loopback port), like an intranet's."""

    def __init__(self, folder: Path):
        import functools
        import threading
        from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        self.folder = folder
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        handler = functools.partial(Quiet, directory=str(folder))
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def page(self, name: str, html: str) -> str:
        (self.folder / name).write_text(html, encoding="utf-8")
        return f"{self.origin}/{name}"

    def stop(self) -> None:
        self._server.shutdown()


@pytest.fixture(scope="session")
def web(real_index_dir, real_embedder):
    from assistant.web.testing import start_web

    service, server, url = start_web(Settings(corpus_dir=CORPUS, index_dir=real_index_dir), real_embedder)
    yield service, url
    server.stop()


# ---- the real browser ------------------------------------------------------------------------


LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    path = require_program(
        "/usr/bin/chromium", "chromium", "chromium-browser", package="chromium", purpose="the browser tests"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        yield browser
        browser.close()


class Page:
    """A browser page that records page errors and blocks (and records) external requests."""

    def __init__(self, browser, url: str, width: int = 1100, gradio: bool = True):
        self.page = browser.new_page(viewport={"width": width, "height": 1200})
        self.external: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.goto(url)
        if gradio:
            self.page.get_by_test_id("textbox").first.wait_for(timeout=30000)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:")):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def ask(self, question: str) -> None:
        before = self.page.locator(".bot.message").count()
        box = self.page.get_by_test_id("textbox").first
        box.fill(question)
        box.press("Enter")
        self.wait_for_reply(before)

    def wait_for_reply(self, before: int) -> None:
        # A new reply first shows Gradio's "Loading content" placeholder: wait for its text.
        self.page.wait_for_function(
            """(before) => {
                const replies = document.querySelectorAll('.bot.message');
                const last = replies[replies.length - 1];
                return replies.length > before && last.innerText.trim() !== ''
                    && !last.innerText.includes('Loading content');
            }""",
            arg=before,
            timeout=30000,
        )
        self.page.wait_for_timeout(300)

    def last_reply(self) -> str:
        return self.page.locator(".bot.message").last.inner_text()

    def ask_widget(self, question: str) -> str:
        """Ask in the script widget (its shadow DOM is open to Playwright's locators); the log."""
        replies = self.page.locator("[data-role-assistant] .msg.bot:not(.note)")
        before = replies.count()
        box = self.page.get_by_label("Your question")
        box.fill(question)
        box.press("Enter")
        replies.nth(before).wait_for(timeout=30000)
        return self.page.locator("[data-role-assistant] .log").inner_text()

    def close(self) -> None:
        assert self.external == [], f"requests left the machine: {self.external}"
        assert self.errors == [], f"errors in the page: {self.errors}"
        self.page.close()


# ---- a throw-away PostgreSQL cluster -------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres():
    import tempfile

    # Not under pytest's tmp_path: its folders are private to root, and the server runs as postgres.
    folder = Path(tempfile.mkdtemp(prefix="role-assistant-pg-"))
    try:
        cluster = Postgres(folder)
        yield cluster
        try:
            cluster.stop()
        except RuntimeError:
            pass  # a test stopped it already
    finally:
        shutil.rmtree(folder, ignore_errors=True)

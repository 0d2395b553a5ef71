"""Behind a real reverse proxy: Debian's nginx on a free loopback port serves the app under
/assistant/ with the example configuration from docs/, and the UI and the widget work."""

import json
from pathlib import Path

import httpx
import pytest
from conftest import CORPUS, HostPages, Page
from raw import Raw
from servers import Nginx

from assistant.config import Settings
from assistant.testing import free_port
from assistant.web.testing import start_web

pytestmark = pytest.mark.e2e

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "nginx" / "role-assistant.conf"


@pytest.fixture(scope="module")
def proxied(tmp_path_factory, real_index_dir, real_embedder):
    friend = HostPages(tmp_path_factory.mktemp("portal"))
    service, server, app_url = start_web(
        Settings(corpus_dir=CORPUS, index_dir=real_index_dir),
        real_embedder,
        root_path="/assistant",
        allowed_origins=(friend.origin,),
        rate_limit=8,
        trusted_proxies=("127.0.0.1",),  # nginx, as docs/nginx/role-assistant.conf says to set
    )
    app_port = app_url.rstrip("/").rsplit(":", 1)[1]
    port = free_port()
    location = EXAMPLE.read_text().replace("127.0.0.1:7860", f"127.0.0.1:{app_port}")
    nginx = Nginx(tmp_path_factory.mktemp("nginx"), f" server {{\n  listen 127.0.0.1:{port};\n  {location}\n }}", port)
    base = f"http://127.0.0.1:{port}/assistant/"
    nginx.wait(base + "api/health")
    yield base, friend, app_url
    nginx.stop()
    server.stop()
    friend.stop()


def test_api_and_static_routes_through_the_proxy(proxied):
    base, _, _ = proxied
    r = httpx.post(base + "api/ask", json={"q": "who deploys models?"}, timeout=30)
    assert r.status_code == 200 and r.json()["role"] == "ml_engineer"
    assert httpx.get(base + "widget.js").status_code == 200
    assert '<script src="widget.js"' in httpx.get(base + "embed").text
    docs = httpx.get(base + "api/docs").text
    assert "/assistant/api/openapi.json" in docs and "/assistant/api/docs-assets/" in docs


def test_the_ui_works_through_the_proxy(browser, proxied):
    base, _, _ = proxied
    page = Page(browser, base)
    page.ask("who deploys models?")
    assert "ML engineers:" in page.last_reply()
    page.close()


def test_the_widget_works_through_the_proxy(browser, proxied):
    base, friend, _ = proxied
    url = friend.page("portal.html", f'<h1>Portal</h1><script src="{base}widget.js" defer></script>')
    page = Page(browser, url, gradio=False)
    page.page.get_by_role("button", name="Ask about roles").click()
    assert "ML engineers:" in page.ask_widget("who deploys models?")
    page.close()


def test_guards_hold_under_the_prefix(proxied):
    base, _, app_url = proxied
    for url in (base, app_url):  # through nginx, and straight to the app started with --root-path
        evil = httpx.post(url + "api/ask", json={"q": "x"}, headers={"Origin": "https://evil.example"})
        assert evil.status_code == 403
        big = httpx.post(
            url + "api/ask", content=b'{"q": "' + b"a" * 20000 + b'"}', headers={"content-type": "application/json"}
        )
        assert big.status_code == 413
        assert httpx.post(url + "gradio_api/upload", files={"files": ("x.md", b"# X")}).status_code == 403


def test_the_app_knows_its_public_address_through_the_proxy(proxied):
    """The named proxy's X-Forwarded-Host/-Proto count: the Embed tab shows the address the
    browser used, and a page of the app is its own origin."""
    base, _, _ = proxied
    raw = Raw(base)
    loaded = json.dumps(raw.call(raw.fn("on_load"), []))
    assert f'src=\\"{base}widget.js\\"' in loaded
    own = base.rstrip("/").rsplit("/", 1)[0]
    r = httpx.post(base + "api/ask", json={"q": "who deploys models?"}, headers={"Origin": own}, timeout=30)
    assert r.status_code == 200


def test_a_client_cannot_choose_its_own_address_through_the_proxy(proxied):
    base, _, _ = proxied
    codes = [
        httpx.post(
            base + "api/ask",
            json={"q": f"who deploys models? {i}"},
            timeout=30,
            headers={"X-Forwarded-For": f"10.0.0.{i}"},
        ).status_code
        for i in range(12)
    ]
    assert 429 in codes and codes.count(200) <= 8

"""Only the routes the product uses answer: Gradio's operator and development routes (the
monitoring summary listed the admin handlers to anyone, the reload stream took 900 idle
connections and the CPU) are gone, and an unknown route is a JSON 404, never a 500 with a
stack trace."""

import re
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from assistant.web.gate import RouteGate

pytestmark = pytest.mark.e2e

CLOSED = [
    ("GET", "monitoring"),
    ("GET", "monitoring/summary"),
    ("GET", "monitoring/0123456789abcdef"),
    ("GET", "gradio_api/dev/reload"),
    ("POST", "gradio_api/call/nope"),
    ("POST", "gradio_api/call/compare"),  # a private handler of the UI
    ("POST", "gradio_api/call/v2/ask"),
    ("POST", "gradio_api/run/ask"),
    ("POST", "gradio_api/api/ask"),
    ("GET", "gradio_api/queue/status"),
    ("POST", "gradio_api/component_server"),
    ("GET", "gradio_api/profiling/summary"),
    ("GET", "gradio_api/openapi.json"),
    ("GET", "gradio_api/startup-events"),
    ("GET", "gradio_api/app_id"),
    ("GET", "gradio_api/proxy=http://127.0.0.1:9/"),
    ("GET", "gradio_api/vibe-code"),
    ("POST", "login"),
    ("GET", "runs"),
]


@pytest.mark.parametrize("method, path", CLOSED)
def test_routes_the_product_does_not_use_are_closed(web, method, path, capfd):
    r = httpx.request(method, web[1] + path, json={"data": []})
    assert r.status_code == 404 and r.json() == {"error": f"no such route: /{path}"}
    assert "Traceback" not in capfd.readouterr().err


def test_file_routes_need_the_admin_session(web):
    for path in ("gradio_api/file=/etc/passwd", "gradio_api/upload_progress?upload_id=1"):
        r = httpx.get(web[1] + path)
        assert r.status_code == 403 and "Admin tab" in r.json()["error"]


def test_idle_reload_streams_are_turned_away_at_once(web):
    def connect(_):
        with httpx.stream("GET", web[1] + "gradio_api/dev/reload", timeout=10) as r:
            return r.status_code

    with ThreadPoolExecutor(50) as pool:
        assert set(pool.map(connect, range(200))) == {404}
    assert httpx.post(web[1] + "api/ask", json={"q": "who deploys models?"}).status_code == 200


def test_what_the_product_uses_still_answers(web):
    page = httpx.get(web[1])
    assert page.status_code == 200
    for path in re.findall(r'(?:src|href)="\.?/?((?:assets|static)/[^"]+)"', page.text)[:5] + [
        "config",
        "gradio_api/info",
        "theme.css",
        "favicon.ico",
        "widget.js",
        "embed",
        "gradio.js",
        "api/health",
        "api/docs",
    ]:
        assert httpx.get(web[1] + path).status_code == 200, path


def test_the_list():
    assert RouteGate.is_open("/gradio_api/call/ask") and RouteGate.is_open("/gradio_api/call/ask/0a1b2c")
    assert not RouteGate.is_open("/gradio_api/call/ask/../compare") and not RouteGate.is_open("/gradio_api/callx")
    assert not RouteGate.is_open("/gradio_api/upload")  # an admin route, not an open one

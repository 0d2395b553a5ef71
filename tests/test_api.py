"""The REST API and the security around it, over real HTTP (httpx) against the real app."""

import httpx
import pytest
from conftest import CORPUS

from assistant.config import Settings
from assistant.web.testing import start_web

pytestmark = pytest.mark.e2e

FRIEND = "http://127.0.0.1:9"  # an allowed embedding origin (nothing listens there; only the header matters)


@pytest.fixture(scope="module")
def api(real_index_dir, real_embedder):
    service, server, url = start_web(
        Settings(corpus_dir=CORPUS, index_dir=real_index_dir), real_embedder, allowed_origins=(FRIEND,), rate_limit=1000
    )
    with httpx.Client(base_url=url, timeout=30) as client:
        yield service, client
    server.stop()


def test_ask_contract(api):
    service, client = api
    r = client.post("/api/ask", json={"q": "who deploys models?", "history": [], "k": 3})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    data = r.json()
    assert data == service.ask("who deploys models?", [], 3).to_json()
    assert data["role"] == "ml_engineer" and len(data["passages"]) == 3


def test_follow_up_through_the_api(api):
    r = api[1].post("/api/ask", json={"q": "how much do they earn?", "history": ["who deploys models?"]})
    assert r.json()["resolved_question"] == "how much do ML engineers earn?"


@pytest.mark.parametrize(
    "body, status, message",
    [
        (b"{not json", 400, "not valid JSON"),
        (b"[1, 2]", 400, "must be a JSON object"),
        (b'{"history": []}', 422, "q: Field required"),
        (b'{"q": "   "}', 400, "question is empty"),
        (b'{"q": 42}', 422, "q: Input should be a valid string"),
        (b'{"q": "x", "k": 0}', 422, "k: Input should be greater than or equal to 1"),
        (b'{"q": "x", "k": 21}', 422, "k: Input should be less than or equal to 20"),
        (b'{"q": "x", "history": "who deploys models?"}', 422, "history: Input should be a valid list"),
        (b'{"q": "x", "admin": true}', 422, "admin: Extra inputs are not permitted"),
        (b'{"q": "' + b"a" * 20000 + b'"}', 413, "over 16384 bytes"),
    ],
)
def test_bad_requests_get_a_4xx_with_a_json_error(api, body, status, message):
    r = api[1].post("/api/ask", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status and message in r.json()["error"]


def test_health(api):
    data = api[1].get("/api/health").json()
    assert data["status"] == "ok" and data["index"]["build_id"] and data["index"]["passages"] > 0


def test_openapi_docs_are_served_offline(api):
    page = api[1].get("/api/docs")
    assert page.status_code == 200 and "/api/docs-assets/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    assert api[1].get("/api/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert "/api/ask" in api[1].get("/api/openapi.json").json()["paths"]


def test_an_unlisted_origin_is_refused_and_gets_no_cors(api):
    r = api[1].post("/api/ask", json={"q": "who deploys models?"}, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and "ASSISTANT_ALLOWED_ORIGINS" in r.json()["error"]
    assert "access-control-allow-origin" not in r.headers
    pre = api[1].options(
        "/api/ask",
        headers={
            "Origin": "http://evil.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert "access-control-allow-origin" not in pre.headers
    assert (
        api[1]
        .post("/gradio_api/call/ask", json={"data": ["hi", []]}, headers={"Origin": "http://evil.example"})
        .status_code
        == 403
    )


def test_a_listed_origin_gets_cors_and_the_own_origin_needs_none(api):
    r = api[1].post("/api/ask", json={"q": "who deploys models?"}, headers={"Origin": FRIEND})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == FRIEND
    pre = api[1].options(
        "/api/ask",
        headers={
            "Origin": FRIEND,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == FRIEND
    own = str(api[1].base_url).rstrip("/")
    assert api[1].post("/api/ask", json={"q": "who deploys models?"}, headers={"Origin": own}).status_code == 200


@pytest.mark.parametrize("path", ["/", "/api/health", "/widget.js", "/embed", "/gradio.js"])
def test_security_headers_everywhere(api, path):
    r = api[1].get(path)
    assert r.status_code == 200
    assert r.headers["content-security-policy"] == f"frame-ancestors 'self' {FRIEND}"
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"] == "no-referrer"


def test_widget_is_small_and_self_contained(api):
    js = api[1].get("/widget.js")
    assert js.headers["content-type"].startswith("text/javascript") and len(js.content) < 30_000
    code = "\n".join(line for line in js.text.splitlines() if not line.lstrip().startswith(("/*", "*")))
    assert "http://" not in code and "https://" not in code  # it only talks to the server it came from
    assert "innerHTML" not in js.text  # document text only ever goes in as textContent


def test_rate_limit_answers_429_with_retry_after(real_index_dir, real_embedder):
    service, server, url = start_web(Settings(corpus_dir=CORPUS, index_dir=real_index_dir), real_embedder, rate_limit=3)
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            codes = [client.post("/api/ask", json={"q": "who deploys models?"}).status_code for _ in range(4)]
            assert codes == [200, 200, 200, 429]
            r = client.post("/api/ask", json={"q": "who deploys models?"})
            assert 1 <= int(r.headers["retry-after"]) <= 61 and "too many questions" in r.json()["error"]
    finally:
        server.stop()


def test_limits_are_per_client():
    from assistant.web.security import RateLimiter

    limiter = RateLimiter(2)
    assert [limiter.retry_after("a", now=0), limiter.retry_after("a", now=1), limiter.retry_after("b", now=1)] == [
        0,
        0,
        0,
    ]
    assert limiter.retry_after("a", now=2) == 59 and limiter.retry_after("a", now=61) == 0


@pytest.mark.parametrize(
    "method, path, status", [("GET", "/api/nothing", 404), ("GET", "/api/ask", 405), ("DELETE", "/api/health", 405)]
)
def test_unknown_routes_and_methods_answer_json(api, method, path, status):
    r = api[1].request(method, path)
    assert r.status_code == status and r.json()["error"]


def test_a_malformed_unicode_question_is_answered_not_a_500(api):
    r = api[1].post(
        "/api/ask", content=b'{"q": "caf\\ud800 who deploys models?"}', headers={"content-type": "application/json"}
    )
    assert r.status_code == 200 and r.json()["passages"]


def test_uploads_are_refused_when_the_admin_tab_is_off(api):
    r = api[1].post("/gradio_api/upload", files={"files": ("x.md", b"# X", "text/markdown")})
    assert r.status_code == 403 and "Admin tab is not enabled" in r.json()["error"]


def test_a_listed_origin_can_read_retry_after(api):
    api[1].options("/api/ask", headers={"Origin": FRIEND, "Access-Control-Request-Method": "POST"})
    got = api[1].post("/api/ask", json={"q": "x"}, headers={"Origin": FRIEND})
    assert "retry-after" in got.headers.get("access-control-expose-headers", "").lower()

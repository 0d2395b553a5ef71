"""Who a request comes from and which name it was sent to: X-Forwarded-* believed only from
the proxies the operator names, and only the host names the server is meant to answer to
(DNS rebinding, in Chromium, gets nothing)."""

import json

import httpx
import pytest
from conftest import CORPUS, LAUNCH_ARGS, require_program, run_async
from raw import Raw

from assistant.config import Settings, WebSettings
from assistant.web.forwarded import ProxyHeaders, TrustedHosts, parse_hosts, parse_proxies, valid_host
from assistant.web.security import own_origin
from assistant.web.testing import start_web

HOSTILE = 'javascript://evil.com"><script>alert(1)</script>'
TOKEN = "a-long-and-secret-admin-token-0123456789"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Example.com", "example.com"),
        ("example.com:8080", "example.com:8080"),
        ("127.0.0.1:7860", "127.0.0.1:7860"),
        ("[::1]:80", "[::1]:80"),
        ("intranet_host", "intranet_host"),
        (HOSTILE, None),
        ("evil.com/path", None),
        ("evil.com:80 x", None),
        ('evil.com"', None),
        ("evil.com:port", None),
        ("", None),
        (None, None),
    ],
)
def test_only_plain_host_names_are_valid(value, expected):
    assert valid_host(value) == expected


def test_settings_are_checked():
    assert parse_hosts("Assistant.Example.com, *.intranet.example, [::1], 10.0.0.1") == (
        "assistant.example.com",
        "*.intranet.example",
        "::1",
        "10.0.0.1",
    )
    for bad in ("https://assistant.example.com", "assistant.example.com:8080", "a b"):
        with pytest.raises(ValueError, match="not a host name"):
            parse_hosts(bad)
    assert [str(n) for n in parse_proxies("127.0.0.1, 10.0.0.0/8")] == ["127.0.0.1/32", "10.0.0.0/8"]
    with pytest.raises(ValueError, match="not an IP address"):
        parse_proxies("proxy.example.com")
    assert WebSettings(host="0.0.0.0").hosts() == ("0.0.0.0", "localhost", "127.0.0.1")


def seen_by_the_app(middleware, peer: str, headers: dict[str, str]) -> dict:
    """What an app behind `middleware` sees of a request from `peer` with `headers`."""
    seen = {}

    async def app(scope, receive, send):
        seen.update(scope)

    scope = {
        "type": "http",
        "scheme": "http",
        "client": (peer, 5000),
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }
    run_async(middleware(app)(scope, None, None))
    return seen


def test_forwarded_headers_are_believed_only_from_a_named_proxy():
    proxy = lambda app: ProxyHeaders(app, parse_proxies("127.0.0.1"))  # noqa: E731
    forwarded = {
        "host": "127.0.0.1:7860",
        "x-forwarded-for": "203.0.113.9",
        "x-forwarded-host": "assistant.example.com",
        "x-forwarded-proto": "https",
    }
    direct = seen_by_the_app(proxy, "192.0.2.7", forwarded)  # not the proxy: a client forging them
    assert direct["client"] == ("192.0.2.7", 5000) and direct["scheme"] == "http"
    assert dict(direct["headers"]) == {b"host": b"127.0.0.1:7860"}  # the headers are gone
    assert own_origin(direct) == "http://127.0.0.1:7860"
    behind = seen_by_the_app(proxy, "127.0.0.1", forwarded)
    assert behind["client"] == ("203.0.113.9", 0) and own_origin(behind) == "https://assistant.example.com"
    assert not any(k.startswith(b"x-forwarded") for k, _ in behind["headers"])
    # From the proxy too, a value that is not a plain host, scheme or address is not used.
    hostile = seen_by_the_app(
        proxy, "127.0.0.1", {**forwarded, "x-forwarded-host": HOSTILE, "x-forwarded-proto": "javascript"}
    )
    assert own_origin(hostile) == "http://127.0.0.1:7860"
    # The client is the nearest address that is not a proxy: a forged entry to its left is ignored.
    chain = seen_by_the_app(proxy, "127.0.0.1", {**forwarded, "x-forwarded-for": "10.9.9.9, 203.0.113.9"})
    assert chain["client"] == ("203.0.113.9", 0)
    nobody = seen_by_the_app(lambda app: ProxyHeaders(app, ()), "127.0.0.1", forwarded)  # the default
    assert nobody["client"] == ("127.0.0.1", 5000) and own_origin(nobody) == "http://127.0.0.1:7860"


def test_trusted_hosts():
    hosts = TrustedHosts(lambda *a: None, parse_hosts("assistant.example.com, *.intranet.example, ::1"))
    for ok in ("assistant.example.com", "Assistant.Example.com:443", "wiki.intranet.example", "[::1]:7860"):
        assert hosts.allows(ok), ok
    for bad in ("evil.com", "intranet.example.evil.com", "example.com", HOSTILE, None, "127.0.0.1"):
        assert not hosts.allows(bad), bad


@pytest.fixture(scope="module")
def server(real_index_dir, real_embedder):
    service, server, url = start_web(
        Settings(corpus_dir=CORPUS, index_dir=real_index_dir), real_embedder, admin_token=TOKEN
    )
    yield url
    server.stop()


@pytest.mark.e2e
def test_a_client_cannot_pick_its_address_with_x_forwarded_for(server):
    """70 questions from loopback, each with another X-Forwarded-For, were all answered
    (uvicorn believed the header from 127.0.0.1); now the 61st is refused."""
    with httpx.Client(base_url=server, timeout=30) as client:
        codes = [
            client.post(
                "/api/ask", json={"q": f"who deploys models? {i}"}, headers={"X-Forwarded-For": f"10.0.{i}.1"}
            ).status_code
            for i in range(70)
        ]
    assert codes.count(200) == 60 and codes[60:] == [429] * 10


@pytest.mark.e2e
def test_forwarded_host_and_proto_from_a_client_change_nothing(server):
    forged = {"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https", "Origin": "https://evil.example"}
    r = httpx.post(server + "api/ask", json={"q": "who deploys models?"}, headers=forged)
    assert r.status_code == 403  # the page is not this server's own, whatever the headers say
    raw = Raw(server)
    raw.http.headers.update({"X-Forwarded-Host": HOSTILE, "X-Forwarded-Proto": "javascript"})
    loaded = json.dumps(raw.call(raw.fn("on_load"), []))  # the Embed tab's snippets
    assert "evil.com" not in loaded and "javascript" not in loaded
    assert f'src=\\"{server}widget.js\\"' in loaded


@pytest.mark.e2e
@pytest.mark.parametrize("path, method", [("", "GET"), ("api/ask", "POST"), ("gradio_api/upload", "POST")])
def test_an_unknown_host_name_gets_400(server, path, method):
    r = httpx.request(method, server + path, headers={"Host": "evil.com"}, json={"q": "who deploys models?"})
    assert r.status_code == 400 and "ASSISTANT_ALLOWED_HOSTS" in r.json()["error"]


def rebinding_attack(browser, app_url: str) -> dict:
    """A page of evil.test (its DNS answer now 127.0.0.1, as after a rebinding) calling the
    app on the victim's machine as its own origin: the status of each call."""
    port = app_url.rstrip("/").rsplit(":", 1)[1]
    evil = browser.browser_type.launch(  # a browser of its own, with the rebound name
        executable_path=require_program("/usr/bin/chromium", "chromium", package="chromium", purpose="this test"),
        args=[
            *LAUNCH_ARGS,
            "--host-resolver-rules=MAP evil.test 127.0.0.1",
            # Recent Chromium also asks before a public page reaches a local address (Local Network
            # Access); off, as in browsers without it, so only the server stands in the way.
            "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,"
            "PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults",
        ],
    )
    try:
        page = evil.new_page()
        origin = f"http://evil.test:{port}"
        page.route(
            f"{origin}/attack.html", lambda route: route.fulfill(body="<h1>cute cats</h1>", content_type="text/html")
        )
        page.goto(f"{origin}/attack.html")
        config = Raw(app_url).config()
        unlock = next(i for i, d in enumerate(config["dependencies"]) if d.get("api_name") == "admin_unlock")
        return page.evaluate(
            """async (unlock) => {
                const post = (path, body, type) => fetch(path, {method: "POST", body,
                    headers: type ? {"content-type": type} : {}}).then(r => r.status, () => "network error");
                const form = new FormData();
                form.append("files", new Blob(["# Evil"]), "evil.md");
                return {
                    page: await fetch("/").then(r => r.status),
                    ask: await post("/api/ask", JSON.stringify({q: "who deploys models?"}), "application/json"),
                    gradio_ask: await post("/gradio_api/call/ask", JSON.stringify({data: ["who deploys models?", []]}),
                                           "application/json"),
                    admin: await post("/gradio_api/queue/join", JSON.stringify({data: ["a guess"], fn_index: unlock,
                                      session_hash: "rebound", event_data: null, trigger_id: null}), "application/json"),
                    upload: await post("/gradio_api/upload", form),
                };
            }""",
            unlock,
        )
    finally:
        evil.close()


@pytest.mark.e2e
def test_dns_rebinding_gets_nothing(browser, server):
    statuses = rebinding_attack(browser, server)
    assert statuses == {"page": 400, "ask": 400, "gradio_ask": 400, "admin": 400, "upload": 400}, statuses


@pytest.mark.e2e
def test_dns_rebinding_would_work_without_the_host_check(browser, real_index_dir, real_embedder):
    """The control: with every host name allowed, the same page reaches the app."""
    _, stopper, url = start_web(
        Settings(corpus_dir=CORPUS, index_dir=real_index_dir), real_embedder, admin_token=TOKEN, allowed_hosts=("*",)
    )
    try:
        statuses = rebinding_attack(browser, url)
    finally:
        stopper.stop()
    assert statuses["page"] == statuses["ask"] == statuses["gradio_ask"] == statuses["admin"] == 200, statuses
    assert statuses["upload"] == 403  # uploads need the admin session besides

"""A body limit on every route: refused (413, JSON) before the route sees a byte, so oversized
Gradio calls no longer raise the server's memory (30 different 20 MB questions once took it
from 1.95 GB to 3.0 GB, for good)."""

import json
import socket
import time
import uuid
from urllib.parse import urlsplit

import httpx
import pytest
from conftest import CORPUS, run_async

from assistant.config import Settings
from assistant.web.bodies import BodyLimit


def through(limit: BodyLimit, chunks: list[bytes], headers: dict[str, str], method: str = "POST", path: str = "/x"):
    """(what the app behind `limit` received, or None if it never ran; the status sent)."""
    got: dict = {}
    sent: list[dict] = []

    async def app(scope, receive, send):
        body, more = b"", True
        while more:
            message = await receive()
            body, more = body + message.get("body", b""), message.get("more_body", False)
        got["body"] = body
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def run():
        messages = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)]

        async def receive():
            return messages.pop(0) if messages else {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        scope = {
            "type": "http",
            "method": method,
            "path": path,
            "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
        }
        limit.app = app
        await limit(scope, receive, send)

    run_async(run())
    return got.get("body"), sent[0]["status"]


def test_every_route_has_a_limit_declared_or_streamed():
    limit = BodyLimit(None, default=100, routes=(("/api/", 10), ("/upload", None)))
    assert through(limit, [b"x" * 100], {"content-length": "100"}) == (b"x" * 100, 200)
    assert through(limit, [b"x" * 101], {"content-length": "101"}) == (None, 413)  # declared: nothing read
    assert through(limit, [b"x" * 60, b"x" * 60], {"transfer-encoding": "chunked"}) == (None, 413)  # streamed
    assert through(limit, [b"x" * 11], {"content-length": "11"}, path="/api/ask") == (None, 413)
    assert through(limit, [b"x" * 500], {"content-length": "500"}, path="/upload") == (b"x" * 500, 200)  # its guard's
    assert through(limit, [b""], {}, method="GET") == (b"", 200)  # no body: straight through


def post_oversized(url: str, path: str, size: int) -> int:
    """POST `size` bytes of a JSON body the way an attacker would, stopping when the server
    answers; its status."""
    parts = urlsplit(url)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {size}\r\nConnection: close\r\n\r\n"
    ).encode()
    chunk = (f'{{"data": ["{uuid.uuid4().hex} who deploys models? ' + "a" * 65_000).encode()
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(head)
        sock.setblocking(False)
        reply, sent = b"", 0
        deadline = time.monotonic() + 60
        while b"\r\n" not in reply and time.monotonic() < deadline:
            try:
                reply += sock.recv(4096)
                if not reply:
                    break
                continue
            except BlockingIOError:
                pass
            if sent < size:
                try:
                    sent += sock.send(chunk[: size - sent])
                except BlockingIOError:
                    time.sleep(0.001)
                except OSError:  # the server closed its end after answering
                    sock.setblocking(True)
                    reply += sock.recv(4096)
            else:
                time.sleep(0.01)
    return int(reply.split(b" ", 2)[1])


def ask(client: httpx.Client, question: str, history: list[str] | None = None) -> str:
    """Gradio's `ask` over raw HTTP: the event stream of the answer."""
    event = client.post("/gradio_api/call/ask", json={"data": [question, history or []]}).json()["event_id"]
    return client.get(f"/gradio_api/call/ask/{event}").text


@pytest.mark.e2e
def test_oversized_gradio_calls_leave_memory_where_it_was(tmp_path, real_index_dir, real_embedder):
    from servers import Served, index_copy

    server = Served(
        Settings(corpus_dir=CORPUS, index_dir=index_copy(real_index_dir, real_embedder, tmp_path / "index"))
    )
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            for q in ("who deploys models?", "Which role pays more? " * 300):  # the first answers load the model
                assert "event: complete" in ask(client, q)
            time.sleep(1)
            start = server.rss_mb()
            codes = [post_oversized(server.url, "/gradio_api/call/ask", 20 * 10**6) for _ in range(20)]
            codes += [post_oversized(server.url, "/gradio_api/queue/join", 20 * 10**6) for _ in range(10)]
            history = client.post("/gradio_api/call/ask", json={"data": ["who deploys models?", ["x"] * 200_000]})
            time.sleep(1)
            refused = server.rss_mb()
            # Within the limit, long questions are cut before anything keeps them.
            long = [ask(client, f"{i} " + "salary " * 8_000, ["q"] * 10) for i in range(30)]
            time.sleep(1)
            end = server.rss_mb()
    finally:
        server.stop()
    print(
        f"\nserver memory: {start:.0f} MB at the start, {end:.0f} MB after 30 oversized calls ({end - start:+.1f} MB)"
    )
    assert codes == [413] * 30 and history.status_code == 413
    assert all("event: complete" in r and "cut to its first 2,000" not in r for r in long)
    assert refused - start < 50 and end - start < 100


@pytest.mark.e2e
def test_the_refusal_is_clear_json(web):
    _, url = web
    r = httpx.post(url + "gradio_api/call/ask", content=json.dumps({"data": ["x" * 70_000, []]}).encode())
    assert r.status_code == 413 and r.json() == {"error": "the request body is over 65536 bytes"}
    chat = httpx.post(url + "gradio_api/queue/join", content=b'{"data": ["' + b"x" * 600_000 + b'"]}')
    assert chat.status_code == 413 and "524288 bytes" in chat.json()["error"]

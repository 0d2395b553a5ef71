"""Raw HTTP calls to the app's Gradio routes, as an attacker (or a script) makes them:
"join(fn, data)" is `POST /gradio_api/queue/join` with that `fn_index` and data, then reading
`/gradio_api/queue/data` until the event completes."""

from __future__ import annotations

import json
import uuid

import httpx


class Raw:
    """One client of the app (cookies kept, so it can hold an admin session). `address` is sent
    as X-Forwarded-For: it counts only on a server that trusts 127.0.0.1 as a proxy, where it
    lets each test be a client of its own."""

    def __init__(self, url: str, address: str | None = None):
        headers = {"X-Forwarded-For": address} if address else {}
        self.http = httpx.Client(base_url=url, timeout=30, headers=headers)
        self._config: dict | None = None

    def close(self) -> None:
        self.http.close()

    def open_page(self) -> httpx.Response:
        return self.http.get("/")

    def config(self) -> dict:
        if self._config is None:
            self._config = self.http.get("/config").json()
        return self._config

    def fn(self, api_name: str | None = None, event: str | None = None) -> int:
        """The fn_index of the handler named `api_name`, or of the first one triggered by `event`."""
        for i, dep in enumerate(self.config()["dependencies"]):
            if api_name is not None and dep.get("api_name") == api_name:
                return i
            if event is not None and any(t[1] == event for t in dep.get("targets", [])):
                return i
        raise AssertionError(f"no handler {api_name or event}")

    def join(self, fn: int, data: list, session: str | None = None, event_data=None) -> httpx.Response:
        body = {
            "data": data,
            "fn_index": fn,
            "session_hash": session or uuid.uuid4().hex[:11],
            "event_data": event_data,
            "trigger_id": None,
        }
        return self.http.post("/gradio_api/queue/join", json=body)

    def call(self, fn: int, data: list, session: str | None = None, event_data=None) -> dict:
        """The completed event's message ({"success": ..., "output": ...}), with the messages the
        handler showed (gr.Info, gr.Warning) under "logs"."""
        session = session or uuid.uuid4().hex[:11]
        self.join(fn, data, session, event_data).raise_for_status()
        logs = []
        with self.http.stream("GET", f"/gradio_api/queue/data?session_hash={session}") as stream:
            for line in stream.iter_lines():
                if line.startswith("data:"):
                    message = json.loads(line[5:])
                    if message.get("msg") == "log":
                        logs.append(message.get("log"))
                    if message.get("msg") == "process_completed":
                        return {**message, "logs": logs}
        raise AssertionError("no answer")

    def upload(self, *files: tuple[str, bytes]) -> httpx.Response:
        return self.http.post("/gradio_api/upload", files=[("files", f) for f in files])

    def unlock(self, token: str) -> dict:
        """Open the page (for the session cookie) and enter the token in the Admin tab."""
        self.open_page()
        return self.call(self.fn("admin_unlock"), [token])

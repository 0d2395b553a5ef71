"""What the server tells its operators: Prometheus metrics at /metrics (prometheus-client, a
registry of the app's own, nothing global) and, with --log-format json, one JSON line per
request: time, request id, endpoint, status, milliseconds, whether it abstained, the build.

The question text is never logged, unless the question log is on (then it is stored anyway).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.answer import Answer
from assistant.web.security import app_path, client_id

request_log = logging.getLogger("assistant.requests")

# Endpoints counted by name; anything else is "other" (the label set stays small).
ENDPOINTS = (
    "/api/ask",
    "/api/health",
    "/metrics",
    "/widget.js",
    "/embed",
    "/gradio.js",
    "/gradio_api/upload",
    "/gradio_api/queue/join",
    "/gradio_api/queue/data",
    "/gradio_api/call/ask",
    "/gradio_api/heartbeat",
    "/config",
    "/",
)
STAGES = {
    "embed": "embed",
    "dense search": "search",
    "keyword search": "search",
    "fusion": "search",
    "answer building": "answer",
}  # the engine's stages, by what an operator graphs
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def endpoint_of(path: str) -> str:
    if path in ENDPOINTS:
        return path
    if path.startswith("/gradio_api/queue/data"):
        return "/gradio_api/queue/data"
    if path.startswith("/gradio_api/heartbeat"):
        return "/gradio_api/heartbeat"
    return "other"


class Metrics:
    """The metrics of one app. `collect_index` is asked at every scrape for the index in
    service (its manifest) and the last rebuild, so those are never stale."""

    def __init__(
        self,
        index_manifest: Callable[[], dict],
        last_build: Callable[[], dict | None],
        database_problem: Callable[[], str | None] = lambda: None,
    ):
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "assistant_requests", "HTTP requests by endpoint and status", ["endpoint", "status"], registry=r
        )
        self.latency = Histogram(
            "assistant_request_seconds",
            "Whole request time by endpoint",
            ["endpoint"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=r,
        )
        self.stages = Histogram(
            "assistant_stage_seconds",
            "Time of each stage of answering a question",
            ["stage"],
            buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25),
            registry=r,
        )
        self.answers = Counter(
            "assistant_answers", "Questions answered, by where they came from", ["endpoint"], registry=r
        )
        self.abstentions = Counter(
            "assistant_abstentions", "Questions the documents did not answer, by reason", ["reason"], registry=r
        )
        self.votes = Counter("assistant_votes", "Votes on replies", ["vote"], registry=r)
        self.shed = Counter(
            "assistant_shed_requests", "Requests refused for load (503) or rate (429)", ["status"], registry=r
        )
        self.database_up = Gauge("assistant_database_up", "1 when votes and the question log can be stored", registry=r)
        self.database_up.set_function(lambda: 0.0 if database_problem() else 1.0)  # read at each scrape
        r.register(_IndexCollector(index_manifest, last_build))
        self._clock = threading.local()

    # ---- the engine's stage hook: called when each stage ends, in one thread per question ----
    def start_question(self) -> None:
        self._clock.last = time.perf_counter()

    def stage_done(self, stage: str) -> None:
        now = time.perf_counter()
        last = getattr(self._clock, "last", None)
        self._clock.last = now
        if last is not None and stage in STAGES:
            self.stages.labels(STAGES[stage]).observe(now - last)

    def answered(self, answer: Answer, endpoint: str) -> None:
        self.answers.labels(endpoint).inc()
        if answer.abstained:
            self.abstentions.labels(answer.reason_kind or "off_topic").inc()

    def text(self) -> bytes:
        return generate_latest(self.registry)


class _IndexCollector:
    """The index in service and the last build, read at scrape time."""

    def __init__(self, manifest: Callable[[], dict], last_build: Callable[[], dict | None]):
        self.manifest, self.last_build = manifest, last_build

    def describe(self):
        return []

    def collect(self):
        m = self.manifest()
        counts = m.get("counts", {})
        info = InfoMetricFamily("assistant_index", "The index in service")
        info.add_metric([], {"build_id": str(m.get("build_id", "")), "model": str(m.get("model", {}).get("name", ""))})
        yield info
        for name, key, what in (
            ("passages", "passages", "Passages"),
            ("documents", "documents", "Documents"),
            ("facts", "facts", "Role facts"),
        ):
            yield GaugeMetricFamily(
                f"assistant_index_{name}", f"{what} in the index in service", value=float(counts.get(key, 0))
            )
        built = m.get("built_at")
        if built:
            age = time.time() - datetime.fromisoformat(built).timestamp()
            yield GaugeMetricFamily("assistant_index_age_seconds", "Age of the index in service", value=age)
        last = self.last_build() or {}
        if "seconds" in last:
            yield GaugeMetricFamily("assistant_last_build_seconds", "Duration of the last build", value=last["seconds"])
        if "outcome" in last:
            outcome = GaugeMetricFamily(
                "assistant_last_build_outcome", "1 for the outcome of the last build", labels=["outcome"]
            )
            outcome.add_metric([last["outcome"]], 1.0)
            yield outcome


def metrics_route(metrics: Metrics, allowed: tuple[str, ...]) -> Callable:
    """GET /metrics: the Prometheus text, to loopback and the `allowed` networks only."""
    networks = [ipaddress.ip_network(n) for n in allowed]

    async def route(request: Request) -> Response:
        client = client_id(request.scope)
        try:
            address = ipaddress.ip_address(client)
        except ValueError:
            address = None
        if address is None or not (address.is_loopback or any(address in n for n in networks)):
            return JSONResponse(
                {"error": "metrics are served to this machine and the networks in ASSISTANT_METRICS_ALLOW only"},
                status_code=403,
            )
        return Response(metrics.text(), media_type="text/plain; version=0.0.4; charset=utf-8")

    return route


class RequestLog:
    """Counts every request (and its latency) for /metrics and, when `json_lines`, writes one
    JSON line for it. An API answer leaves `answer` in the request state (abstained, build)."""

    def __init__(self, app: ASGIApp, metrics: Metrics | None, json_lines: bool):
        self.app, self.metrics, self.json_lines = app, metrics, json_lines

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (self.metrics is None and not self.json_lines):
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        given = Headers(scope=scope).get("x-request-id", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex[:16]
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            seconds = time.perf_counter() - started
            endpoint = endpoint_of(app_path(scope))
            if self.metrics is not None:
                self.metrics.requests.labels(endpoint, str(status)).inc()
                self.metrics.latency.labels(endpoint).observe(seconds)
                if status in (429, 503):
                    self.metrics.shed.labels(str(status)).inc()
            if self.json_lines:
                answer = scope.get("state", {}).get("answer", {})
                write_line(endpoint=endpoint, status=status, ms=seconds * 1000, request_id=request_id, **answer)


def write_line(**fields) -> None:
    """One JSON line on the request log (configured by `assistant serve --log-format json`)."""
    line = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"), **fields}
    if "ms" in line:
        line["ms"] = round(float(line["ms"]), 2)
    request_log.info(json.dumps(line, ensure_ascii=False))


def use_json_lines() -> None:
    """Send the request log, as bare JSON lines, to stderr (the CLI calls this once)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    request_log.addHandler(handler)
    request_log.setLevel(logging.INFO)
    request_log.propagate = False

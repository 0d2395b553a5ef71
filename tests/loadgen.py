"""A bounded load generator for the web app (loopback only, stops by itself): many clients
asking questions over raw HTTP, every answer checked against the question it was sent for."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx


@dataclass
class LoadResult:
    target: str
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    mismatched: list[str] = field(default_factory=list)  # questions answered with another's answer
    messages: Counter = field(default_factory=Counter)  # error texts of refused requests

    @property
    def answered(self) -> int:
        return self.statuses[200]

    @property
    def shed(self) -> int:
        return self.statuses[429] + self.statuses[503]

    @property
    def server_errors(self) -> int:
        """5xx other than a deliberate 503 ("busy, retry")."""
        return sum(n for code, n in self.statuses.items() if code >= 500 and code != 503)

    def pct(self, p: float) -> float:
        values = sorted(self.latencies)
        return values[min(len(values) - 1, int(p * len(values)))] * 1000 if values else float("nan")

    def row(self) -> str:
        return (
            f"| {self.target} | {self.clients} | {self.seconds:.0f} s | {self.answered} | {self.shed} | "
            f"{self.server_errors} | {len(self.mismatched)} | {self.pct(0.5):.0f} | {self.pct(0.95):.0f} |"
        )


HEADER = (
    "| endpoint | clients | time | answered | shed (429/503) | other 5xx | mixed-up answers | p50 ms | p95 ms |\n"
    "|---|---|---|---|---|---|---|---|---|"
)


def ask_api(client: httpx.Client, base: str, question: str) -> tuple[int, dict]:
    r = client.post(f"{base}api/ask", json={"q": question})
    try:
        return r.status_code, r.json()
    except json.JSONDecodeError:
        return r.status_code, {}


def ask_gradio(client: httpx.Client, base: str, question: str) -> tuple[int, dict]:
    r = client.post(f"{base}gradio_api/call/ask", json={"data": [question, []]})
    if r.status_code != 200:
        return r.status_code, {}
    event_id = r.json()["event_id"]
    with client.stream("GET", f"{base}gradio_api/call/ask/{event_id}") as stream:
        event = None
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                payload = line[5:].strip()
                if event == "error":
                    text = json.loads(payload) if payload and payload != "null" else "error"
                    # Gradio's refusal when its queue is full is a shed request, not a failure.
                    return (503 if "queue" in str(text).lower() else 500), {"error": str(text)}
                return 200, json.loads(payload)[0]
    return 500, {"error": "no result in the event stream"}


def same_answer(sent: str, got: dict, expected: dict) -> bool:
    return got == expected


def answers_its_question(sent: str, got: dict, expected: dict) -> bool:
    return got.get("question") == sent and "passages" in got


def run_load(
    base: str,
    target: str,
    clients: int,
    seconds: float,
    expected: dict[str, dict],
    check=same_answer,
    unique: bool = False,
) -> LoadResult:
    """`clients` threads ask the questions of `expected` in turn for `seconds`; each 200 answer
    must match `expected[question]` (by `check`). With `unique`, every question sent is made
    different ("who deploys models? (#17)"), so none is answered from the server's cache."""
    ask = ask_api if target == "api" else ask_gradio
    result = LoadResult(target, clients, seconds)
    questions = list(expected)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(n: int) -> None:
        i = n
        with httpx.Client(timeout=60) as client:
            while time.monotonic() < deadline:
                question = questions[i % len(questions)]
                sent = f"{question} (#{i})" if unique else question
                i += clients
                t = time.perf_counter()
                try:
                    status, body = ask(client, base, sent)
                except httpx.HTTPError as exc:
                    status, body = 599, {"error": type(exc).__name__}
                took = time.perf_counter() - t
                with lock:
                    result.statuses[status] += 1
                    if status == 200:
                        result.latencies.append(took)
                        if not check(sent, body, expected[question]):
                            result.mismatched.append(sent)
                    else:
                        result.messages[str(body.get("error", ""))[:80]] += 1
                if status in (429, 503):
                    time.sleep(0.05)  # a polite client backs off

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return result

"""The web layer's cost: start-up time, the Gradio `ask` endpoint and the REST `/api/ask`
over HTTP, beside the core's own latency in the same run, and the widget's size (timings on
shared cores are noisy: read the medians and ratios).

    .venv/bin/python bench/web.py [--requests 120]

1. Start-up: `assistant serve` as a process, until the first `/ask` request is answered.
2. Gradio `/ask` over raw HTTP (POST /gradio_api/call/ask, then the event stream; gradio_client
   polls and would add ~150 ms) with 1 and 8 clients in flight, and `POST /api/ask` with 1, 8
   and 32, on loopback, each bounded by a request count and a time limit; then the same
   questions through the core in-process.
3. What observing costs: `/api/ask` p50 (one in flight) on a server with /metrics and the
   question log (SQLite) on, against one with both off, in alternating rounds of the same run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from common import REPO, pct
from loadgen import ask_gradio

QUESTIONS = [
    "who deploys models?",
    "Which role pays more?",
    "What education does an ML engineer need?",
    "Which role uses BI tools?",
    "What do both roles have in common?",
    "Who talks to stakeholders?",
]


def ask(client: httpx.Client, base: str, question: str) -> dict:
    status, body = ask_gradio(client, base, question)
    if status != 200:
        raise RuntimeError(f"HTTP {status}: {body}")
    return body


def startup(port: int, index_dir: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "assistant"),
            "serve",
            "--port",
            str(port),
            "--index",
            str(index_dir),
            "--corpus",
            str(REPO / "corpus"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(timeout=5) as client:
            while time.perf_counter() - started < 120:
                try:
                    ask(client, f"http://127.0.0.1:{port}/", "who deploys models?")
                    return time.perf_counter() - started
                except (httpx.HTTPError, RuntimeError):
                    time.sleep(0.1)
        raise RuntimeError("server did not answer within 120 s")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def rest_ask(client: httpx.Client, base: str, question: str) -> dict:
    r = client.post(f"{base}api/ask", json={"q": question})
    r.raise_for_status()
    return r.json()


def question(i: int) -> str:
    """Every request a different question, so none is answered from the server's cache."""
    return f"{QUESTIONS[i % len(QUESTIONS)]} (#{i})"


def load(base: str, clients: int, requests: int, limit: float, call=ask, offset: int = 0) -> tuple[list[float], float]:
    """Latencies, and requests per second over the whole run."""
    times: list[float] = []
    deadline = time.perf_counter() + limit

    def worker(n: int) -> None:
        with httpx.Client(timeout=30) as client:
            for i in range(n, requests, clients):
                if time.perf_counter() > deadline:
                    return
                t = time.perf_counter()
                call(client, base, question(offset + i))
                times.append(time.perf_counter() - t)

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, range(clients)))
    return times, len(times) / (time.perf_counter() - started)


def observing_cost(settings, embedder, requests: int, rounds: int = 5) -> tuple[list[float], list[float]]:
    """/api/ask latencies with metrics and the question log off, then on, in alternating rounds."""
    from assistant.web.testing import start_web

    servers = {
        False: start_web(settings, embedder, rate_limit=10**9, metrics=False, question_log=False),
        True: start_web(settings, embedder, rate_limit=10**9, metrics=True, question_log=True),
    }
    times: dict[bool, list[float]] = {False: [], True: []}
    try:
        with httpx.Client(timeout=30) as client:
            for r in range(rounds):
                for on, (_, _, base) in servers.items():
                    for i in range(requests // rounds):
                        q = question(2_000_000 + 10_000 * r + 1_000 * on + i)
                        t = time.perf_counter()
                        rest_ask(client, base, q)
                        times[on].append(time.perf_counter() - t)
    finally:
        for _, server, _ in servers.values():
            server.stop()
    return times[False], times[True]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=120)
    args = parser.parse_args()
    from assistant.config import DEFAULT_MODEL, Settings
    from assistant.embed.factory import make_embedder
    from assistant.testing import free_port
    from assistant.web.testing import start_web

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(corpus_dir=REPO / "corpus", index_dir=Path(tmp) / "index")
        embedder = make_embedder(DEFAULT_MODEL, settings.backend, 1, settings.model_cache)
        service, server, base = start_web(settings, embedder, rate_limit=10**9)  # also builds the index
        try:
            with httpx.Client(timeout=30) as client:
                for q in QUESTIONS:
                    ask(client, base, q)  # warm up
            rows = []
            for clients in (1, 8):
                times, rate = load(base, clients, args.requests, limit=60, offset=1000 * clients)
                rows.append((f"Gradio /ask, {clients} in flight", times, rate))
            for clients in (1, 8, 32):
                times, rate = load(
                    base,
                    clients,
                    args.requests * (2 if clients == 32 else 1),
                    limit=60,
                    call=rest_ask,
                    offset=100_000 + 1000 * clients,
                )
                rows.append((f"REST /api/ask, {clients} in flight", times, rate))
            core = []
            for i in range(args.requests):
                t = time.perf_counter()
                service.ask(question(10**6 + i))
                core.append(time.perf_counter() - t)
            rows.append(("core in-process (Assistant.ask)", core, len(core) / sum(core)))
        finally:
            server.stop()
        observed = observing_cost(settings, embedder, args.requests)
        start_s = startup(free_port(), settings.index_dir)
    print("| path | requests | p50 ms | p95 ms | requests/s |\n|---|---|---|---|---|")
    for name, times, rate in rows:
        print(f"| {name} | {len(times)} | {pct(times, 0.5):.1f} | {pct(times, 0.95):.1f} | {rate:.0f} |")
    core_p50 = statistics.median(core)
    print(
        f"\nAt p50 with one request in flight, Gradio /ask adds {(statistics.median(rows[0][1]) - core_p50) * 1000:.1f} ms "
        f"to the core and REST /api/ask {(statistics.median(rows[2][1]) - core_p50) * 1000:.1f} ms."
    )
    off, on = observed
    print(
        f"Observing: /api/ask p50 {statistics.median(off) * 1000:.2f} ms with /metrics and the question log off, "
        f"{statistics.median(on) * 1000:.2f} ms with both on (SQLite): "
        f"{(statistics.median(on) - statistics.median(off)) * 1000:+.2f} ms ({len(off)} requests each)."
    )
    widget = (REPO / "assistant" / "web" / "static" / "widget.js").stat().st_size
    print(f"Widget script: {widget / 1000:.1f} KB uncompressed (target under 30 KB).")
    print(f"Start-up, `assistant serve` to the first answered /ask: {start_s:.1f} s (index already built).")


if __name__ == "__main__":
    main()

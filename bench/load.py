"""The load test in full, against `assistant serve` running as its own process (as in
production): /api/ask and the Gradio `ask` endpoint with 1, 8, 32 and 64 clients for a fixed
time each, on loopback, every answer checked against its question; the server's memory before,
between and after; a rebuild published during load; then past capacity. Prints Markdown for
docs/RELIABILITY.md.

    .venv/bin/python bench/load.py [--seconds 15]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import threading
from pathlib import Path

import httpx
from common import REPO
from loadgen import HEADER, answers_its_question, run_load  # noqa: E402
from servers import Served  # noqa: E402

from assistant.build import build_index  # noqa: E402
from assistant.config import DEFAULT_MODEL, Settings  # noqa: E402
from assistant.embed.factory import make_embedder  # noqa: E402

QUESTIONS = [
    "who deploys models?",
    "Which role pays more?",
    "What education does an ML engineer need?",
    "Which role uses BI tools?",
    "What do both roles have in common?",
    "What is the capital of Australia?",
    "How much do data scientists earn?",
    "Who talks to stakeholders?",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("eval"))
        settings = Settings(corpus_dir=corpus, index_dir=Path(tmp) / "index")
        embedder = make_embedder(DEFAULT_MODEL, settings.backend, 1, settings.model_cache)
        build_index(settings, embedder)
        server = Served(settings)
        with httpx.Client(timeout=30) as client:
            expected = {q: client.post(server.url + "api/ask", json={"q": q}).json() for q in QUESTIONS}
        memory = [("started", server.rss_mb())]
        print(HEADER)
        for target in ("api", "gradio"):
            for clients in (1, 8, 32, 64):
                result = run_load(
                    server.url, target, clients, args.seconds, expected, check=answers_its_question, unique=True
                )
                print(result.row(), flush=True)
                memory.append((f"after {target} × {clients}", server.rss_mb()))
        print("\nServer memory (RSS, MB): " + ", ".join(f"{label} {mb:.0f}" for label, mb in memory))

        (corpus / "extra.md").write_text("# Extra\n\nA note on how teams pair on projects.\n")
        before = httpx.get(server.url + "api/health").json()["index"]["build_id"]
        timer = threading.Timer(2.0, lambda: build_index(settings, embedder))
        timer.start()
        during = run_load(
            server.url, "api", 8, max(8.0, args.seconds), expected, check=answers_its_question, unique=True
        )
        timer.join()
        after = httpx.get(server.url + "api/health").json()["index"]["build_id"]
        print(f"\nA rebuild published during load (index {before} -> {after}):")
        print(HEADER)
        print(during.row())
        server.stop()

        tight = Served(settings, "--concurrency", "1", "--queue-size", "4")
        over = run_load(tight.url, "api", 64, args.seconds, expected, check=answers_its_question, unique=True)
        tight_memory = tight.rss_mb()
        tight.stop()
        print("\nPast capacity (1 answered at a time, 4 waiting, 64 clients):")
        print(HEADER)
        print(over.row())
        print(f"Refusals said: {dict(over.messages)}; server memory at the end {tight_memory:.0f} MB")


if __name__ == "__main__":
    main()

"""The load test in full: /api/ask and the Gradio `ask` endpoint with 1, 8, 32 and 64 clients
for a fixed time each, on loopback; then past capacity; then a rebuild during load. Prints a
Markdown table for docs/RELIABILITY.md.

    .venv/bin/python bench/load.py [--seconds 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from conftest import start_web  # noqa: E402
from loadgen import HEADER, answers_its_question, run_load  # noqa: E402

from assistant.build import build_index  # noqa: E402
from assistant.config import DEFAULT_MODEL, Settings  # noqa: E402
from assistant.embed import make_embedder  # noqa: E402

QUESTIONS = ["who deploys models?", "Which role pays more?", "What education does an ML engineer need?",
             "Which role uses BI tools?", "What do both roles have in common?", "What is the capital of Australia?",
             "How much do data scientists earn?", "Who talks to stakeholders?"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    process = psutil.Process(os.getpid())
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("eval"))
        settings = Settings(corpus_dir=corpus, index_dir=Path(tmp) / "index")
        embedder = make_embedder(DEFAULT_MODEL, "onnx", 1, Path(tmp) / "models")
        service, server, url = start_web(settings, embedder, rate_limit=10**6, watch=True)
        expected = {q: service.ask(q).to_json() for q in QUESTIONS}
        start_rss = process.memory_info().rss
        print(HEADER)
        for target in ("api", "gradio"):
            for clients in (1, 8, 32, 64):
                result = run_load(url, target, clients, args.seconds, expected, check=answers_its_question,
                                  unique=True)
                print(result.row(), flush=True)
        end_rss = process.memory_info().rss
        print(f"\nServer process memory: {start_rss / 1e6:.0f} MB before the runs, {end_rss / 1e6:.0f} MB after.")

        (corpus / "extra.md").write_text("# Extra\n\nA note on how teams pair on projects.\n")
        old = service.manifest["build_id"]
        timer = threading.Timer(2.0, lambda: build_index(settings, embedder))
        timer.start()
        during = run_load(url, "api", 8, max(8.0, args.seconds), expected, check=answers_its_question, unique=True)
        timer.join()
        print(f"\nA rebuild and hot reload during load ({old} -> {service.manifest['build_id']}):")
        print(HEADER)
        print(during.row())
        service.close()
        server.stop()

        tight, tight_server, tight_url = start_web(settings, embedder, rate_limit=10**6, concurrency=1, queue_size=4)
        over = run_load(tight_url, "api", 64, args.seconds, expected, check=answers_its_question, unique=True)
        tight_server.stop()
        print("\nPast capacity (1 at a time, 4 waiting, 64 clients):")
        print(HEADER)
        print(over.row())
        print(f"Refusals said: {dict(over.messages)}")


if __name__ == "__main__":
    main()

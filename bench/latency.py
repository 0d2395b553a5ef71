"""Core latency and build times, measured in one run (timings on shared cores are noisy:
compare the ratios and medians of one run, not absolute times across runs).

    .venv/bin/python bench/latency.py [--questions 200]

1. Warm latency of one question through the core (`Assistant.ask`) beside a bare
   `model.encode` of the same question, interleaved, p50 and p95, with 1 and 2 torch threads,
   idle and with a busy process on the other core.
2. A full build into an empty folder, a no-change rebuild in-process, and `assistant build`
   as a command when nothing changed (process start included).
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.build import build_index  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.embed import SentenceTransformerEmbedder  # noqa: E402
from assistant.engine import open_assistant  # noqa: E402
from assistant.evaluate import read_jsonl  # noqa: E402

QUESTION_FILES = ["tests/data/eval/dev_questions.jsonl", "bench/heldout/questions.jsonl",
                  "tests/data/eval/dev_offtopic.jsonl", "bench/heldout/offtopic.jsonl"]


def questions(n: int) -> list[str]:
    pool = [r["q"] for f in QUESTION_FILES for r in read_jsonl(REPO / f, ("q",))]
    return [pool[i % len(pool)] for i in range(n)]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))] * 1000


def _burn(stop) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10000))


def measure(assistant, embedder, qs: list[str]) -> dict:
    bare, core = [], []
    for q in qs:
        t = time.perf_counter()
        embedder.encode([q])
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        assistant.ask(q)
        core.append(time.perf_counter() - t)
    return {"encode p50": pct(bare, .5), "encode p95": pct(bare, .95), "core p50": pct(core, .5),
            "core p95": pct(core, .95), "ratio p50": statistics.median(core) / statistics.median(bare)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=200)
    args = parser.parse_args()
    qs = questions(args.questions)
    import torch

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(corpus_dir=REPO / "corpus", index_dir=Path(tmp) / "index")
        embedder = SentenceTransformerEmbedder(threads=1)
        t = time.perf_counter()
        report = build_index(settings, embedder)
        full_build = time.perf_counter() - t
        t = time.perf_counter()
        build_index(settings, embedder)
        rebuild = time.perf_counter() - t
        cli = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run([str(Path(sys.executable).parent / "assistant"), "build", "--corpus",
                            str(settings.corpus_dir), "--index", str(settings.index_dir)],
                           check=True, capture_output=True)
            cli.append(time.perf_counter() - t)
        assistant = open_assistant(settings, embedder)
        for q in qs[:20]:
            assistant.ask(q)  # warm up

        print(f"Core latency over {len(qs)} questions (ms; core = normalise, embed, dense and keyword "
              "search, fusion, answer building)\n")
        print("| torch threads | other core | encode p50 | encode p95 | core p50 | core p95 | core/encode p50 |")
        print("|---|---|---|---|---|---|---|")
        for load in (False, True):
            stop = multiprocessing.Event()
            burner = multiprocessing.Process(target=_burn, args=(stop,), daemon=True)
            if load:
                burner.start()
            try:
                for threads in (1, 2):
                    torch.set_num_threads(threads)
                    m = measure(assistant, embedder, qs)
                    print(f"| {threads} | {'busy' if load else 'idle'} | {m['encode p50']:.1f} | "
                          f"{m['encode p95']:.1f} | {m['core p50']:.1f} | {m['core p95']:.1f} | "
                          f"{m['ratio p50']:.2f} |", flush=True)
            finally:
                stop.set()
                if load:
                    burner.join()
        torch.set_num_threads(1)
        print(f"\nBuild: full {full_build:.1f} s ({report.passages} passages + {report.facts} facts embedded); "
              f"no-change rebuild {rebuild * 1000:.0f} ms in-process, "
              f"`assistant build` with nothing to do {statistics.median(cli):.2f} s (median of 3, "
              "process start included)")


if __name__ == "__main__":
    main()

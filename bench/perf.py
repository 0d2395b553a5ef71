"""Where the time goes, in one command that writes bench/results/perf.md and perf.png.

    .venv/bin/python bench/perf.py [--questions 200]
    (run bench/scale.py first to include the 10k/100k/1M scale figures)

0. A full build of the corpus and a rebuild with nothing changed.
1. The query path split into its stages (normalise, embed, dense search, keyword search,
   fusion, answer building), beside a bare encode of the same question, and a repeated
   question answered from the cache.
2. Embedding backends (torch, ONNX, ONNX int8) and thread counts: a short question and a
   batch of 64 passages, idle and with the other core busy, each with its answer quality on
   the development and held-out questions, so a faster backend is chosen only where quality holds.
3. Cold start: `assistant --help`, `assistant ask` and `assistant serve` from process start to
   an answer, and the import time of each heavy library.
4. Scale: FAISS index types and BM25 at 10k, 100k and 1M passages (from bench/results/scale.json).

Timings on these shared cores are noisy: compare the medians and ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, pct

from assistant.build import build_index  # noqa: E402
from assistant.config import DEFAULT_MODEL, Settings  # noqa: E402
from assistant.embed.factory import make_embedder  # noqa: E402
from assistant.engine import Assistant  # noqa: E402
from assistant.evaluate import evaluate, read_jsonl  # noqa: E402
from assistant.store import IndexStore  # noqa: E402

RESULTS = REPO / "bench" / "results"
DEFAULT_BACKEND = Settings().backend  # what a question goes through unless told otherwise
STAGES = ["normalise", "embed", "dense search", "keyword search", "fusion", "answer building"]
FILES = [
    "tests/data/eval/dev_questions.jsonl",
    "bench/heldout/questions.jsonl",
    "tests/data/eval/dev_offtopic.jsonl",
    "bench/heldout/offtopic.jsonl",
]


class Laps:
    def __init__(self):
        self.times: dict[str, list[float]] = {s: [] for s in STAGES}
        self.t = time.perf_counter()

    def reset(self):
        self.t = time.perf_counter()

    def __call__(self, stage: str):
        now = time.perf_counter()
        self.times.setdefault(stage, []).append(now - self.t)
        self.t = now


def _burn(stop) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10000))


class Busy:
    """A process keeping the other core busy, as on a server with other work."""

    def __enter__(self):
        self.stop = multiprocessing.Event()
        self.proc = multiprocessing.Process(target=_burn, args=(self.stop,), daemon=True)
        self.proc.start()

    def __exit__(self, *exc):
        self.stop.set()
        self.proc.join()


def query_path(settings: Settings, embedder, questions: list[str]) -> tuple[list[str], dict]:
    index = IndexStore(settings.index_dir).load(embedder)
    laps = Laps()
    assistant = Assistant(index, embedder, settings, stage_done=laps, cache_size=0)
    for q in questions[:20]:
        assistant.ask(q)
    laps.times = {s: [] for s in STAGES}
    bare, total = [], []
    for q in questions:
        t = time.perf_counter()
        embedder.encode([q])
        bare.append(time.perf_counter() - t)
        laps.reset()
        t = time.perf_counter()
        assistant.ask(q)
        total.append(time.perf_counter() - t)
    cached = Assistant(index, embedder, settings)
    cached.ask(questions[0])
    repeat = []
    for _ in range(200):
        t = time.perf_counter()
        cached.ask(questions[0])
        repeat.append(time.perf_counter() - t)
    lines = ["| stage | p50 ms | p95 ms |", "|---|---|---|"]
    for stage in STAGES:
        lines.append(f"| {stage} | {pct(laps.times[stage], 0.5):.2f} | {pct(laps.times[stage], 0.95):.2f} |")
    lines.append(f"| **whole question (core)** | **{pct(total, 0.5):.2f}** | **{pct(total, 0.95):.2f}** |")
    lines.append(f"| bare `encode` of the question, same run | {pct(bare, 0.5):.2f} | {pct(bare, 0.95):.2f} |")
    lines.append(f"| repeated question (answer cache) | {pct(repeat, 0.5):.4f} | {pct(repeat, 0.95):.4f} |")
    ratio = statistics.median(total) / statistics.median(bare)
    lines.append(
        f"\nCore p50 / bare encode p50 = **{ratio:.2f}** (target at most 1.25); a repeated question "
        f"takes {pct(repeat, 0.5) * 1000:.0f} µs at p50 (target under 1 ms)."
    )
    return lines, {
        "stages": {s: pct(laps.times[s], 0.5) for s in STAGES},
        "bare": pct(bare, 0.5),
        "core": pct(total, 0.5),
    }


def quality(settings: Settings, embedder) -> dict:
    index = IndexStore(settings.index_dir).load(embedder)
    assistant = Assistant(index, embedder, settings)
    out = {}
    for name, prefix in (("dev", "tests/data/eval/dev_"), ("held-out", "bench/heldout/")):
        qs = read_jsonl(REPO / f"{prefix}questions.jsonl", ("q", "gold"))
        off = read_jsonl(REPO / f"{prefix}offtopic.jsonl", ("q",))
        out[name] = evaluate(assistant, qs, off).metrics
    return out


def backends(tmp: Path, questions: list[str]) -> list[str]:
    passages = [
        c.text
        for c in IndexStore(tmp / f"index-{DEFAULT_BACKEND}")
        .load(make_embedder(DEFAULT_MODEL, DEFAULT_BACKEND, 1, tmp / "models"))
        .records[:64]
    ]
    lines = [
        "| backend | threads | other core | question p50 ms | question p95 ms | 64 passages ms | "
        "dev R@1 / R@3 / role | held-out R@1 / R@3 / role | off-topic abstained |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for backend in ("torch", "onnx", "onnx-int8"):
        embedder = make_embedder(DEFAULT_MODEL, backend, 1, tmp / "models")
        settings = Settings(corpus_dir=REPO / "corpus", index_dir=tmp / f"index-{backend}", golden=())
        build_index(settings, embedder)
        q = quality(settings, embedder)
        dev, held = q["dev"], q["held-out"]
        off = (dev["offtopic_abstention"] * dev["offtopic"] + held["offtopic_abstention"] * held["offtopic"]) / (
            dev["offtopic"] + held["offtopic"]
        )
        for threads in (1, 2):
            _threads(embedder, threads)
            for busy in (False, True):
                with Busy() if busy else _Nothing():
                    single = []
                    for i in range(100):
                        t = time.perf_counter()
                        embedder.encode([questions[i % len(questions)]])
                        single.append(time.perf_counter() - t)
                    batch = []
                    for _ in range(3):
                        t = time.perf_counter()
                        embedder.encode(passages)
                        batch.append(time.perf_counter() - t)
                lines.append(
                    f"| {backend} | {threads} | {'busy' if busy else 'idle'} | {pct(single, 0.5):.2f} | "
                    f"{pct(single, 0.95):.2f} | {statistics.median(batch) * 1000:.0f} | "
                    f"{dev['R@1']:.2f} / {dev['R@3']:.2f} / {dev['role_accuracy']:.2f} | "
                    f"{held['R@1']:.2f} / {held['R@3']:.2f} / {held['role_accuracy']:.2f} | {off:.2f} |"
                )
                print(lines[-1], flush=True)
        _threads(embedder, 1)
    return lines


class _Nothing:
    def __enter__(self):
        pass

    def __exit__(self, *exc):
        pass


def _threads(embedder, n: int) -> None:
    """Rebuild the embedder's runtime with `n` threads (onnxruntime fixes them per session)."""
    embedder.threads = n
    if hasattr(embedder, "_session"):
        embedder._session = None
    else:
        import torch

        torch.set_num_threads(n)


def cold_start(index_dir: Path) -> list[str]:
    python = sys.executable
    cli = str(Path(python).parent / "assistant")
    base = _median_run([python, "-c", "pass"])
    lines = ["| what | seconds (median of 3) |", "|---|---|"]
    lines.append(f"| `assistant --help` | {_median_run([cli, '--help']):.2f} |")
    lines.append(
        f"| `assistant ask` (index built), start to printed answer | "
        f"{_median_run([cli, 'ask', 'who deploys models?', '--index', str(index_dir)]):.2f} |"
    )
    from web import startup

    from assistant.testing import free_port

    lines.append(f"| `assistant serve`, start to first answered `/ask` | {startup(free_port(), index_dir):.2f} |")
    for module in (
        "numpy",
        "faiss",
        "bm25s",
        "onnxruntime",
        "tokenizers",
        "torch",
        "sentence_transformers",
        "gradio",
        "fastapi",
    ):
        lines.append(f"| import {module} | {max(0.0, _median_run([python, '-c', f'import {module}']) - base):.2f} |")
    return lines


def _median_run(cmd: list[str]) -> float:
    times = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def scale_table() -> tuple[list[str], list[dict]]:
    path = RESULTS / "scale.json"
    if not path.exists():
        return ["(run bench/scale.py to add the scale figures)"], []
    rows = json.loads(path.read_text())
    lines = [
        "| passages | index | parameters | build s | memory MB | query p50 ms | query p95 ms | recall@10 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        memory = "" if r["memory_mb"] != r["memory_mb"] else f"{r['memory_mb']:.0f}"
        rec = "" if r["recall@10"] != r["recall@10"] else f"{r['recall@10']:.3f}"
        lines.append(
            f"| {r['size']:,} | {r['index']} | {r['param']} | {r['build_s']:.1f} | {memory} | "
            f"{r['p50_ms']:.2f} | {r['p95_ms']:.2f} | {rec} |"
        )
    return lines, rows


def replot() -> None:
    """Redraw perf.png from the saved figures (perf.json, scale.json) without measuring again."""
    plot(json.loads((RESULTS / "perf.json").read_text()), scale_table()[1], RESULTS / "perf.png")


def plot(stages: dict, rows: list[dict], target: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    bottom = 0.0
    for stage in STAGES:
        left.bar(["core, by stage"], [stages["stages"][stage]], bottom=[bottom], label=stage)
        bottom += stages["stages"][stage]
    left.bar(["bare encode"], [stages["bare"]], color="grey")
    left.set_ylabel("p50 ms")
    left.set_title("One question on this machine")
    left.legend(fontsize=8)
    series = {
        "exact (flat)": lambda r: r["index"] == "flat",
        "IVF, nprobe=4": lambda r: r["index"] == "ivf" and r["param"].endswith("nprobe=4"),
        "BM25": lambda r: r["index"] == "bm25",
        "whole retrieval after the embedding (as built)": lambda r: r["index"] == "retrieval (auto)",
    }
    for label, wanted in series.items():
        pts = [(r["size"], r["p50_ms"]) for r in rows if wanted(r)]
        if pts:
            right.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=label)
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("passages")
    right.set_ylabel("query p50 ms (one thread)")
    right.set_title("Search time by corpus size")
    right.axhline(20, color="red", linestyle=":", label="20 ms target")
    right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(target, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--replot", action="store_true", help="Only redraw the plot from saved figures.")
    args = parser.parse_args()
    if args.replot:
        return replot()
    pool = [r["q"] for f in FILES for r in read_jsonl(REPO / f, ("q",))]
    questions = [pool[i % len(pool)] for i in range(args.questions)]
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        embedder = make_embedder(DEFAULT_MODEL, DEFAULT_BACKEND, 1, tmp / "models")
        embedder.encode(["load the model first"])  # (and export it): the build time is then the build's
        settings = Settings(corpus_dir=REPO / "corpus", index_dir=tmp / f"index-{DEFAULT_BACKEND}", golden=())
        t = time.perf_counter()
        report = build_index(settings, embedder)
        full = time.perf_counter() - t
        cli = str(Path(sys.executable).parent / "assistant")
        again = _median_run([cli, "build", "--index", str(settings.index_dir), "--corpus", str(REPO / "corpus")])
        build_lines = [
            f"Full build of the corpus ({report.passages} passages + {report.facts} facts): {full:.1f} s; "
            f"`assistant build` with nothing changed: {again:.2f} s (process start included; embeds 0)."
        ]
        print(build_lines[0], flush=True)
        path_lines, stages = query_path(settings, embedder, questions)
        print("\n".join(path_lines), flush=True)
        backend_lines = backends(tmp, questions)
        cold_lines = cold_start(settings.index_dir)
        print("\n".join(cold_lines), flush=True)
    scale_lines, rows = scale_table()
    report = [
        "# Performance (bench/perf.py)",
        "",
        *build_lines,
        "",
        f"## One question through the core ({DEFAULT_BACKEND} backend, the default, 1 thread)",
        "",
        *path_lines,
        "",
        "## Embedding backends and threads",
        "",
        *backend_lines,
        "",
        "## Cold start",
        "",
        *cold_lines,
        "",
        "## Scale (bench/scale.py)",
        "",
        *scale_lines,
        "",
        "![where the time goes](perf.png)",
    ]
    (RESULTS / "perf.md").write_text("\n".join(report) + "\n")
    (RESULTS / "perf.json").write_text(json.dumps(stages, indent=1))
    plot(stages, rows, RESULTS / "perf.png")
    print(f"wrote {RESULTS / 'perf.md'} and {RESULTS / 'perf.png'}")


if __name__ == "__main__":
    main()

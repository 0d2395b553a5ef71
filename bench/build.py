"""Build throughput: on the SciFact corpus (real abstracts) beside a plain
`SentenceTransformer.encode` of the same documents, and on a generated corpus of mixed formats;
the no-change rebuild at that size, and the time from publishing an index to the running
service answering from it.

    .venv/bin/python bench/build.py [--scifact N|all] [--documents 2000] [--old CHECKOUT]

For SciFact it reports seconds per stage, documents/s, passages/s and tokens/s, the embed
stage's FLOP/s against what this CPU reaches on a large float32 matrix product (its practical
limit), and nDCG@10 on the training queries. `--old CHECKOUT` runs the same build from another
checkout first (e.g. `git worktree add /tmp/old <commit>`), so "before" and "after" are timed
in one run. The generated documents come from a seeded generator (40% Markdown, 20% text,
20% HTML, 10% PDF, 10% DOCX, about 250 words each), beside a copy of the real corpus.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.build import build_index  # noqa: E402
from assistant.config import DEFAULT_MODEL, Settings  # noqa: E402
from assistant.embed.factory import make_embedder  # noqa: E402
from assistant.web.service import Service  # noqa: E402

WORDS = (
    "team model data pipeline deploy monitor feature metric stakeholder insight python sql cloud "
    "training review salary career mentor project release quality experiment dashboard report "
    "platform service latency budget hiring interview skill statistics algorithm production"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def paragraphs(rng: random.Random, n: int) -> list[str]:
    return [" ".join(sentence(rng) for _ in range(rng.randint(3, 6))) for _ in range(n)]


def write_corpus(folder: Path, count: int, seed: int = 7) -> None:
    import docx
    from fpdf import FPDF

    rng = random.Random(seed)
    for i in range(count):
        kind = rng.choices(["md", "txt", "html", "pdf", "docx"], [40, 20, 20, 10, 10])[0]
        title = f"Document {i}: {rng.choice(WORDS)} {rng.choice(WORDS)}"
        body = paragraphs(rng, 4)
        path = folder / f"doc-{i:05d}.{kind}"
        if kind == "md":
            path.write_text(
                f"# {title}\n\n## Part one\n\n"
                + "\n\n".join(body[:2])
                + "\n\n## Part two\n\n"
                + "\n\n".join(body[2:])
                + "\n"
            )
        elif kind == "txt":
            path.write_text(title + "\n\n" + "\n\n".join(body) + "\n")
        elif kind == "html":
            path.write_text(
                f"<html><head><title>{title}</title><script>var a=1;</script></head><body>"
                f"<nav>Home | About</nav><h1>{title}</h1>"
                + "".join(f"<p>{p}</p>" for p in body)
                + "<footer>(c)</footer></body></html>"
            )
        elif kind == "pdf":
            pdf = FPDF()
            pdf.set_font("helvetica", size=11)
            for p in body:
                pdf.add_page()
                pdf.multi_cell(0, 6, p)
            path.write_bytes(bytes(pdf.output()))
        else:
            document = docx.Document()
            document.add_heading(title, level=1)
            for p in body:
                document.add_paragraph(p)
            out = io.BytesIO()
            document.save(out)
            path.write_bytes(out.getvalue())


class Timing:
    """Progress that remembers how long each stage took."""

    def __init__(self):
        self.stages: dict[str, tuple[int, float]] = {}
        self._stage, self._total, self._t = None, 0, 0.0
        self.first: float | None = None

    def start(self, stage, total, unit):
        self._close(time.perf_counter())
        self._stage, self._total, self._t = stage, total, time.perf_counter()
        self.first = self.first or self._t

    def advance(self, n=1):
        pass

    def _close(self, now: float):
        if self._stage:
            self.stages[self._stage] = (self._total, now - self._t)

    def done(self, build_seconds: float):
        """The last stage ends where the build did (not when the caller got round to asking)."""
        self._close((self.first or 0.0) + build_seconds)
        self._stage = None


SCIFACT = REPO.parent / "shared" / "data" / "scifact-train"


def cpu_limit(threads: int) -> float:
    """FLOP/s of a large float32 matrix product (2048 x 2048) in ONNX Runtime on `threads`
    threads: what this CPU reaches with the library the model runs on (median of 5; numpy's
    BLAS reached 0.6 times as much here, torch 0.5)."""
    import numpy as np
    import onnxruntime as ort
    from onnx import TensorProto, helper

    n = 2048
    spec = [helper.make_tensor_value_info(name, TensorProto.FLOAT, [n, n]) for name in "ABC"]
    graph = helper.make_graph([helper.make_node("MatMul", ["A", "B"], ["C"])], "limit", spec[:2], spec[2:])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    a = np.random.default_rng(0).standard_normal((n, n), dtype=np.float32)
    session.run(None, {"A": a, "B": a})
    times = []
    for _ in range(5):
        t = time.perf_counter()
        session.run(None, {"A": a, "B": a})
        times.append(time.perf_counter() - t)
    return 2 * n**3 / statistics.median(times)


def flops_per_token(model_dir: Path, mean_tokens: float) -> float:
    """Multiply-adds of one token through the encoder, times two: the dense layers, plus the
    attention over a sequence of `mean_tokens`."""
    config = json.loads((model_dir / "config.json").read_text())
    h, i, layers = config["hidden_size"], config["intermediate_size"], config["num_hidden_layers"]
    return 2 * layers * (4 * h * h + 2 * h * i + 2 * mean_tokens * h)


def embedded_tokens(index_dir: Path, embedder) -> tuple[int, int]:
    """(texts, tokens) the build embedded: every record and sentence, cut at the model's window."""
    from tokenizers import Tokenizer

    from assistant.build import _sentence_texts
    from assistant.indexing_text import dense_text
    from assistant.roles import RoleBook
    from assistant.store import IndexStore

    store = IndexStore(index_dir)
    folder, manifest = store.current_path(), store.read_manifest()
    records = store.read_records(folder / "records.jsonl")
    roles = RoleBook.from_dicts(manifest["roles"])
    texts = [dense_text(r, roles) for r in records] + _sentence_texts(records, roles)
    tokenizer = Tokenizer.from_file(str(embedder.path / "tokenizer.json"))
    tokenizer.enable_truncation(embedder.max_tokens)
    tokenizer.no_padding()
    return len(texts), sum(len(e.ids) for e in tokenizer.encode_batch(texts))


def plain_encode(documents: list[str], threads: int) -> tuple[float, int]:
    """Seconds and tokens of a plain `SentenceTransformer.encode` of whole documents (torch,
    batch 32, one vector per document, cut at the model's window): the baseline."""
    import torch
    from sentence_transformers import SentenceTransformer

    from assistant.embed.base import resolve_model_path

    torch.set_num_threads(threads)
    model = SentenceTransformer(str(resolve_model_path(DEFAULT_MODEL)), device="cpu")
    model.encode(documents[:32], batch_size=32)
    t = time.perf_counter()
    model.encode(documents, batch_size=32, show_progress_bar=False)
    seconds = time.perf_counter() - t
    tokens = sum(
        len(ids) for ids in model.tokenizer(documents, truncation=True, max_length=model.max_seq_length)["input_ids"]
    )
    return seconds, tokens


def old_build(checkout: Path, dataset: Path, work: Path) -> dict:
    """The same SciFact build and evaluation run from another checkout (its own defaults)."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "eval",
            "--beir",
            str(dataset),
            "--split",
            "train",
            "--json",
            "--beir-work",
            str(work),
        ],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def scifact(count: int | None, old: Path | None, backends: list[str], tmp: Path) -> None:
    import os

    from assistant.beir import evaluate_beir

    threads = os.cpu_count() or 1
    dataset = tmp / "scifact"
    shutil.copytree(SCIFACT, dataset)
    if count:
        lines = (SCIFACT / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[:count]
        (dataset / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = [json.loads(line) for line in (dataset / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    documents = [f"{r['title']}\n{r['text']}" for r in rows]
    print(f"SciFact: {len(documents)} abstracts; {threads} cores")

    embedders = {b: make_embedder(DEFAULT_MODEL, b, threads, tmp / "models") for b in backends}
    for embedder in embedders.values():
        embedder.encode(["load (and export) the model before timing the build"])
    before = None
    if old:  # the old checkout (float32 ONNX) finds the model exported already, as the new build does
        make_embedder(DEFAULT_MODEL, "onnx", threads, tmp / "models").encode(["export the float model"])
        shutil.copytree(tmp / "models", tmp / "old" / "index" / "models")
        before = old_build(old, dataset, tmp / "old")
    plain_s, plain_tokens = plain_encode(documents, threads)
    limit = cpu_limit(threads)
    print(
        f"\nplain encode baseline (torch, whole documents, batch 32, {threads} threads): {plain_s:.1f} s, "
        f"{plain_tokens / plain_s:,.0f} tokens/s"
    )
    print(f"this CPU's float32 limit (2048² matrix product in ONNX Runtime, {threads} threads): {limit / 1e9:.0f} G")
    if before:
        print(
            f"old checkout: build {before['build_seconds']:.1f} s, nDCG@10 hybrid / dense / keyword "
            f"{before['metrics']['hybrid']['nDCG@10']:.4f} / {before['metrics']['dense']['nDCG@10']:.4f} / "
            f"{before['metrics']['keyword']['nDCG@10']:.4f}"
        )
    for backend, embedder in embedders.items():
        timing = Timing()
        report = evaluate_beir(dataset, embedder, tmp / backend, Settings(backend=backend), "train", progress=timing)
        timing.done(report.build_seconds)
        scifact_table(backend, timing, report, documents, embedder, tmp / backend / "index", limit, plain_s, before)


def scifact_table(backend, timing, report, documents, embedder, index_dir, limit, plain_s, before) -> None:
    texts, tokens = embedded_tokens(index_dir, embedder)
    embed_s = sum(seconds for stage, (_, seconds) in timing.stages.items() if stage.startswith("Embedding"))
    per_token = flops_per_token(embedder.path, tokens / texts)
    passages = timing.stages["Embedding"][0]
    print(f"\nbackend {backend}\n\n| stage | count | seconds |\n|---|---|---|")
    for stage, (total, seconds) in timing.stages.items():
        print(f"| {stage} | {total} | {seconds:.1f} |")
    print(f"| whole build | {len(documents)} documents | {report.build_seconds:.1f} |")
    print("\n| measure | value |\n|---|---|")
    print(f"| documents/s | {len(documents) / report.build_seconds:.1f} |")
    print(f"| passages/s (passages and facts) | {passages / report.build_seconds:.1f} |")
    print(f"| tokens embedded | {tokens:,} in {texts:,} texts (passages, facts, sentences) |")
    print(f"| embed stage tokens/s | {tokens / embed_s:,.0f} |")
    print(f"| FLOPs per token (dense layers + attention at {tokens / texts:.0f} tokens) | {per_token / 1e6:.1f} M |")
    print(
        f"| embed stage FLOP/s (float32 operations the model stands for) | {tokens / embed_s * per_token / 1e9:.0f} G |"
    )
    print(f"| share of the float32 limit | {tokens / embed_s * per_token / limit:.2f} |")
    print(f"| build / plain encode | {report.build_seconds / plain_s:.2f} |")
    print(
        f"| nDCG@10 hybrid / dense / keyword | {report.metrics['hybrid']['nDCG@10']:.4f} / "
        f"{report.metrics['dense']['nDCG@10']:.4f} / {report.metrics['keyword']['nDCG@10']:.4f} |"
    )
    if before:
        print(f"| build / old build | {report.build_seconds / before['build_seconds']:.2f} |")


def mixed(count: int, tmp: Path) -> None:
    embedder = make_embedder(DEFAULT_MODEL, Settings().backend, 1, tmp / "models")
    embedder.encode(["load (and export) the model before timing the build"])
    corpus = tmp / "corpus"
    shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("eval"))
    t = time.perf_counter()
    write_corpus(corpus, count)
    print(f"\ngenerated {count} documents in {time.perf_counter() - t:.0f} s")
    settings = Settings(corpus_dir=corpus, index_dir=tmp / "index")

    timing = Timing()
    building = make_embedder(DEFAULT_MODEL, settings.backend, settings.embed_threads(building=True), tmp / "models")
    report = build_index(settings, building, progress=timing)
    timing.done(report.seconds)
    docs, read_s = timing.stages["Reading documents"]
    print("\n| step | count | seconds | rate |\n|---|---|---|---|")
    print(f"| read, extract and chunk | {docs} documents | {read_s:.1f} | {docs / read_s:.0f} documents/s |")
    for stage in ("Embedding", "Embedding sentences", "Writing the index"):
        total, seconds = timing.stages[stage]
        print(f"| {stage.lower()} | {total} | {seconds:.1f} | {total / seconds:.0f}/s |")
    print(
        f"| full build | {report.passages} passages | {report.seconds:.1f} | {docs / report.seconds:.0f} documents/s |"
    )

    t = time.perf_counter()
    again = build_index(settings, embedder)
    in_process = time.perf_counter() - t
    cli = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(
            [
                str(Path(sys.executable).parent / "assistant"),
                "build",
                "--corpus",
                str(corpus),
                "--index",
                str(settings.index_dir),
            ],
            capture_output=True,
        )
        cli.append(time.perf_counter() - t)
    assert not again.published
    print(f"| no-change rebuild, in-process | {docs} documents | {in_process:.2f} | embeds 0 |")
    print(
        f"| no-change rebuild, `assistant build` | {docs} documents | {statistics.median(cli):.2f} | "
        "median of 3, process start included |"
    )

    (corpus / "doc-00001.md").write_text("# Changed\n\nOne document changed: the quokkafish protocol.\n")
    changed = build_index(settings, building)
    print(
        f"| one document changed | {docs} documents | {changed.seconds:.2f} | "
        f"embedded {changed.embedded} records and {changed.sentences_embedded} sentences |"
    )

    service = Service.start(settings, embedder)
    service.watch(interval=1.0)
    delays = []
    for n in range(3):
        (corpus / f"fresh-{n}.md").write_text(f"# Fresh {n}\n\nThe quokkafish{n} protocol is new.\n")
        build_index(settings, embedder)
        published = time.perf_counter()
        while not any(f"quokkafish{n}" in p.text for p in service.ask(f"quokkafish{n} protocol").passages):
            time.sleep(0.02)
        delays.append(time.perf_counter() - published)
    service.close()
    print(
        f"| publish to answering from the new index | 3 rebuilds | {statistics.median(delays):.2f} | "
        "median; the watcher looks every 1 s |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=2000, help="generated documents (0: none)")
    parser.add_argument("--scifact", default="all", help="abstracts of SciFact to build: a number, all, or 0")
    parser.add_argument("--old", type=Path, help="a checkout to time the same SciFact build with first")
    parser.add_argument(
        "--backends", default=Settings().backend, help="comma-separated backends to build SciFact with, in one run"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.scifact != "0":
            scifact(None if args.scifact == "all" else int(args.scifact), args.old, args.backends.split(","), Path(tmp))
        if args.documents:
            mixed(args.documents, Path(tmp))


if __name__ == "__main__":
    main()

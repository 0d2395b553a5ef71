"""Scale: FAISS index types and BM25 on synthetic corpora of 10k, 100k and 1M passages.

    .venv/bin/python bench/scale.py [--sizes 10000,100000,1000000] [--out bench/results/scale.json]

Vectors come from a seeded mixture of 2,000 Gaussian clusters in 384 dimensions (L2-normalised,
like the model's), queries from the same mixture; keyword texts are 40 words drawn from a
Zipf-distributed vocabulary of 30,000 words. For each index type (exact flat, HNSW, IVF) and
each setting of its search parameter: build time, size in memory, single-query p50/p95 on one
thread, and recall@10 against exact search. Writes the figures as JSON for bench/perf.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import faiss  # noqa: E402

from assistant.keyword import KeywordIndex  # noqa: E402

DIM = 384
QUERIES = 200


def vectors(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = np.random.default_rng(0).standard_normal((2000, DIM)).astype(np.float32)
    out = np.empty((n, DIM), dtype=np.float32)
    for start in range(0, n, 100_000):
        m = min(100_000, n - start)
        block = centres[rng.integers(0, len(centres), m)] + 0.6 * rng.standard_normal((m, DIM)).astype(np.float32)
        out[start : start + m] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def timed_queries(index, queries: np.ndarray, k: int = 10) -> tuple[list[float], np.ndarray]:
    times, found = [], []
    for q in queries:
        t = time.perf_counter()
        _, ids = index.search(q[None, :], k)
        times.append(time.perf_counter() - t)
        found.append(ids[0])
    return times, np.array(found)


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / len(t) for f, t in zip(found, truth, strict=True)]))


def pct(times: list[float], p: float) -> float:
    return sorted(times)[min(len(times) - 1, int(p * len(times)))] * 1000


def dense(n: int) -> list[dict]:
    data, queries = vectors(n, seed=n), vectors(QUERIES, seed=7)
    rows = []
    t = time.perf_counter()
    flat = faiss.IndexFlatIP(DIM)
    flat.add(data)
    build = time.perf_counter() - t
    times, truth = timed_queries(flat, queries)
    rows.append(
        {
            "size": n,
            "index": "flat",
            "param": "-",
            "build_s": build,
            "memory_mb": data.nbytes / 1e6,
            "p50_ms": pct(times, 0.5),
            "p95_ms": pct(times, 0.95),
            "recall@10": 1.0,
        }
    )
    print(rows[-1], flush=True)

    t = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(DIM, 32, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = 40
    hnsw.add(data)
    build = time.perf_counter() - t
    size = faiss.serialize_index(hnsw).nbytes / 1e6
    for ef in (16, 64, 256, 1024):
        hnsw.hnsw.efSearch = ef
        times, found = timed_queries(hnsw, queries)
        rows.append(
            {
                "size": n,
                "index": "hnsw",
                "param": f"M=32 efSearch={ef}",
                "build_s": build,
                "memory_mb": size,
                "p50_ms": pct(times, 0.5),
                "p95_ms": pct(times, 0.95),
                "recall@10": recall(found, truth),
            }
        )
        print(rows[-1], flush=True)

    nlist = int(4 * np.sqrt(n))
    t = time.perf_counter()
    ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(DIM), DIM, nlist, faiss.METRIC_INNER_PRODUCT)
    ivf.train(data[np.random.default_rng(1).choice(n, min(n, 40 * nlist), replace=False)])
    ivf.add(data)
    build = time.perf_counter() - t
    size = faiss.serialize_index(ivf).nbytes / 1e6
    for nprobe in (1, 4, 16, 64):
        ivf.nprobe = nprobe
        times, found = timed_queries(ivf, queries)
        rows.append(
            {
                "size": n,
                "index": "ivf",
                "param": f"nlist={nlist} nprobe={nprobe}",
                "build_s": build,
                "memory_mb": size,
                "p50_ms": pct(times, 0.5),
                "p95_ms": pct(times, 0.95),
                "recall@10": recall(found, truth),
            }
        )
        print(rows[-1], flush=True)
    return rows


def texts(n: int, rng) -> tuple[list[str], list[str]]:
    vocab = [f"w{i}" for i in range(30_000)]
    ranks = np.minimum(rng.zipf(1.2, size=n * 40), len(vocab)) - 1
    docs = [" ".join(vocab[r] for r in ranks[i * 40 : (i + 1) * 40]) for i in range(n)]
    queries = [" ".join(vocab[r] for r in rng.integers(0, 3000, 3)) for _ in range(QUERIES)]
    return docs, queries


class FixedVector:
    """Stands in for the model: the benchmark measures everything after the embedding."""

    name, dim, max_tokens = "fixed", DIM, 256

    def __init__(self):
        self.vector = None

    def fingerprint(self):
        return "fixed"

    def count_tokens(self, text):
        return len(text.split())

    def encode(self, texts, progress=None):
        return np.repeat(self.vector[None, :], len(texts), axis=0)


def retrieval(n: int) -> dict:
    """The whole retrieval after the embedding (dense search on the index the build would
    choose, keyword search, fusion) at `n` passages, and the recall of that dense index."""
    from assistant.config import RetrievalSettings
    from assistant.dense import DenseIndex
    from assistant.record import Record
    from assistant.retrieve import Retriever
    from assistant.roles import RoleBook
    from assistant.store import Index

    rng = np.random.default_rng(n + 1)
    data, queries = vectors(n, seed=n), vectors(QUERIES, seed=7)
    docs, words = texts(n, rng)
    t = time.perf_counter()
    dense = DenseIndex.build(data, DenseIndex.choose(n))
    build = time.perf_counter() - t
    chunks = [Record(f"d{i}", "article", "synthetic", "Synthetic", "", 0, len(docs[i]), docs[i]) for i in range(n)]
    index = Index(Path("."), {}, chunks, data, dense, KeywordIndex.build(docs), RoleBook([]))
    fixed = FixedVector()
    retriever = Retriever(index, fixed, RetrievalSettings())
    exact = faiss.IndexFlatIP(DIM)
    exact.add(data)
    _, truth = exact.search(queries, 10)
    times, found = [], []
    for q, text in zip(queries, words, strict=False):  # the first QUERIES texts
        fixed.vector = q
        t0 = time.perf_counter()
        retriever.search(text)
        times.append(time.perf_counter() - t0)
        found.append(dense.search(q, 10)[1])
    row = {
        "size": n,
        "index": "retrieval (auto)",
        "param": json.dumps({k: v for k, v in dense.spec.items() if k != "metric"}),
        "build_s": build,
        "memory_mb": float("nan"),
        "p50_ms": pct(times, 0.5),
        "p95_ms": pct(times, 0.95),
        "recall@10": recall(np.array(found), truth),
    }
    print(row, flush=True)
    return row


def keyword(n: int) -> dict:
    rng = np.random.default_rng(n)
    vocab = [f"w{i}" for i in range(30_000)]
    ranks = np.minimum(rng.zipf(1.2, size=n * 40), len(vocab)) - 1
    texts = [" ".join(vocab[r] for r in ranks[i * 40 : (i + 1) * 40]) for i in range(n)]
    t = time.perf_counter()
    index = KeywordIndex.build(texts)
    build = time.perf_counter() - t
    times = []
    for _i in range(QUERIES):
        terms = index.analyzer.terms([" ".join(vocab[r] for r in rng.integers(0, 3000, 3))])[0]
        t = time.perf_counter()
        index.search(terms, 30)
        times.append(time.perf_counter() - t)
    row = {
        "size": n,
        "index": "bm25",
        "param": "-",
        "build_s": build,
        "memory_mb": float("nan"),
        "p50_ms": pct(times, 0.5),
        "p95_ms": pct(times, 0.95),
        "recall@10": float("nan"),
    }
    print(row, flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--out", default=str(REPO / "bench" / "results" / "scale.json"))
    args = parser.parse_args()
    faiss.omp_set_num_threads(1)
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        rows += dense(n)
        rows.append(keyword(n))
        rows.append(retrieval(n))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(rows, indent=1))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

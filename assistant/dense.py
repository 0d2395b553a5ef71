"""The dense-vector seam: the only module that imports faiss.

It holds vectors and answers nearest-neighbour queries by row number. It does not own the
passages (the store keeps those, in the same row order) and does not embed anything.

Which index: exact inner-product search (cosine on L2-normalised vectors) below EXACT_BELOW
rows, where it is fast enough; above, an inverted-file index (IVF, 4·√n lists), which built
much faster than HNSW at 1M rows and used less memory (figures: bench/results/scale.json, made
by bench/scale.py). Approximate search is tuned on the corpus itself when it is built: the
number of lists probed (or HNSW's efSearch) grows until recall@10 against exact search
reaches TARGET_RECALL on sample queries, and the result is recorded in the manifest.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import faiss
import numpy as np

from assistant.config import DENSE_INDEX_KINDS
from assistant.errors import IndexInvalid

EXACT_BELOW = 100_000
TARGET_RECALL = 0.95

_METRIC = "inner product (cosine of normalised vectors)"


@contextmanager
def _one_thread() -> Iterator[None]:
    """FAISS's OpenMP threads set to one in this thread while a question is searched. A query
    or two gains nothing from a second thread (scanning 100,000 rows took about 20 ms either
    way), and loses much when the other core is busy, as the embedding model's threads keep it
    right after encoding the question: a search of the corpus then took 1 ms at two threads
    against 0.04 ms at one (docs/RETRIEVAL.md, "Latency"). OpenMP keeps the setting
    per calling thread; it is put back, so a build in this thread keeps its threads."""
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(threads)


class DenseIndex:
    def __init__(self, index: faiss.Index, spec: dict):
        self._index = index
        self.spec = spec

    @staticmethod
    def choose(rows: int, kind: str = "auto") -> dict:
        """The index type for `rows` vectors (its search parameter is tuned when built)."""
        if kind not in DENSE_INDEX_KINDS:
            raise ValueError(f"unknown dense index '{kind}' (choose from {', '.join(DENSE_INDEX_KINDS)})")
        if kind == "flat" or (kind == "auto" and rows < EXACT_BELOW):
            return {"type": "flat", "metric": _METRIC}
        if kind == "hnsw":
            return {"type": "hnsw", "metric": _METRIC, "M": 32, "efConstruction": 40}
        return {"type": "ivf", "metric": _METRIC, "nlist": max(1, int(4 * np.sqrt(max(rows, 1))))}

    @classmethod
    def build(cls, vectors: np.ndarray, spec: dict | None = None) -> DenseIndex:
        """Index `vectors`; the final parameters (tuned ones too) are in `.spec`."""
        spec = dict(spec or cls.choose(len(vectors)))
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        n, dim = vectors.shape
        index: faiss.Index
        if spec["type"] == "hnsw":
            index = faiss.IndexHNSWFlat(dim, spec["M"], faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = spec["efConstruction"]
            index.add(vectors)
        elif spec["type"] == "ivf":
            nlist = min(spec["nlist"], max(1, n // 39))  # faiss wants ~39 training points per list
            spec["nlist"] = nlist
            index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
            sample = np.random.default_rng(0).choice(n, min(n, 64 * nlist), replace=False)
            index.train(vectors[np.sort(sample)])
            index.add(vectors)
        else:
            index = faiss.IndexFlatIP(dim)
            index.add(vectors)
        dense = cls(index, spec)
        if spec["type"] != "flat":
            dense.tune(vectors)
        return dense

    def tune(self, vectors: np.ndarray, target: float = TARGET_RECALL, queries: int = 200) -> None:
        """Raise the search effort until recall@10 against exact search reaches `target` on
        sample queries: midpoints of random pairs of the corpus's own vectors."""
        rng = np.random.default_rng(1)
        pairs = rng.integers(0, len(vectors), size=(queries, 2))
        sample = vectors[pairs[:, 0]] + vectors[pairs[:, 1]]
        sample /= np.clip(np.linalg.norm(sample, axis=1, keepdims=True), 1e-12, None)
        exact = faiss.IndexFlatIP(vectors.shape[1])
        exact.add(vectors)
        _, truth = exact.search(sample, 10)
        name = "nprobe" if self.spec["type"] == "ivf" else "efSearch"
        efforts = [1, 2, 4, 8, 16, 32, 64, 128, 256] if name == "nprobe" else [16, 32, 64, 128, 256, 512, 1024, 2048]
        recall = 0.0
        for effort in efforts:
            self._set_effort(effort)
            _, found = self._index.search(sample, 10)
            recall = float(np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth, strict=True)]))
            if recall >= target:
                break
        self.spec[name] = effort
        self.spec["tuned_recall@10"] = round(recall, 4)

    def _set_effort(self, effort: int) -> None:
        name = {"ivf": "nprobe", "hnsw": "efSearch"}.get(self.spec["type"])
        if name:
            faiss.ParameterSpace().set_index_parameter(self._index, name, effort)

    @classmethod
    def load(cls, path: Path, spec: dict | None = None) -> DenseIndex:
        try:
            index = faiss.read_index(str(path))
        except RuntimeError as exc:  # faiss reports unreadable files as RuntimeError
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "unreadable"
            raise IndexInvalid(
                f"{path} is not a readable FAISS index ({first[:120]}); run `assistant build` to rebuild the index"
            ) from None
        dense = cls(index, dict(spec or {"type": "flat"}))
        effort = dense.spec.get("nprobe") or dense.spec.get("efSearch")
        if effort:
            dense._set_effort(int(effort))
        return dense

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @staticmethod
    def check(path: Path, rows: int, dim: int) -> str | None:
        """A quick look (no full read) at a saved index: what is wrong with it, or None."""
        try:
            size = path.stat().st_size
        except OSError as exc:
            return f"{path.name}: {exc.strerror or exc}"
        if size < rows * dim * 4:  # every index type here stores the vectors themselves
            return f"{path.name} is shorter than its vectors"
        return None

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and row numbers of the `k` nearest rows to one query vector, best first."""
        return self.search_each([query], k)[0]

    def search_each(self, queries: list[np.ndarray], k: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """`search` for each of `queries`, in one call to FAISS."""
        k = min(k, self.size)
        if k <= 0:
            return [(np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)) for _ in queries]
        queries_array = np.ascontiguousarray(np.stack(queries), dtype=np.float32)
        with _one_thread():
            scores, rows = self._index.search(queries_array, k)
        return [(s[r >= 0], r[r >= 0]) for s, r in zip(scores, rows, strict=True)]

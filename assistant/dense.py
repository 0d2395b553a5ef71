"""The dense-vector seam: the only module that imports faiss.

It holds vectors and answers nearest-neighbour queries by row number. It does not own the
passages (the store keeps those, in the same row order) and does not embed anything.

Which index: exact inner-product search (cosine on L2-normalised vectors) below
EXACT_BELOW rows, HNSW above. Measured by bench/scale.py on this 2-core machine, one thread:
exact search takes 0.6 ms at 10k rows, 11 ms at 100k and ~110 ms at 1M; HNSW (M=32,
efSearch=64) answers in well under a millisecond with recall@10 of 0.95 or more against
exact search at every size. Below 100k rows exact is fast enough and needs no tuning.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from assistant.errors import IndexInvalid

EXACT_BELOW = 100_000
HNSW = {"M": 32, "efConstruction": 40, "efSearch": 64}
KINDS = ("auto", "flat", "hnsw")


class DenseIndex:
    def __init__(self, index: "faiss.Index"):
        self._index = index

    @staticmethod
    def choose(rows: int, kind: str = "auto") -> dict:
        """The index type and parameters for `rows` vectors, as recorded in the manifest."""
        if kind not in KINDS:
            raise ValueError(f"unknown dense index '{kind}' (choose from {', '.join(KINDS)})")
        if kind == "flat" or (kind == "auto" and rows < EXACT_BELOW):
            return {"type": "flat", "metric": "inner product (cosine of normalised vectors)"}
        return {"type": "hnsw", "metric": "inner product (cosine of normalised vectors)", **HNSW}

    @classmethod
    def build(cls, vectors: np.ndarray, spec: dict | None = None) -> "DenseIndex":
        spec = spec or cls.choose(len(vectors))
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if spec["type"] == "hnsw":
            index = faiss.IndexHNSWFlat(vectors.shape[1], spec["M"], faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = spec["efConstruction"]
            index.hnsw.efSearch = spec["efSearch"]
        else:
            index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(vectors)
        return cls(index)

    @classmethod
    def load(cls, path: Path, spec: dict | None = None) -> "DenseIndex":
        try:
            index = faiss.read_index(str(path))
        except RuntimeError as exc:  # faiss reports unreadable files as RuntimeError
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "unreadable"
            raise IndexInvalid(f"{path} is not a readable FAISS index ({first[:120]}); "
                               "run `assistant build` to rebuild the index") from None
        if spec and spec.get("type") == "hnsw" and hasattr(index, "hnsw"):
            index.hnsw.efSearch = int(spec.get("efSearch", HNSW["efSearch"]))
        return cls(index)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and row numbers of the `k` nearest rows to one query vector, best first."""
        k = min(k, self.size)
        if k <= 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        scores, rows = self._index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
        keep = rows[0] >= 0
        return scores[0][keep], rows[0][keep]

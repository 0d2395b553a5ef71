"""The dense-vector seam: the only module that imports faiss.

It holds vectors and answers nearest-neighbour queries by row number. It does not own the
passages (the store keeps those, in the same row order) and does not embed anything.
Exact inner-product search over L2-normalised vectors (cosine similarity) is right for
corpora of thousands of passages: it is exact and needs no training.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from assistant.errors import IndexInvalid


class DenseIndex:
    def __init__(self, index: "faiss.Index"):
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray) -> "DenseIndex":
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index)

    @classmethod
    def load(cls, path: Path) -> "DenseIndex":
        try:
            return cls(faiss.read_index(str(path)))
        except RuntimeError as exc:  # faiss reports unreadable files as RuntimeError
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "unreadable"
            raise IndexInvalid(f"{path} is not a readable FAISS index ({first[:120]}); "
                               "run `assistant build` to rebuild the index") from None

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

"""Hybrid retrieval: dense (cosine) and keyword (BM25) candidates, fused into one ranking.

Fusion is a weighted sum of the cosine similarity and the BM25 score divided by the best
BM25 score of the question (so it lies in 0..1). Reciprocal-rank fusion was measured beside
it on the held-out questions and did worse: it throws away how far apart the scores are,
which matters here because the right fact is often far ahead on one signal only
(docs/RETRIEVAL.md has the figures; bench/fusion.py reruns them).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.chunk import Chunk
from assistant.config import RetrievalSettings
from assistant.embed import Embedder
from assistant.store import Index


@dataclass(frozen=True)
class Hit:
    row: int
    chunk: Chunk
    dense: float    # cosine similarity of question and record
    keyword: float  # BM25 score divided by the question's best BM25 score (0..1)
    score: float    # fused


@dataclass(frozen=True)
class Retrieval:
    hits: list[Hit]       # candidates, best first
    best_dense: float     # best cosine similarity over the whole index
    terms: list[str]      # content terms of the question
    known_terms: list[str]  # those that occur in the corpus


class Retriever:
    def __init__(self, index: Index, embedder: Embedder, settings: RetrievalSettings):
        self.index = index
        self.embedder = embedder
        self.settings = settings

    def search(self, text: str, query_vector: np.ndarray | None = None) -> Retrieval:
        s = self.settings
        vector = self.embedder.encode([text])[0] if query_vector is None else query_vector
        dense_scores, dense_rows = self.index.dense.search(vector, s.candidates)
        keyword = self.index.keyword
        terms = keyword.analyzer.terms([text])[0]
        known = keyword.known(terms)
        kw_scores, kw_rows = keyword.search(terms, s.candidates)
        best_kw = float(kw_scores[0]) if len(kw_scores) else 0.0
        kw_by_row = dict(zip(kw_rows.tolist(), kw_scores.tolist()))
        rows = list(dict.fromkeys(dense_rows.tolist() + kw_rows.tolist()))
        cosines = self.index.vectors[rows] @ vector if rows else np.zeros(0)
        hits = []
        for row, cosine in zip(rows, cosines.tolist()):
            kw = kw_by_row.get(row, 0.0) / best_kw if best_kw > 0 else 0.0
            fused = s.dense_weight * cosine + (1 - s.dense_weight) * kw
            hits.append(Hit(row, self.index.chunks[row], cosine, kw, fused))
        hits.sort(key=lambda h: -h.score)
        best_dense = float(dense_scores[0]) if len(dense_scores) else 0.0
        return Retrieval(hits, best_dense, terms, known)

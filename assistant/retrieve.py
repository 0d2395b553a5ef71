"""Hybrid retrieval: dense (cosine) and keyword (BM25) candidates, fused into one ranking.

Fusion is a weighted sum of the cosine similarity and the BM25 score divided by the score
a record holding every question term would get (so it lies in 0..1, and a poor best match
stays poor). Reciprocal-rank fusion was measured beside
it on the held-out questions and did worse: it throws away how far apart the scores are,
which matters here because the right fact is often far ahead on one signal only
(docs/RETRIEVAL.md has the figures; bench/quality.py reruns them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from assistant.config import RetrievalSettings
from assistant.embed.base import Embedder
from assistant.record import Record
from assistant.store import Index

_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9+#]*")


# Not frozen: a frozen dataclass takes five times as long to create, and every question makes
# one per candidate record (bench/perf.py). Nothing changes a Hit once made.
@dataclass(slots=True)
class Hit:
    row: int
    record: Record
    dense: float  # cosine similarity of question and record
    keyword: float  # BM25 score divided by the question's ideal score (0..1, see KeywordIndex)
    fused: float  # the two combined
    prior: float = 1.0  # how well the record's role fits the question (answer.rank)

    @property
    def score(self) -> float:
        return self.fused * self.prior


@dataclass(frozen=True)
class Retrieval:
    hits: list[Hit]  # candidates, best first
    best_dense: float  # best cosine similarity over the whole index
    terms: list[str]  # content terms of the question
    known_terms: list[str]  # those that occur in the corpus
    unknown_names: list[str]  # capitalised words the corpus lacks
    query_vector: np.ndarray  # the question's vector
    fact_query_vector: np.ndarray  # ... without the one role it names (what facts are compared with)
    neutral_query_vector: np.ndarray  # ... with every role name made "they" (what sentences are compared with)


class Retriever:
    def __init__(
        self,
        index: Index,
        embedder: Embedder,
        settings: RetrievalSettings,
        stage_done: Callable[[str], None] | None = None,
    ):
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self._stage_done = stage_done or ignore_stage  # told when each stage ends (bench/perf.py times them)

    def search(self, text: str) -> Retrieval:
        """Candidates for `text`, best first. Facts are embedded without their role name
        (indexing_text), so they are compared with the question without the role it names:
        the question is embedded both ways, in one batch."""
        s = self.settings
        roles = self.index.roles
        stripped = roles.without_mentions(text)
        # The question's role names made "they", as facts and sentences were embedded. One named
        # role is the question's subject, matched through the facts' roles; two or more ("how can
        # a data scientist become an ML engineer?") are part of what is asked of the facts, but
        # sentences are compared without them either way (the answer line checks roles itself).
        named = roles.mentioned(text)
        neutral = roles.without_mentions(text, replacement="they") if named else text
        full_vec, neutral_vec = self._encode(text, neutral)
        fact_vec = neutral_vec if len(named) == 1 else full_vec
        self._stage_done("embed")
        queries = [full_vec] if fact_vec is full_vec else [full_vec, fact_vec]
        (dense_scores, dense_rows), *for_facts = self.index.dense.search_each(queries, s.candidates)
        fact_rows = for_facts[0][1] if for_facts else dense_rows
        self._stage_done("dense search")
        keyword = self.index.keyword
        terms = keyword.analyzer.terms([stripped])[0]
        known = keyword.known(terms)
        kw_scores, kw_rows = keyword.search(terms, s.candidates)
        ideal = keyword.ideal_score(terms)
        self._stage_done("keyword search")
        kw_by_row = dict(zip(kw_rows.tolist(), kw_scores.tolist(), strict=True))
        rows = list(dict.fromkeys(dense_rows.tolist() + fact_rows.tolist() + kw_rows.tolist()))
        vectors = self.index.vectors[rows] if rows else np.zeros((0, len(full_vec)), dtype=np.float32)
        is_fact = self.index.is_fact[rows]
        cosines = np.where(is_fact, vectors @ fact_vec, vectors @ full_vec) if rows else np.zeros(0)
        raw = np.array([kw_by_row.get(row, 0.0) for row in rows])
        keyword_norm = np.minimum(1.0, raw / ideal) if ideal > 0 else np.zeros(len(rows))
        fused = _fuse(cosines, keyword_norm, s)
        if s.sentence_weight:
            # A passage's best sentence, compared like the answer line's candidates (docs/RETRIEVAL.md).
            fused = fused + s.sentence_weight * self._best_sentences(rows, neutral_vec)
        records = self.index.records
        hits = [
            Hit(row, records[row], c, k, f)
            for row, c, k, f in zip(rows, cosines.tolist(), keyword_norm.tolist(), fused.tolist(), strict=True)
        ]
        hits.sort(key=lambda h: -h.fused)
        best_dense = max(
            float(dense_scores[0]) if len(dense_scores) else 0.0, float(cosines.max()) if len(cosines) else 0.0
        )
        return Retrieval(hits, best_dense, terms, known, self._unknown_names(stripped), full_vec, fact_vec, neutral_vec)

    def _best_sentences(self, rows: list[int], query: np.ndarray) -> np.ndarray:
        """For each row, its best sentence's cosine with `query` (0 for a fact)."""
        spans, counts = self.index.sentences_of(rows)
        out = np.zeros(len(rows), dtype=np.float32)
        if len(spans):
            has = counts > 0
            starts = (np.cumsum(counts) - counts)[has]
            out[has] = np.maximum.reduceat(self.index.sentence_vectors[spans] @ query, starts)
        return out

    def _unknown_names(self, text: str) -> list[str]:
        """Names and acronyms ("Kubernetes", "AWS") that no document mentions: a sign the
        question is about something else, however close its other words come."""
        keyword = self.index.keyword
        names = []
        for m in _CAPITALISED.finditer(text):
            if not text[: m.start()].strip(" \"'“(¿¡"):
                continue  # the first word is capitalised anyway
            terms = keyword.analyzer.terms([m.group(0)])[0]
            # (a word of a role's name is one the documents use, though the keyword index never
            # holds it: "UX" of "UX researcher" in "who approves consent for UX studies?")
            if terms and not keyword.known(terms) and m.group(0).lower() not in self.index.roles.words:
                names.append(m.group(0))
        return names

    def _encode(self, text: str, neutral: str) -> tuple[np.ndarray, np.ndarray]:
        """The question's vector and its neutral one (role names made "they"), in one batch.

        Tried and not kept: encoding only the neutral text and adding the role name's vector
        for the passage search. It saved a third of a question's time, but "what does a product
        analyst earn?" then ranked the analysts' Tools section above their Pay: the sum knows
        whom the question is about, not what it asks of them (docs/RETRIEVAL.md)."""
        if neutral == text or not neutral:
            vec = self.embedder.encode([text])[0]
            return vec, vec
        both = self.embedder.encode([text, neutral])
        return both[0], both[1]


def ignore_stage(stage: str) -> None:
    pass


def _fuse(dense: np.ndarray, keyword: np.ndarray, s: RetrievalSettings) -> np.ndarray:
    if s.fusion == "rrf":
        # Reciprocal-rank fusion with the usual k = 60; kept to compare against (bench/quality.py).
        def ranks(x: np.ndarray) -> np.ndarray:
            order = np.argsort(-x, kind="stable")
            r = np.empty(len(x))
            r[order] = np.arange(1, len(x) + 1)
            return r

        kw_part = np.where(keyword > 0, 1 / (60 + ranks(keyword)), 0.0)
        fused: np.ndarray = 1 / (60 + ranks(dense)) + kw_part
        return fused
    return s.dense_weight * dense + (1 - s.dense_weight) * keyword

"""Settings: one frozen record built once (by the CLI or the app factory) and passed down.

Precedence is flag, then `ASSISTANT_*` environment variable, then the default below; the CLI
applies it through click's `envvar=`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DEFAULT_MODEL = "all-MiniLM-L6-v2"
ENV_PREFIX = "ASSISTANT_"  # every setting is also read from ASSISTANT_<NAME>
MAX_QUESTION_CHARS = 2000
MAX_HISTORY = 10  # earlier questions considered for a follow-up
# Zip-based documents (.docx) are checked before they are parsed: a zip bomb (a small file that
# unpacks to gigabytes) is refused. Legitimate documents stay far below both limits: images do
# not compress, and Word's XML compresses about 10:1.
MAX_UNPACKED_MB = 100  # all members of the archive together, declared and as actually read
MAX_COMPRESSION_RATIO = 100  # per member over 1 MB unpacked (Apache POI refuses past 100:1 too)
BACKENDS = ("onnx-int8", "onnx", "torch")  # how the model runs: see assistant/embed/
DENSE_INDEX_KINDS = ("auto", "flat", "ivf", "hnsw")  # see assistant/dense.py


@dataclass(frozen=True)
class ChunkerSettings:
    """How documents are cut into passages. Stored in the manifest: a change re-embeds all."""

    min_words: int = 40
    max_words: int = 120
    max_chars: int = 1000

    def as_dict(self) -> dict:
        return {"min_words": self.min_words, "max_words": self.max_words, "max_chars": self.max_chars}


@dataclass(frozen=True)
class RetrievalSettings:
    """Fusion weights and abstention thresholds; see docs/RETRIEVAL.md for how they were chosen."""

    candidates: int = 30  # taken from each of the dense and keyword lists before fusion
    fusion: str = "weighted"  # "weighted" sum of scores, or "rrf" (reciprocal rank); see RETRIEVAL.md
    dense_weight: float = 0.7  # weight of the cosine score in the weighted sum
    sentence_weight: float = 0.2  # weight of a passage's best sentence cosine, added (measured: RETRIEVAL.md)
    # Abstention thresholds on the best cosine similarity (see answer.abstention); calibrated
    # with bench/calibrate.py on held-out questions, figures in docs/RETRIEVAL.md.
    min_dense: float = 0.30
    min_dense_no_keywords: float = 0.45
    min_dense_unknown_name: float = 0.55
    role_mismatch_penalty: float = 0.7  # score factor of a fact about a role the question did not name
    both_penalty: float = 0.8  # ... of a fact about both roles, when one role is asked for
    # The answer line (claim.py): a candidate's score is its cosine with the question, plus
    # these weights times the share of the question's salient terms it holds and its passage's
    # rank score. One that lacks a salient term of the question answers it only when at least
    # this close in meaning (closer when what it lacks is a name the documents never use).
    line_passages: int = 8  # the line's candidates come from this many passages (its own is then shown)
    line_coverage_weight: float = 0.3
    line_rank_weight: float = 0.2
    line_broad_penalty: float = 0.7  # score factor of a claim about several roles, when one is asked for
    line_heading_weight: float = 0.1  # ... plus this times the share of them in its section heading
    line_whole_topic_margin: float = 0.15  # a line lacking a salient term yields to one this close that has them all
    line_type_weight: float = 0.15  # ... plus this when it holds the kind of answer asked for (question.Frame)
    line_min_similarity: float = 0.36
    line_min_similarity_name: float = 0.7
    # ... when it shares no word with what is asked, which is a word no document uses
    # ("relocation"), or it is not the kind of answer asked either (claim._off_topic)
    line_min_similarity_unrelated: float = 0.44
    # ... when, besides, no document uses any word it lacks ("parental leave")
    line_min_similarity_unknown: float = 0.48


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    model: str = DEFAULT_MODEL
    # How builds run the model: "onnx-int8", "onnx" or "torch" (assistant/embed/, README, Performance);
    # questions use the backend that built the index they are asked of.
    backend: str = "onnx-int8"
    threads: int | None = None  # threads for the model; None: every core when building, 1 when answering
    dense_index: str = "auto"  # "auto" (exact below 100k rows, IVF above), "flat", "ivf" or "hnsw"
    k: int = 5
    max_document_mb: float = 20.0  # larger documents are skipped, with the reason in the report
    # Quality gate: golden question files (None: corpus/eval/*.jsonl) and the R@3 a new index
    # must reach on them before it is published.
    golden: tuple[Path, ...] | None = None
    min_r3: float = 0.8
    min_answer: float = 0.0  # ... and the share of right answer lines (questions with answer_keys); 0: not checked
    # Shared state and the build lock for replicas: postgresql://... (None: SQLite beside the
    # index and a file lock, for one machine).
    database_url: str | None = None
    chunker: ChunkerSettings = field(default_factory=ChunkerSettings)
    retrieval: RetrievalSettings = field(default_factory=RetrievalSettings)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def embed_threads(self, *, building: bool) -> int:
        """Threads for the model: a build has the machine to itself and uses every core; a
        question is one short call, and concurrent questions each take a core of their own."""
        if self.threads is not None:
            return self.threads
        return max(1, os.cpu_count() or 1) if building else 1

    @property
    def model_cache(self) -> Path:
        """Where exported model files (ONNX) are kept: beside the index builds."""
        return self.index_dir / "models"

    def golden_files(self) -> list[Path]:
        if self.golden is not None:
            return list(self.golden)
        return sorted((self.corpus_dir / "eval").glob("*.jsonl"))


@dataclass(frozen=True)
class WebSettings:
    """How `assistant serve` listens and whom it lets in."""

    host: str = "127.0.0.1"
    port: int = 7860
    root_path: str = ""  # URL prefix behind a reverse proxy, e.g. "/assistant"
    admin_token: str | None = None  # turns the Admin tab on
    allowed_origins: tuple[str, ...] = ()  # pages that may embed the assistant (besides its own)
    rate_limit: int = 60  # questions per client per minute: /api/ask, Gradio `ask` and the chat together
    # Questions answered at once (one per core: a question is one short model call on one
    # thread), and how many more may wait; past that a request is refused at once (503).
    concurrency: int = 2
    queue_size: int = 64
    question_log: bool = False  # keep each question (no identity) for the Admin tab's Gaps
    question_log_days: int = 30  # ... this many days
    metrics: bool = True  # Prometheus metrics at /metrics ...
    metrics_allow: tuple[str, ...] = ()  # ... for loopback and these addresses or networks
    log_format: str = "text"  # "json": one JSON line per request
    # Addresses (or networks) of the reverse proxies whose X-Forwarded-For/-Host/-Proto are
    # believed; from anyone else those headers are dropped. Empty: no proxy is trusted.
    trusted_proxies: tuple[str, ...] = ()
    # Host names the server answers to (400 otherwise, against DNS rebinding). Empty: the
    # bind address, localhost and 127.0.0.1.
    allowed_hosts: tuple[str, ...] = ()
    # Uploads (Admin tab, unlocked session only): per request, and per client per hour.
    upload_files_per_request: int = 20
    upload_mb_per_request: int = 60
    upload_files_per_hour: int = 200
    upload_mb_per_hour: int = 300
    votes_per_minute: int = 10  # per client; and one vote per client on the same reply

    def hosts(self) -> tuple[str, ...]:
        """The host names allowed in the Host header."""
        return self.allowed_hosts or tuple(dict.fromkeys((self.host, "localhost", "127.0.0.1")))

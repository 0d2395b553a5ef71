"""The sentence-transformers backend: the model run by the library itself, with torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from assistant.config import DEFAULT_MODEL
from assistant.embed.base import TokenCounter, resolve_model_path, weights_fingerprint
from assistant.errors import ModelError
from assistant.offline import go_offline

go_offline()  # nothing may be downloaded at run time


BATCH = 32  # texts per batch, the library's default
SLICE = 256  # texts per call to the library (progress is reported between calls)


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU. Creating one is cheap (the name, path and
    fingerprint are known without torch); the model loads on first use, so commands that
    find nothing to embed never import torch."""

    def __init__(self, name: str = DEFAULT_MODEL, threads: int = 1):
        self.name = name
        self.backend = "torch"
        self.path = resolve_model_path(name)
        self.threads = max(1, threads)
        self._model: Any = None  # a SentenceTransformer, once loaded
        self._fingerprint: str | None = None

    def _loaded(self):
        if self._model is None:
            import torch
            import transformers
            from sentence_transformers import SentenceTransformer

            # On 2 shared cores one intra-op thread was faster under load (README, Performance).
            torch.set_num_threads(self.threads)
            transformers.logging.set_verbosity_error()
            transformers.utils.logging.disable_progress_bar()
            try:
                self._model = SentenceTransformer(str(self.path), device="cpu")
            except Exception as exc:  # noqa: BLE001 - a broken folder raises anything from OSError to ValueError
                raise ModelError(f"cannot load model '{self.name}' from {self.path}: {exc}") from None
        return self._model

    @property
    def dim(self) -> int:
        return int(self._loaded().get_embedding_dimension())

    @property
    def max_tokens(self) -> int:
        return int(self._loaded().max_seq_length)

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = weights_fingerprint(self.path)
        return self._fingerprint

    def count_tokens(self, text: str) -> int:
        tokenizer = self._loaded().tokenizer
        return len(tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"])

    def token_counter(self) -> TokenCounter | None:
        return TokenCounter(self.path) if (self.path / "tokenizer.json").is_file() else None

    def encode(self, texts: list[str], *, progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Vectors of `texts`, in order: sorted by length across the whole call, then given to
        the library a slice at a time (it sorts and batches each slice; `progress` hears of each)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), SLICE):
            rows = order[start : start + SLICE]
            out[rows] = self._loaded().encode(
                [texts[i] for i in rows],
                batch_size=BATCH,
                show_progress_bar=False,
                normalize_embeddings=True,
                convert_to_numpy=True,
            )
            if progress is not None:
                progress(len(rows))
        return out

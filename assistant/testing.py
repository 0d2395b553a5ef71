"""Helpers shared by the tests and the benchmarks: a deterministic fake embedder (so most
tests never load a model) and free loopback ports (the web app on one of them is
`assistant.web.testing.start_web`).

Nothing here is used by the product itself; it ships in the package, as haystack and llm ship
their mock models, so `bench/` does not have to import the test suite."""

from __future__ import annotations

import hashlib
import re
import socket
from collections.abc import Callable

import numpy as np


def fake_token_count(text: str) -> int:
    """About as many tokens as a word-piece tokenizer makes of English."""
    return len(text.split()) * 4 // 3 + 2


class FakeEmbedder:
    """Bag of hashed words, L2-normalised: similar wording gives similar vectors."""

    name = "fake-hash-64"
    backend = "fake"
    max_tokens = 256

    def __init__(self, fingerprint: str = "fake-1", dim: int = 64):
        self._fingerprint = fingerprint
        self.dim = dim
        self.encoded = 0  # how many texts were embedded, for the reuse tests

    def fingerprint(self) -> str:
        return self._fingerprint

    def count_tokens(self, text: str) -> int:
        return fake_token_count(text)

    def token_counter(self) -> Callable[[str], int]:
        return fake_token_count

    def encode(self, texts: list[str], *, progress: Callable[[int], None] | None = None) -> np.ndarray:
        self.encoded += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int(hashlib.md5(word.encode()).hexdigest(), 16)
                out[i, h % self.dim] += 1.0 if (h >> 8) % 2 else -1.0
            norm = np.linalg.norm(out[i])
            out[i] = out[i] / norm if norm else out[i]
            if not norm:
                out[i, 0] = 1.0
        if progress is not None:
            progress(len(texts))
        return out


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])

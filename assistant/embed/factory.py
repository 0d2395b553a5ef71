"""Choosing the embedding backend for a model name and a setting."""

from __future__ import annotations

from pathlib import Path

from assistant.config import BACKENDS, Settings
from assistant.embed.base import Embedder
from assistant.errors import ModelError


def make_embedder(name: str, backend: str, threads: int, cache_dir: Path) -> Embedder:
    """The embedder for a model name and backend; `cache_dir` keeps ONNX exports."""
    if backend == "torch":
        from assistant.embed.torch_backend import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(name, threads)
    if backend in ("onnx", "onnx-int8"):
        try:
            import onnxruntime  # noqa: F401 - only to know it is there
        except ImportError:
            raise ModelError(
                "the onnx backend needs onnxruntime (pip install onnxruntime), or use --backend torch"
            ) from None
        from assistant.embed.onnx_backend import OnnxEmbedder

        return OnnxEmbedder(name, cache_dir, threads, quantized=backend == "onnx-int8")
    raise ModelError(f"unknown backend '{backend}' (choose from {', '.join(BACKENDS)})")


def embedder_for(settings: Settings, *, building: bool = False) -> Embedder:
    """The embedder that `settings` ask for, with every core when `building`."""
    threads = settings.embed_threads(building=building)
    return make_embedder(settings.model, settings.backend, threads, settings.model_cache)


def embedder_for_index(configured: Embedder, manifest: dict, settings: Settings) -> Embedder:
    """The embedder for questions to the index of `manifest`: `configured` when the index holds
    its vectors; otherwise the backend the index records as the one that built it, since a
    question must be embedded as the passages were (an index built with `--backend onnx` is
    asked with onnx, whatever the setting now says). Another model altogether is left to
    `IndexStore.check_model` to explain."""
    model = manifest.get("model", {})
    backend = model.get("backend")
    if (
        model.get("fingerprint") == configured.fingerprint()
        or model.get("name") != configured.name
        or backend not in BACKENDS
        or backend == configured.backend
    ):
        return configured
    recorded = make_embedder(settings.model, backend, settings.embed_threads(building=False), settings.model_cache)
    return recorded if recorded.fingerprint() == model.get("fingerprint") else configured

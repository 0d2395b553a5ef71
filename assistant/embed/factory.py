"""Choosing the embedding backend for a model name and a setting."""

from __future__ import annotations

from pathlib import Path

from assistant.config import BACKENDS, Settings
from assistant.embed.base import Embedder
from assistant.errors import IndexInvalid, ModelError


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
    its vectors; otherwise one of the backends whose vectors it holds, since a question must be
    embedded as the passages were (an index built with `--backend onnx` is asked with onnx,
    whatever the setting now says). torch and onnx give the same vectors, so an index either
    built is asked with onnx (no torch at answer time), or torch without onnxruntime. An index
    from before the manifest named its backend was built by one of those two. Another model
    altogether is left to `IndexStore.check_model` to explain."""
    model = manifest.get("model", {})
    fingerprint = model.get("fingerprint")
    if fingerprint == configured.fingerprint() or model.get("name") != configured.name:
        return configured
    recorded = model.get("backend") or "onnx"
    if recorded in ("onnx", "torch"):
        choices = ["onnx", "torch"]
    else:
        choices = [recorded] if recorded in BACKENDS else []
    threads = settings.embed_threads(building=False)
    problems = []
    for backend in choices:
        if backend == configured.backend:
            continue
        try:
            embedder = make_embedder(settings.model, backend, threads, settings.model_cache)
        except ModelError as exc:
            problems.append(str(exc))
            continue
        if embedder.fingerprint() == fingerprint:
            return embedder
    if problems:
        raise IndexInvalid(
            f"the index was built with the {recorded} backend, which cannot run here ({problems[-1]}); "
            f"rebuild it with `assistant build` (it uses --backend {configured.backend})"
        )
    return configured

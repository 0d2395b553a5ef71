"""The embedding backends with the real model: ONNX gives torch's vectors whatever the mix of
lengths it batches, in the order asked; the int8 copy stays close to them; the token counter
that worker processes use counts as the embedder does."""

from __future__ import annotations

import multiprocessing
import shutil
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from assistant.config import DEFAULT_MODEL
from assistant.embed.factory import make_embedder
from assistant.store import IndexStore

TEXTS = [
    "Salary.",
    "Machine learning engineers deploy models to production and keep them running.",
    "Data scientists " + "analyse data, build features and explain results to stakeholders; " * 12,
    "What does a data scientist do?",
    "ML engineers: " + "monitoring, retraining and serving models at scale, " * 40,  # past the 256-token window
]


@pytest.fixture(scope="module")
def passages(real_index_dir, real_embedder) -> list[str]:
    index = IndexStore(real_index_dir).load(real_embedder)
    return [r.text for r in index.records[:120]] + TEXTS


def test_onnx_gives_torchs_vectors_in_the_order_asked(real_embedder):
    torch_vectors = make_embedder(DEFAULT_MODEL, "torch", 1, real_embedder.cache_dir).encode(TEXTS)
    told = []
    onnx_vectors = real_embedder.encode(TEXTS, progress=told.append)
    assert sum(told) == len(TEXTS) and len(told) > 1  # batched by length, each batch reported
    cosine = (torch_vectors * onnx_vectors).sum(axis=1)
    assert cosine.min() > 0.9999
    one_by_one = np.stack([real_embedder.encode([t])[0] for t in TEXTS])
    assert np.allclose(one_by_one, onnx_vectors, atol=1e-5)


def test_the_int8_copy_stays_close_to_the_float_model(real_embedder, passages):
    int8 = make_embedder(DEFAULT_MODEL, "onnx-int8", 1, real_embedder.cache_dir)
    assert int8.fingerprint() != real_embedder.fingerprint()  # its own index
    cosine = (int8.encode(passages) * real_embedder.encode(passages)).sum(axis=1)
    # onnxruntime's quantize_dynamic (one scale per tensor) gave a mean of 0.95 here, and 8-bit
    # weights 0.963 on a CPU without VNNI (quantize.py); seven bits give 0.9977 on any CPU
    assert cosine.mean() > 0.997 and cosine.min() > 0.99


def test_the_picklable_token_counter_counts_as_the_embedder_does(real_embedder):
    spawn = multiprocessing.get_context("spawn")  # as the build's reading pool starts its workers
    with ProcessPoolExecutor(1, mp_context=spawn) as worker:
        counts = list(worker.map(real_embedder.token_counter(), TEXTS))
    assert counts == [real_embedder.count_tokens(t) for t in TEXTS]
    assert counts[-1] > real_embedder.max_tokens  # counts are not cut at the window


def test_questions_use_the_backend_that_built_the_index(real_index_dir, real_embedder, tmp_path):
    """int8 is the default; an index that onnx built is asked with onnx (not refused, not
    rebuilt), and once a build with the default publishes, the running service asks with int8."""
    from conftest import CORPUS

    from assistant.build import build_index
    from assistant.config import Settings
    from assistant.embed.factory import embedder_for, embedder_for_index
    from assistant.web.service import Service

    index_dir = tmp_path / "index"
    shutil.copytree(real_index_dir, index_dir, symlinks=True)
    shutil.copytree(real_embedder.cache_dir, index_dir / "models", dirs_exist_ok=True)  # the float export
    settings = Settings(corpus_dir=CORPUS, index_dir=index_dir)
    configured = embedder_for(settings)
    assert settings.backend == configured.backend == "onnx-int8"
    built_by_onnx = IndexStore(index_dir).read_manifest()
    assert built_by_onnx["model"]["backend"] == "onnx"

    service = Service.start(settings, configured)
    try:
        assert service.manifest["build_id"] == built_by_onnx["build_id"]  # served as it is
        asking = service._assistant.embedder
        assert asking.backend == "onnx" and asking.fingerprint() == built_by_onnx["model"]["fingerprint"]
        before = service.ask("How much does a data scientist earn?")
        assert "109,802" in before.answer

        report = build_index(settings, configured)
        assert report.plan.reembed_all == "backend changed (onnx -> onnx-int8)"
        built_by_int8 = IndexStore(index_dir).read_manifest()
        assert built_by_int8["model"]["backend"] == "onnx-int8"
        assert embedder_for_index(configured, built_by_int8, settings) is configured
        assert service.reload_if_published()
        assert service._assistant.embedder is configured
        assert service.ask("How much does a data scientist earn?").answer == before.answer
    finally:
        service.close()


def test_an_index_from_before_backends_were_recorded_is_asked_without_torch(real_index_dir, real_embedder, tmp_path):
    """Manifests written before this version name no backend; torch's vectors are onnx's, so
    an index that either built is asked with onnx; an old int8 index is refused with the fix."""
    from assistant.config import Settings
    from assistant.embed.factory import embedder_for, embedder_for_index
    from assistant.errors import IndexInvalid

    settings = Settings(index_dir=tmp_path / "index")
    configured = embedder_for(settings)
    manifest = IndexStore(real_index_dir).read_manifest()
    for recorded in (None, "torch", "onnx"):
        model = {k: v for k, v in manifest["model"].items() if k != "backend"}
        old = {**manifest, "model": model if recorded is None else {**model, "backend": recorded}}
        asking = embedder_for_index(configured, old, settings)
        assert asking.backend == "onnx" and asking.fingerprint() == real_embedder.fingerprint()
    old_int8 = {**manifest, "model": {**manifest["model"], "fingerprint": "f" * 32 + "-int8rows"}}
    old_int8["model"].pop("backend")
    assert embedder_for_index(configured, old_int8, settings) is configured
    with pytest.raises(IndexInvalid, match="another version of its int8 copy.*assistant build"):
        IndexStore(real_index_dir).check_model(old_int8, configured.name, configured.fingerprint())

"""A damaged or mismatched index is a clear error naming the file and the fix."""

import json

import pytest

from assistant.build import build_index
from assistant.errors import IndexInvalid
from assistant.store import IndexMissing, IndexStore
from assistant.testing import FakeEmbedder


@pytest.fixture
def built(settings, fake):
    build_index(settings, fake)
    store = IndexStore(settings.index_dir)
    return store, store.current_path()


def load(store, fake):
    return store.load(fake)


def test_missing_index(tmp_path, fake):
    with pytest.raises(IndexMissing, match="run `assistant build`"):
        load(IndexStore(tmp_path / "nothing"), fake)


@pytest.mark.parametrize(
    "damage, file",
    [
        (lambda f: (f / "manifest.json").write_text("{not json"), "manifest.json"),
        (lambda f: (f / "manifest.json").write_text(json.dumps({"format_version": 99})), "manifest.json"),
        (lambda f: (f / "records.jsonl").unlink(), "records.jsonl"),
        (lambda f: (f / "records.jsonl").write_text('{"id": "x"}\n'), "records.jsonl"),
        (lambda f: (f / "dense.faiss").write_bytes((f / "dense.faiss").read_bytes()[:100]), "dense.faiss"),
        (lambda f: (f / "vectors.npy").write_bytes(b"garbage"), "vectors.npy"),
        (lambda f: (f / "keyword" / "params.index.json").unlink(), "keyword"),
    ],
)
def test_damage_names_the_file_and_the_fix(built, fake, damage, file):
    store, folder = built
    damage(folder)
    with pytest.raises(IndexInvalid) as err:
        load(store, fake)
    assert file in str(err.value) and "assistant build" in str(err.value)


def test_another_model_is_refused_with_the_fix(built):
    store, _ = built

    other = FakeEmbedder(fingerprint="retrained")
    with pytest.raises(IndexInvalid, match="built with model 'fake-hash-64'.*run `assistant build`"):
        store.load(other)


def test_wrong_dimension_is_refused(built, fake):
    store, _ = built
    with pytest.raises(IndexInvalid, match="dimensions"):
        store.load(FakeEmbedder(dim=384))


def test_publish_keeps_one_previous_build(settings, fake):
    for n in range(3):
        (settings.corpus_dir / "extra.md").write_text(f"# Extra\n\nVersion {n} of an extra page.\n")
        build_index(settings, fake)
    builds = sorted(p.name for p in (settings.index_dir / "builds").iterdir())
    assert len(builds) == 2
    assert IndexStore(settings.index_dir).current_path().name == builds[-1]


@pytest.mark.parametrize(
    "damage",
    [
        lambda f: (f / "dense.faiss").write_bytes(b"broken"),
        lambda f: (f / "vectors.npy").unlink(),
        lambda f: (f / "records.jsonl").write_text("{}\n"),
    ],
)
def test_build_repairs_a_damaged_index_as_the_error_says(settings, fake, damage):
    build_index(settings, fake)
    store = IndexStore(settings.index_dir)
    damage(store.current_path())
    with pytest.raises(IndexInvalid, match="run `assistant build`"):
        load(store, fake)
    report = build_index(settings, fake)
    assert report.published and "damaged" in report.plan.reembed_all
    assert len(load(store, fake).records) > 0

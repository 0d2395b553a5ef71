"""Incremental, atomic builds (with the fake embedder)."""

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from assistant.build import build_index, plan_build
from assistant.config import ChunkerSettings
from assistant.errors import BuildLocked, CorpusError
from assistant.store import IndexStore

from conftest import FakeEmbedder

ARTICLE = "ml-engineer-vs-data-scientist.md"


def load(settings, fake):
    return IndexStore(settings.index_dir).load(fake.name, fake.fingerprint(), fake.dim)


def test_first_build_writes_a_plain_versioned_index(settings, fake):
    report = build_index(settings, fake)
    assert report.published and report.plan.summary() == "+3 ~0 -0 =0"
    assert report.embedded == report.passages + report.facts and report.reused == 0
    index = load(settings, fake)
    m = index.manifest
    assert m["format_version"] == 1 and m["model"] == {"name": fake.name, "fingerprint": "fake-1",
                                                       "dim": 64, "max_tokens": 256}
    assert m["documents"][ARTICLE]["sha256"] and m["counts"]["rows"] == len(index.chunks)
    assert 40 <= m["counts"]["facts"] <= 60
    files = {p.name for p in index.path.iterdir()}
    assert {"manifest.json", "chunks.jsonl", "vectors.npy", "dense.faiss", "keyword"} <= files
    np.load(index.path / "vectors.npy", allow_pickle=False)  # data only
    facts = [c for c in index.chunks if c.kind == "fact"]
    passages = {c.id: c for c in index.chunks if c.kind == "article"}
    for f in facts:  # every fact points at the passage that holds its evidence
        assert f.evidence in passages[f.link].text


def test_no_change_rebuild_embeds_nothing_and_publishes_nothing(settings, fake):
    build_index(settings, fake)
    before = IndexStore(settings.index_dir).current_path()
    fake.encoded = 0
    report = build_index(settings, fake)
    assert not report.published and fake.encoded == 0
    assert report.plan.summary() == "+0 ~0 -0 =3"
    assert IndexStore(settings.index_dir).current_path() == before


def test_changed_document_reembeds_only_changed_passages(settings, fake):
    build_index(settings, fake)
    path = settings.corpus_dir / ARTICLE
    path.write_text(path.read_text() + "\n## Extra\n\nA brand new closing remark about careers.\n")
    fake.encoded = 0
    report = build_index(settings, fake)
    assert report.plan.changed == (ARTICLE,)
    assert 0 < report.embedded <= 3 and fake.encoded == report.embedded
    assert any("brand new" in c.text for c in load(settings, fake).chunks)


def test_added_and_removed_documents(settings, fake):
    build_index(settings, fake)
    (settings.corpus_dir / "new.md").write_text("# New\n\nHiring managers read this page about teams.\n")
    report = build_index(settings, fake)
    assert report.plan.added == ("new.md",)
    (settings.corpus_dir / "new.md").unlink()
    report = build_index(settings, fake)
    assert report.plan.removed == ("new.md",)
    assert all(c.doc_id != "new.md" for c in load(settings, fake).chunks)


def test_model_or_chunker_change_reembeds_everything(settings, fake):
    build_index(settings, fake)
    other = FakeEmbedder(fingerprint="fake-2")
    report = build_index(settings, other)
    assert report.plan.reembed_all.startswith("model changed") and report.reused == 0
    changed = settings.with_(chunker=ChunkerSettings(min_words=30))
    report = build_index(changed, other)
    assert report.plan.reembed_all == "chunker settings changed" and report.reused == 0


def test_dry_run_plan_writes_nothing(settings, fake):
    plan = plan_build(settings, fake)
    assert plan.summary() == "+3 ~0 -0 =0" and plan.reembed_all == "no index yet"
    assert not settings.index_dir.exists()


def test_unreadable_file_is_skipped_and_the_rest_builds(settings, fake):
    (settings.corpus_dir / "broken.txt").write_bytes(b"\x00\x01 binary")
    (settings.corpus_dir / "notes.pdf").write_bytes(b"%PDF-1.4")
    report = build_index(settings, fake)
    assert report.published
    skipped = {f.doc_id: f.detail for f in report.files if f.status == "skipped"}
    assert "binary" in skipped["broken.txt"] and "unsupported" in skipped["notes.pdf"]


def test_empty_corpus_is_an_error_that_keeps_the_index(settings, fake):
    build_index(settings, fake)
    before = IndexStore(settings.index_dir).current_path()
    (settings.corpus_dir / ARTICLE).unlink()
    with pytest.raises(CorpusError, match="no readable documents"):
        build_index(settings, fake)
    assert IndexStore(settings.index_dir).current_path() == before
    load(settings, fake)


def test_failure_mid_build_leaves_the_old_index(settings, fake, monkeypatch):
    build_index(settings, fake)
    before = IndexStore(settings.index_dir).current_path()
    (settings.corpus_dir / ARTICLE).write_text((settings.corpus_dir / ARTICLE).read_text() + "\nMore text.\n")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("assistant.dense.DenseIndex.save", broken)
    with pytest.raises(OSError):
        build_index(settings, fake)
    assert IndexStore(settings.index_dir).current_path() == before
    assert len(load(settings, fake).chunks) > 0


def test_one_build_at_a_time(settings, fake):
    store = IndexStore(settings.index_dir)
    with store.lock():
        with pytest.raises(BuildLocked, match="another build is running"):
            build_index(settings, fake)


KILLED_BUILD = """
import sys, time
sys.path.insert(0, {tests!r})
from conftest import FakeEmbedder
from assistant.build import build_index
from assistant.config import Settings
from pathlib import Path

class Slow(FakeEmbedder):
    def encode(self, texts, **kw):
        print("embedding", flush=True)
        time.sleep(30)
        return super().encode(texts)

build_index(Settings(corpus_dir=Path({corpus!r}), index_dir=Path({index!r})), Slow(fingerprint="fake-2"))
"""


def test_kill_9_during_a_build_leaves_a_loadable_index(settings, fake, tmp_path):
    build_index(settings, fake)
    before = IndexStore(settings.index_dir).current_path()
    script = KILLED_BUILD.format(tests=os.path.dirname(__file__), corpus=str(settings.corpus_dir),
                                 index=str(settings.index_dir))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "embedding"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert IndexStore(settings.index_dir).current_path() == before
    assert len(load(settings, fake).chunks) > 0
    assert build_index(settings, fake).plan.has_changes is False  # the lock died with the process

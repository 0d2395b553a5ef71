"""Faults: killed builds, damaged files, a full disk, hostile index files. The index in
service always stays loadable and answering."""

import errno
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from assistant.build import build_index
from assistant.engine import Assistant
from assistant.errors import IndexInvalid
from assistant.store import IndexStore
from assistant.web.service import Service


def serving(settings, fake) -> Assistant:
    index = IndexStore(settings.index_dir).load(fake)
    return Assistant(index, fake, settings)


def full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(
    "target", ["numpy.save", "assistant.dense.DenseIndex.save", "assistant.keyword.KeywordIndex.save"]
)
def test_a_disk_that_fills_during_a_build(settings, fake, monkeypatch, target):
    build_index(settings, fake)
    before = IndexStore(settings.index_dir).current_path()
    (settings.corpus_dir / "new.md").write_text("# New\n\nA new page about hiring.\n")
    monkeypatch.setattr(target, full_disk)
    with pytest.raises(IndexInvalid, match="No space left on device.*nothing was published"):
        build_index(settings, fake)
    store = IndexStore(settings.index_dir)
    assert store.current_path() == before
    assert not [p for p in store.builds.iterdir() if p.name.startswith(".tmp-")]  # nothing half-written
    assert serving(settings, fake).ask("who deploys models?").passages


def test_serve_keeps_the_last_good_index_when_the_published_one_is_damaged(settings, fake):
    build_index(settings, fake)
    (settings.corpus_dir / "new.md").write_text("# New\n\nA new page about hiring.\n")
    build_index(settings, fake)
    store = IndexStore(settings.index_dir)
    (store.current_path() / "dense.faiss").write_bytes(b"truncated")
    said = []
    service = Service.start(settings, fake, notify=said.append)
    assert service.manifest["build_id"] != store.current_path().name
    assert any("dense.faiss" in s for s in said) and any("serving the previous index" in s for s in said)
    assert service.ask("who deploys models?").passages


def test_a_damaged_index_with_nothing_to_fall_back_on_is_a_clear_error(settings, fake):
    build_index(settings, fake)
    (IndexStore(settings.index_dir).current_path() / "records.jsonl").unlink()
    with pytest.raises(IndexInvalid, match="records.jsonl is missing; run `assistant build`"):
        Service.start(settings, fake)


def planted_npy(marker: str) -> bytes:
    """A .npy file of object dtype whose pickled content would create `marker` if unpickled:
    numpy's header, then a protocol-0 pickle calling open(marker, "w"), written by hand."""
    header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"
    header += " " * (63 - len(header)) + "\n"
    payload = f"c__builtin__\nopen\n(S'{marker}'\nS'w'\ntR.".encode()
    return b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode() + payload


@pytest.mark.parametrize("victim", ["vectors.npy", "keyword/data.csc.index.npy"])
def test_index_files_are_data_only(settings, fake, tmp_path, victim):
    build_index(settings, fake)
    folder = IndexStore(settings.index_dir).current_path()
    marker = tmp_path / "code-ran"
    (folder / victim).write_bytes(planted_npy(str(marker)))
    with pytest.raises(IndexInvalid):
        serving(settings, fake)
    assert not marker.exists()


KILLED = """
import sys, time
sys.path.insert(0, {tests!r})
from assistant.testing import FakeEmbedder
from assistant.build import build_index
from assistant.config import Settings
from pathlib import Path

class Slow(FakeEmbedder):
    def encode(self, texts, **kw):
        time.sleep(0.002 * len(texts))
        return super().encode(texts)

print("started", flush=True)
build_index(Settings(corpus_dir=Path({corpus!r}), index_dir=Path({index!r})), Slow(), force=True)
print("published", flush=True)
"""


def test_kill_9_at_twenty_random_moments(settings, fake):
    for i in range(60):  # a corpus that takes a moment to build
        (settings.corpus_dir / f"page-{i}.md").write_text(
            f"# Page {i}\n\n" + " ".join(f"Sentence {j} of page {i} about teams and models." for j in range(30))
        )
    build_index(settings, fake)
    script = KILLED.format(
        tests=os.path.dirname(__file__), corpus=str(settings.corpus_dir), index=str(settings.index_dir)
    )
    rng = random.Random(20)
    published = 0
    for attempt in range(20):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "started"
        time.sleep(rng.uniform(0, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        answer = serving(settings, fake).ask("who deploys models?")  # loads and answers, every time
        assert answer.passages, f"attempt {attempt}"
        published += IndexStore(settings.index_dir).current_path() is not None
    assert published == 20


def test_a_damaged_feedback_database_turns_votes_off_but_answers_go_on(settings, fake):
    build_index(settings, fake)
    (settings.index_dir / "feedback.sqlite3").write_bytes(b"not a database" * 100)
    said = []
    service = Service.start(settings, fake, notify=said.append)
    assert any("votes are off" in s for s in said)
    assert service.health()["status"] == "degraded" and "feedback.sqlite3" in service.health()["reason"]
    assert service.ask("who deploys models?").passages

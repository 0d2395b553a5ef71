"""Incremental, atomic builds (with the fake embedder)."""

import os
import signal
import subprocess
import sys

import numpy as np
import pytest

from assistant.build import build_index, plan_build
from assistant.config import ChunkerSettings
from assistant.errors import BuildLocked, CorpusError, IndexInvalid, QualityGateFailed
from assistant.store import FORMAT_VERSION, IndexStore
from assistant.testing import FakeEmbedder

ARTICLE = "ml-engineer-vs-data-scientist.md"


def load(settings, fake):
    return IndexStore(settings.index_dir).load(fake)


def test_first_build_writes_a_plain_versioned_index(settings, fake):
    report = build_index(settings, fake)
    assert report.published and report.plan.summary() == "+3 ~0 -0 =0"
    assert report.embedded == report.passages + report.facts and report.reused == 0 and report.read == 1
    # (the files listed as indexed are one document and two of role data, and the summary says so)
    assert "read 1 document and 2 role data files," in report.summary()
    index = load(settings, fake)
    m = index.manifest
    assert m["format_version"] == FORMAT_VERSION and m["model"] == {
        "name": fake.name,
        "fingerprint": "fake-1",
        "backend": "fake",
        "dim": 64,
        "max_tokens": 256,
    }
    assert m["documents"][ARTICLE]["sha256"] and m["counts"]["rows"] == len(index.records)
    assert 40 <= m["counts"]["facts"] <= 60
    files = {p.name for p in index.path.iterdir()}
    assert {"manifest.json", "records.jsonl", "vectors.npy", "dense.faiss", "keyword"} <= files
    np.load(index.path / "vectors.npy", allow_pickle=False)  # data only
    facts = [c for c in index.records if c.kind == "fact"]
    passages = {c.id: c for c in index.records if c.kind == "article"}
    for f in facts:  # every fact points at the passage that holds its evidence
        assert f.evidence in passages[f.passage_id].text


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
    assert report.plan.changed == (ARTICLE,) and report.read == 1
    assert 0 < report.embedded <= 3 and 0 < report.sentences_embedded <= 3
    assert fake.encoded == report.embedded + report.sentences_embedded
    assert any("brand new" in c.text for c in load(settings, fake).records)


def test_added_and_removed_documents(settings, fake):
    build_index(settings, fake)
    (settings.corpus_dir / "new.md").write_text("# New\n\nHiring managers read this page about teams.\n")
    report = build_index(settings, fake)
    assert report.plan.added == ("new.md",)
    (settings.corpus_dir / "new.md").unlink()
    report = build_index(settings, fake)
    assert report.plan.removed == ("new.md",)
    assert all(c.doc_id != "new.md" for c in load(settings, fake).records)


def test_model_or_chunker_change_reembeds_everything(settings, fake):
    build_index(settings, fake)
    other = FakeEmbedder(fingerprint="fake-2")
    report = build_index(settings, other)
    assert report.plan.reembed_all.startswith("model changed") and report.reused == 0
    changed = settings.with_(chunker=ChunkerSettings(min_words=30))
    report = build_index(changed, other)
    assert report.plan.reembed_all == "chunker settings changed" and report.reused == 0


def test_a_raised_size_limit_reads_the_skipped_file(settings, fake):
    (settings.corpus_dir / "big.txt").write_text("Big\n\n" + "Hiring notes about teams. " * 2000)
    small = settings.with_(max_document_mb=0.01)
    report = build_index(small, fake)
    assert dict((f.doc_id, f.status) for f in report.files)["big.txt"] == "skipped"
    report = build_index(settings, fake)  # back to the default limit: no document changed
    assert report.plan.settings_changed.startswith("max_document_mb 0.01 -> 20")
    assert dict((f.doc_id, f.status) for f in report.files)["big.txt"] == "indexed"


def test_dry_run_plan_writes_nothing(settings, fake):
    plan = plan_build(settings, fake)
    assert plan.summary() == "+3 ~0 -0 =0" and plan.reembed_all == "no index yet"
    assert not settings.index_dir.exists()


def test_bad_files_each_get_a_line_and_the_rest_is_indexed(settings, fake, tmp_path):
    from test_ingest import encrypted_pdf

    build_index(settings, fake)
    corpus = settings.corpus_dir
    (corpus / "corrupt.pdf").write_bytes(b"%PDF-1.4 not really")
    (corpus / "locked.pdf").write_bytes(encrypted_pdf())
    (corpus / "empty.md").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02 binary")
    (corpus / "latin.txt").write_bytes("Les ingénieurs déploient des modèles chaque semaine.".encode("latin-1"))
    with (corpus / "huge.txt").open("w") as fh:
        fh.write(("word " * 1000 + "\n") * 10500)  # about 52 MB
    (corpus / "scripts.html").write_text("<html><body><script>alert(1)</script></body></html>")
    (corpus / "blank.md").write_text("   \n\n\t\n")
    (corpus / "copy-of-article.md").write_bytes((corpus / ARTICLE).read_bytes())
    (corpus / "broken-facts.yaml").write_text("facts:\n  - {id: x, role: pilot, topic: t, statement: s, evidence: e}\n")
    (corpus / "notes.exe").write_bytes(b"MZ")
    report = build_index(settings, fake)
    assert report.published
    lines = {f.doc_id: (f.status, f.detail) for f in report.files}
    assert lines["corrupt.pdf"][0] == "failed" and "not a readable PDF" in lines["corrupt.pdf"][1]
    assert lines["locked.pdf"] == ("failed", "encrypted PDF: it needs a password; add an unencrypted copy")
    assert lines["empty.md"][0] == "skipped" and "empty" in lines["empty.md"][1]
    assert lines["binary.txt"][0] == "failed" and "binary" in lines["binary.txt"][1]
    assert lines["latin.txt"][0] == "indexed" and "not UTF-8" in lines["latin.txt"][1]
    assert lines["huge.txt"][0] == "skipped" and "too large" in lines["huge.txt"][1]
    assert lines["scripts.html"][0] == "skipped" and "no text left" in lines["scripts.html"][1]
    assert lines["blank.md"][0] == "skipped"
    assert lines["copy-of-article.md"] == ("skipped", f"same content as {ARTICLE}")
    assert lines["notes.exe"][0] == "skipped" and "unsupported" in lines["notes.exe"][1]
    assert any("broken-facts.yaml:2" in p and "unknown role 'pilot'" in p for p in report.problems)
    index = load(settings, fake)
    docs = {c.doc_id for c in index.records}
    assert docs == {ARTICLE, "latin.txt"} and index.manifest["counts"]["facts"] >= 40
    # Nothing is re-read next time: the failed files keep their verdict, the rest are reused.
    (corpus / "more.md").write_text("# More\n\nA new page about teams.\n")
    report = build_index(settings, fake)
    assert report.read == 1 and dict((f.doc_id, f.status) for f in report.files)["corrupt.pdf"] == "failed"


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
    with pytest.raises(IndexInvalid, match="disk full"):
        build_index(settings, fake)
    assert IndexStore(settings.index_dir).current_path() == before
    assert len(load(settings, fake).records) > 0


def test_one_build_at_a_time(settings, fake):
    store = IndexStore(settings.index_dir)
    with store.lock():
        with pytest.raises(BuildLocked, match="another build is running"):
            build_index(settings, fake)


KILLED_BUILD = """
import sys, time
sys.path.insert(0, {tests!r})
from assistant.testing import FakeEmbedder
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
    script = KILLED_BUILD.format(
        tests=os.path.dirname(__file__), corpus=str(settings.corpus_dir), index=str(settings.index_dir)
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "embedding"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert IndexStore(settings.index_dir).current_path() == before
    assert len(load(settings, fake).records) > 0
    assert build_index(settings, fake).plan.has_changes is False  # the lock died with the process


GOLDEN = '{"id": "z1", "q": "zebra stripes grazing", "gold": ["zebras graze with stripes"]}\n'


@pytest.fixture
def small(tmp_path):
    from conftest import CORPUS

    from assistant.config import Settings

    corpus = tmp_path / "small"
    corpus.mkdir()
    (corpus / "roles.yaml").write_text((CORPUS / "roles.yaml").read_text())
    (corpus / "zebra.md").write_text("# Zebras\n\nZebras graze with stripes on the plains every day.\n")
    (corpus / "lion.md").write_text("# Lions\n\nLions sleep most of the day in the shade.\n")
    (corpus / "eval").mkdir()
    (corpus / "eval" / "golden.jsonl").write_text(GOLDEN)
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "small-index", min_r3=1.0)


def test_quality_gate_passes_and_is_reported(small, fake):
    """... and says which documents no golden question was answered from: every new user of
    trials 48-55 read "R@3 1.00 on 12 golden questions" as a check of the documents they had
    just added, which none of the questions was about."""
    report = build_index(small, fake)
    assert report.published and report.quality == (
        "R@3 1.00 on 1 golden questions (floor 1.00); no golden question checks 1 of the 2 documents: lion.md"
    )


def test_quality_gate_refuses_a_regression_and_names_it(small, fake):
    build_index(small, fake)
    before = IndexStore(small.index_dir).current_path()
    (small.corpus_dir / "zebra.md").write_text("# Zebras\n\nZebras are gone from this page.\n")
    with pytest.raises(QualityGateFailed, match="answered by the index in service, missed now: z1 “zebra stripes"):
        build_index(small, fake)
    assert IndexStore(small.index_dir).current_path() == before
    report = build_index(small, fake, force=True)
    assert report.published and "published anyway" in report.quality


def test_quality_gate_can_hold_the_answer_line_to_a_floor(small, fake, tmp_path):
    keyed = tmp_path / "keyed.jsonl"
    keyed.write_text(
        '{"id": "z2", "q": "zebra stripes grazing", "gold": ["stripes"], "answer_keys": [["stripes"]]}\n'
        '{"id": "z3", "q": "zebra stripes grazing", "gold": ["stripes"], "answer_keys": [["spots"]]}\n'
    )
    report = build_index(small.with_(golden=(keyed,), min_answer=0.5), fake)
    assert report.published and "answer line right on 0.50 of 2 (floor 0.50)" in report.quality
    (small.corpus_dir / "lion.md").write_text("# Lions\n\nLions sleep most of the day in the shade, again.\n")
    with pytest.raises(QualityGateFailed, match=r"answer line right on 0.50 of 2 \(floor 0.90\).*missed: z3"):
        build_index(small.with_(golden=(keyed,), min_answer=0.9), fake)


def test_golden_questions_can_be_given_explicitly(small, fake, tmp_path):
    other = tmp_path / "other.jsonl"
    other.write_text('{"id": "l1", "q": "lions sleep", "gold": ["not in any document"]}\n')
    with pytest.raises(QualityGateFailed, match="Questions missed: l1"):
        build_index(small.with_(golden=(other,)), fake)


def test_the_dense_index_type_is_chosen_recorded_and_can_be_forced(settings, fake):
    from assistant.dense import DenseIndex

    assert DenseIndex.choose(99_999)["type"] == "flat" and DenseIndex.choose(100_000)["type"] == "ivf"
    build_index(settings, fake)
    assert load(settings, fake).manifest["dense"]["type"] == "flat"
    report = build_index(settings.with_(dense_index="hnsw"), fake)
    assert report.plan.settings_changed == "dense_index auto -> hnsw" and report.embedded == 0
    index = load(settings, fake)
    assert index.manifest["dense"]["type"] == "hnsw" and index.manifest["dense"]["tuned_recall@10"] >= 0.95
    exact = DenseIndex.build(np.asarray(index.vectors), DenseIndex.choose(0, "flat"))
    query = index.vectors[3]
    assert index.dense.search(query, 5)[1].tolist() == exact.search(query, 5)[1].tolist()


@pytest.mark.parametrize("kind", ["ivf", "hnsw"])
def test_approximate_indexes_are_tuned_to_the_recall_target_on_fresh_queries(kind):
    from assistant.dense import DenseIndex

    rng = np.random.default_rng(3)
    centres = rng.standard_normal((50, 64)).astype(np.float32)

    def sample(n):
        v = centres[rng.integers(0, 50, n)] + 0.5 * rng.standard_normal((n, 64)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    vectors, queries = sample(20_000), sample(100)
    dense = DenseIndex.build(vectors, DenseIndex.choose(len(vectors), kind))
    exact = DenseIndex.build(vectors, DenseIndex.choose(0, "flat"))
    recall = np.mean([len(set(dense.search(q, 10)[1]) & set(exact.search(q, 10)[1])) / 10 for q in queries])
    assert dense.spec["tuned_recall@10"] >= 0.95 and recall >= 0.9


def test_a_question_is_searched_on_one_openmp_thread_and_the_threads_are_put_back():
    """A query or two gains nothing from FAISS's threads and loses much when the other core is
    busy (docs/RETRIEVAL.md, "Latency"); a build in the same thread keeps its threads."""
    import faiss

    from assistant.dense import DenseIndex

    vectors = np.eye(8, dtype=np.float32)
    dense = DenseIndex.build(vectors, DenseIndex.choose(len(vectors), "flat"))
    seen = []

    class Watched:
        def __init__(self, index):
            self.index, self.ntotal = index, index.ntotal

        def search(self, queries, k):
            seen.append(faiss.omp_get_max_threads())
            return self.index.search(queries, k)

    dense._index = Watched(dense._index)
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(2)
    try:
        assert dense.search(vectors[3], 1)[1].tolist() == [3]
        assert seen == [1] and faiss.omp_get_max_threads() == 2
    finally:
        faiss.omp_set_num_threads(threads)

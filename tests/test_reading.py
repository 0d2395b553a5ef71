"""Reading the corpus on several processes gives the same passages, in the same order, as
reading it in one; a file that fails in a worker is reported, and the rest is indexed."""

from __future__ import annotations

import json

from assistant.build import build_index
from assistant.config import ChunkerSettings
from assistant.ingest import scan
from assistant.reading import MIN_TASKS, SLICE, Reader, read_all, tasks_for
from assistant.store import IndexStore
from assistant.testing import fake_token_count


def _corpus(folder, files: int, records: int):
    folder.mkdir()
    for i in range(files):
        (folder / f"note-{i:02d}.md").write_text(
            f"# Note {i}\n\n## Work\n\nEngineers on team {i} ship models. They review code daily.\n\n"
            f"## Pay\n\nThe median salary on team {i} was ${90 + i},000 in 2025.\n"
        )
    lines = [
        json.dumps({"_id": str(n), "title": f"Abstract {n}", "text": f"Study {n} finds effect {n}. It is small."})
        for n in range(records)
    ]
    (folder / "abstracts.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    return scan(folder)[0]


def _read(sources, workers):
    tasks, done = tasks_for(sources, 10**7)
    reader = Reader(ChunkerSettings(), fake_token_count, 256, 10**7)
    return tasks, done + list(read_all(tasks, reader, workers))


def test_worker_processes_give_the_passages_of_one_process(tmp_path):
    sources = _corpus(tmp_path / "c", files=MIN_TASKS + 2, records=SLICE + 50)
    tasks, one = _read(sources, workers=1)
    assert len(tasks) >= MIN_TASKS  # so the pool is really used below
    _, two = _read(sources, workers=2)
    assert [(r.source.doc_id, r.records, r.failed, r.skipped) for r in two] == [
        (r.source.doc_id, r.records, r.failed, r.skipped) for r in one
    ]
    ids = [rec.doc_id for r in two for rec in r.records if rec.doc_id.startswith("abstracts.jsonl")]
    assert ids[0] == "abstracts.jsonl::0" and len(set(ids)) == SLICE + 50  # every record, in file order
    (broken,) = [r for r in two if r.source.doc_id == "broken.pdf"]
    assert broken.failed and not broken.records


def test_a_build_with_workers_equals_one_without(tmp_path, fake):
    from assistant.config import Settings

    _corpus(tmp_path / "corpus", files=MIN_TASKS + 2, records=SLICE + 5)
    results = {}
    for workers in (1, 2):
        settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / f"index-{workers}")
        report = build_index(settings, fake, workers=workers)
        store = IndexStore(settings.index_dir)
        records = store.read_records(store.current_path() / "records.jsonl")
        results[workers] = ([(r.id, r.text) for r in records], sorted(report.file_lines()))
    assert results[1] == results[2]
    assert any(line.startswith("failed   broken.pdf") for line in results[2][1])
    assert "indexed  abstracts.jsonl: " in "\n".join(results[2][1])

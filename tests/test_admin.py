"""The Admin tab's actions, without the browser (fake embedder)."""

import time

import pytest

from assistant.build import build_index
from assistant.errors import BadInput
from assistant.testing import FakeEmbedder
from assistant.web import admin


def test_token_comparison():
    assert admin.token_ok("s3cret", "s3cret")
    assert not admin.token_ok("s3cre", "s3cret") and not admin.token_ok("", "s3cret")
    assert not admin.token_ok("anything", None) and not admin.token_ok(None, "s3cret")


@pytest.mark.parametrize(
    "given, expected",
    [
        ("handbook.PDF", "handbook.pdf"),
        ("../../etc/passwd.md", "passwd.md"),
        ("..\\..\\windows\\evil.txt", "evil.txt"),
        ("/abs/path/notes.md", "notes.md"),
        ("my notes (v2).md", "my notes _v2_.md"),
        (".hidden.md", "hidden.md"),
        ("naïve café.txt", "na_ve caf_.txt"),
    ],
)
def test_safe_names(given, expected):
    assert admin.safe_name(given) == expected


@pytest.mark.parametrize("given", ["evil.exe", "noext", "..", ".md", "", "a.md.sh"])
def test_unsafe_names_are_refused(given):
    with pytest.raises(BadInput):
        admin.safe_name(given)


def upload(tmp_path, name, content: bytes):
    path = tmp_path / "uploads" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return path


def test_uploads_land_in_the_corpus_only(tmp_path, corpus):
    line = admin.add_upload(corpus, upload(tmp_path, "new.md", b"# New\n\ntext\n"), "../../new.md")
    assert line.startswith("added new.md") and (corpus / "new.md").exists()
    assert not (tmp_path / "new.md").exists()
    line = admin.add_upload(corpus, upload(tmp_path, "new.md", b"# New\n\nv2\n"), "new.md")
    assert line.startswith("replaced new.md")
    assert not [p for p in corpus.iterdir() if p.name.startswith(".upload")]


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("fake.pdf", b"hello, I am text", "not a .pdf file"),
        ("fake.docx", b"%PDF-1.4", "not a .docx file"),
        ("bin.md", b"abc\x00def", "binary data"),
        ("empty.txt", b"", "is empty"),
    ],
)
def test_wrong_content_is_refused(tmp_path, corpus, name, content, reason):
    with pytest.raises(BadInput, match=reason):
        admin.add_upload(corpus, upload(tmp_path, name, content), name)
    assert not (corpus / name).exists()


def test_oversized_upload_is_refused(tmp_path, corpus):
    with pytest.raises(BadInput, match="the limit is 1 MB"):
        admin.add_upload(corpus, upload(tmp_path, "big.txt", b"x" * 1_100_000), "big.txt", max_mb=1)


def test_remove_only_corpus_documents(corpus):
    (corpus / "gone.md").write_text("# Gone\n\ntext\n")
    assert "removed gone.md" in admin.remove_document(corpus, "gone.md")
    with pytest.raises(BadInput, match="not in the corpus"):
        admin.remove_document(corpus, "../conftest.py")


def test_corpus_rows_show_published_and_pending_status(settings, fake):
    build_index(settings, fake)
    (settings.corpus_dir / "new.md").write_text("# New\n\nA new page.\n")
    (settings.corpus_dir / "role_facts.yaml").unlink()
    rows = {r[0]: r[2:] for r in admin.corpus_rows(settings, fake)}
    assert rows["new.md"] == ["pending", "new: rebuild to index it"]
    assert rows["ml-engineer-vs-data-scientist.md"][0] == "indexed"
    assert rows["role_facts.yaml"] == ["removed", "rebuild to drop it from the index"]


def test_rebuild_job_reports_progress_and_result(settings, fake):
    published = []
    job = admin.RebuildJob(settings, fake, on_published=lambda: published.append(True))
    assert job.begin() is True
    deadline = time.time() + 30
    while job.state.running and time.time() < deadline:
        time.sleep(0.05)
    assert published == [True]
    assert job.status_text().startswith("Published ") and "ml-engineer-vs-data-scientist.md" in job.report_text()
    job.begin()
    while job.state.running:
        time.sleep(0.05)
    assert job.status_text().startswith("Index already up to date")


def test_rebuild_job_failure_is_one_line(settings):
    class Broken(FakeEmbedder):
        def encode(self, texts, **kw):
            raise RuntimeError("model exploded")

    job = admin.RebuildJob(settings, Broken())
    job.begin()
    while job.state.running:
        time.sleep(0.05)
    assert job.status_text().startswith("Rebuild failed: the rebuild failed unexpectedly (RuntimeError")


def test_many_uploads_at_once_land_only_in_the_corpus(tmp_path, corpus):
    names = [
        f"../../escape-{i}.md" if i % 3 == 0 else f"sub/dir/page {i}.md" if i % 3 == 1 else f"ok-{i}.md"
        for i in range(60)
    ] + ["evil.exe", "fake.pdf"]
    lines = []
    for i, name in enumerate(names):
        content = b"%NOT-A-PDF" if name == "fake.pdf" else f"# Page {i}\n\ntext {i}\n".encode()
        try:
            lines.append(admin.add_upload(corpus, upload(tmp_path, f"u{i}", content), name))
        except BadInput as exc:
            lines.append(f"refused: {exc}")
    assert sum(line.startswith(("added", "replaced")) for line in lines) == 60
    assert [line for line in lines if line.startswith("refused")] == [
        "refused: 'evil.exe': only .csv, .docx, .htm, .html, .jsonl, .markdown, .md, .pdf, .txt, .yaml, .yml files can be added",
        "refused: 'fake.pdf' is not a .pdf file (its content says otherwise)",
    ]
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and corpus not in p.parents and "uploads" not in p.parts]
    assert outside == []


def test_every_replica_shows_the_build_another_one_is_running(settings, fake):
    """The Admin tab of a replica that is not building shows the progress of the build another
    replica (or `assistant build`) runs on the shared index folder, then its outcome."""
    build_index(settings, fake)
    (settings.corpus_dir / "more.md").write_text("# More\n\nAnother page about how teams hire.\n")
    other_replica = admin.RebuildJob(settings, fake)
    seen = []

    class Watching:  # the building replica's progress; the other replica looks at each stage
        def start(self, stage: str, total: int, unit: str) -> None:
            seen.append(other_replica.status_text())

        def advance(self, n: int = 1) -> None:
            pass

    build_index(settings, fake, progress=Watching())
    assert seen and all(s.startswith("Rebuilding: ") for s in seen)
    assert any("/" in s for s in seen[1:])  # a stage with its count
    done = other_replica.status_text()
    assert done.startswith("Last build, finished at ") and "+1" in done
    last = other_replica.last_build()  # what its /metrics says of the last build
    assert last is not None and last["outcome"] == "published" and last["seconds"] > 0

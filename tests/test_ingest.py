import pytest

from assistant.ingest import UnreadableDocument, load_document, scan

from conftest import CORPUS


def _load(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    files, skipped = scan(tmp_path)
    return load_document(next(f for f in files if f.doc_id == name))


def test_markdown_headings_become_sections():
    files, _ = scan(CORPUS)
    doc = load_document(next(f for f in files if f.doc_id.endswith(".md")))
    assert doc.title == "ML Engineer VS. Data Scientist: What’s the Difference?"
    headings = [s.heading for s in doc.sections]
    assert headings[:2] == ["ML Engineer & Data Scientist", "Becoming A ML Engineer"]
    assert "Average Salary for Data Scientists and ML Engineers" in headings
    for s in doc.sections:  # spans point into the text and never hold a heading line
        assert "\n#" not in doc.text[s.start:s.end]


def test_nested_markdown_headings_give_a_path_and_code_is_not_a_heading(tmp_path):
    doc = _load(tmp_path, "n.md", "# T\n\n## A\n\ntext a\n\n### B\n\n```\n# not a heading\n```\n\n## C\n\ntext c\n")
    assert [s.heading for s in doc.sections] == ["A", "A › B", "C"]


def test_plain_text_short_standalone_lines_are_headings(tmp_path):
    doc = _load(tmp_path, "p.txt", "My Title\n\nIntro sentence here.\n\nPart One\n\nBody of part one.\n")
    assert doc.title == "My Title"
    assert [s.heading for s in doc.sections] == ["My Title", "Part One"]


@pytest.mark.parametrize("name, content, reason", [
    ("bin.txt", b"\x00\x01\x02binary", "binary"),
    ("latin.txt", "caf\xe9".encode("latin-1"), "not valid UTF-8"),
    ("empty.md", b"", "empty"),
    ("blank.md", b"  \n\t\n", "empty"),
])
def test_unreadable_files_say_why(tmp_path, name, content, reason):
    with pytest.raises(UnreadableDocument, match=reason):
        _load(tmp_path, name, content)


def test_scan_reports_unsupported_types_and_ignores_hidden_and_eval(tmp_path):
    (tmp_path / "a.md").write_text("# A\n\ntext\n")
    (tmp_path / "b.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.md").write_text("x")
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "q.jsonl").write_text("{}")
    files, skipped = scan(tmp_path)
    assert [f.doc_id for f in files] == ["a.md"]
    assert [(s.doc_id, s.reason) for s in skipped] == [("b.pdf", "unsupported file type '.pdf'")]

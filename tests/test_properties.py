"""Property-based tests (hypothesis): arbitrary Unicode, control characters, long lines, empty
and huge inputs. Nothing crashes or hangs; refused input gets the domain's clear error."""

import time

import pytest
import yaml
from conftest import CORPUS, copy_of_corpus
from hypothesis import HealthCheck, given
from hypothesis import settings as h_settings
from hypothesis import strategies as st

from assistant.errors import AssistantError, BadInput
from assistant.facts import load_role_data
from assistant.followup import resolve
from assistant.formats import LOADERS, EmptyDocument, UnreadableDocument, json_records
from assistant.ingest import scan
from assistant.question import frame
from assistant.roles import RoleBook

ROLES = RoleBook.from_dicts(yaml.safe_load((CORPUS / "roles.yaml").read_text())["roles"])
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=3000)
FAST = h_settings(max_examples=80, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_question_reading_never_fails(text):
    for m in ROLES.mentions(text):
        assert 0 <= m.start < m.end <= len(text)
    assert isinstance(ROLES.normalise(text), str) and isinstance(ROLES.without_mentions(text), str)
    frame(text, ROLES)
    ROLES.predicate(text, "ml_engineer")


@FAST
@given(TEXT, st.lists(TEXT, max_size=4))
def test_follow_up_resolution_never_fails(question, history):
    result = resolve(question, history, ROLES, lambda q: "ml_engineer")
    assert isinstance(result.text, str)


@FAST
@given(st.sampled_from(sorted(LOADERS)), st.binary(max_size=4000))
def test_every_loader_reads_or_refuses_arbitrary_bytes(suffix, data):
    try:
        extracted = LOADERS[suffix](data)
    except (UnreadableDocument, EmptyDocument) as exc:
        assert str(exc)
        return
    for s in extracted.sections:
        assert 0 <= s.start <= s.end <= len(extracted.text)


@FAST
@given(st.sampled_from([".md", ".txt", ".html"]), TEXT)
def test_text_loaders_read_any_text(suffix, text):
    try:
        extracted = LOADERS[suffix](text.encode("utf-8"))
    except (UnreadableDocument, EmptyDocument):
        return
    assert all(extracted.text[s.start : s.end] is not None for s in extracted.sections)


@FAST
@given(text=TEXT)
def test_jsonl_corpora_read_or_refuse(text, tmp_path_factory):
    path = tmp_path_factory.mktemp("j") / "c.jsonl"
    path.write_text(text, encoding="utf-8")
    try:
        json_records(path)
    except (UnreadableDocument, EmptyDocument) as exc:
        assert str(exc)


@FAST
@given(text=TEXT, name=st.sampled_from(["facts.yaml", "facts.csv"]))
def test_role_data_files_read_or_report(text, name, tmp_path_factory):
    folder = tmp_path_factory.mktemp("r")
    (folder / "roles.yaml").write_text((CORPUS / "roles.yaml").read_text())
    (folder / name).write_text(text, encoding="utf-8")
    files, _ = scan(folder)
    try:
        data = load_role_data([f for f in files if f.kind == "data"])
    except AssistantError as exc:
        assert str(exc)
        return
    assert isinstance(data.problems, list)


@pytest.fixture(scope="module")
def small_assistant(tmp_path_factory):

    from assistant.build import ensure_index
    from assistant.engine import Assistant
    from assistant.testing import FakeEmbedder

    settings = copy_of_corpus(tmp_path_factory.mktemp("c"))
    fake = FakeEmbedder()
    return Assistant(ensure_index(settings, fake), fake, settings)


@FAST
@given(question=TEXT, history=st.lists(TEXT, max_size=3))
def test_any_question_is_answered_or_refused_clearly(small_assistant, question, history):
    try:
        answer = small_assistant.ask(question, history)
    except BadInput as exc:
        assert "empty" in str(exc)
        assert not any(c.isalnum() for c in question)  # blank, or punctuation only ("?!")
        return
    assert answer.question == question.strip()[:2000] and len(answer.passages) <= 5


def test_huge_inputs_finish_quickly(small_assistant):
    started = time.perf_counter()
    line = "word " * 200_000  # one 1 MB line
    for suffix in (".md", ".txt", ".html"):
        LOADERS[suffix](line.encode())
    small_assistant.ask(line)
    from assistant.chunk import Chunker
    from assistant.config import ChunkerSettings
    from assistant.ingest import Document, Section
    from assistant.testing import FakeEmbedder

    fake = FakeEmbedder()
    chunks = Chunker(ChunkerSettings(), fake.count_tokens, fake.max_tokens).chunk(
        Document("big.md", "Big", line, (Section("S", 0, len(line)),), "h")
    )
    assert len(chunks) > 1000 and all(len(c.text) <= 1000 for c in chunks)
    assert time.perf_counter() - started < 120

"""The role facts shipped in corpus/ and the row-by-row checks of any facts file."""

import collections
from pathlib import Path

import yaml
from conftest import CORPUS

from assistant.chunk import Chunker
from assistant.config import ChunkerSettings
from assistant.facts import evidence_pattern, link_facts, load_role_data
from assistant.ingest import load_documents, scan
from assistant.roles import BOTH
from assistant.testing import FakeEmbedder

ARTICLE = (CORPUS / "ml-engineer-vs-data-scientist.md").read_text(encoding="utf-8")
FACTS = yaml.safe_load((CORPUS / "role_facts.yaml").read_text(encoding="utf-8"))["facts"]
TOPICS = {
    "overview",
    "responsibilities",
    "skills",
    "education",
    "languages",
    "tools",
    "salary",
    "collaboration",
    "career",
    "analogy",
    "hiring",
}


def test_every_evidence_quote_occurs_verbatim_in_the_article():
    missing = [f["id"] for f in FACTS if f["evidence"] not in ARTICLE]
    assert missing == []


def test_facts_are_complete_records():
    assert 40 <= len(FACTS) <= 60
    assert len({f["id"] for f in FACTS}) == len(FACTS)
    for fact in FACTS:
        assert fact["role"] in {"ml_engineer", "data_scientist", BOTH}, fact["id"]
        assert fact["topic"] in TOPICS, fact["id"]
        assert fact["statement"].strip().endswith("."), fact["id"]
    by_role = collections.Counter(f["role"] for f in FACTS)
    assert min(by_role.values()) >= 10


def test_the_article_is_kept_verbatim():
    """Every line of the user's original text is a line of the Markdown copy, as it was or
    marked up as a heading (or emphasis, for the byline)."""
    source = Path(__file__).parent / "data" / "ml-engineer-vs-data-scientist.txt"
    lines = set(ARTICLE.splitlines())
    for line in source.read_text(encoding="utf-8").splitlines():
        line = line.rstrip()
        if line:
            assert {line, f"# {line}", f"## {line}", f"*{line}*"} & lines, line


def _write(tmp_path, text):
    (tmp_path / "roles.yaml").write_text((CORPUS / "roles.yaml").read_text())
    (tmp_path / "facts.yaml").write_text(text)
    (tmp_path / "a.md").write_text("# Doc\n\nML engineers deploy models to production every day.\n")
    files, _ = scan(tmp_path)
    return files


def test_bad_rows_are_reported_with_file_and_line_and_the_rest_kept(tmp_path):
    files = _write(
        tmp_path,
        """facts:
  - {id: ok, role: ml_engineer, topic: skills, statement: "ML engineers deploy.", evidence: "deploy models to production"}
  - {id: no-evidence, role: ml_engineer, topic: skills, statement: "ML engineers x."}
  - {id: bad-role, role: pilot, topic: skills, statement: "Pilots fly.", evidence: "deploy models"}
  - {id: ok, role: ml_engineer, topic: skills, statement: "Again.", evidence: "deploy models"}
  - {id: nowhere, role: both, topic: skills, statement: "Both roles x.", evidence: "not in any document"}
""",
    )
    data = load_role_data([f for f in files if f.kind == "data"])
    assert [f.id for f in data.facts] == ["ok", "nowhere"]
    problems = "\n".join(data.problems)
    assert "facts.yaml:3: fact is missing evidence" in problems
    assert "facts.yaml:4: fact 'bad-role' has unknown role 'pilot'" in problems
    assert "facts.yaml:5: fact id 'ok' is used twice" in problems
    docs = [d for f in files if f.kind == "document" for d in load_documents(f)]
    fake = FakeEmbedder()
    passages = Chunker(ChunkerSettings(), fake.count_tokens, fake.max_tokens).chunk(docs[0])
    problems_after = []
    records = link_facts(data.facts, passages, problems_after)
    assert [r.id for r in records] == ["fact:ok"]
    assert records[0].passage_id == passages[0].id
    assert "occurs in no document" in problems_after[0]


def test_csv_facts_are_checked_row_by_row(tmp_path):
    files = _write(tmp_path, "facts: []\n")
    (tmp_path / "more.csv").write_text(
        "id,role,topic,statement,evidence\n"
        "c1,data_scientist,skills,Data scientists deploy too.,deploy models\n"
        "c2,astronaut,skills,Astronauts fly.,deploy models\n"
        "c3,ml_engineer,skills,,deploy models\n"
    )
    files, _ = scan(tmp_path)
    data = load_role_data([f for f in files if f.kind == "data"])
    assert [f.id for f in data.facts] == ["c1"]
    assert any(p.startswith("more.csv:3: fact 'c2' has unknown role") for p in data.problems)
    assert any(p.startswith("more.csv:4: fact is missing statement") for p in data.problems)


def test_a_csv_without_the_columns_is_refused_whole(tmp_path):
    files = _write(tmp_path, "facts: []\n")
    (tmp_path / "bad.csv").write_text("name,value\na,b\n")
    files, _ = scan(tmp_path)
    data = load_role_data([f for f in files if f.kind == "data"])
    assert "bad.csv: line 1: the header lacks id, role, topic, statement, evidence" in data.problems[0]


def test_broken_yaml_is_a_problem_not_a_crash(tmp_path):
    files = _write(tmp_path, "facts: [unclosed\n")
    data = load_role_data([f for f in files if f.kind == "data"])
    assert data.facts == [] and "not readable YAML" in data.problems[0]


def test_evidence_matches_whatever_the_quote_style_and_spacing():
    pattern = evidence_pattern("a master's degree\nin computer science")
    assert pattern.search(ARTICLE)

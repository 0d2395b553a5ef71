"""The answer pipeline's contract, with the fake embedder (structure, not quality)."""

import numpy as np
import pytest

from assistant.answer import abstention
from assistant.build import build_index, ensure_index
from assistant.config import RetrievalSettings
from assistant.engine import Assistant
from assistant.errors import BadInput, IndexInvalid
from assistant.retrieve import Retrieval
from assistant.store import IndexStore

KEYS = {"question", "resolved_question", "answer", "role", "abstained", "reason", "passages"}
PASSAGE_KEYS = {"rank", "text", "source", "section", "kind", "score", "highlight", "evidence"}


@pytest.fixture
def assistant(settings, fake) -> Assistant:
    return Assistant(ensure_index(settings, fake), fake, settings)


def test_result_json_has_exactly_the_contract_keys(assistant):
    result = assistant.ask("who deploys machine learning products?").to_json()
    assert set(result) == KEYS
    assert result["passages"] and all(set(p) == PASSAGE_KEYS for p in result["passages"])
    assert [p["rank"] for p in result["passages"]] == list(range(1, len(result["passages"]) + 1))
    scores = [p["score"] for p in result["passages"]]
    assert scores == sorted(scores, reverse=True)


def test_each_passage_once_with_its_highlight_inside_and_facts_carry_evidence(assistant):
    answer = assistant.ask("average annual income salary", k=10)
    ids = [p.id for p in answer.passages]
    assert len(ids) == len(set(ids))
    for p in answer.passages:
        assert p.highlight in p.text and len(p.text) <= 1000
        if p.kind == "fact":
            assert p.evidence and p.evidence in p.text and p.fact
        else:
            assert p.evidence is None


def test_k_limits_the_passages(assistant):
    assert len(assistant.ask("salary", k=2).passages) == 2


@pytest.mark.parametrize("question", ["", "   ", "\n\t", " ?! "])
def test_empty_question_is_bad_input(assistant, question):
    with pytest.raises(BadInput, match="empty"):
        assistant.ask(question)


def test_overlong_question_is_cut_with_a_notice(assistant):
    answer = assistant.ask("salary " * 500)
    assert len(answer.question) == 2000 and "cut" in answer.notices[0]


def test_questions_are_cut_before_the_answer_cache_keeps_them(assistant):
    """The cache keys hold the question: a 1 MB question must not be kept whole (30 of them
    once held 1 GB). Two long questions alike in their first 2,000 characters are one entry."""
    first = assistant.ask("salary " * 150_000)
    again = assistant.ask("salary " * 150_000 + "and something else entirely")
    info = assistant._cached.cache_info()
    assert again is first and info.hits == 1 and info.currsize == 1


def test_gibberish_abstains_and_still_lists_nearest_passages(assistant):
    answer = assistant.ask("zxqv wplk mrtb")
    assert answer.abstained and answer.answer is None and answer.role is None
    assert "threshold" in answer.reason or "below" in answer.reason
    assert answer.passages


def test_missing_index_is_built_first_and_said(settings, fake):
    said = []
    ensure_index(settings, fake, notify=said.append)
    assert "No index has been built yet" in said[0]


def test_changed_corpus_is_rebuilt_first_and_said(settings, fake):
    build_index(settings, fake)
    (settings.corpus_dir / "more.md").write_text("# More\n\nAnother page about hiring teams.\n")
    said = []
    ensure_index(settings, fake, notify=said.append)
    assert "+1 ~0 -0 =3" in said[0]


def test_a_replica_starting_during_another_build_serves_the_published_index(settings, fake):
    """A restarted replica does not wait for a build another replica (or an administrator) is
    running: it serves what is published, and its watcher takes the new build later."""
    build_index(settings, fake)
    published = IndexStore(settings.index_dir).read_manifest()["build_id"]
    (settings.corpus_dir / "more.md").write_text("# More\n\nAnother page about hiring teams.\n")
    said = []
    with IndexStore(settings.index_dir).lock():  # the other build
        index = ensure_index(settings, fake, notify=said.append)
    assert index.manifest["build_id"] == published
    assert "Another build is running" in said[-1]


def test_index_of_another_model_is_an_error_not_a_silent_rebuild(settings, fake):
    build_index(settings, fake)
    from assistant.testing import FakeEmbedder

    with pytest.raises(IndexInvalid, match="run `assistant build`"):
        ensure_index(settings, FakeEmbedder(fingerprint="other"))
    assert IndexStore(settings.index_dir).read_manifest()["model"]["fingerprint"] == "fake-1"


def test_an_abstention_reason_rounds_the_similarity_down_below_its_threshold():
    settings = RetrievalSettings()
    just_under = settings.min_dense_unknown_name - 0.0006  # 0.5494 under 0.55: "0.55 is below 0.55" before
    vector = np.zeros(3, dtype=np.float32)
    retrieval = Retrieval([], just_under, ["dbs"], ["check"], ["DBS"], vector, vector, vector)
    reason = abstention(retrieval, settings)
    below = f"{settings.min_dense_unknown_name - 0.01:.2f} is below {settings.min_dense_unknown_name:.2f}"
    assert reason is not None and reason.startswith("the documents never mention DBS") and below in reason

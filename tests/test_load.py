"""The load test in its short form (bench/load.py runs the long one): bounded, loopback only."""

import os

import psutil
import pytest
from conftest import CORPUS, copy_of_corpus
from loadgen import answers_its_question, run_load

from assistant.build import build_index
from assistant.config import Settings
from assistant.web.testing import start_web

pytestmark = pytest.mark.e2e

QUESTIONS = [
    "who deploys models?",
    "Which role pays more?",
    "What education does an ML engineer need?",
    "Which role uses BI tools?",
    "What do both roles have in common?",
    "What is the capital of Australia?",
]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, real_embedder):

    settings = copy_of_corpus(tmp_path_factory.mktemp("load"))
    service, server, url = start_web(settings, real_embedder, rate_limit=10**6, watch=True)
    expected = {q: service.ask(q).to_json() for q in QUESTIONS}
    yield service, url, expected
    service.close()
    server.stop()


@pytest.mark.parametrize("target", ["api", "gradio"])
def test_every_answer_matches_its_question_and_nothing_fails(loaded, target):
    service, url, expected = loaded
    process = psutil.Process(os.getpid())
    before = process.memory_info().rss
    for clients in (1, 8):
        for unique, check in ((False, None), (True, answers_its_question)):  # from the cache, and not
            result = run_load(
                url, target, clients, seconds=3, expected=expected, unique=unique, **({"check": check} if check else {})
            )
            assert result.answered > 0 and result.server_errors == 0 and result.shed == 0, result.statuses
            assert result.mismatched == []
    assert process.memory_info().rss - before < 150e6


def flood(index_dir, embedder, clients: int, seconds: float, **limits):
    """`clients` asking at once, each a different question, against a fresh app with `limits`."""
    service, server, url = start_web(
        Settings(corpus_dir=CORPUS, index_dir=index_dir), embedder, rate_limit=10**6, **limits
    )
    expected = {q: service.ask(q).to_json() for q in QUESTIONS}
    try:
        return run_load(
            url, "api", clients, seconds=seconds, expected=expected, check=answers_its_question, unique=True
        )
    finally:
        server.stop()


def test_past_capacity_load_is_shed_with_a_clear_message(real_index_dir, real_embedder):
    result = flood(real_index_dir, real_embedder, 24, 4, concurrency=1, queue_size=2)
    assert result.server_errors == 0 and result.mismatched == []
    assert result.answered > 0 and result.statuses[503] > 0
    assert any("busy" in message for message in result.messages)


def test_a_rebuild_and_hot_reload_during_load_fail_no_request(loaded, real_embedder):
    import threading

    service, url, expected = loaded
    old = service.manifest["build_id"]
    (service.settings.corpus_dir / "extra.md").write_text("# Extra\n\nA note on how teams pair on projects.\n")

    def rebuild():
        build_index(service.settings, real_embedder)

    worker = threading.Timer(1.0, rebuild)
    worker.start()
    # The answers may change with the new index; each must still be an answer to its question.
    result = run_load(url, "api", 8, seconds=6, expected=expected, check=answers_its_question, unique=True)
    worker.join()
    assert service.manifest["build_id"] != old  # the new index went into service during the load
    assert result.server_errors == 0 and result.shed == 0 and result.mismatched == []
    assert result.statuses[200] == sum(result.statuses.values())


def test_the_default_limits_shed_a_flood(real_index_dir, real_embedder):
    """At the defaults (2 answering, 64 waiting), 100 clients at once get some 503s, not an
    unbounded queue."""
    result = flood(real_index_dir, real_embedder, 100, 3)
    assert result.server_errors == 0 and result.mismatched == []
    assert result.answered > 0 and result.statuses[503] > 0

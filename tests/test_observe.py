"""What operators see: /metrics in Prometheus format, JSON request lines, the question log
and its retention, the gaps it reveals, and an idle server that stays idle."""

from __future__ import annotations

import json
import logging
import time

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from assistant.answer import Answer
from assistant.config import Settings
from assistant.web.database import SQLiteDatabase
from assistant.web.gaps import cluster, find_gaps
from assistant.web.observe import request_log
from assistant.web.questionlog import Logged, QuestionLog


def answer(question: str, abstained: bool = False) -> Answer:
    return Answer(
        question=question,
        resolved_question=question,
        answer=None if abstained else "x",
        role=None,
        abstained=abstained,
        reason="the documents say nothing about it" if abstained else None,
        passages=(),
    )


def test_the_question_log_keeps_what_was_asked_and_prunes_after_its_retention(tmp_path):
    now = [1_800_000_000.0]
    log = QuestionLog(SQLiteDatabase(tmp_path / "q.sqlite3"), retention_days=30, clock=lambda: now[0])
    log.record(answer("old question"), "b1", conversation="c", message=1)
    log.vote("c", 1, -1)
    assert [(r.question, r.vote) for r in log.rows()] == [("old question", -1)]
    now[0] += 29 * 86400
    log.record(answer("recent question", abstained=True), "b1")
    assert len(log.rows()) == 2
    now[0] += 2 * 86400  # the first is now 31 days old; the prune is due (hourly) on the next record
    log.record(answer("newest question"), "b2")
    rows = log.rows()
    assert [r.question for r in rows] == ["recent question", "newest question"] and rows[0].abstained


class SlowDatabase(SQLiteDatabase):
    """SQLite that takes 0.3 s a transaction: a database far away or a slow disk."""

    def _run(self, statements):
        import time

        time.sleep(0.3)
        return super()._run(statements)


def test_logging_a_question_never_waits_for_the_database(tmp_path):
    import time

    log = QuestionLog(SlowDatabase(tmp_path / "q.sqlite3"))
    started = time.perf_counter()
    for i in range(20):
        log.record(answer(f"question {i}"), "b1", conversation="c", message=i)
    log.vote("c", 19, 1)
    assert time.perf_counter() - started < 0.2  # 20 questions and a vote: not one transaction waited for
    rows = log.rows()  # waits for what is pending, written in a few batches
    assert len(rows) == 20 and rows[-1].vote == 1
    log.record(answer("last words"), "b1")
    log.close()  # writes what is pending before it stops
    assert QuestionLog(SQLiteDatabase(tmp_path / "q.sqlite3")).rows()[-1].question == "last words"


def test_clustering_merges_what_is_close_and_keeps_the_rest_apart():
    import numpy as np

    v = np.array([[1, 0, 0], [0.95, 0.31, 0], [0, 1, 0], [0, 0.9, 0.43], [0, 0, 1]], dtype=np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    assert sorted(cluster(v, 0.6)) == [[0, 1], [2, 3], [4]]
    assert cluster(v[:1], 0.6) == [[0]]


def logged(question: str, abstained: bool = True, vote: int | None = None) -> Logged:
    return Logged(
        "2026-11-28T00:00:00+00:00",
        question,
        question,
        abstained,
        "the documents say nothing about it" if abstained else None,
        ["doc.md#1"],
        None,
        vote,
    )


@pytest.mark.e2e
def test_gaps_group_a_seeded_log_by_meaning(real_embedder):
    rows = [
        logged(q)
        for q in (
            "How much parental leave do data scientists get?",
            "parental leave for ML engineers?",
            "How many weeks of maternity leave do we get?",
            "Is there paternity leave for engineers?",
            "What pension contribution do analysts get?",
            "How does the company pension scheme work?",
            "What is the capital of Australia?",
        )
    ]
    rows += [logged("Who deploys models?", abstained=False)] * 5 + [logged("What do ML engineers earn?", False, -1)]
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts(
        [{"id": "ml_engineer", "name": "ML engineer"}, {"id": "data_scientist", "name": "data scientist"}]
    )
    report = find_gaps(rows, real_embedder, roles)
    assert report.questions == 13 and round(report.answered_share, 2) == round(6 / 13, 2)
    top = report.gaps[0]
    assert top.count == 4 and "leave" in top.representative.lower()
    assert {q for g in report.gaps for q in g.questions} >= {"What do ML engineers earn?"}  # voted down counts
    pension = next(g for g in report.gaps if "pension" in g.representative.lower())
    assert pension.count == 2 and top.nearest_passage == "doc.md#1"
    assert report.most_asked[0] == ("Who deploys models?", 5)


@pytest.fixture(scope="module")
def observed(tmp_path_factory, real_index_dir, real_embedder):
    from conftest import CORPUS

    from assistant.web.testing import start_web

    service, server, url = start_web(
        Settings(corpus_dir=CORPUS, index_dir=real_index_dir), real_embedder, log_format="json"
    )
    yield service, url
    server.stop()


@pytest.mark.e2e
def test_metrics_are_prometheus_text_with_requests_stages_abstentions_and_the_index(observed):
    _, url = observed
    httpx.post(url + "api/ask", json={"q": "who deploys models?"}).raise_for_status()
    httpx.post(url + "api/ask", json={"q": "What is the capital of Australia?"}).raise_for_status()
    text = httpx.get(url + "metrics").text
    families = {f.name: f for f in text_string_to_metric_families(text)}
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value for f in families.values() for s in f.samples}
    assert samples[("assistant_requests_total", (("endpoint", "/api/ask"), ("status", "200")))] >= 2
    assert any(
        name == "assistant_stage_seconds_count" and dict(labels)["stage"] == "embed" and value >= 2
        for (name, labels), value in samples.items()
    )
    assert samples[("assistant_abstentions_total", (("reason", "off_topic"),))] >= 1
    assert samples[("assistant_index_passages", ())] > 0 and "assistant_index_age_seconds" in families
    assert any(n == "assistant_index_info" for n, _ in samples)
    assert samples[("assistant_database_up", ())] == 1.0


@pytest.mark.e2e
def test_metrics_are_refused_to_an_address_not_allowed():
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from assistant.web.observe import Metrics, metrics_route

    app = Starlette()
    app.add_route("/metrics", metrics_route(Metrics(lambda: {}, lambda: None), ("10.0.0.0/8",)))
    response = TestClient(app, client=("192.168.1.9", 5000)).get("/metrics")
    assert response.status_code == 403 and "ASSISTANT_METRICS_ALLOW" in response.json()["error"]
    assert TestClient(app, client=("10.1.2.3", 5000)).get("/metrics").status_code == 200


@pytest.mark.e2e
def test_json_lines_one_per_request_without_the_question(observed):
    service, url = observed
    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    request_log.addHandler(handler)
    request_log.setLevel(logging.INFO)
    try:
        response = httpx.post(url + "api/ask", json={"q": "who deploys models?"}, headers={"X-Request-ID": "req-42"})
        for _ in range(100):  # the line is written once the response has gone: the client may be first
            if any('"/api/ask"' in x for x in lines):
                break
            time.sleep(0.02)
    finally:
        request_log.removeHandler(handler)
    line = json.loads(next(x for x in lines if '"/api/ask"' in x))
    assert set(line) >= {"time", "request_id", "endpoint", "status", "ms", "abstained", "build_id"}
    assert line["request_id"] == "req-42" == response.headers["x-request-id"] and line["status"] == 200
    assert line["abstained"] is False and line["build_id"] == service.manifest["build_id"]
    assert "question" not in line and "who deploys" not in json.dumps(line)  # the question log is off


@pytest.mark.e2e
def test_health_says_degraded_with_the_reason_when_votes_cannot_be_stored(observed):
    service, url = observed
    assert httpx.get(url + "api/health").json()["status"] == "ok"
    service.database._failed(RuntimeError("disk gone"))  # as a failing database reports itself
    try:
        health = httpx.get(url + "api/health").json()
        assert health["status"] == "degraded" and "disk gone" in health["reason"]
        assert "assistant_database_up 0.0" in httpx.get(url + "metrics").text
        assert httpx.post(url + "api/ask", json={"q": "who deploys models?"}).status_code == 200
    finally:
        service.database._recovered()

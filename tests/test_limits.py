"""Per-client limits: questions through Gradio as through /api/ask, votes, wrong tokens and
upload quotas; the counters alone, then the attacks over raw HTTP."""

import json
import shutil
import uuid

import pytest
from conftest import CORPUS
from raw import Raw

from assistant.config import Settings
from assistant.web.limits import Backoff, Quota, VoteLimiter
from assistant.web.testing import start_web


def test_backoff_doubles_after_five_failures_and_forgets_on_success():
    backoff = Backoff(free=5, base=1, cap=8, forget_after=3600)
    assert [backoff.failed("a", now=0)[1] for _ in range(4)] == [0, 0, 0, 0]
    assert backoff.failed("a", now=0) == (5, 1)  # the 5th failure: wait 1 s
    assert backoff.wait("a", now=0.5) == 0.5 and backoff.wait("b", now=0.5) == 0  # per client
    assert [backoff.failed("a", now=t)[1] for t in (1, 3, 7, 15, 23)] == [2, 4, 8, 8, 8]  # doubling, capped
    backoff.succeeded("a")
    assert backoff.wait("a", now=23.5) == 0 and backoff.failed("a", now=24) == (1, 0)
    assert backoff.failed("b", now=0) == (1, 0) and backoff.failed("b", now=4000) == (1, 0)  # forgotten after an hour


def test_votes_one_per_reply_per_client_and_a_few_a_minute():
    votes = VoteLimiter(per_minute=3)
    assert votes.refusal("a", "reply-1", "session-1:1", now=0) is None
    assert votes.refusal("a", "reply-1", "session-1:1", now=1) is None  # changing one's vote
    assert votes.refusal("a", "reply-1", "session-2:1", now=2) == "you have already voted on this answer"
    assert votes.refusal("b", "reply-1", "session-3:1", now=2) is None  # another client
    assert votes.refusal("a", "reply-2", "session-1:3", now=3) is None
    assert "too many votes" in votes.refusal("a", "reply-3", "session-1:5", now=4)  # 4th in a minute
    assert votes.refusal("a", "reply-3", "session-1:5", now=61) is None
    assert votes.refusal("a", "reply-1", "session-1:1", taken_back=True, now=62) is None
    assert votes.refusal("a", "reply-1", "session-2:1", now=63) is None  # taken back, so free again


def test_quota():
    quota = Quota(cap=10, window=60)
    assert quota.retry_after("a", 6, now=0) == 0
    quota.take("a", 6, now=0)
    assert quota.retry_after("a", 5, now=1) == 60 and quota.retry_after("a", 4, now=1) == 0
    quota.take("a", 4, now=1)
    assert quota.retry_after("a", now=2) == 59 and quota.retry_after("b", 10, now=2) == 0
    assert quota.retry_after("a", 6, now=60) == 0  # the first 6 have left the window


@pytest.fixture(scope="module")
def server(tmp_path_factory, real_index_dir, real_embedder):
    index = tmp_path_factory.mktemp("limits") / "index"
    shutil.copytree(real_index_dir, index, symlinks=True)  # its own feedback database
    service, server, url = start_web(
        Settings(corpus_dir=CORPUS, index_dir=index),
        real_embedder,
        trusted_proxies=("127.0.0.1",),  # so each test can be a client of its own (X-Forwarded-For)
    )
    yield service, url
    server.stop()


@pytest.mark.e2e
def test_gradio_ask_and_the_chat_share_the_per_client_limit(server):
    """100 calls of Gradio's `ask` in 4.4 s all passed; now, as on /api/ask, 60 a minute per
    client, whichever way the questions come."""
    _, url = server
    client = Raw(url, "10.3.0.1")
    results = []
    for i in range(65):
        event = client.http.post("/gradio_api/call/ask", json={"data": [f"who deploys models? {i}", []]})
        results.append(client.http.get(f"/gradio_api/call/ask/{event.json()['event_id']}").text)
    answered = [r for r in results if "event: complete" in r]
    refused = [r for r in results if "too many questions from your address" in r]
    assert len(answered) == 60 and len(refused) == 5
    chat = client.call(client.fn("respond"), ["who deploys models?", [], None])
    assert "Too many questions from your address" in json.dumps(chat)
    assert client.http.post("/api/ask", json={"q": "who deploys models?"}).status_code == 429
    other = Raw(url, "10.3.0.2")
    assert "ML engineers" in json.dumps(other.call(other.fn("respond"), ["who deploys models?", [], None]))


def stuff(client: Raw, question: str) -> dict:
    """A fresh session asks `question` and votes its answer down: the vote's outcome."""
    session = uuid.uuid4().hex[:11]
    asked = client.call(client.fn("respond"), [question, [], None], session=session)
    assert asked["success"] is True
    chat = asked["output"]["data"][1]  # the question, then the reply
    return client.call(
        client.fn("vote"),
        [None],
        session=session,
        event_data={"index": len(chat) - 1, "value": chat[-1]["content"], "liked": False},
    )


@pytest.mark.e2e
def test_vote_stuffing_from_fresh_sessions_counts_once(server):
    """Twenty thumbs-down in 3.4 s from fresh sessions were all stored; now one client votes
    once on a reply, and at most 10 times a minute."""
    service, url = server
    before = len(service.feedback.rows())
    client = Raw(url, "10.3.1.1")
    outcomes = [json.dumps(stuff(client, "Which role pays more?")) for _ in range(20)]
    assert sum("Thanks, your feedback was saved" in o for o in outcomes) == 1
    assert sum("already voted on this answer" in o for o in outcomes) == 19
    assert len(service.feedback.rows()) == before + 1
    many = [json.dumps(stuff(client, q)) for q in (f"who deploys models? {i}" for i in range(12))]
    assert sum("Thanks, your feedback was saved" in o for o in many) == 9  # 10 a minute, one used above
    assert sum("too many votes" in o for o in many) == 3

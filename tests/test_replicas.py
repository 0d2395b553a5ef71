"""Two real `assistant serve` replicas on one index folder and one PostgreSQL, behind real
nginx with the example configuration from docs/: a rebuild published and a replica killed
(`kill -9`) and restarted while clients ask and a browser votes. bench/replicas.py runs the
long form (32 clients, 30 s)."""

from __future__ import annotations

import httpx
import pytest
from replicas import Cluster, disrupted_load

pytestmark = pytest.mark.e2e

QUESTIONS = ["who deploys models?", "Which role pays more?", "Which role uses BI tools?", "What is a data lake?"]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, postgres, real_embedder):
    running = Cluster(tmp_path_factory.mktemp("replicas"), postgres.url(), real_embedder)
    yield running
    running.stop()


def test_a_rebuild_and_a_killed_replica_under_load_fail_no_request_and_lose_no_vote(cluster, browser):
    run = disrupted_load(cluster, browser, QUESTIONS, clients=8, seconds=16, rebuild_at=1, kill_at=3)
    assert run.build.returncode == 0, run.build.stderr[-1000:]
    assert run.killed < run.restarted < run.seconds + 60
    assert run.load.mismatched == []
    assert run.load.statuses[200] == sum(run.load.statuses.values()) > 0, run.load.statuses  # not one failed
    assert run.new_build != run.old_build
    assert run.builds_in_service == [run.new_build, run.new_build], "a replica did not take the new build"
    assert run.switched <= max(run.published, run.restarted) + 5  # within seconds of it being published
    assert len(run.voter.acknowledged) >= 3, run.voter.interrupted
    assert run.votes_stored == set(run.voter.acknowledged), run.all_votes


def test_every_replica_reports_the_same_index_in_health_and_metrics(cluster):
    index = [httpx.get(r.url + "api/health", timeout=5).json()["index"] for r in cluster.replicas]
    assert index[0] == index[1] and index[0]["build_id"] == cluster.published()
    for replica in cluster.replicas:
        metrics = httpx.get(replica.url + "metrics", timeout=5).text
        assert f'build_id="{cluster.published()}"' in metrics

"""Shared state in a real PostgreSQL (Debian's, a throw-away cluster): migrations, votes from
two replicas at once, the database going away mid-load and coming back, the build lock."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest
from click.testing import CliRunner

from assistant.build import build_index
from assistant.cli import main
from assistant.errors import BuildLocked
from assistant.locks import database_lock
from assistant.web.database import SCHEMA_VERSION, PostgresDatabase, open_database
from assistant.web.feedback import FeedbackError, FeedbackStore
from assistant.web.service import Service


def version(url: str) -> int:
    with psycopg.connect(url) as db:
        return db.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]


def test_schema_is_created_on_an_empty_database_and_migrating_again_does_nothing(postgres, tmp_path):
    url = postgres.url()
    database = open_database(url, tmp_path)
    assert database.migrate() == 0 and version(url) == SCHEMA_VERSION
    again = PostgresDatabase(url)
    assert again.migrate() == SCHEMA_VERSION and version(url) == SCHEMA_VERSION
    database.close(), again.close()


def test_a_database_of_the_previous_version_is_migrated_with_its_votes(postgres):
    url = postgres.url()
    with psycopg.connect(url) as db:  # as the release before the question log left it
        db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        db.execute(
            "CREATE TABLE feedback (id BIGSERIAL PRIMARY KEY, created_at TEXT NOT NULL, question TEXT NOT NULL,"
            " resolved_question TEXT NOT NULL, passage_ids TEXT NOT NULL, vote INTEGER NOT NULL, index_build "
            "TEXT, session TEXT NOT NULL DEFAULT '', message INTEGER NOT NULL DEFAULT -1)"
        )
        db.execute("CREATE UNIQUE INDEX one_vote_per_reply ON feedback (session, message) WHERE message >= 0")
        db.execute("INSERT INTO schema_version VALUES (1), (2)")
        db.execute(
            "INSERT INTO feedback (created_at, question, resolved_question, passage_ids, vote) "
            "VALUES ('t', 'old question', 'old', '[]', 1)"
        )
    database = PostgresDatabase(url)
    assert database.migrate() == 2 and version(url) == SCHEMA_VERSION
    assert [r[2] for r in FeedbackStore(database).rows()] == ["old question"]
    assert database.one("SELECT COUNT(*) FROM questions")[0][0] == 0
    database.close()


def test_votes_from_two_replicas_at_once_are_all_kept(postgres):
    url = postgres.url()
    replicas = [FeedbackStore(PostgresDatabase(url)), FeedbackStore(PostgresDatabase(url))]

    def vote(n: int) -> None:
        store = replicas[n % 2]
        for i in range(25):
            store.record(f"q{n}-{i}", "r", ["x"], i % 2 == 0, session=f"s{n}", message=i)
            store.record("same reply", "r", [], n % 2 == 0, session="shared", message=0)  # one row, however many

    threads = [threading.Thread(target=vote, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rows = replicas[0].rows()
    assert len(rows) == 201 and sum(1 for r in rows if r[2] == "same reply") == 1
    for store in replicas:
        store.database.close()


def test_the_database_going_away_mid_load_fails_votes_softly_and_comes_back(postgres, settings, fake, caplog):
    build_index(settings, fake)
    url = postgres.url()
    service = Service.start(settings.with_(database_url=url), fake, question_log_days=30)
    record = {"question": "q", "resolved_question": "q", "passage_ids": [], "build": None}
    service.vote(record, True, "c1", 1)
    assert service.health() == {"status": "ok"}
    postgres.stop()
    try:
        for n in range(5):
            answer = service.ask("who deploys machine learning products?")  # answers go on
            assert answer.passages
            with pytest.raises(FeedbackError):
                service.vote(record, True, "c1", 2 + n)
        health = service.health()
        assert health["status"] == "degraded" and "cannot be used" in health["reason"]
        assert sum("cannot be used" in r.getMessage() for r in caplog.records) == 1  # said once, not per request
    finally:
        postgres.start()
    deadline = time.monotonic() + 20
    while True:  # the next try after RETRY_AFTER reaches the database again
        try:
            service.vote(record, False, "c1", 9)
            break
        except FeedbackError:
            assert time.monotonic() < deadline, "the database did not come back"
            time.sleep(0.5)
    assert service.health() == {"status": "ok"}
    service.ask("who deploys machine learning products?")
    assert len(service.feedback.rows()) == 2 and len(service.questions.rows()) == 1  # the ones while down are lost
    service.close()


def test_feedback_export_reads_postgresql(postgres, tmp_path):
    url = postgres.url()
    database = PostgresDatabase(url)
    FeedbackStore(database).record("q", "q", ["a#1"], True)
    database.close()
    result = CliRunner().invoke(main, ["feedback", "--database-url", url, "--export", str(tmp_path / "v.csv")])
    assert result.exit_code == 0 and "wrote 1 votes" in result.output


def test_only_one_build_runs_across_replicas(postgres, settings, fake):
    url = postgres.url()
    with database_lock(url, wait=False):  # another replica's build holds the database's lock
        with pytest.raises(BuildLocked, match="a replica holds the database's build lock"):
            build_index(settings.with_(database_url=url), fake)
    assert build_index(settings.with_(database_url=url), fake).published

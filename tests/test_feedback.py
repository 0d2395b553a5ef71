import csv
import sqlite3
import threading

import pytest

from assistant.web.database import SQLiteDatabase, StateUnavailable
from assistant.web.feedback import FeedbackError, FeedbackStore


def test_votes_are_stored_in_wal_mode_and_exported(tmp_path):
    store = FeedbackStore(SQLiteDatabase(tmp_path / "feedback.sqlite3"))
    store.record("who deploys models?", "who deploys models?", ["a.md#1", "a.md#2"], True, "b1", "s1", 2)
    store.record("=cmd()", "q2 resolved", [], False)
    with sqlite3.connect(tmp_path / "feedback.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    count = store.export_csv(tmp_path / "out.csv")
    rows = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert count == 2 and rows[0]["vote"] == "1" and rows[1]["vote"] == "-1"
    assert rows[0]["passage_ids"] == '["a.md#1", "a.md#2"]' and rows[0]["index_build"] == "b1"
    assert rows[1]["question"] == "'=cmd()"  # never a spreadsheet formula


def test_a_second_vote_replaces_the_first_and_taking_it_back_removes_it(tmp_path):
    store = FeedbackStore(SQLiteDatabase(tmp_path / "f.sqlite3"))
    store.record("q", "q", [], True, session="s", message=4)
    store.record("q", "q", [], False, session="s", message=4)
    assert [r[5] for r in store.rows()] == [-1]
    store.record("q", "q", [], None, session="s", message=4)
    assert store.rows() == []


def test_many_writers_at_once_lose_nothing(tmp_path):
    store = FeedbackStore(SQLiteDatabase(tmp_path / "feedback.sqlite3"))

    def vote(n):
        for i in range(25):
            store.record(f"q{n}-{i}", "r", ["x"], i % 2 == 0, session=f"s{n}", message=i)

    threads = [threading.Thread(target=vote, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.rows()) == 200


def test_a_corrupt_database_is_a_clear_error_said_once(tmp_path, caplog):
    (tmp_path / "f.sqlite3").write_bytes(b"this is not a database" * 100)
    database = SQLiteDatabase(tmp_path / "f.sqlite3")
    store = FeedbackStore(database)
    for _ in range(3):
        with pytest.raises(FeedbackError, match="cannot be used"):
            store.record("q", "q", [], True)
    assert database.problem and "f.sqlite3" in database.problem
    assert sum("cannot be used" in r.message for r in caplog.records) == 1  # in the log once, not per vote
    with pytest.raises(StateUnavailable):
        database.migrate()


def test_export_to_a_missing_folder_is_a_clear_error(tmp_path):
    store = FeedbackStore(SQLiteDatabase(tmp_path / "f.sqlite3"))
    with pytest.raises(FeedbackError, match="cannot write"):
        store.export_csv(tmp_path / "no" / "such" / "dir.csv")


def test_a_database_from_the_first_version_is_upgraded(tmp_path):
    with sqlite3.connect(tmp_path / "f.sqlite3") as db:
        db.execute(
            "CREATE TABLE feedback (id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, question TEXT NOT NULL, "
            "resolved_question TEXT NOT NULL, passage_ids TEXT NOT NULL, vote INTEGER NOT NULL, index_build TEXT)"
        )
        db.execute("INSERT INTO feedback VALUES (1, 't', 'q', 'q', '[]', 1, NULL)")
    store = FeedbackStore(SQLiteDatabase(tmp_path / "f.sqlite3"))
    store.record("q2", "q2", [], False, session="s", message=1)
    assert [r[2] for r in store.rows()] == ["q", "q2"]

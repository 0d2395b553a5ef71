import csv
import sqlite3
import threading

from assistant.feedback import FeedbackStore


def test_votes_are_stored_in_wal_mode_and_exported(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.record("who deploys models?", "who deploys models?", ["a.md#1", "a.md#2"], True, "b1")
    store.record("q2", "q2 resolved", [], False)
    with sqlite3.connect(tmp_path / "feedback.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    count = store.export_csv(tmp_path / "out.csv")
    rows = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert count == 2 and rows[0]["vote"] == "1" and rows[1]["vote"] == "-1"
    assert rows[0]["passage_ids"] == '["a.md#1", "a.md#2"]' and rows[0]["index_build"] == "b1"


def test_many_writers_at_once_lose_nothing(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")

    def vote(n):
        for i in range(25):
            store.record(f"q{n}-{i}", "r", ["x"], i % 2 == 0)

    threads = [threading.Thread(target=vote, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.rows()) == 200

"""Votes on replies, kept in SQLite beside the index (`index/feedback.sqlite3`, WAL mode, so
readers never block the writer), and exported as CSV."""

from __future__ import annotations

import csv
import json
import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    question TEXT NOT NULL,
    resolved_question TEXT NOT NULL,
    passage_ids TEXT NOT NULL,      -- JSON list of the passage ids shown
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    index_build TEXT                -- build id of the index that answered
)
"""
COLUMNS = ("id", "created_at", "question", "resolved_question", "passage_ids", "vote", "index_build")


class FeedbackStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        # One short-lived connection per call: safe from any server thread, and the timeout
        # lets concurrent voters wait for the write lock instead of failing.
        return sqlite3.connect(self.path, timeout=30)

    def record(self, question: str, resolved_question: str, passage_ids: list[str], liked: bool,
               index_build: str | None = None) -> int:
        with closing(self._connect()) as db, db:
            cursor = db.execute(
                "INSERT INTO feedback (created_at, question, resolved_question, passage_ids, vote, index_build) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (datetime.now(timezone.utc).isoformat(timespec="seconds"), question, resolved_question,
                 json.dumps(passage_ids), 1 if liked else -1, index_build))
            return int(cursor.lastrowid)

    def rows(self) -> list[tuple]:
        with closing(self._connect()) as db:
            return db.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id").fetchall()

    def export_csv(self, target: Path) -> int:
        rows = self.rows()
        with Path(target).open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            writer.writerows(rows)
        return len(rows)


def feedback_path(index_dir: Path) -> Path:
    return Path(index_dir) / "feedback.sqlite3"

"""Votes on replies, kept in SQLite beside the index (`index/feedback.sqlite3`, WAL mode, so
readers never block the writer), and exported as CSV.

A person's vote on one reply is one row: voting again replaces it, and taking the vote back
removes it (rows are keyed by the browser session and the reply's position in the chat)."""

from __future__ import annotations

import csv
import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from assistant.errors import AssistantError

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    question TEXT NOT NULL,
    resolved_question TEXT NOT NULL,
    passage_ids TEXT NOT NULL,      -- JSON list of the passage ids shown
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    index_build TEXT,               -- build id of the index that answered
    session TEXT NOT NULL DEFAULT '',
    message INTEGER NOT NULL DEFAULT -1   -- the reply's position in the chat; -1: not known
);
CREATE UNIQUE INDEX IF NOT EXISTS one_vote_per_reply ON feedback (session, message) WHERE message >= 0;
"""
COLUMNS = ("id", "created_at", "question", "resolved_question", "passage_ids", "vote", "index_build")


class FeedbackError(AssistantError):
    """The feedback database cannot be used."""


class FeedbackStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as db, db:
                db.execute("PRAGMA journal_mode=WAL")
                _upgrade(db)
                db.executescript(SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise FeedbackError(
                f"the feedback database {self.path} cannot be used ({exc}); move it aside and a new one will be created"
            ) from None

    def _connect(self) -> sqlite3.Connection:
        # One short-lived connection per call: safe from any server thread, and the timeout
        # lets concurrent voters wait for the write lock instead of failing.
        return sqlite3.connect(self.path, timeout=30)

    def record(
        self,
        question: str,
        resolved_question: str,
        passage_ids: list[str],
        liked: bool | None,
        index_build: str | None = None,
        session: str = "",
        message: int = -1,
    ) -> None:
        """Store a vote (`liked` True or False), or take one back (`liked` None)."""
        try:
            with closing(self._connect()) as db, db:
                if liked is None:
                    db.execute("DELETE FROM feedback WHERE session = ? AND message = ?", (session, message))
                    return
                db.execute(
                    "INSERT INTO feedback (created_at, question, resolved_question, passage_ids, vote, "
                    "index_build, session, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (session, message) WHERE message >= 0 "
                    "DO UPDATE SET created_at = excluded.created_at, vote = excluded.vote",
                    (
                        datetime.now(UTC).isoformat(timespec="seconds"),
                        question,
                        resolved_question,
                        json.dumps(passage_ids),
                        1 if liked else -1,
                        index_build,
                        session,
                        message,
                    ),
                )
        except sqlite3.Error as exc:
            raise FeedbackError(f"the vote could not be saved ({exc})") from None

    def rows(self) -> list[tuple]:
        try:
            with closing(self._connect()) as db:
                return db.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id").fetchall()
        except sqlite3.Error as exc:
            raise FeedbackError(f"the feedback database {self.path} cannot be read ({exc})") from None

    def export_csv(self, target: Path) -> int:
        rows = self.rows()
        try:
            with Path(target).open("w", newline="", encoding="utf-8") as fh:
                writer = csv.writer(fh)
                writer.writerow(COLUMNS)
                writer.writerows([_cell(v) for v in row] for row in rows)
        except OSError as exc:
            raise FeedbackError(f"cannot write {target}: {exc.strerror}") from None
        return len(rows)


def _upgrade(db: sqlite3.Connection) -> None:
    """Add the columns that a database made by an earlier version lacks."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(feedback)")}
    if columns and "session" not in columns:
        db.execute("ALTER TABLE feedback ADD COLUMN session TEXT NOT NULL DEFAULT ''")
    if columns and "message" not in columns:
        db.execute("ALTER TABLE feedback ADD COLUMN message INTEGER NOT NULL DEFAULT -1")


def _cell(value):
    # A question typed as "=HYPERLINK(...)" must not become a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def feedback_path(index_dir: Path) -> Path:
    return Path(index_dir) / "feedback.sqlite3"

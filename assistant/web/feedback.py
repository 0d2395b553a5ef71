"""Votes on replies, kept in the server's database (web.database: SQLite beside the index by
default, PostgreSQL when replicas share state), and exported as CSV.

A person's vote on one reply is one row: voting again replaces it, and taking the vote back
removes it (rows are keyed by the conversation and the reply's position in the chat)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

from assistant.errors import AssistantError
from assistant.web.database import Database, StateUnavailable

COLUMNS = ("id", "created_at", "question", "resolved_question", "passage_ids", "vote", "index_build")


class FeedbackError(AssistantError):
    """The votes cannot be saved or read."""


class FeedbackStore:
    def __init__(self, database: Database):
        self.database = database

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
            if liked is None:
                self.database.one("DELETE FROM feedback WHERE session = %s AND message = %s", (session, message))
                return
            now = datetime.now(UTC).isoformat(timespec="seconds")
            self.database.one(
                "INSERT INTO feedback (created_at, question, resolved_question, passage_ids, vote, index_build, "
                "session, message) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (session, message) WHERE message >= 0 "
                "DO UPDATE SET created_at = excluded.created_at, vote = excluded.vote, question = excluded.question, "
                "resolved_question = excluded.resolved_question, passage_ids = excluded.passage_ids, "
                "index_build = excluded.index_build",  # the reply now at that place in the conversation
                (
                    now,
                    question,
                    resolved_question,
                    json.dumps(passage_ids),
                    1 if liked else -1,
                    index_build,
                    session,
                    message,
                ),
            )
        except StateUnavailable as exc:
            raise FeedbackError(f"the vote could not be saved ({exc})") from None

    def rows(self) -> list[tuple]:
        try:
            return self.database.one(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id")
        except StateUnavailable as exc:
            raise FeedbackError(f"the votes cannot be read ({exc})") from None

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


def _cell(value):
    # A question typed as "=HYPERLINK(...)" must not become a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value

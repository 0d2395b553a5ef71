"""The question log (off by default: ASSISTANT_QUESTION_LOG=on): each question with when it
was asked, how it was understood, whether the documents answered it (and if not, why), the
passages shown, the answer's role and the vote it got; kept for `retention_days`, then pruned.

No one's identity is stored: no address, no account, only the conversation's own random id
(to attach a later vote to its question)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from assistant.answer import Answer
from assistant.web.database import Database

PRUNE_EVERY = 3600.0  # seconds between prunes of old rows


@dataclass(frozen=True)
class Logged:
    asked_at: str
    question: str
    resolved_question: str
    abstained: bool
    reason: str | None
    passage_ids: list[str]
    role: str | None
    vote: int | None


class QuestionLog:
    def __init__(self, database: Database, retention_days: int = 30, clock: Callable[[], float] = time.time):
        self.database, self.retention_days, self.clock = database, retention_days, clock
        self._pruned = 0.0
        self._lock = threading.Lock()

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)

    def record(self, answer: Answer, build: str | None, conversation: str = "", message: int = -1) -> None:
        """Log one answered (or abstained) question. Raises StateUnavailable when the database is down."""
        self.database.one(
            "INSERT INTO questions (asked_at, conversation, message, question, resolved_question, abstained, reason, "
            "passage_ids, role, index_build) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (
                self._now().isoformat(timespec="seconds"),
                conversation,
                message,
                answer.question[:2000],
                answer.resolved_question[:2000],
                int(answer.abstained),
                answer.reason,
                json.dumps([p.id for p in answer.passages]),
                answer.role,
                build,
            ),
        )
        self.prune_when_due()

    def vote(self, conversation: str, message: int, vote: int | None) -> None:
        """Attach a vote (1, -1, or None when taken back) to the logged question of a reply."""
        self.database.one(
            "UPDATE questions SET vote = %s WHERE conversation = %s AND message = %s", (vote, conversation, message)
        )

    def prune_when_due(self) -> None:
        with self._lock:
            if self.clock() - self._pruned < PRUNE_EVERY:
                return
            self._pruned = self.clock()
        self.prune()

    def prune(self) -> int:
        """Remove what is older than the retention; how many rows went."""
        cutoff = (self._now() - timedelta(days=self.retention_days)).isoformat(timespec="seconds")
        before = self.database.one("SELECT COUNT(*) FROM questions WHERE asked_at < %s", (cutoff,))[0][0]
        self.database.one("DELETE FROM questions WHERE asked_at < %s", (cutoff,))
        return int(before)

    def rows(self, since_days: float | None = None) -> list[Logged]:
        """Logged questions, oldest first (only the last `since_days` days when given)."""
        since = (self._now() - timedelta(days=since_days or self.retention_days)).isoformat(timespec="seconds")
        rows = self.database.one(
            "SELECT asked_at, question, resolved_question, abstained, reason, passage_ids, role, vote FROM questions "
            "WHERE asked_at >= %s ORDER BY id",
            (since,),
        )
        return [Logged(r[0], r[1], r[2], bool(r[3]), r[4], json.loads(r[5] or "[]"), r[6], r[7]) for r in rows]

"""The question log (off by default: ASSISTANT_QUESTION_LOG=on): each question with when it
was asked, how it was understood, whether the documents answered it (and if not, why), the
passages shown, the answer's role and the vote it got; kept for `retention_days`, then pruned.

No one's identity is stored: no address, no account, only the conversation's own random id
(to attach a later vote to its question).

Writes go through one background thread, in batches (what comes within LINGER seconds shares
one transaction), so that an answer never waits for the database (a commit costs a disk
flush, or a round trip to PostgreSQL) and the writing costs the answers next to nothing. At most MAX_PENDING
writes wait; past that (a database far slower than the questions) they are dropped and the
log says so once. Reading waits for what is pending first."""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from assistant.answer import Answer
from assistant.web.database import Database, StateUnavailable

log = logging.getLogger(__name__)

PRUNE_EVERY = 3600.0  # seconds between prunes of old rows
MAX_PENDING = 10_000  # writes waiting for the database
BATCH = 200  # writes in one transaction at most
LINGER = 0.25  # seconds a write waits for others to share its transaction
_STOP = ("", ())


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
        self._pending: queue.Queue[tuple[str, tuple]] = queue.Queue(MAX_PENDING)
        self._writer: threading.Thread | None = None
        self.dropped = 0

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)

    def record(self, answer: Answer, build: str | None, conversation: str = "", message: int = -1) -> None:
        """Log one answered (or abstained) question, in the background."""
        self._submit(
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

    def vote(self, conversation: str, message: int, vote: int | None) -> None:
        """Attach a vote (1, -1, or None when taken back) to the logged question of a reply
        (after its question: one writer keeps the order)."""
        self._submit(
            "UPDATE questions SET vote = %s WHERE conversation = %s AND message = %s", (vote, conversation, message)
        )

    def _submit(self, sql: str, params: tuple) -> None:
        with self._lock:
            if self._writer is None:
                self._writer = threading.Thread(target=self._write, daemon=True, name="question-log")
                self._writer.start()
        try:
            self._pending.put_nowait((sql, params))
        except queue.Full:
            self.dropped += 1
            if self.dropped == 1:
                log.error("the question log is %d writes behind its database: dropping new ones", MAX_PENDING)

    def _write(self) -> None:
        stop = False
        while not stop:
            batch = [self._pending.get()]
            until = time.monotonic() + LINGER  # gather what comes meanwhile: one commit for many
            while len(batch) < BATCH and _STOP not in batch:
                try:
                    batch.append(self._pending.get(timeout=max(0.0, until - time.monotonic())))
                except queue.Empty:
                    break
            stop = _STOP in batch
            statements = [item for item in batch if item != _STOP]
            try:
                if statements:
                    self.database.run(statements)
                self.prune_when_due()
            except StateUnavailable:
                pass  # the database said so once; these questions go unlogged, answers went on
            except Exception:  # noqa: BLE001 - the writer must outlive any one failure
                log.exception("writing the question log failed")
            finally:
                for _ in batch:
                    self._pending.task_done()

    def flush(self) -> None:
        """Wait until every pending write has been tried."""
        self._pending.join()

    def close(self) -> None:
        """Write what is pending, then stop the writer."""
        with self._lock:
            writer = self._writer
        if writer is not None:
            self._pending.put(_STOP)
            writer.join(timeout=10)

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
        self.flush()
        since = (self._now() - timedelta(days=since_days or self.retention_days)).isoformat(timespec="seconds")
        rows = self.database.one(
            "SELECT asked_at, question, resolved_question, abstained, reason, passage_ids, role, vote FROM questions "
            "WHERE asked_at >= %s ORDER BY id",
            (since,),
        )
        return [Logged(r[0], r[1], r[2], bool(r[3]), r[4], json.loads(r[5] or "[]"), r[6], r[7]) for r in rows]

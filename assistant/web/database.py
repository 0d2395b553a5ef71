"""Where the server's shared state lives: votes and the question log, in SQLite beside the
index (the default, for one process) or in PostgreSQL (`--database-url postgresql://...`,
for replicas that must share them). The only module that imports psycopg.

Both speak the same small SQL (written with `%s` placeholders; SQLite's `?` is substituted),
and both are migrated on start: `schema_version` records which of the numbered MIGRATIONS ran,
so starting again, or two replicas starting at once (PostgreSQL: under an advisory lock), does
nothing twice. A database that cannot be reached is reported by `Database.problem` (once in the
log, not per request): votes and logging then fail softly while answers go on.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError, BadInput

log = logging.getLogger(__name__)

SQLITE_NAME = "feedback.sqlite3"  # the file beside the index; votes from earlier versions live there
MIGRATION_LOCK = 7_400_512  # PostgreSQL advisory lock key while migrating
RETRY_AFTER = 3.0  # seconds a database that failed is left alone before the next try


class StateUnavailable(AssistantError):
    """The shared state (votes, question log) cannot be read or written right now."""


# Each migration: its number and its statements, per dialect ("sqlite", "postgres"). Never edit
# one that has shipped; add the next.
MIGRATIONS: list[tuple[int, dict[str, list[str]]]] = [
    (
        1,
        {
            "sqlite": [
                "CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, "
                "question TEXT NOT NULL, resolved_question TEXT NOT NULL, passage_ids TEXT NOT NULL, "
                "vote INTEGER NOT NULL CHECK (vote IN (-1, 1)), index_build TEXT, session TEXT NOT NULL DEFAULT '', "
                "message INTEGER NOT NULL DEFAULT -1)",
            ],
            "postgres": [
                "CREATE TABLE IF NOT EXISTS feedback (id BIGSERIAL PRIMARY KEY, created_at TEXT NOT NULL, "
                "question TEXT NOT NULL, resolved_question TEXT NOT NULL, passage_ids TEXT NOT NULL, "
                "vote INTEGER NOT NULL CHECK (vote IN (-1, 1)), index_build TEXT, session TEXT NOT NULL DEFAULT '', "
                "message INTEGER NOT NULL DEFAULT -1)",
            ],
        },
    ),
    (
        2,
        {  # votes are one per reply: a second vote replaces the first
            "sqlite": [
                "CREATE UNIQUE INDEX IF NOT EXISTS one_vote_per_reply ON feedback (session, message) WHERE message >= 0"
            ],
            "postgres": [
                "CREATE UNIQUE INDEX IF NOT EXISTS one_vote_per_reply ON feedback (session, message) WHERE message >= 0"
            ],
        },
    ),
    (
        3,
        {  # the question log (off by default): what people asked and what they got
            "sqlite": [
                "CREATE TABLE IF NOT EXISTS questions (id INTEGER PRIMARY KEY, asked_at TEXT NOT NULL, "
                "conversation TEXT NOT NULL DEFAULT '', message INTEGER NOT NULL DEFAULT -1, question TEXT NOT NULL, "
                "resolved_question TEXT NOT NULL, abstained INTEGER NOT NULL, reason TEXT, passage_ids TEXT NOT NULL, "
                "role TEXT, index_build TEXT, vote INTEGER)",
                "CREATE INDEX IF NOT EXISTS questions_asked_at ON questions (asked_at)",
                "CREATE INDEX IF NOT EXISTS questions_reply ON questions (conversation, message)",
            ],
            "postgres": [
                "CREATE TABLE IF NOT EXISTS questions (id BIGSERIAL PRIMARY KEY, asked_at TEXT NOT NULL, "
                "conversation TEXT NOT NULL DEFAULT '', message INTEGER NOT NULL DEFAULT -1, question TEXT NOT NULL, "
                "resolved_question TEXT NOT NULL, abstained INTEGER NOT NULL, reason TEXT, passage_ids TEXT NOT NULL, "
                "role TEXT, index_build TEXT, vote INTEGER)",
                "CREATE INDEX IF NOT EXISTS questions_asked_at ON questions (asked_at)",
                "CREATE INDEX IF NOT EXISTS questions_reply ON questions (conversation, message)",
            ],
        },
    ),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


class Database:
    """A small seam over SQLite or PostgreSQL: run statements in a transaction, get rows back."""

    dialect = ""
    where = ""  # for messages: the file, or the server without its password

    def __init__(self) -> None:
        self._problem: str | None = None
        self._failed_at = 0.0
        self._migrated = False
        self._lock = threading.Lock()
        self._migrating = threading.Lock()  # one thread migrates; the others wait for it

    # ---- health ----------------------------------------------------------------------------
    @property
    def problem(self) -> str | None:
        """Why the database cannot be used right now, or None when it can."""
        return self._problem

    def _failed(self, exc: Exception) -> StateUnavailable:
        reason = f"the database {self.where} cannot be used ({type(exc).__name__}: {str(exc).strip()[:160]})"
        with self._lock:
            first = self._problem is None
            self._problem, self._failed_at = reason, time.monotonic()
        if first:  # said once; requests go on answering meanwhile
            log.error("%s; votes and the question log are off until it is back", reason)
        return StateUnavailable(reason)

    def _recovered(self) -> None:
        if self._problem is not None:
            with self._lock:
                was, self._problem = self._problem, None
            if was:
                log.warning("the database %s is back; votes and the question log are on again", self.where)

    # ---- use -------------------------------------------------------------------------------
    def run(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[list[tuple]]:
        """Run `(sql, params)` statements in one transaction; the rows each one returned.
        Raises StateUnavailable (after saying so once) when the database cannot be used."""
        if self._problem is not None and time.monotonic() - self._failed_at < RETRY_AFTER:
            raise StateUnavailable(self._problem)  # it failed a moment ago: do not make every request wait
        if not self._migrated:
            self.migrate()
        try:
            rows = self._run(statements)
        except StateUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001 - each driver raises its own family of errors
            raise self._failed(exc) from None
        self._recovered()
        return rows

    def one(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.run([(sql, params)])[0]

    def migrate(self) -> int:
        """Bring the schema up to SCHEMA_VERSION; the version it was at before."""
        try:
            with self._migrating:
                before = self._migrate()
            self._migrated = True
            self._recovered()
            return before
        except StateUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001 - as in run()
            raise self._failed(exc) from None

    def close(self) -> None:
        pass

    def _run(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[list[tuple]]:
        raise NotImplementedError

    def _migrate(self) -> int:
        raise NotImplementedError


class SQLiteDatabase(Database):
    dialect = "sqlite"

    def __init__(self, path: Path):
        super().__init__()
        self.path = Path(path)
        self.where = str(self.path)

    def _connect(self) -> sqlite3.Connection:
        # One short-lived connection per call: safe from any thread, and the timeout lets
        # concurrent writers wait for the write lock instead of failing.
        return sqlite3.connect(self.path, timeout=30)

    def _run(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[list[tuple]]:
        with closing(self._connect()) as db, db:
            return [db.execute(sql.replace("%s", "?"), tuple(params)).fetchall() for sql, params in statements]

    def _migrate(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
            # Take the write lock first: a read that later wants to write fails at once, without
            # waiting, when another connection is writing (another process migrating too).
            db.execute("BEGIN IMMEDIATE")
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            before = _version(db.execute("SELECT MAX(version) FROM schema_version").fetchall())
            if before == 0:
                _add_first_version_columns(db)
            for number, steps in MIGRATIONS:
                if number > before:
                    for sql in steps[self.dialect]:
                        db.execute(sql)
                    db.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
            return before


class PostgresDatabase(Database):
    dialect = "postgres"

    def __init__(self, url: str, pool_size: int = 4, connect_timeout: float = 2.0):
        super().__init__()
        from psycopg_pool import ConnectionPool

        self.where = _without_password(url)
        # Opened lazily in the background: a database that is down at start does not stop the
        # server; each request waits at most `connect_timeout` for a connection.
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            open=False,
            timeout=connect_timeout,
            kwargs={"connect_timeout": max(1, int(connect_timeout))},
            check=ConnectionPool.check_connection,  # a server restart leaves dead connections behind
        )
        self._pool.open(wait=False)

    def _run(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[list[tuple]]:
        with self._pool.connection() as conn, conn.transaction():
            out = []
            for sql, params in statements:
                cursor = conn.execute(sql, tuple(params))
                out.append(cursor.fetchall() if cursor.description else [])
            return out

    def _migrate(self) -> int:
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))  # one replica at a time
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            before = _version(conn.execute("SELECT MAX(version) FROM schema_version").fetchall())
            for number, steps in MIGRATIONS:
                if number > before:
                    for sql in steps[self.dialect]:
                        conn.execute(sql)
                    conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (number,))
            return before

    def close(self) -> None:
        self._pool.close()


def _version(rows: list[tuple]) -> int:
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def _add_first_version_columns(db: sqlite3.Connection) -> None:
    """A feedback table from the first release (before schema_version) lacks two columns."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(feedback)")}
    if columns and "session" not in columns:
        db.execute("ALTER TABLE feedback ADD COLUMN session TEXT NOT NULL DEFAULT ''")
    if columns and "message" not in columns:
        db.execute("ALTER TABLE feedback ADD COLUMN message INTEGER NOT NULL DEFAULT -1")


def _without_password(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def open_database(url: str | None, index_dir: Path) -> Database:
    """PostgreSQL at `url` (postgresql://...), else SQLite beside the index. The schema is
    brought up to date on first use (`migrate()` does it at once)."""
    if url:
        if not url.startswith(("postgresql://", "postgres://")):
            raise BadInput(f"--database-url must start with postgresql:// (got {url.split(':', 1)[0]}:)")
        return PostgresDatabase(url)
    return SQLiteDatabase(Path(index_dir) / SQLITE_NAME)

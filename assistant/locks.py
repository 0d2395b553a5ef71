"""The lock that lets one build run at a time, and what that build is doing, for everyone.

One machine: a file lock on `index/build.lock` (fcntl). Replicas on several hosts sharing the
index folder: also a PostgreSQL advisory lock, held on a connection of its own for the whole
build, when a database is configured (file locks on shared volumes are not to be trusted
across hosts). The progress of the running build is written to `index/build.progress.json`,
so the Admin tab of any replica shows it.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.errors import BuildLocked

BUILD_LOCK_KEY = 7_400_511  # the PostgreSQL advisory lock of "the build", one per database
PROGRESS_FILE = "build.progress.json"
STALE_AFTER = 30.0  # seconds without news after which a "running" build is taken to be gone


@contextmanager
def database_lock(url: str | None, wait: bool) -> Iterator[None]:
    """Hold the database's build lock (nothing to hold without a database)."""
    if not url:
        yield
        return
    import psycopg

    try:
        connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        raise BuildLocked(
            f"cannot take the build lock: the database cannot be reached ({str(exc).strip()[:120]})"
        ) from None
    with connection:
        if wait:
            connection.execute("SELECT pg_advisory_lock(%s)", (BUILD_LOCK_KEY,))
        elif not (connection.execute("SELECT pg_try_advisory_lock(%s)", (BUILD_LOCK_KEY,)).fetchone() or [False])[0]:
            raise BuildLocked(
                "another build is running (a replica holds the database's build lock); wait for "
                "it to finish, or use --wait"
            )
        try:
            yield
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (BUILD_LOCK_KEY,))


class SharedProgress:
    """A build's progress (the Progress protocol of assistant.build), passed on to `inner` and
    written, at most twice a second, to a file that every replica can read."""

    def __init__(self, folder: Path, inner):
        self.path, self.inner = Path(folder) / PROGRESS_FILE, inner
        self.state: dict[str, Any] = {
            "running": True,
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "started": time.time(),
            "stage": "",
            "done": 0,
            "total": 0,
            "unit": "",
        }
        self._written = 0.0
        self._write(force=True)

    def start(self, stage: str, total: int, unit: str) -> None:
        self.inner.start(stage, total, unit)
        self.state.update(stage=stage, total=total, unit=unit, done=0, stage_started=time.time())
        self._write(force=True)

    def advance(self, n: int = 1) -> None:
        self.inner.advance(n)
        self.state["done"] = int(self.state["done"]) + n
        self._write()

    def finish(self, summary: str, outcome: str) -> None:
        self.state.update(running=False, summary=summary, outcome=outcome, finished=time.time())
        self._write(force=True)

    def _write(self, force: bool = False) -> None:
        now = time.time()
        if not force and now - self._written < 0.5:
            return
        self._written = now
        self.state["updated"] = now
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            partial.write_text(json.dumps(self.state), encoding="utf-8")
            os.replace(partial, self.path)
        except OSError:
            pass  # progress is news, not data: a full disk must not fail the build over it


def read_progress(folder: Path) -> dict | None:
    """The last build's progress as written by whoever ran it; None when there is none, or when
    it says "running" but has not been heard from in a while (a killed build)."""
    try:
        state = json.loads((Path(folder) / PROGRESS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict):
        return None
    if state.get("running") and time.time() - float(state.get("updated", 0)) > STALE_AFTER:
        return None
    return state

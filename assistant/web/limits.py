"""Per-client counters beside `security.RateLimiter`: a back-off for wrong admin tokens, a
limit on votes, and quotas of uploaded files and bytes. Each is thread-safe (Gradio handlers
run in worker threads), takes `now` for tests, and remembers a bounded number of clients, the
least recently seen forgotten first."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass

from assistant.web.security import RateLimiter


def _now(now: float | None) -> float:
    return time.monotonic() if now is None else now


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0
    retry_at: float = 0.0


class Backoff:
    """Wrong guesses of a secret, per client: the first `free` cost nothing; after that each
    failure makes the client wait `base` seconds, doubling with every further failure up to
    `cap`, before its next attempt is even checked. A success, or `forget_after` seconds without
    a failure, wipes the slate."""

    def __init__(
        self, free: int = 5, base: float = 1.0, cap: float = 300.0, forget_after: float = 3600, max_clients: int = 10**4
    ):
        self.free, self.base, self.cap, self.forget_after, self.max_clients = free, base, cap, forget_after, max_clients
        self._clients: OrderedDict[str, _Failures] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, client: str, now: float | None = None) -> float:
        """Seconds before `client` may try again (0: it may now)."""
        now = _now(now)
        with self._lock:
            entry = self._clients.get(client)
            if entry is None or now - entry.last > self.forget_after:
                return 0.0
            return max(0.0, entry.retry_at - now)

    def failed(self, client: str, now: float | None = None) -> tuple[int, float]:
        """Count a failure: (failures in a row, seconds until the next attempt is checked)."""
        now = _now(now)
        with self._lock:
            entry = self._clients.pop(client, None)
            if entry is None or now - entry.last > self.forget_after:
                entry = _Failures()
            entry.count += 1
            entry.last = now
            over = entry.count - self.free
            delay = 0.0 if over < 0 else min(self.cap, self.base * 2**over)
            entry.retry_at = now + delay
            self._clients[client] = entry
            while len(self._clients) > self.max_clients:
                self._clients.popitem(last=False)
            return entry.count, delay

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._clients.pop(client, None)


class VoteLimiter:
    """At most `per_minute` votes per client, and one vote per client on the same reply (the
    same question answered with the same passages from the same index): voting again from
    another session is refused, changing one's vote in the same conversation is not."""

    def __init__(self, per_minute: int, max_votes: int = 100_000):
        self.rate = RateLimiter(per_minute)
        self.max_votes = max_votes
        self._votes: OrderedDict[tuple[str, str], str] = OrderedDict()  # (client, reply) -> where it was cast
        self._lock = threading.Lock()

    def refusal(
        self, client: str, reply: str, where: str, taken_back: bool = False, now: float | None = None
    ) -> str | None:
        """None when the vote may be saved (and counts it), else why not."""
        key = (client, reply)
        with self._lock:
            earlier = self._votes.get(key)
            if not taken_back and earlier is not None and earlier != where:
                return "you have already voted on this answer"
        wait = self.rate.retry_after(client, now)
        if wait:
            return f"too many votes from your address; try again in {wait} s"
        with self._lock:
            if taken_back:
                if self._votes.get(key) == where:
                    del self._votes[key]
                return None
            self._votes.pop(key, None)
            self._votes[key] = where
            while len(self._votes) > self.max_votes:
                self._votes.popitem(last=False)
        return None


class Quota:
    """At most `cap` units (files, bytes) per client in any `window` seconds."""

    def __init__(self, cap: float, window: float = 3600, max_clients: int = 10_000):
        self.cap, self.window, self.max_clients = cap, window, max_clients
        self._used: OrderedDict[str, deque[tuple[float, float]]] = OrderedDict()
        self._lock = threading.Lock()

    def _entries(self, client: str, now: float) -> deque[tuple[float, float]]:
        entries = self._used.pop(client, None) or deque()
        while entries and now - entries[0][0] >= self.window:
            entries.popleft()
        self._used[client] = entries
        while len(self._used) > self.max_clients:
            self._used.popitem(last=False)
        return entries

    def retry_after(self, client: str, amount: float = 0, now: float | None = None) -> int:
        """0 when `amount` more would fit in the client's quota (nothing is taken: see `take`),
        else the seconds until enough of it is free again (at least 1)."""
        now = _now(now)
        with self._lock:
            entries = self._entries(client, now)
            used = sum(a for _, a in entries)
            if used + amount <= self.cap and (amount or used < self.cap):
                return 0
            return max(1, int(self.window - (now - entries[0][0])) + 1) if entries else int(self.window)

    def take(self, client: str, amount: float, now: float | None = None) -> None:
        now = _now(now)
        with self._lock:
            self._entries(client, now).append((now, amount))


@dataclass(frozen=True)
class ChatLimits:
    """What one client may do in the chat: questions per minute (shared with /api/ask) and votes."""

    questions: RateLimiter
    votes: VoteLimiter

    @classmethod
    def of(cls, rate_limit: int, votes_per_minute: int) -> ChatLimits:
        return cls(RateLimiter(rate_limit), VoteLimiter(votes_per_minute))

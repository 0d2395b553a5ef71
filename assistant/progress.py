"""How a build's progress reads to people: one line per stage with its rate and the time left,
the same on a terminal without bars (a log, CI), in the Admin tab and for another replica's build."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def stage_line(stage: str, done: int, total: int, unit: str, seconds: float) -> str:
    """ "Embedding: 3,000/12,078 passages, 41.2/s, about 3 min 40 s left"."""
    line = f"{stage}: {done:,}/{total:,} {unit}s"
    if done and seconds > 0:
        rate = done / seconds
        line += f", {rate:,.1f}/s"
        if total > done:
            line += f", about {duration(int((total - done) / rate) + 1)} left"
    return line


def duration(seconds: float) -> str:
    """ "45 s", "3 min 40 s", "1 h 05 min"."""
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class PlainLines:
    """Build progress as plain lines (for output that is not a terminal): a line when a stage
    starts and ends, and one every `every` seconds in between."""

    def __init__(self, out: TextIO = sys.stderr, every: float = 10.0):
        self.out, self.every = out, every
        self.stage, self.unit, self.total, self.done = "", "", 0, 0
        self.started = self.said = 0.0

    def start(self, stage: str, total: int, unit: str) -> None:
        self.close()
        self.stage, self.total, self.unit, self.done = stage, total, unit, 0
        self.started = self.said = time.monotonic()
        self._say()

    def advance(self, n: int = 1) -> None:
        self.done += n
        if time.monotonic() - self.said >= self.every:
            self._say()

    def close(self) -> None:
        if self.stage:
            self.done = max(self.done, self.total)
            self._say(f" in {duration(time.monotonic() - self.started)}")
            self.stage = ""

    def _say(self, end: str = "") -> None:
        self.said = time.monotonic()
        line = stage_line(self.stage, self.done, self.total, self.unit, self.said - self.started)
        print(line + end, file=self.out, flush=True)

"""An idle server that costs nothing: Gradio's queue looks for work every millisecond when it
has none (`gradio/queueing.py`, `sleep_when_free`), about 4-8% of a core with no request at
all. Here it looks as often as Gradio does while people are using it (for `BUSY_FOR` seconds
after the last event) and every `IDLE_POLL` seconds once nobody is: the first event after a
quiet spell waits at most that long, the ones after it no longer than in Gradio. The REST API
does not go through this queue. Gradio has no setting for this, so the queue's class is
swapped for a subclass; tests/test_idle.py fails if a Gradio upgrade moves what it relies on,
and bench/idle.py measures the idle CPU."""

from __future__ import annotations

import time

from gradio.queueing import Queue

BUSY_POLL = 0.001  # Gradio's own interval
IDLE_POLL = 0.05
BUSY_FOR = 10.0
PROGRESS_POLL = 0.2  # progress bars (none in this app) are looked at five times a second


class QuietQueue(Queue):
    """Gradio's queue, polling at Gradio's rate while busy and slowly once idle."""

    _last_event = float("-inf")

    @property
    def sleep_when_free(self) -> float:
        return BUSY_POLL if time.monotonic() - self._last_event < BUSY_FOR else IDLE_POLL

    @sleep_when_free.setter
    def sleep_when_free(self, value: float) -> None:
        pass  # Gradio sets its default in __init__; the interval is chosen above

    async def push(self, *args, **kwargs):
        self._last_event = time.monotonic()
        return await super().push(*args, **kwargs)


def quiet_when_idle(demo) -> None:
    """Make the queue of `demo` (after `demo.queue(...)`) a QuietQueue."""
    queue = demo._queue  # Gradio has no public setting for its polling interval
    queue.__class__ = QuietQueue
    queue.progress_update_sleep_when_free = PROGRESS_POLL

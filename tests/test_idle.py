"""An idle server stays idle: Gradio's queue looks for work at Gradio's rate only while people
use it, and slowly once nobody does (assistant/web/quiet.py; guarded here, also against a
Gradio upgrade moving what it relies on), and an `assistant serve` with no request uses well
under a few percent of a core."""

from __future__ import annotations

import time

import pytest
from conftest import CORPUS, run_async

from assistant.config import Settings

pytestmark = pytest.mark.e2e


def test_gradio_queue_polls_slowly_when_idle_and_at_its_own_rate_when_busy(real_index_dir, real_embedder):
    import inspect

    from gradio.queueing import Queue

    from assistant.web import quiet
    from assistant.web.app import create_app
    from assistant.web.service import Service

    # What QuietQueue relies on in Gradio: the loop reads `sleep_when_free`, events come through `push`.
    assert "self.sleep_when_free" in inspect.getsource(Queue.start_processing)
    assert inspect.iscoroutinefunction(Queue.push)
    service = Service.start(Settings(corpus_dir=CORPUS, index_dir=real_index_dir), real_embedder)
    app = create_app(service)
    queue = next(r.app.blocks._queue for r in app.routes if hasattr(getattr(r, "app", None), "blocks"))
    assert isinstance(queue, quiet.QuietQueue)
    assert queue.sleep_when_free == quiet.IDLE_POLL >= 0.02
    assert run_async(queue.push(type("Body", (), {"fn_index": None})(), None, None))[2] == "error"
    assert queue.sleep_when_free == quiet.BUSY_POLL  # an event came: Gradio's own rate
    service.close()


def test_an_idle_server_uses_little_cpu(real_index_dir):
    """bench/idle.py measures a whole minute; this guards against a regression in 10 s."""
    import psutil
    from servers import Served

    server = Served(Settings(corpus_dir=CORPUS, index_dir=real_index_dir))
    try:
        time.sleep(2)  # let start-up work settle
        process = psutil.Process(server.proc.pid)
        before, started = process.cpu_times(), time.monotonic()
        time.sleep(10)
        after = process.cpu_times()
        share = ((after.user - before.user) + (after.system - before.system)) / (time.monotonic() - started)
        assert share < 0.03, f"an idle server used {share:.1%} of a core"
    finally:
        server.stop()

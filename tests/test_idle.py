"""An idle server stays idle: Gradio's queue is told to look for work every 20 ms instead of
every millisecond (guarded here, also against a Gradio upgrade renaming the setting), and an
`assistant serve` with no request uses well under a few percent of a core."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from conftest import CORPUS

from assistant.config import Settings
from assistant.testing import free_port

pytestmark = pytest.mark.e2e


def test_gradio_queue_polls_slowly_when_free(real_index_dir, real_embedder):
    import gradio.queueing

    from assistant.web.app import IDLE_POLL_SECONDS, create_app
    from assistant.web.service import Service

    assert "sleep_when_free" in Path(gradio.queueing.__file__).read_text()  # the attribute still exists
    service = Service.start(Settings(corpus_dir=CORPUS, index_dir=real_index_dir), real_embedder)
    app = create_app(service)
    queue = next(r.app.blocks._queue for r in app.routes if hasattr(getattr(r, "app", None), "blocks"))
    assert queue.sleep_when_free == IDLE_POLL_SECONDS >= 0.01
    service.close()


def test_an_idle_server_uses_little_cpu(real_index_dir):
    psutil = pytest.importorskip("psutil")
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    command = [
        str(Path(sys.executable).parent / "assistant"),
        "serve",
        "--port",
        str(port),
        "--corpus",
        str(CORPUS),
        "--index",
        str(real_index_dir),
    ]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("the server did not start")
        time.sleep(2)  # let start-up work settle
        process = psutil.Process(proc.pid)
        before, started = process.cpu_times(), time.monotonic()
        time.sleep(10)
        after = process.cpu_times()
        share = ((after.user - before.user) + (after.system - before.system)) / (time.monotonic() - started)
        assert share < 0.03, f"an idle server used {share:.1%} of a core"
    finally:
        proc.terminate()
        proc.wait(timeout=20)

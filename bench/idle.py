"""What an idle server costs: CPU of `assistant serve` (its own process) over a minute with no
request at all, beside a bare Gradio 6 app left at Gradio's defaults; then what the quiet
queue (assistant/web/quiet.py) costs an answer: /api/ask and Gradio's `ask` p50 one after
another, and Gradio's `ask` after a quiet spell, with our queue and with Gradio's, in
alternating rounds of the same run (timings on shared cores are noisy: read the medians).

    .venv/bin/python bench/idle.py [--seconds 60]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import httpx
import psutil
from common import REPO
from loadgen import ask_gradio
from servers import Served

from assistant.build import build_index
from assistant.config import DEFAULT_MODEL, Settings
from assistant.embed.factory import make_embedder
from assistant.testing import free_port
from assistant.web.quiet import BUSY_FOR, IDLE_POLL
from assistant.web.testing import start_web

BARE_GRADIO = textwrap.dedent(
    """
    import sys
    import gradio as gr
    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(lambda s: s, box, box)
    demo.queue().launch(server_port=int(sys.argv[1]), prevent_thread_lock=False)
    """
)


def idle_share(pid: int, seconds: float) -> float:
    """CPU time over wall time (1.0 = one whole core) of the process and its children."""
    process = psutil.Process(pid)

    def used() -> float:
        total = 0.0
        for p in [process, *process.children(recursive=True)]:
            t = p.cpu_times()
            total += t.user + t.system
        return total

    time.sleep(3)  # start-up work settles
    before, started = used(), time.monotonic()
    time.sleep(seconds)
    return (used() - before) / (time.monotonic() - started)


def p50_ms(call, n: int = 60) -> float:
    times = []
    for i in range(n):
        t = time.perf_counter()
        call(i)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = REPO / "corpus"
        settings = Settings(corpus_dir=corpus, index_dir=Path(tmp) / "index")
        embedder = make_embedder(DEFAULT_MODEL, settings.backend, 1, settings.model_cache)
        build_index(settings, embedder)

        served = Served(settings)
        ours = idle_share(served.proc.pid, args.seconds)
        served.stop()

        port = free_port()
        bare = subprocess.Popen(
            [sys.executable, "-c", BARE_GRADIO, str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            theirs = idle_share(bare.pid, args.seconds)
        finally:
            bare.terminate()
            bare.wait(timeout=30)

        service, server, url = start_web(settings, embedder, rate_limit=10**9)
        from gradio.queueing import Queue  # after start_web: Gradio loads with the app's offline settings

        queue = next(r.app.blocks._queue for r in server.app.routes if hasattr(getattr(r, "app", None), "blocks"))
        quiet_class = type(queue)
        steady: dict[str, list[tuple[float, float]]] = {"ours": [], "Gradio's": []}
        after_quiet: dict[str, list[float]] = {"ours": [], "Gradio's": []}
        with httpx.Client(timeout=30) as client:
            for n in range(4):
                label = ("ours", "Gradio's")[n % 2]
                queue.__class__ = quiet_class if label == "ours" else Queue  # Gradio's: a 1 ms poll, always
                for spell in range(2):  # the first question after a quiet spell
                    time.sleep(BUSY_FOR + 1)
                    t = time.perf_counter()
                    ask_gradio(client, url, f"Who talks to stakeholders? {n}.{spell}")
                    after_quiet[label].append((time.perf_counter() - t) * 1000)
                tag = f"{n}.{label}"  # every question different: none from the answer cache
                rest = p50_ms(
                    lambda i, tag=tag: client.post(url + "api/ask", json={"q": f"who deploys models? {tag} {i}"})
                )
                gradio = p50_ms(lambda i, tag=tag: ask_gradio(client, url, f"Which role pays more? {tag} {i}"))
                steady[label].append((rest, gradio))
        server.stop()
    print(
        f"Idle CPU over {args.seconds:.0f} s: `assistant serve` {ours:.2%} of a core; a bare Gradio 6 app "
        f"(Gradio's defaults) {theirs:.2%}.\n"
    )
    print("| Gradio's queue | /api/ask p50 ms | Gradio ask p50 ms | Gradio ask after 11 s of quiet, median ms |")
    print("|---|---|---|---|")
    for label, name in (
        ("ours", f"quiet.py ({IDLE_POLL * 1000:.0f} ms poll when idle)"),
        ("Gradio's", "Gradio's (1 ms poll)"),
    ):
        rows = steady[label]
        print(
            f"| {name} | {statistics.median(r[0] for r in rows):.1f} | {statistics.median(r[1] for r in rows):.1f} | "
            f"{statistics.median(after_quiet[label]):.1f} |"
        )


if __name__ == "__main__":
    main()

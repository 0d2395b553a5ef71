"""`assistant serve` as its own process (as an operator runs it), for the tests that need a
whole server: its memory, or stopping and starting it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil

from assistant.testing import free_port


def index_copy(real_index_dir: Path, real_embedder, target: Path) -> Path:
    """A copy of the session's real index with the exported model beside it, so a server
    starts on it without building or exporting anything."""
    shutil.copytree(real_index_dir, target, symlinks=True)  # `current` is a relative symlink
    shutil.copytree(real_embedder.cache_dir, target / "models", dirs_exist_ok=True)
    return target


class Served:
    def __init__(self, corpus: Path, index: Path, *args: str, port: int | None = None, env: dict | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--port", str(self.port), "--corpus", str(corpus)]
            + ["--index", str(index), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if httpx.get(self.url + "api/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        out, err = self.stop()
        raise RuntimeError(f"assistant serve did not come up (exit {self.proc.returncode}): {err[-2000:]}")

    def rss_mb(self) -> float:
        return psutil.Process(self.proc.pid).memory_info().rss / 1e6

    def stop(self) -> tuple[str, str]:
        """Ctrl+C, as an operator stops it; (stdout, stderr)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.communicate()

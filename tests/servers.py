"""Real servers for the tests and the benchmarks, each in a temporary folder on a free
loopback port: `assistant serve` as its own process, Debian's nginx and a throw-away
PostgreSQL cluster. A missing program skips the test with the install hint (fails in CI)."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from assistant.config import Settings
from assistant.testing import free_port


def require_program(*candidates: str, package: str, purpose: str) -> str:
    """The first of `candidates` found (a name on PATH or a path); when none is, skip the test
    with how to install it, or fail in CI (CI=true), where .ci/run installs it."""
    for candidate in candidates:
        found = shutil.which(candidate) or (
            candidate if os.path.isabs(candidate) and os.path.exists(candidate) else None
        )
        if found:
            return found
    message = f"{package} is not installed: run `apt-get install -y {package}` (as root) to run {purpose}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def wait_until_healthy(url: str, proc: subprocess.Popen, seconds: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            said = log.read_text()[-1500:] if log is not None and log.exists() else ""
            raise RuntimeError(f"the server stopped (exit {proc.returncode}) before it was ready: {said}")
        try:
            if httpx.get(url + "api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"{url} was not ready after {seconds:.0f} s")


def index_copy(real_index_dir: Path, real_embedder, target: Path) -> Path:
    """A copy of the session's real index with the exported model beside it, so a server
    starts on it without building or exporting anything."""
    shutil.copytree(real_index_dir, target, symlinks=True)  # `current` is a relative symlink
    shutil.copytree(real_embedder.cache_dir, target / "models", dirs_exist_ok=True)
    return target


class Served:
    """`assistant serve` in its own process, as an operator runs it (its stderr in `log`)."""

    def __init__(self, settings: Settings, *extra: str, port: int | None = None, log: Path | None = None):
        self.settings, self.extra = settings, extra
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = log or Path(tempfile.mkstemp(prefix="serve-", suffix=".log")[1])
        self.proc: subprocess.Popen | None = None
        self.start()

    def start(self) -> None:
        command = [
            str(Path(sys.executable).parent / "assistant"),
            "serve",
            "--port",
            str(self.port),
            "--corpus",
            str(self.settings.corpus_dir),
            "--index",
            str(self.settings.index_dir),
            "--rate-limit",
            "1000000",
            *self.extra,
        ]
        with open(self.log, "ab") as err:
            self.proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        wait_until_healthy(self.url, self.proc, 120, self.log)

    def build_id(self, timeout: float = 5) -> str:
        return httpx.get(self.url + "api/health", timeout=timeout).json()["index"]["build_id"]

    def rss_mb(self) -> float:
        import psutil

        assert self.proc is not None
        return psutil.Process(self.proc.pid).memory_info().rss / 1e6

    def kill(self) -> None:
        """`kill -9`: no goodbye, requests in flight are cut."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> str:
        """Ctrl+C, as an operator stops it; what it said on stderr."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.log.read_text(errors="replace")


class Nginx:
    """Debian's nginx with `http_config` (text inside `http { }`) on `port`."""

    def __init__(self, folder: Path, http_config: str, port: int):
        binary = require_program("nginx", "/usr/sbin/nginx", package="nginx", purpose="the reverse-proxy tests")
        folder.mkdir(parents=True, exist_ok=True)
        temp = " ".join(
            f"{kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (folder / "nginx.conf").write_text(
            f"{'user root;' if os.geteuid() == 0 else ''}\nworker_processes 1;\ndaemon off;\npid {folder}/nginx.pid;\n"
            f"error_log {folder}/error.log;\nevents {{}}\nhttp {{\n access_log off;\n {temp}\n{http_config}\n}}\n"
        )
        self.folder = folder
        self.proc = subprocess.Popen(
            [binary, "-c", str(folder / "nginx.conf"), "-p", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.port = port

    def wait(self, url: str) -> None:
        for _ in range(100):
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"nginx did not come up: {(self.folder / 'error.log').read_text()[-800:]}")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


class Postgres:
    """Debian's PostgreSQL in a temporary folder on a free loopback port (run as the postgres
    user when the tests run as root); `url()` gives a fresh database each time."""

    def __init__(self, folder: Path):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        initdb = require_program(*(found or ["initdb"]), package="postgresql", purpose="the PostgreSQL tests")
        self.bin = Path(initdb).parent
        self.folder, self.port = folder, free_port()
        self.data, self.socket = folder / "data", folder / "socket"
        self.socket.mkdir(parents=True)
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(folder, "postgres")
            shutil.chown(self.socket, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        self.start()
        self._count = 0

    def _run(self, program: str, *args: str) -> None:
        done = subprocess.run(
            [*self.as_user, str(self.bin / program), *args], capture_output=True, text=True, timeout=120
        )
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed: {done.stderr[-800:]}")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.socket} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=80"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    @property
    def server(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}"

    def url(self) -> str:
        """A new, empty database."""
        import psycopg

        self._count += 1
        name = f"t{self._count}"
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name}")
        return f"{self.server}/{name}"

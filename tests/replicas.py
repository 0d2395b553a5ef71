"""Two `assistant serve` replicas on one index folder and one PostgreSQL database, behind nginx
with the example configuration from docs/, and a person voting in the chat page: shared by
tests/test_replicas.py and bench/replicas.py."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg
from conftest import Page, copy_of_corpus
from loadgen import LoadResult, answers_its_question, run_load
from servers import Nginx, Served

from assistant.build import build_index
from assistant.store import IndexStore
from assistant.testing import free_port

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "nginx" / "role-assistant-replicas.conf"


def nginx_config(replica_ports: list[int], port: int) -> str:
    """The example, on the test's ports: listen on `port`, replicas on `replica_ports`."""
    text = EXAMPLE.read_text().replace("listen 80;", f"listen 127.0.0.1:{port};")
    for example, real in zip(("7861", "7862"), replica_ports, strict=True):
        text = text.replace(f"127.0.0.1:{example} ", f"127.0.0.1:{real} ")
    assert text.count("127.0.0.1:786") == 0, "the example names other ports than the test replaces"
    return text


class Cluster:
    """The replicas, nginx in front, and the shared database and index folder."""

    def __init__(self, folder: Path, database_url: str, embedder) -> None:
        self.settings = copy_of_corpus(folder, database_url=database_url)
        build_index(self.settings, embedder)
        self.database_url = database_url
        self.replicas = [
            Served(
                self.settings,
                *("--database-url", database_url, "--root-path", "/assistant", "--proxy", "127.0.0.1"),
                log=folder / f"r{n}.log",
            )
            for n in range(2)
        ]
        port = free_port()
        self.nginx = Nginx(folder / "nginx", nginx_config([r.port for r in self.replicas], port), port)
        self.base = f"http://127.0.0.1:{port}/assistant/"
        self.nginx.wait(self.base + "api/health")

    def rebuild(self) -> subprocess.CompletedProcess:
        """`assistant build` as an administrator runs it, from its own process."""
        command = [str(Path(sys.executable).parent / "assistant"), "build", "--corpus", str(self.settings.corpus_dir)]
        command += ["--index", str(self.settings.index_dir), "--database-url", self.database_url]
        return subprocess.run(command, capture_output=True, text=True, timeout=300)

    def published(self) -> str:
        return IndexStore(self.settings.index_dir).read_manifest()["build_id"]

    def stop(self) -> None:
        self.nginx.stop()
        for replica in self.replicas:
            replica.stop()


def stored_votes(database_url: str, questions: list[str]) -> set[str]:
    with psycopg.connect(database_url) as db:
        rows = db.execute("SELECT question FROM feedback WHERE question = ANY(%s) AND vote = 1", (questions,))
        return {row[0] for row in rows}


SAVED = "document.body.innerText.includes('feedback was saved')"
DISMISS = "document.querySelectorAll('.toast-close').forEach(b => b.click())"
EVERY_REPLY_HAS_BUTTONS = (  # one Dislike button per reply (none is disliked here)
    "document.querySelectorAll('button[aria-label=\"Dislike\"]').length"
    " >= document.querySelectorAll('.bot.message').length"
)


class Voter:
    """A person in the chat page through nginx: asks, votes thumbs-up, and notes each vote the
    page said was saved. When its replica goes away mid-vote, it opens the page again."""

    def __init__(self, browser, base: str):
        self.browser, self.base = browser, base
        self.acknowledged: list[str] = []
        self.interrupted: list[str] = []  # why a vote was not seen saved (then the page is opened again)

    def run(self, until: float, at_least: int) -> None:
        """Vote until `until`, and on until `at_least` votes were saved (for at most 60 s more)."""
        page = None
        n = 0
        while time.monotonic() < until or (len(self.acknowledged) < at_least and time.monotonic() < until + 60):
            n += 1
            question = f"Who deploys models? (vote {n})"
            try:
                page = page or Page(self.browser, self.base)
                page.ask(question)
                # The reply's text can show before its buttons do (on a loaded machine, longer
                # than Page.ask waits): the last Like button would then be an earlier reply's.
                page.page.wait_for_function(EVERY_REPLY_HAS_BUTTONS, timeout=10000)
                page.page.evaluate(DISMISS)  # so the next notice seen is this vote's
                page.page.wait_for_function(f"!{SAVED}", timeout=10000)
                page.page.get_by_role("button", name="Like", exact=True).last.click(timeout=10000)
                page.page.wait_for_function(SAVED, timeout=30000)
                self.acknowledged.append(question)
            except Exception as exc:  # noqa: BLE001 - the replica under this page was killed: open it again
                self.interrupted.append(f"{question}: {str(exc)[:160]}")
                if page is not None:
                    page.page.close()
                page = None
        if page is not None:
            page.page.close()


@dataclass
class Disrupted:
    """What happened in `disrupted_load` (times in seconds from its start)."""

    seconds: float
    old_build: str
    load: LoadResult = field(default_factory=lambda: LoadResult("api", 0, 0))
    build: subprocess.CompletedProcess | None = None
    killed: float = float("nan")
    restarted: float = float("nan")
    new_build: str = ""
    builds_in_service: list[str] = field(default_factory=list)
    published: float = float("nan")  # when the build finished
    switched: float = float("nan")  # when the last replica had the new build in service
    voter: Voter | None = None
    votes_stored: set[str] = field(default_factory=set)
    all_votes: list[tuple] = field(default_factory=list)


def disrupted_load(
    cluster: Cluster, browser, questions: list[str], clients: int, seconds: float, rebuild_at: float, kill_at: float
) -> Disrupted:
    """`clients` ask `questions` (each made unique) through nginx for `seconds` while a person
    votes in the chat page; at `rebuild_at` a new document is built and published, at `kill_at`
    the first replica is killed (`kill -9`) and started again."""
    run = Disrupted(seconds, cluster.published())
    (cluster.settings.corpus_dir / "pairing.md").write_text(
        "# Pairing\n\nData scientists and ML engineers pair on projects to move models into production.\n"
    )
    start = time.monotonic()

    def load() -> None:
        expected: dict[str, dict] = {q: {} for q in questions}
        run.load = run_load(cluster.base, "api", clients, seconds, expected, check=answers_its_question, unique=True)

    def rebuild() -> None:
        run.build = cluster.rebuild()
        run.published = time.monotonic() - start

    def watch() -> None:  # when each replica first answers from a newer build
        first: dict[int, float] = {}
        while len(first) < len(cluster.replicas) and time.monotonic() < start + seconds + 120:
            for n, replica in enumerate(cluster.replicas):
                try:
                    if n not in first and replica.build_id(timeout=30) != run.old_build:
                        first[n] = time.monotonic() - start
                except httpx.HTTPError:  # a killed replica does not answer
                    pass
            time.sleep(0.2)
        run.switched = max(first.values(), default=float("nan"))

    def kill_and_restart() -> None:
        victim = cluster.replicas[0]
        victim.kill()
        run.killed = time.monotonic() - start
        victim.start()  # back on its port: serves the published index at once; its watcher takes a newer one
        run.restarted = time.monotonic() - start

    threads = [
        threading.Thread(target=load),
        threading.Thread(target=watch),
        threading.Timer(rebuild_at, rebuild),
        threading.Timer(kill_at, kill_and_restart),
    ]
    for t in threads:
        t.start()
    run.voter = Voter(browser, cluster.base)
    run.voter.run(until=start + seconds, at_least=3)
    for t in threads:
        t.join()
    run.new_build = cluster.published()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        run.builds_in_service = [r.build_id() for r in cluster.replicas]
        if set(run.builds_in_service) == {run.new_build}:
            break
        time.sleep(0.1)
    run.votes_stored = stored_votes(cluster.database_url, run.voter.acknowledged)
    with psycopg.connect(cluster.database_url) as db:
        run.all_votes = db.execute("SELECT question, vote, session, message, created_at FROM feedback").fetchall()
    return run

"""Two replicas behind nginx with PostgreSQL, the long form of tests/test_replicas.py: clients
asking /api/ask through nginx for a fixed time, a person voting in the chat page (Chromium),
a rebuild published and one replica killed (`kill -9`) and restarted in the middle. Prints
Markdown for docs/RELIABILITY.md.

    .venv/bin/python bench/replicas.py [--clients 32] [--seconds 30]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from common import REPO  # noqa: F401 - puts tests/ on the path
from conftest import LAUNCH_ARGS  # noqa: E402
from loadgen import HEADER, answers_its_question, run_load  # noqa: E402
from replicas import Cluster, disrupted_load  # noqa: E402
from servers import Postgres, require_program  # noqa: E402

from assistant.config import DEFAULT_MODEL, Settings  # noqa: E402
from assistant.embed.factory import make_embedder  # noqa: E402

QUESTIONS = [
    "who deploys models?",
    "Which role pays more?",
    "What education does an ML engineer need?",
    "Which role uses BI tools?",
    "What is the capital of Australia?",
    "Who talks to stakeholders?",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = require_program("/usr/bin/chromium", "chromium", package="chromium", purpose="the voting browser")
    pg_folder = Path(tempfile.mkdtemp(prefix="role-assistant-pg-"))
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        postgres = Postgres(pg_folder)
        embedder = make_embedder(DEFAULT_MODEL, Settings().backend, 1, Path(tmp) / "models")
        cluster = Cluster(Path(tmp), postgres.url(), embedder)
        browser = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        try:
            expected: dict[str, dict] = {q: {} for q in QUESTIONS}
            steady = run_load(
                cluster.base, "api", args.clients, args.seconds, expected, check=answers_its_question, unique=True
            )
            third = args.seconds / 3
            run = disrupted_load(
                cluster, browser, QUESTIONS, args.clients, args.seconds, rebuild_at=third, kill_at=third + 2
            )
        finally:
            browser.close()
            cluster.stop()
            postgres.stop()
            shutil.rmtree(pg_folder, ignore_errors=True)
    voter = run.voter
    assert voter is not None and run.build is not None
    print("Undisturbed, then with the rebuild and the killed replica (same cluster, same run):\n")
    print(HEADER)
    print(steady.row().replace("| api |", "| api, undisturbed |"))
    print(run.load.row().replace("| api |", "| api, rebuild + kill -9 |"))
    print(
        f"\nThe rebuild (`assistant build`, its own process) published {run.new_build} at {run.published:.1f} s "
        f"(exit {run.build.returncode}); replica 1 was killed at {run.killed:.1f} s and answering again at "
        f"{run.restarted:.1f} s; both replicas answered from the new build by {run.switched:.1f} s "
        f"(in service at the end: {', '.join(run.builds_in_service)})."
    )
    print(
        f"Votes in the chat page: {len(voter.acknowledged)} said saved, {len(run.votes_stored)} of them in "
        f"PostgreSQL ({len(voter.acknowledged) - len(run.votes_stored)} lost); the page was opened again "
        f"{len(voter.interrupted)} times after its replica went away."
    )
    print(f"Refused or failed requests by status: {dict(run.load.statuses)}")
    lost = sorted(set(voter.acknowledged) - run.votes_stored)
    if lost or voter.interrupted:
        print(f"Lost: {lost}; interrupted: {voter.interrupted}; all votes: {run.all_votes}")


if __name__ == "__main__":
    main()

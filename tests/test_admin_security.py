"""Admin actions refused without the token, with a wrong one, and by timing; also when called
as raw HTTP (a hidden tab is not access control: Gradio answers its handlers directly)."""

import json
import shutil
import statistics
import time

import httpx
import pytest
from conftest import CORPUS

from assistant.config import Settings
from assistant.web.admin import token_ok
from assistant.web.testing import start_web

TOKEN = "a-long-and-secret-admin-token-0123456789"


def test_token_timing_does_not_depend_on_how_much_of_it_is_right():
    def timed(guess):
        runs = []
        for _ in range(30):
            t = time.perf_counter()
            for _ in range(500):
                token_ok(guess, TOKEN)
            runs.append(time.perf_counter() - t)
        return statistics.median(runs)

    nearly = TOKEN[:-1] + "X"
    wrong = "X" * len(TOKEN)
    short = "X"
    ratios = [timed(nearly) / timed(guess) for guess in (wrong, short)]
    assert all(0.67 < r < 1.5 for r in ratios), ratios


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory, real_embedder):
    corpus = tmp_path_factory.mktemp("admin") / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("eval"))
    service, server, url = start_web(
        Settings(corpus_dir=corpus, index_dir=corpus.parent / "index"), real_embedder, admin_token=TOKEN
    )
    yield service, url
    server.stop()


def call(url: str, api_name: str, data: list, session: str) -> dict:
    config = httpx.get(f"{url}config").json()
    fn_index = next(i for i, d in enumerate(config["dependencies"]) if d.get("api_name") == api_name)
    httpx.post(
        f"{url}gradio_api/queue/join",
        json={"data": data, "fn_index": fn_index, "session_hash": session, "event_data": None, "trigger_id": None},
    ).raise_for_status()
    with httpx.stream("GET", f"{url}gradio_api/queue/data?session_hash={session}", timeout=30) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    return message
    raise AssertionError("no answer")


@pytest.mark.e2e
@pytest.mark.parametrize("token", ["", "wrong", TOKEN[:-1], None])
def test_raw_calls_to_admin_handlers_are_refused(admin_server, token, tmp_path):
    service, url = admin_server
    corpus = service.settings.corpus_dir
    before = sorted(p.name for p in corpus.iterdir())
    evil = tmp_path / "evil.md"
    evil.write_text("# Evil\n\ntext\n")
    for name, data in (
        ("admin_refresh", [token]),
        ("admin_rebuild", [token]),
        ("admin_add", [token, [{"path": str(evil), "meta": {"_type": "gradio.FileData"}}]]),
        ("admin_remove", [token, "roles.yaml"]),
    ):
        result = call(url, name, data, f"s-{name}-{token}")
        assert result["success"] is False, (name, result)
    unlock = call(url, "admin_unlock", [token], f"unlock-{token}")
    assert "Wrong admin token." in json.dumps(unlock)
    assert sorted(p.name for p in corpus.iterdir()) == before
    assert service.manifest["build_id"] == service.assistant.index.manifest["build_id"]


@pytest.mark.e2e
def test_an_uploaded_file_is_not_added_without_the_token(admin_server):
    service, url = admin_server
    uploaded = httpx.post(f"{url}gradio_api/upload", files={"files": ("sneaky.md", b"# Sneaky\n\ntext\n")})
    assert uploaded.status_code == 200
    path = uploaded.json()[0]
    result = call(
        url,
        "admin_add",
        ["wrong", [{"path": path, "orig_name": "sneaky.md", "meta": {"_type": "gradio.FileData"}}]],
        "add-wrong",
    )
    assert result["success"] is False and "Wrong admin token." in json.dumps(result)
    assert not (service.settings.corpus_dir / "sneaky.md").exists()


@pytest.mark.e2e
def test_the_right_token_unlocks(admin_server):
    _, url = admin_server
    result = call(url, "admin_unlock", [TOKEN], "unlock-right")
    assert result["success"] is True and "Wrong admin token." not in json.dumps(result)

"""Admin actions refused without the token, with a wrong one, and by timing; also when called
as raw HTTP (a hidden tab is not access control: Gradio answers its handlers directly)."""

import hmac
import json
import time

import pytest
from conftest import copy_of_corpus
from raw import Raw

from assistant.web import admin
from assistant.web.admin import token_ok
from assistant.web.testing import start_web

TOKEN = "a-long-and-secret-admin-token-0123456789"


def test_token_is_compared_in_constant_time_on_digests_of_one_length(monkeypatch):
    """Timing itself is too noisy on shared cores to test (and timed tests are banned): what is
    checked is that every guess, however long or nearly right, reaches hmac.compare_digest as a
    digest of the same length as the token's, and that the verdict is compare_digest's."""
    seen, compare = [], hmac.compare_digest

    def recording(a, b):
        seen.append((len(a), len(b)))
        return compare(a, b)

    monkeypatch.setattr(admin.hmac, "compare_digest", recording)
    guesses = [TOKEN[:-1] + "X", "X" * len(TOKEN), "X", "x" * 5000, "é" * 3, TOKEN]
    verdicts = [token_ok(guess, TOKEN) for guess in guesses]
    assert verdicts == [False] * 5 + [True]
    assert len(seen) == len(guesses)
    assert set(seen) == {(32, 32)}


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory, real_embedder):
    settings = copy_of_corpus(tmp_path_factory.mktemp("admin"))
    service, server, url = start_web(
        settings,
        real_embedder,
        admin_token=TOKEN,
        trusted_proxies=("127.0.0.1",),  # so each test can be a client of its own (X-Forwarded-For)
    )
    yield service, url
    server.stop()


@pytest.mark.e2e
@pytest.mark.parametrize("token", ["", "wrong", TOKEN[:-1], None])
def test_raw_calls_to_admin_handlers_are_refused(admin_server, token, capfd):
    service, url = admin_server
    corpus = service.settings.corpus_dir
    before = sorted(p.name for p in corpus.iterdir())
    client = Raw(url, f"10.0.0.{len(str(token))}")
    owner = Raw(url, "10.0.1.1")
    owner.unlock(TOKEN)
    uploaded = owner.upload(("evil.md", b"# Evil\n\ntext\n")).json()[0]
    for name, data in (
        ("admin_refresh", [token]),
        ("admin_rebuild", [token]),
        ("admin_add", [token, [{"path": uploaded, "meta": {"_type": "gradio.FileData"}}]]),
        ("admin_remove", [token, "roles.yaml"]),
    ):
        result = client.call(client.fn(name), data)
        assert result["success"] is False, (name, result)
    unlock = client.call(client.fn("admin_unlock"), [token])
    assert "Wrong admin token." in json.dumps(unlock)
    assert sorted(p.name for p in corpus.iterdir()) == before
    assert service.manifest["build_id"] == service.assistant.index.manifest["build_id"]
    assert "Traceback" not in capfd.readouterr().err  # a refused call writes one log line, no stack trace


@pytest.mark.e2e
def test_an_uploaded_file_is_not_added_without_the_token(admin_server):
    service, url = admin_server
    owner = Raw(url, "10.0.2.1")
    owner.unlock(TOKEN)
    uploaded = owner.upload(("sneaky.md", b"# Sneaky\n\ntext\n"))
    assert uploaded.status_code == 200
    path = uploaded.json()[0]
    stranger = Raw(url, "10.0.2.2")
    result = stranger.call(
        stranger.fn("admin_add"),
        ["wrong", [{"path": path, "orig_name": "sneaky.md", "meta": {"_type": "gradio.FileData"}}]],
    )
    assert result["success"] is False and "Wrong admin token." in json.dumps(result)
    assert not (service.settings.corpus_dir / "sneaky.md").exists()


@pytest.mark.e2e
def test_the_right_token_unlocks(admin_server):
    _, url = admin_server
    result = Raw(url, "10.0.3.1").unlock(TOKEN)
    assert result["success"] is True and "Wrong admin token." not in json.dumps(result)


@pytest.mark.e2e
def test_token_guessing_is_slowed_after_five_failures(admin_server, caplog, capfd):
    """300 wrong tokens in 15.7 s from one client used to be checked, unlogged; now after 5
    failures each further guess waits for a doubling delay, each wrong one is a log line, and
    none writes a stack trace."""
    _, url = admin_server
    guesser = Raw(url, "10.0.4.1")
    unlock, refresh = guesser.fn("admin_unlock"), guesser.fn("admin_refresh")
    checked, refused, start = [], 0, time.monotonic()
    while time.monotonic() - start < 10:
        n = len(checked) + refused
        data = [f"guess-{n}"]
        result = guesser.call(refresh if n % 2 else unlock, data)  # handlers that raise, and one that says so
        said = json.dumps(result)
        if "Wrong admin token." in said:
            checked.append(time.monotonic() - start)
        else:
            assert "Too many wrong tokens" in said, said
            refused += 1
    after_five = checked[5:]
    rate = len(after_five) / (10 - checked[4])
    with capfd.disabled():  # the figure for docs/RELIABILITY.md (pytest -s)
        print(f"\nguesses checked: {len(checked)} of {len(checked) + refused} in 10 s; after the 5th: {rate:.2f}/s")
    assert len(checked) >= 5 and rate < 1.0 and refused > 10
    assert "Too many wrong tokens" in json.dumps(guesser.call(unlock, [TOKEN]))  # a right guess waits too
    lines = [r for r in caplog.records if "wrong token from 10.0.4.1" in r.getMessage()]
    assert len(lines) == len(checked)
    assert "Traceback" not in capfd.readouterr().err
    assert Raw(url, "10.0.4.2").unlock(TOKEN)["success"] is True  # another client is not held up

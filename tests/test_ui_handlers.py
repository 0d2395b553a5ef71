"""The chat's and the Admin tab's handlers called directly, without a browser or a server."""

from __future__ import annotations

from types import SimpleNamespace

import gradio as gr
import pytest

from assistant.web import admin
from assistant.web.limits import ChatLimits
from assistant.web.service import Service
from assistant.web.ui import ChatHandlers, new_state
from assistant.web.ui_admin import AdminHandlers

TOKEN = "a-long-and-secret-admin-token"


@pytest.fixture
def service(settings, fake):
    return Service.start(settings, fake)


def test_respond_appends_the_question_and_the_reply_and_remembers_the_question(service):
    box, chat, state, footer = ChatHandlers(service).respond(
        "who deploys machine learning products?", [], new_state(), None
    )
    assert box == "" and [m["role"] for m in chat] == ["user", "assistant"]
    assert "ra-answer" in chat[1]["content"] and "Index in service" in footer
    assert state["questions"] == ["who deploys machine learning products?"] and "1" in state["replies"]


def test_respond_shows_a_bad_question_as_a_sentence(service):
    _, chat, state, _ = ChatHandlers(service).respond("   ", [], new_state(), None)
    assert chat[-1]["content"].startswith("<p>The question is empty") and state["questions"] == []


def test_ask_endpoint_refuses_a_history_that_is_not_a_list(service):
    with pytest.raises(gr.Error):
        ChatHandlers(service).ask("who deploys models?", "not a list")  # type: ignore[arg-type]


def test_admin_handlers_refuse_a_wrong_token_and_unlock_with_the_right_one(service):
    handlers = AdminHandlers(service, TOKEN, admin.RebuildJob(service.settings, service.embedder))
    with pytest.raises(gr.Error, match="Wrong admin token"):
        handlers.refresh("wrong")
    with pytest.raises(gr.Error):
        handlers.remove(None, "roles.yaml")
    panel, note, table, _ = handlers.unlock(TOKEN)
    assert panel["visible"] is True and note == ""
    assert any(row[0] == "roles.yaml" for row in table["value"])


def a_request(address: str):
    """What a handler's gr.Request holds of the event's HTTP request."""
    return SimpleNamespace(request=SimpleNamespace(scope={"type": "http", "client": (address, 0), "headers": []}))


def test_questions_are_limited_per_client_in_the_chat_and_the_ask_endpoint(service):
    chat = ChatHandlers(service, limits=ChatLimits.of(rate_limit=2, votes_per_minute=10))
    assert chat.ask("who deploys models?", [], a_request("10.0.0.1"))["passages"]
    _, replies, _, _ = chat.respond("who deploys models?", [], new_state(), a_request("10.0.0.1"))
    assert "ra-answer" in replies[-1]["content"]
    _, replies, state, _ = chat.respond("who deploys models?", [], new_state(), a_request("10.0.0.1"))
    assert replies[-1]["content"].startswith("<p>Too many questions from your address") and state["questions"] == []
    with pytest.raises(gr.Error, match="too many questions"):
        chat.ask("who deploys models?", [], a_request("10.0.0.1"))
    assert chat.ask("who deploys models?", [], a_request("10.0.0.2"))["passages"]  # another client


def test_a_long_message_is_shown_cut(service):
    _, replies, _, _ = ChatHandlers(service).respond("salary " * 10_000, [], new_state())
    assert len(replies[0]["content"]) < 2100 and replies[0]["content"].endswith("…")


def test_add_takes_only_files_in_the_upload_folder(service, tmp_path):
    uploads = tmp_path / "uploads"
    (uploads / "abc").mkdir(parents=True)
    (uploads / "abc" / "fine.md").write_text("# Fine\n\nML engineers deploy models.\n")
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\ntext\n")
    (uploads / "abc" / "link.md").symlink_to(secret)
    handlers = AdminHandlers(service, TOKEN, admin.RebuildJob(service.settings, service.embedder), uploads=uploads)
    for path in (str(secret), str(uploads / ".." / "secret.md"), str(uploads / "abc" / "link.md"), "../secret.md"):
        text = handlers.add(TOKEN, [path])[0]
        assert "refused:" in text and "was not uploaded to this server" in text, path
    assert "added fine.md" in handlers.add(TOKEN, [str(uploads / "abc" / "fine.md")])[0]
    assert (
        not (service.settings.corpus_dir / "secret.md").exists()
        and not (service.settings.corpus_dir / "link.md").exists()
    )

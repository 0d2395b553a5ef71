"""The chat's and the Admin tab's handlers called directly, without a browser or a server."""

from __future__ import annotations

import gradio as gr
import pytest

from assistant.web import admin
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

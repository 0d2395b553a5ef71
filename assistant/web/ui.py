"""The chat in the browser (Gradio Blocks): ask, see the answer and the passages behind it,
vote on replies, compare the roles topic by topic. Also the `ask` API endpoint."""

from __future__ import annotations

from assistant.offline import go_offline

go_offline()  # before gradio is imported: no analytics, no hub calls, no telemetry

import hashlib  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402

import gradio as gr  # noqa: E402

from assistant.config import MAX_QUESTION_CHARS, WebSettings  # noqa: E402
from assistant.errors import AssistantError  # noqa: E402
from assistant.sentences import capitalised  # noqa: E402
from assistant.web.events import Handler  # noqa: E402
from assistant.web.limits import ChatLimits  # noqa: E402
from assistant.web.render import answer_html, compare_html, embed_snippets, escape, footer_text, related_html, topics_of  # noqa: E402
from assistant.web.security import own_origin  # noqa: E402
from assistant.web.service import Service  # noqa: E402
from assistant.web.sessions import AdminSessions, caller  # noqa: E402
from assistant.web.ui_admin import admin_tab  # noqa: E402

log = logging.getLogger(__name__)

EXAMPLES = [
    "who deploys models?",
    "Which role pays more?",
    "What do both roles need to know?",
    "What education does an ML engineer need?",
    "Which languages do data scientists use?",
]

CSS = """
.ra-passage { border-left: 3px solid #c7d2fe; padding: .3rem .6rem; margin: .6rem 0; overflow-wrap: anywhere; }
.ra-head { font-size: .85em; opacity: .8; margin-bottom: .2rem; }
.ra-kind { border: 1px solid currentColor; border-radius: .6em; padding: 0 .4em; font-size: .8em; }
.ra-fact { font-size: .9em; margin-top: .3rem; opacity: .9; }
.ra-note { font-size: .85em; opacity: .8; }
.ra-passage mark { background: #fde68a; color: inherit; padding: 0 .1em; }
.ra-compare-wrap { overflow-x: auto; }
.ra-compare { border-collapse: collapse; width: 100%; }
.ra-compare th, .ra-compare td { border: 1px solid #e5e7eb; padding: .4rem; vertical-align: top; text-align: left; }
.ra-compare summary { cursor: pointer; }
.ra-compare blockquote { margin: .3rem 0 .3rem .6rem; font-size: .9em; }
.ra-compare .ra-extracted summary { font-style: italic; }
.ra-tag { font-size: .75em; border: 1px solid currentColor; border-radius: .6em; padding: 0 .4em; opacity: .75;
          font-style: normal; white-space: nowrap; }
.ra-legend { font-size: .85em; opacity: .8; }
.ra-quote { border-left: 3px solid #fbbf24; margin: .3rem 0; padding: .2rem .6rem; }
#ra-footer { font-size: .8em; opacity: .8; }
"""


# After a reply: bring its first message (the answer line) to the top of the view, on a phone
# too, instead of leaving the view at the end of the last passage.
SHOW_REPLY = """() => {
  const chat = document.querySelector('#ra-chat');
  if (!chat) return;
  const users = chat.querySelectorAll('.user.message');
  const asked = users[users.length - 1];
  if (!asked) return;
  const reply = [...chat.querySelectorAll('.bot.message')].find(
    (m) => asked.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING);
  (reply || asked).scrollIntoView({block: 'start'});
}"""


def new_state() -> dict:
    """A conversation's state: its questions (for follow-ups) and what each reply showed (for votes)."""
    return {"questions": [], "replies": {}}


class ChatHandlers:
    """What the Ask, Compare and Embed tabs do, as plain methods on the service: testable
    without a browser; `build_ui` only wires them to components."""

    def __init__(self, service: Service, root_path: str = "", limits: ChatLimits | None = None):
        self.service, self.root_path = service, root_path
        defaults = WebSettings()
        self.limits = limits or ChatLimits.of(defaults.rate_limit, defaults.votes_per_minute)

    def _too_many(self, request: gr.Request | None) -> str | None:
        """Why this client may not ask now (the per-client limit of /api/ask), or None."""
        wait = self.limits.questions.retry_after(caller(request)[0])
        return f"too many questions from your address; try again in {wait} s" if wait else None

    def respond(self, message: str, chat: list, state: dict, request: gr.Request | None = None):
        """Answer `message` in the conversation: (cleared box, chat, state, footer)."""
        chat, state = list(chat or []), dict(state or new_state())
        questions = list(state.get("questions", []))
        replies = dict(state.get("replies", {}))
        message = message if isinstance(message, str) else ""
        shown = message[:MAX_QUESTION_CHARS] + ("…" if len(message) > MAX_QUESTION_CHARS else "")
        chat.append({"role": "user", "content": escape(shown)})
        too_many = self._too_many(request)
        if too_many:
            chat.append({"role": "assistant", "content": f"<p>{escape(capitalised(too_many))}.</p>"})
            return "", chat, state, self.footer()
        assistant = self.service.assistant  # one index for the whole request, even if a new one arrives
        try:
            answer = self.service.answer_with(
                assistant,
                message or "",
                questions,
                endpoint="chat",
                conversation=_conversation(request),
                message=len(chat),
            )
        except AssistantError as exc:
            chat.append({"role": "assistant", "content": f"<p>{escape(capitalised(str(exc)))}</p>"})
            return "", chat, state, self.footer()
        except Exception:  # noqa: BLE001 - anything else is logged; the user gets one calm line
            log.exception("answering %r failed", message)
            chat.append(
                {
                    "role": "assistant",
                    "content": "<p>Sorry, something went wrong answering that. "
                    "The error was logged; please try again.</p>",
                }
            )
            return "", chat, state, self.footer()
        record = {
            "question": answer.question,
            "resolved_question": answer.resolved_question,
            "passage_ids": [p.id for p in answer.passages],
            "build": assistant.index.manifest.get("build_id"),
        }
        replies[str(len(chat))] = record
        chat.append({"role": "assistant", "content": answer_html(answer)})
        if answer.abstained and answer.passages:
            replies[str(len(chat))] = record
            chat.append(
                {
                    "role": "assistant",
                    "content": related_html(answer),
                    "metadata": {"title": f"Possibly related ({len(answer.passages)})", "status": "done"},
                }
            )
        return "", chat, {"questions": questions + [answer.question], "replies": replies}, self.footer()

    def footer(self) -> str:
        return escape(footer_text(self.service.manifest))

    def compare(self, topics: list[str] | None) -> str:
        table = compare_html(self.service.facts, self.service.assistant.index.roles, topics)
        return f'<div class="ra-compare-wrap">{table}</div>'

    def on_load(self, request: gr.Request):
        """A page opened: the footer, the Compare table and topics, the Embed tab's snippets."""
        scope = request.request.scope if request is not None and request.request is not None else {}
        snippets = list(embed_snippets(f"{own_origin(scope) or 'http://HOST'}{self.root_path}/").values())
        return (self.footer(), self.compare([]), gr.update(choices=topics_of(self.service.facts)), *snippets)

    def vote(self, data: gr.LikeData, state: dict, request: gr.Request) -> None:
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        record = (state or {}).get("replies", {}).get(str(index))
        if record is None:
            gr.Warning("Only the assistant's replies can be rated.")
            return
        # True: thumbs up; False: thumbs down; "" or None: the vote was taken back.
        liked = None if data.liked in ("", None) else data.liked is True or data.liked == "Like"
        session = _conversation(request)
        refusal = self.limits.votes.refusal(
            caller(request)[0], _reply_key(record), f"{session}:{index}", taken_back=liked is None
        )
        if refusal:
            gr.Warning(f"Your vote was not saved: {refusal}.")
            return
        try:
            self.service.vote(record, liked, session, int(index))
        except AssistantError as exc:
            gr.Warning(f"Your vote was not saved: {exc}")
            return
        gr.Info("Thanks, your feedback was saved." if liked is not None else "Your vote was removed.")

    def ask(self, question: str, history: list[str], request: gr.Request | None = None) -> dict:
        """Answer a question, given the conversation's earlier questions; returns the result
        JSON of `assistant ask --json`."""
        if history is not None and not isinstance(history, list):
            raise gr.Error("history must be a list of earlier questions", print_exception=False)
        too_many = self._too_many(request)
        if too_many:
            raise gr.Error(too_many, print_exception=False)
        try:
            return self.service.ask(question, history or []).to_json()
        except AssistantError as exc:
            raise gr.Error(str(exc), print_exception=False) from None


def _conversation(request: gr.Request | None) -> str:
    """The conversation's own id (Gradio's session of the page): no one's identity."""
    return getattr(request, "session_hash", "") or "" if request is not None else ""


def _reply_key(record: dict) -> str:
    """What makes two replies the same for voting: the question as understood, the passages
    shown and the index that chose them."""
    same = [record.get("resolved_question"), record.get("passage_ids"), record.get("build")]
    return hashlib.sha256(json.dumps(same).encode()).hexdigest()


def build_ui(
    service: Service,
    admin_token: str | None = None,
    job=None,
    root_path: str = "",
    limits: ChatLimits | None = None,
    sessions: AdminSessions | None = None,
) -> gr.Blocks:
    chat = ChatHandlers(service, root_path, limits)
    # Uploaded files (Admin tab) are deleted from Gradio's cache an hour after upload.
    with gr.Blocks(title="Role Assistant", delete_cache=(3600, 3600)) as demo:
        gr.Markdown(
            "# Role Assistant\nAsk about the **ML engineer** and **data scientist** roles. "
            "Every answer shows the passages of the documents it comes from."
        )
        state = gr.State(new_state())
        with gr.Tabs():
            with gr.Tab("Ask"):
                chatbot = gr.Chatbot(
                    label="Conversation",
                    elem_id="ra-chat",
                    height=520,
                    sanitize_html=True,
                    feedback_options=("Like", "Dislike"),
                    buttons=["copy"],
                    placeholder="Ask a question below, or pick an example.",
                    autoscroll=False,  # a new reply is shown from its top (SHOW_REPLY), not its end
                )
                box = gr.Textbox(
                    label="Your question",
                    placeholder="e.g. who deploys models?",
                    lines=1,
                    max_lines=4,
                    submit_btn="Ask",
                    autofocus=True,
                    elem_id="ra-question",
                )
                gr.Markdown("**Examples** (click to ask)")
                with gr.Row():
                    example_buttons = [gr.Button(q, size="sm", variant="secondary") for q in EXAMPLES]
                new = gr.Button("New conversation", size="sm", variant="secondary")
            with gr.Tab("Compare roles"):
                topic_filter = gr.Dropdown(
                    choices=topics_of(service.facts),
                    value=[],
                    multiselect=True,
                    label="Filter by topic",
                    info="Empty shows every topic. Click a statement for its evidence.",
                )
                table = gr.HTML(chat.compare([]), elem_id="ra-compare")
                topic_filter.change(chat.compare, topic_filter, table, api_visibility="private")
            with gr.Tab("Embed"):
                gr.Markdown(
                    "Put the assistant in your own page. The page's origin (for example "
                    "`https://intranet.example.com`) must be listed in `ASSISTANT_ALLOWED_ORIGINS` "
                    "on this server; the README explains each way."
                )
                code_boxes = [
                    gr.Code(value=code, language="html", label=label, interactive=False)
                    for label, code in embed_snippets(f"http://HOST{root_path}/").items()
                ]
            admin_tab(service, admin_token, job, sessions)
        footer_box = gr.Markdown(chat.footer(), elem_id="ra-footer")

        outputs = [box, chatbot, state, footer_box]
        box.submit(chat.respond, [box, chatbot, state], outputs, api_visibility="private").then(
            None, js=SHOW_REPLY, api_visibility="private"
        )
        for button in example_buttons:
            button.click(chat.respond, [button, chatbot, state], outputs, api_visibility="private").then(
                None, js=SHOW_REPLY, api_visibility="private"
            )
        demo.load(chat.on_load, None, [footer_box, table, topic_filter, *code_boxes], api_visibility="private")
        new.click(lambda: ([], new_state(), ""), None, [chatbot, state, box], api_visibility="private")
        chatbot.like(chat.vote, [state], None, api_visibility="private")
        chatbot.clear(new_state, None, state, api_visibility="private")
        gr.api(chat.ask, api_name="ask")
    return demo


def event_handlers(demo: gr.Blocks) -> dict[int, Handler]:
    """What a queued event must carry for each handler of `demo` (`events.EventGuard`): its
    number of inputs, and for a vote the event data Gradio reads (`gr.LikeData`)."""
    return {
        index: Handler(len(fn.inputs), ("index", "value") if any(event == "like" for _, event in fn.targets) else ())
        for index, fn in demo.fns.items()
    }

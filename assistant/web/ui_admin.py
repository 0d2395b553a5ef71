"""The Admin tab (inside the Blocks of `ui`): upload documents, see the corpus and each
document's status, remove one, rebuild and watch the progress, read the report.

It exists only when ASSISTANT_ADMIN_TOKEN is set, and every action checks the token again on
the server (a hidden tab is not access control: its handlers answer raw HTTP calls too)."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from assistant.errors import AssistantError
from assistant.web import admin
from assistant.web.database import StateUnavailable
from assistant.web.gaps import find_gaps
from assistant.web.render import escape, gaps_html
from assistant.web.service import Service

HEADERS = ["Document", "Size", "Status", "Detail"]


class AdminHandlers:
    """What the Admin tab does, as plain methods: each checks the token again on the server
    (a hidden panel is not access control). `admin_tab` only wires them to components."""

    def __init__(self, service: Service, token: str, job: admin.RebuildJob):
        self.service, self.token, self.job = service, token, job

    def _require(self, given: str | None) -> None:
        if not admin.token_ok(given, self.token):
            raise gr.Error("Wrong admin token.")

    def listing(self):
        rows = admin.corpus_rows(self.service.settings, self.service.embedder)
        return gr.update(value=rows), gr.update(choices=[r[0] for r in rows if r[2] != "removed"], value=None)

    def unlock(self, given: str):
        if not admin.token_ok(given, self.token):
            return gr.update(visible=False), "Wrong admin token.", gr.update(), gr.update()
        return (gr.update(visible=True), "", *self.listing())

    def refresh(self, given: str):
        self._require(given)
        return self.listing()

    def add(self, given: str, uploads: list | None):
        self._require(given)
        lines = []
        for path in uploads or []:
            path = Path(path)
            try:
                lines.append(admin.add_upload(self.service.settings.corpus_dir, path, path.name))
            except AssistantError as exc:
                lines.append(f"refused: {exc}")
        text = "\n".join(f"- {line}" for line in lines) or "No files chosen."
        return (text, None, *self.listing())

    def remove(self, given: str, doc_id: str | None):
        self._require(given)
        if not doc_id:
            return ("Choose a document to remove.", *self.listing())
        try:
            text = admin.remove_document(self.service.settings.corpus_dir, doc_id)
        except AssistantError as exc:
            text = f"refused: {exc}"
        return (text, *self.listing())

    def rebuild(self, given: str):
        self._require(given)
        started = self.job.begin()
        return (self.job.status_text() if started else "A rebuild is already running.", gr.Timer(active=True))

    def gaps(self, given: str) -> str:
        """The Gaps view, from the question log."""
        self._require(given)
        if self.service.questions is None:
            return (
                "<p>The question log is off. Start the server with <code>ASSISTANT_QUESTION_LOG=on</code> "
                "(questions are kept for <code>--question-log-days</code>, 30 by default) to see what people "
                "ask that the documents miss.</p>"
            )
        try:
            rows = self.service.questions.rows()
        except StateUnavailable as exc:
            return f"<p>The question log cannot be read: {escape(str(exc))}</p>"
        return gaps_html(find_gaps(rows, self.service.embedder, self.service.assistant.index.roles))

    def tick(self, given: str):
        if not admin.token_ok(given, self.token):
            return gr.update(), gr.update(), gr.Timer(active=False), gr.update(), gr.update()
        running = self.job.state.running
        rows = self.listing() if not running else (gr.update(), gr.update())
        return (self.job.status_text(), self.job.report_text(), gr.Timer(active=running), *rows)


def admin_tab(service: Service, token: str | None, job: admin.RebuildJob | None) -> None:
    with gr.Tab("Admin"):
        if not token or job is None:
            gr.Markdown(
                "The Admin tab is off. To manage documents here, start the server with an admin "
                "token: `ASSISTANT_ADMIN_TOKEN=some-long-secret assistant serve`, then enter it here."
            )
            return
        handlers = AdminHandlers(service, token, job)
        key = gr.Textbox(label="Admin token", type="password", placeholder="the value of ASSISTANT_ADMIN_TOKEN")
        unlock = gr.Button("Unlock", variant="primary")
        locked_note = gr.Markdown("")
        with gr.Column(visible=False) as panel:
            gr.Markdown("### Corpus")
            table = gr.Dataframe(
                headers=HEADERS, value=[], interactive=False, label="Documents and their status", wrap=True
            )
            refresh = gr.Button("Refresh list", size="sm")
            gr.Markdown(
                f"### Add documents\nAllowed: {', '.join(sorted(admin.ALLOWED_SUFFIXES))}; "
                f"at most {admin.MAX_UPLOAD_MB} MB each. A file with the name of an existing one replaces it."
            )
            files = gr.File(label="Documents to add", file_count="multiple", file_types=sorted(admin.ALLOWED_SUFFIXES))
            add = gr.Button("Add to corpus")
            gr.Markdown("### Remove a document")
            doomed = gr.Dropdown(label="Document to remove", choices=[], allow_custom_value=False)
            remove = gr.Button("Remove", variant="stop")
            gr.Markdown("### Rebuild the index")
            rebuild = gr.Button("Rebuild index", variant="primary")
            progress = gr.Markdown(job.status_text(), elem_id="ra-build-status")
            report = gr.Textbox(label="Build report", lines=10, max_lines=30, interactive=False)
            message = gr.Markdown("", elem_id="ra-admin-message")
            gr.Markdown(
                "### Gaps\nQuestions the documents did not answer, or whose answer was voted down, grouped "
                "by meaning (from the question log)."
            )
            show_gaps = gr.Button("Show gaps", size="sm")
            gaps_view = gr.HTML("", elem_id="ra-gaps")
            timer = gr.Timer(1.0, active=False)

        def wire(event, handler, inputs, outputs):
            # Named explicitly: private endpoints still answer raw HTTP, and tests call them so.
            event(handler, inputs, outputs, api_visibility="private", api_name=f"admin_{handler.__name__}")

        wire(unlock.click, handlers.unlock, key, [panel, locked_note, table, doomed])
        key.submit(
            handlers.unlock,
            key,
            [panel, locked_note, table, doomed],
            api_visibility="private",
            api_name="admin_unlock_enter",
        )
        wire(refresh.click, handlers.refresh, key, [table, doomed])
        wire(add.click, handlers.add, [key, files], [message, files, table, doomed])
        wire(remove.click, handlers.remove, [key, doomed], [message, table, doomed])
        wire(rebuild.click, handlers.rebuild, key, [progress, timer])
        wire(timer.tick, handlers.tick, key, [progress, report, timer, table, doomed])
        wire(show_gaps.click, handlers.gaps, key, gaps_view)

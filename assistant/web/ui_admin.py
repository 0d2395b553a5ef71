"""The Admin tab (inside the Blocks of `ui`): upload documents, see the corpus and each
document's status, remove one, rebuild and watch the progress, read the report.

It exists only when ASSISTANT_ADMIN_TOKEN is set, and every action checks the token again on
the server (a hidden tab is not access control: its handlers answer raw HTTP calls too)."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from assistant.web import admin
from assistant.errors import AssistantError
from assistant.web.service import Service

HEADERS = ["Document", "Size", "Status", "Detail"]


def admin_tab(service: Service, token: str | None, job: admin.RebuildJob | None) -> None:
    with gr.Tab("Admin"):
        if not token or job is None:
            gr.Markdown("The Admin tab is off. To manage documents here, start the server with an admin "
                        "token: `ASSISTANT_ADMIN_TOKEN=some-long-secret assistant serve`, then enter it here.")
            return
        settings = service.settings
        key = gr.Textbox(label="Admin token", type="password", placeholder="the value of ASSISTANT_ADMIN_TOKEN")
        unlock = gr.Button("Unlock", variant="primary")
        locked_note = gr.Markdown("")
        with gr.Column(visible=False) as panel:
            gr.Markdown("### Corpus")
            table = gr.Dataframe(headers=HEADERS, value=[], interactive=False, label="Documents and their status",
                                 wrap=True)
            refresh = gr.Button("Refresh list", size="sm")
            gr.Markdown(f"### Add documents\nAllowed: {', '.join(sorted(admin.ALLOWED_SUFFIXES))}; "
                        f"at most {admin.MAX_UPLOAD_MB} MB each. A file with the name of an existing one replaces it.")
            files = gr.File(label="Documents to add", file_count="multiple",
                            file_types=sorted(admin.ALLOWED_SUFFIXES))
            add = gr.Button("Add to corpus")
            gr.Markdown("### Remove a document")
            doomed = gr.Dropdown(label="Document to remove", choices=[], allow_custom_value=False)
            remove = gr.Button("Remove", variant="stop")
            gr.Markdown("### Rebuild the index")
            rebuild = gr.Button("Rebuild index", variant="primary")
            progress = gr.Markdown(job.status_text(), elem_id="ra-build-status")
            report = gr.Textbox(label="Build report", lines=10, max_lines=30, interactive=False)
            message = gr.Markdown("", elem_id="ra-admin-message")
            timer = gr.Timer(1.0, active=False)

        def refused():
            raise gr.Error("Wrong admin token.")

        def listing():
            rows = admin.corpus_rows(settings, service.embedder)
            return gr.update(value=rows), gr.update(choices=[r[0] for r in rows if r[2] != "removed"], value=None)

        def do_unlock(given):
            if not admin.token_ok(given, token):
                return gr.update(visible=False), "Wrong admin token.", gr.update(), gr.update()
            return (gr.update(visible=True), "", *listing())

        def do_refresh(given):
            if not admin.token_ok(given, token):
                refused()
            return listing()

        def do_add(given, uploads):
            if not admin.token_ok(given, token):
                refused()
            lines = []
            for path in uploads or []:
                path = Path(path)
                try:
                    lines.append(admin.add_upload(settings.corpus_dir, path, path.name))
                except AssistantError as exc:
                    lines.append(f"refused: {exc}")
            text = "\n".join(f"- {line}" for line in lines) or "No files chosen."
            return (text, None, *listing())

        def do_remove(given, doc_id):
            if not admin.token_ok(given, token):
                refused()
            if not doc_id:
                return ("Choose a document to remove.", *listing())
            try:
                text = admin.remove_document(settings.corpus_dir, doc_id)
            except AssistantError as exc:
                text = f"refused: {exc}"
            return (text, *listing())

        def do_rebuild(given):
            if not admin.token_ok(given, token):
                refused()
            started = job.begin()
            return (job.status_text() if started else "A rebuild is already running.", gr.Timer(active=True))

        def tick(given):
            if not admin.token_ok(given, token):
                return gr.update(), gr.update(), gr.Timer(active=False), gr.update(), gr.update()
            running = job.state.running
            rows = listing() if not running else (gr.update(), gr.update())
            return (job.status_text(), job.report_text(), gr.Timer(active=running), *rows)

        private = {"api_visibility": "private"}
        unlock.click(do_unlock, key, [panel, locked_note, table, doomed], **private)
        key.submit(do_unlock, key, [panel, locked_note, table, doomed], **private)
        refresh.click(do_refresh, key, [table, doomed], **private)
        add.click(do_add, [key, files], [message, files, table, doomed], **private)
        remove.click(do_remove, [key, doomed], [message, table, doomed], **private)
        rebuild.click(do_rebuild, key, [progress, timer], **private)
        timer.tick(tick, key, [progress, report, timer, table, doomed], **private)

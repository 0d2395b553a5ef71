"""What the Admin tab does, without the UI: check the token, take uploads into the corpus
folder safely, list the corpus with each document's status, remove a document, and run a
rebuild in the background while reporting its progress."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import shutil
import socket
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from assistant.build import BuildReport, build_index, current_manifest, make_plan
from assistant.errors import AssistantError, BadInput
from assistant.ingest import DATA_SUFFIXES, DOCUMENT_SUFFIXES, scan
from assistant.locks import read_progress
from assistant.progress import duration, stage_line
from assistant.store import IndexStore

log = logging.getLogger(__name__)

ALLOWED_SUFFIXES = DOCUMENT_SUFFIXES | DATA_SUFFIXES
MAX_UPLOAD_MB = 20
MIN_TOKEN_LENGTH = 12  # a shorter ASSISTANT_ADMIN_TOKEN is refused: it could be guessed
# What the first bytes of a file of each type must look like ("wrong type, right extension").
_MAGIC = {".pdf": (b"%PDF",), ".docx": (b"PK\x03\x04",)}


def token_ok(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison (of digests, so not even the length leaks); no configured
    token means no admin at all."""
    if not expected or not isinstance(given, str) or not given:
        return False
    digest = lambda text: hashlib.sha256(text.encode("utf-8")).digest()  # noqa: E731
    return hmac.compare_digest(digest(given), digest(expected))


def safe_name(filename: str) -> str:
    """A plain file name for the corpus folder: no directories, no leading dots, only
    letters, digits and `._- `; raises BadInput when nothing usable is left."""
    name = unicodedata.normalize("NFKC", os.path.basename(filename.replace("\\", "/")))
    name = re.sub(r"[^\w.\- ]", "_", name, flags=re.ASCII).strip(" .")
    name = re.sub(r"\.{2,}", ".", name)[:120]
    stem, suffix = os.path.splitext(name)
    if not stem or suffix.lower() not in ALLOWED_SUFFIXES:
        raise BadInput(f"'{filename}': only {', '.join(sorted(ALLOWED_SUFFIXES))} files can be added")
    return stem + suffix.lower()


def add_upload(corpus_dir: Path, upload: Path, original_name: str, max_mb: float = MAX_UPLOAD_MB) -> str:
    """Copy an uploaded file into the corpus folder; returns the line for the admin."""
    name = safe_name(original_name)
    size = upload.stat().st_size
    if size > max_mb * 1e6:
        raise BadInput(f"'{original_name}' is {size / 1e6:.1f} MB; the limit is {max_mb:.0f} MB")
    if size == 0:
        raise BadInput(f"'{original_name}' is empty")
    with upload.open("rb") as fh:
        head = fh.read(65536)
    suffix = Path(name).suffix
    if suffix in _MAGIC and not head.startswith(_MAGIC[suffix]):
        raise BadInput(f"'{original_name}' is not a {suffix} file (its content says otherwise)")
    if suffix not in _MAGIC and b"\x00" in head:
        raise BadInput(f"'{original_name}' holds binary data, not {suffix} text")
    corpus = corpus_dir.resolve()
    target = (corpus / name).resolve()
    if target.parent != corpus:  # belt and braces: safe_name already allows no separators
        raise BadInput(f"'{original_name}' would land outside the corpus folder")
    existed = target.exists()
    staging = corpus / f".upload-{os.getpid()}-{threading.get_ident()}-{name}"
    shutil.copyfile(upload, staging)
    os.replace(staging, target)
    return f"{'replaced' if existed else 'added'} {name} ({_size(size)}); rebuild to index it"


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.1f} KB" if size >= 1e3 else f"{size} bytes"


def remove_document(corpus_dir: Path, doc_id: str) -> str:
    files, skipped = scan(corpus_dir)
    known = {f.doc_id for f in files} | {s.doc_id for s in skipped}
    if doc_id not in known:
        raise BadInput(f"'{doc_id}' is not in the corpus")
    target = (corpus_dir / doc_id).resolve()
    if corpus_dir.resolve() not in target.parents:
        raise BadInput(f"'{doc_id}' is outside the corpus folder")
    target.unlink()
    return f"removed {doc_id}; rebuild to drop it from the index"


def corpus_rows(settings, embedder) -> list[list[str]]:
    """Document, size, status, detail: the published status, or what the next build will do."""
    files, skipped = scan(settings.corpus_dir)
    manifest = current_manifest(IndexStore(settings.index_dir))
    plan = make_plan(files, manifest, settings, embedder)
    documents = (manifest or {}).get("documents", {})
    rows = []
    for f in files:
        if f.doc_id in plan.added:
            status, detail = "pending", "new: rebuild to index it"
        elif f.doc_id in plan.changed:
            status, detail = "pending", "changed: rebuild to index it"
        else:
            entry = documents.get(f.doc_id, {})
            status, detail = entry.get("status", "indexed"), entry.get("detail", "")
        rows.append([f.doc_id, _size(f.size), status, detail])
    rows += [[s.doc_id, "", "skipped", s.reason] for s in skipped]
    rows += [[d, "", "removed", "rebuild to drop it from the index"] for d in plan.removed]
    return rows


@dataclass
class JobState:
    running: bool = False
    stage: str = ""
    done: int = 0
    total: int = 0
    unit: str = ""
    stage_started: float = 0.0
    started: float = 0.0
    report: BuildReport | None = None
    error: str | None = None
    seconds: float = 0.0  # how long the finished rebuild took


class RebuildJob:
    """One background rebuild at a time, with its progress readable from any thread."""

    def __init__(self, settings, embedder, on_published=lambda: None):
        self.settings, self.embedder, self.on_published = settings, embedder, on_published
        self.state = JobState()
        self._lock = threading.Lock()

    # Progress protocol (assistant.build.Progress), called from the build thread.
    def start(self, stage: str, total: int, unit: str) -> None:
        with self._lock:
            self.state.stage, self.state.total, self.state.done, self.state.unit = stage, total, 0, unit
            self.state.stage_started = time.perf_counter()

    def advance(self, n: int = 1) -> None:
        with self._lock:
            self.state.done += n

    def begin(self, force: bool = False) -> bool:
        """Start a rebuild; False when one is already running (here, or on another replica)."""
        elsewhere = read_progress(self.settings.index_dir)
        with self._lock:
            if self.state.running or (elsewhere is not None and elsewhere.get("running")):
                return False
            self.state = JobState(running=True, started=time.perf_counter())
        threading.Thread(target=self._run, args=(force,), daemon=True, name="rebuild").start()
        return True

    def _run(self, force: bool) -> None:
        report, error = None, None
        try:
            # One reading process: the service goes on answering on the other cores meanwhile.
            report = build_index(self.settings, self.embedder, progress=self, force=force, wait=True, workers=1)
            if report.published:
                self.on_published()
        except AssistantError as exc:
            error = str(exc)
        except Exception as exc:  # noqa: BLE001 - shown to the admin as one line, logged in full
            log.exception("rebuild failed")
            error = f"the rebuild failed unexpectedly ({type(exc).__name__}: {exc}); the index in service is unchanged"
        with self._lock:
            self.state.running = False
            self.state.report, self.state.error = report, error
            self.state.seconds = time.perf_counter() - self.state.started

    def last_build(self) -> dict | None:
        """The last build on the index folder, for /metrics: its seconds and outcome, whoever
        ran it (this server, another replica, `assistant build`), else this server's last."""
        shared = read_progress(self.settings.index_dir)
        if shared is not None and not shared.get("running") and "finished" in shared:
            seconds = float(shared["finished"]) - float(shared.get("started", shared["finished"]))
            return {"outcome": str(shared.get("outcome", "unknown")), "seconds": seconds}
        with self._lock:
            s = self.state
            if s.running:
                return None
            if s.error:
                return {"outcome": "failed", "seconds": s.seconds}
            if s.report is not None:
                return {"outcome": "published" if s.report.published else "up_to_date", "seconds": s.seconds}
            return None

    def status_text(self) -> str:
        """The rebuild's progress: this server's, else what any replica's build wrote."""
        with self._lock:
            s = self.state
            if not s.running:
                shared = read_progress(self.settings.index_dir)
                if shared is not None and (shared.get("running") or s.report is None and not s.error):
                    return shared_status(shared)
            if s.running and not s.stage:
                return "Rebuilding: starting…"
            if s.running:
                now = time.perf_counter()
                line = stage_line(s.stage, s.done, s.total, s.unit, now - s.stage_started)
                return f"Rebuilding: {line}; {duration(now - s.started)} so far"
            if s.error:
                return f"Rebuild failed: {s.error}"
            if s.report is not None:
                return s.report.summary()
            return "No rebuild has run since the server started."

    def report_text(self) -> str:
        with self._lock:
            r = self.state.report
        if r is None:
            return ""
        lines = r.file_lines() + [f"warning: {p}" for p in r.problems]
        if roles := r.roles_line():
            lines.append(roles)
        if r.quality:
            lines.append(f"quality: {r.quality}")
        return "\n".join(lines)


def shared_status(shared: dict) -> str:
    """A build's progress as written to index/build.progress.json (assistant.locks)."""
    where = f" on {shared.get('host')}" if shared.get("host") != socket.gethostname() else ""
    if not shared.get("running"):
        finished = time.strftime("%H:%M:%S", time.localtime(float(shared.get("finished", 0))))
        return f"Last build{where}, finished at {finished}: {shared.get('summary', '')}"
    done, total, unit = int(shared.get("done", 0)), int(shared.get("total", 0)), str(shared.get("unit", ""))
    now = time.time()
    seconds = now - float(shared.get("started", now))
    in_stage = now - float(shared.get("stage_started", now))
    line = stage_line(str(shared.get("stage") or "starting"), done, total, unit, in_stage)
    return f"Rebuilding{where}: {line}; {duration(seconds)} so far"

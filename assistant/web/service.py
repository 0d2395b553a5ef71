"""The assistant in service for the web app and API: it owns the loaded index, the model, the
database of shared state (votes, the question log), and swaps in a newly published index
without a restart.

A watcher thread looks at `index/current` every second; when a build has published a new
index it is loaded beside the old one and swapped in with one reference assignment, so a
request that already holds the old assistant finishes on it. An index that fails to load is
logged and the last good one stays in service.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from assistant.answer import Answer
from assistant.build import open_for_questions
from assistant.config import Settings
from assistant.embed.base import Embedder
from assistant.embed.factory import embedder_for_index
from assistant.engine import Assistant
from assistant.errors import AssistantError, IndexInvalid
from assistant.record import Record, RecordKind
from assistant.store import IndexStore
from assistant.web.database import Database, StateUnavailable, open_database
from assistant.web.feedback import FeedbackStore
from assistant.web.observe import Metrics, write_line
from assistant.web.questionlog import QuestionLog

log = logging.getLogger(__name__)


class Service:
    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        assistant: Assistant,
        database: Database,
        question_log: QuestionLog | None = None,
    ):
        self.settings = settings
        self.embedder = embedder
        self.database = database
        self.feedback = FeedbackStore(database)
        self.questions = question_log  # None: the question log is off (the default)
        self.metrics: Metrics | None = None  # set by the app when /metrics is on
        self.json_lines = False  # one JSON line per answered chat question (--log-format json)
        self._assistant = assistant
        self._reload_lock = threading.Lock()
        self._refused: Path | None = None  # a published index that failed to load (said once)
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None

    @classmethod
    def start(
        cls,
        settings: Settings,
        embedder: Embedder,
        notify=lambda message: None,
        question_log_days: int | None = None,
    ) -> Service:
        """Load the index (building it first if there is none or the corpus changed) and open
        the database; `question_log_days` turns the question log on, with that retention."""
        try:
            assistant = _assistant(*open_for_questions(settings, embedder, notify=notify), settings)
        except IndexInvalid as exc:
            assistant = _last_good(settings, embedder, exc, notify)
        database = open_database(settings.database_url, settings.index_dir)
        try:
            database.migrate()
        except StateUnavailable as exc:  # answering matters more than voting
            notify(f"warning: votes are off until the database can be used: {exc}")
        log_ = QuestionLog(database, question_log_days) if question_log_days else None
        return cls(settings, embedder, assistant, database, log_)

    def observe(self, metrics: Metrics | None, json_lines: bool) -> None:
        """Count questions and their stages for /metrics; log chat answers as JSON lines."""
        self.metrics, self.json_lines = metrics, json_lines
        hook = self._assistant.stage_done
        if isinstance(hook, _StageHook):
            hook.metrics = metrics

    def health(self) -> dict:
        """ "ok", or "degraded" with the reason (answers go on; votes and logging do not)."""
        problem = self.database.problem
        return {"status": "degraded", "reason": problem} if problem else {"status": "ok"}

    def log_question(self, answer: Answer, build: str | None, conversation: str = "", message: int = -1) -> None:
        """Keep the question in the question log, when it is on (written in the background:
        never waits for the database, never fails the answer)."""
        if self.questions is not None:
            self.questions.record(answer, build, conversation, message)

    @property
    def assistant(self) -> Assistant:
        return self._assistant

    def ask(self, question: str, history: list[str] | None = None, k: int | None = None) -> Answer:
        return self.answer_with(self._assistant, question, history or [], k, endpoint="api")

    def answer_with(
        self,
        assistant: Assistant,
        question: str,
        history: list[str],
        k: int | None = None,
        endpoint: str = "api",
        conversation: str = "",
        message: int = -1,
    ) -> Answer:
        """Answer with `assistant` (one index for the whole request, even if a new one arrives
        meanwhile), counting it for /metrics and keeping it in the question log when on."""
        started = time.perf_counter()
        if self.metrics is not None:
            self.metrics.start_question()
        answer = assistant.ask(question, history, k)
        build = assistant.index.manifest.get("build_id")
        if self.metrics is not None:
            self.metrics.answered(answer, endpoint)
        self.log_question(answer, build, conversation, message)
        if self.json_lines and endpoint == "chat":  # the API's requests are logged by RequestLog
            write_line(
                endpoint="chat",
                status=200,
                ms=(time.perf_counter() - started) * 1000,
                abstained=answer.abstained,
                build_id=build,
                **({"question": answer.question} if self.questions is not None else {}),
            )
        return answer

    def vote(self, record: dict, liked: bool | None, conversation: str, message: int) -> None:
        """Store a vote on a reply (raises FeedbackError when it cannot be saved), count it,
        and attach it to the reply's logged question."""
        self.feedback.record(
            record["question"],
            record["resolved_question"],
            record["passage_ids"],
            liked,
            record.get("build"),
            session=conversation,
            message=message,
        )
        if self.metrics is not None:
            self.metrics.votes.labels({True: "up", False: "down", None: "taken back"}[liked]).inc()
        if self.questions is not None:
            self.questions.vote(conversation, message, None if liked is None else 1 if liked else -1)

    @property
    def manifest(self) -> dict:
        return self._assistant.index.manifest

    @property
    def facts(self) -> list[Record]:
        return [c for c in self._assistant.index.records if c.kind == RecordKind.FACT]

    def reload_if_published(self) -> bool:
        """Swap in the published index if it is not the one in service; True when swapped."""
        with self._reload_lock:
            store = IndexStore(self.settings.index_dir)
            current = store.current_path()
            if current is None or current in (self._assistant.index.path, self._refused):
                return False
            try:
                asking = self._asking(store.read_manifest(current))
                index = store.load(asking, folder=current)
            except AssistantError as exc:
                log.error("the newly published index was not taken into service: %s", exc)
                self._refused = current
                return False
            self._assistant = _assistant(index, asking, self.settings, self._assistant.stage_done)
            log.warning("now serving index %s", index.manifest.get("build_id"))
            return True

    def _asking(self, manifest: dict) -> Embedder:
        """The embedder for questions to a new index: the one in service when it made its
        vectors, else as `embedder_for_index` chooses (the configured one, or the index's own)."""
        if self._assistant.embedder.fingerprint() == manifest.get("model", {}).get("fingerprint"):
            return self._assistant.embedder
        return embedder_for_index(self.embedder, manifest, self.settings)

    def watch(self, interval: float = 1.0) -> None:
        """Check for a newly published index every `interval` seconds, in the background."""

        def loop():
            while not self._stop.wait(interval):
                try:
                    self.reload_if_published()
                except Exception:  # noqa: BLE001 - the watcher must outlive any one failure
                    log.exception("checking for a new index failed")

        self._watcher = threading.Thread(target=loop, daemon=True, name="index-watcher")
        self._watcher.start()

    def close(self) -> None:
        if self.questions is not None:
            self.questions.close()
        self.database.close()
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(timeout=5)


def _last_good(settings: Settings, embedder: Embedder, problem: IndexInvalid, notify) -> Assistant:
    """The newest earlier build that still loads, when the published one does not; else the error."""
    store = IndexStore(settings.index_dir)
    current = store.current_path()
    for folder in store.loadable_builds():
        if folder == current:
            continue
        try:
            asking = embedder_for_index(embedder, store.read_manifest(folder), settings)
            index = store.load(asking, folder=folder)
        except IndexInvalid:
            continue
        notify(f"warning: {problem}")
        notify(f"warning: serving the previous index {folder.name} until `assistant build` repairs it")
        return _assistant(index, asking, settings)
    raise problem


class _StageHook:
    """What an Assistant tells when each stage of a question ends, passed on to /metrics."""

    def __init__(self) -> None:
        self.metrics: Metrics | None = None

    def __call__(self, stage: str) -> None:
        if self.metrics is not None:
            self.metrics.stage_done(stage)


def _assistant(index, embedder: Embedder, settings: Settings, hook=None) -> Assistant:
    return Assistant(index, embedder, settings, stage_done=hook or _StageHook())

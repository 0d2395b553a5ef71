"""The assistant in service for the web app and API: it owns the loaded index, the model and
the feedback store, and swaps in a newly published index without a restart.

A watcher thread looks at `index/current` every second; when a build has published a new
index it is loaded beside the old one and swapped in with one reference assignment, so a
request that already holds the old assistant finishes on it. An index that fails to load is
logged and the last good one stays in service.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from assistant.answer import Answer
from assistant.build import ensure_index
from assistant.config import Settings
from assistant.embed.base import Embedder
from assistant.engine import Assistant
from assistant.errors import AssistantError, IndexInvalid
from assistant.record import Record, RecordKind
from assistant.store import IndexStore
from assistant.web.feedback import FeedbackError, FeedbackStore, feedback_path

log = logging.getLogger(__name__)


class Service:
    def __init__(self, settings: Settings, embedder: Embedder, assistant: Assistant, feedback: FeedbackStore | None):
        self.settings = settings
        self.embedder = embedder
        self.feedback = feedback
        self._assistant = assistant
        self._reload_lock = threading.Lock()
        self._refused: Path | None = None  # a published index that failed to load (said once)
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None

    @classmethod
    def start(cls, settings: Settings, embedder: Embedder, notify=lambda message: None) -> Service:
        """Load the index (building it first if there is none or the corpus changed)."""
        try:
            assistant = Assistant(ensure_index(settings, embedder, notify=notify), embedder, settings)
        except IndexInvalid as exc:
            assistant = _last_good(settings, embedder, exc, notify)
        try:
            feedback = FeedbackStore(feedback_path(settings.index_dir))
        except FeedbackError as exc:  # answering matters more than voting
            notify(f"warning: votes are off: {exc}")
            feedback = None
        return cls(settings, embedder, assistant, feedback)

    @property
    def assistant(self) -> Assistant:
        return self._assistant

    def ask(self, question: str, history: list[str] | None = None, k: int | None = None) -> Answer:
        return self._assistant.ask(question, history or [], k)

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
                index = store.load(self.embedder, folder=current)
            except AssistantError as exc:
                log.error("the newly published index was not taken into service: %s", exc)
                self._refused = current
                return False
            self._assistant = Assistant(index, self.embedder, self.settings)
            log.warning("now serving index %s", index.manifest.get("build_id"))
            return True

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
            index = store.load(embedder, folder=folder)
        except IndexInvalid:
            continue
        notify(f"warning: {problem}")
        notify(f"warning: serving the previous index {folder.name} until `assistant build` repairs it")
        return Assistant(index, embedder, settings)
    raise problem

"""The assistant in service for the web app and API: one place that owns the loaded index,
the model and the feedback store, created once by `assistant serve` and passed down."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from assistant.answer import Answer
from assistant.chunk import Chunk
from assistant.config import Settings
from assistant.embed import Embedder
from assistant.engine import Assistant, open_assistant
from assistant.feedback import FeedbackStore, feedback_path

log = logging.getLogger(__name__)


@dataclass
class Service:
    settings: Settings
    assistant: Assistant
    feedback: FeedbackStore

    @classmethod
    def start(cls, settings: Settings, embedder: Embedder, notify=lambda message: None) -> "Service":
        """Load the index (building it first if there is none or the corpus changed)."""
        assistant = open_assistant(settings, embedder, notify=notify)
        return cls(settings, assistant, FeedbackStore(feedback_path(settings.index_dir)))

    def ask(self, question: str, history: list[str] | None = None, k: int | None = None) -> Answer:
        return self.assistant.ask(question, history or [], k)

    @property
    def manifest(self) -> dict:
        return self.assistant.index.manifest

    @property
    def facts(self) -> list[Chunk]:
        return [c for c in self.assistant.index.chunks if c.kind == "fact"]

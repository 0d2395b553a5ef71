"""The assistant: one object that answers a question (with its conversation) from a loaded
index. The CLI, the web app and the API all call `Assistant.ask` and nothing below it."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from assistant.answer import (
    Answer,
    abstention,
    rank,
    select,
    to_passages,
    with_answer_fact,
    with_line_passages,
)
from assistant.claim import choose
from assistant.config import MAX_HISTORY, MAX_QUESTION_CHARS, Settings
from assistant.described import Described, Document, describe, read_document
from assistant.embed.base import Embedder, model_words
from assistant.errors import BadInput
from assistant.evidence import Evidence
from assistant.followup import resolve
from assistant.question import frame
from assistant.record import RecordKind
from assistant.retrieve import Retriever, ignore_stage
from assistant.spelling import Speller
from assistant.store import Index


class Assistant:
    def __init__(
        self,
        index: Index,
        embedder: Embedder,
        settings: Settings,
        stage_done: Callable[[str], None] | None = None,
        cache_size: int = 1024,
    ):
        self.index = index
        self.embedder = embedder  # questions are embedded as this index's passages were
        self.settings = settings
        self.stage_done = stage_done or ignore_stage  # told when each stage ends (bench/perf.py, /metrics)
        self.retriever = Retriever(index, embedder, settings.retrieval, stage_done)
        self._document = lru_cache(maxsize=8192)(self._read_document)
        # Earlier questions of a conversation are asked again with every follow-up; their
        # roles are remembered (bounded) so that costs one retrieval, not one per turn.
        self._role_of = lru_cache(maxsize=1024)(self._answer_role)
        # Example buttons and popular questions repeat: a repeated question is answered from
        # memory (answers are immutable; a new index comes with a new Assistant and cache).
        self._cached = lru_cache(maxsize=cache_size)(self._ask) if cache_size else self._ask
        # The answer line weighs the sentences of the passages on screen, which repeat across questions.
        self._describe = lru_cache(maxsize=8192)(self._described)
        # "secuirty analyst" is the security analyst; "pay range" is no park ranger's
        words = model_words(embedder.path) if hasattr(embedder, "path") else frozenset()
        self._speller = Speller(index.roles, self._uses, words)

    def ask(self, question: str, history: list[str] | tuple[str, ...] = (), k: int | None = None) -> Answer:
        """Answer `question`, reading pronouns and ellipses against the earlier `history`."""
        k = self.settings.k if k is None else k
        if not isinstance(question, str):
            raise BadInput(f"the question must be text, not {type(question).__name__}")
        if not any(c.isalnum() for c in question):  # "", "   ", "?!"
            raise BadInput("the question is empty: type a question about a role, for example “who deploys models?”")
        if not isinstance(history, (list, tuple)) or not all(isinstance(h, str) for h in history):
            raise BadInput("the history must be a list of earlier questions (strings)")
        if not isinstance(k, int) or k < 1:
            raise BadInput(f"k must be a whole number of at least 1 (got {k!r})")
        # Only the latest turns matter for what "they" means, and each costs a retrieval.
        history = tuple(_text(h).strip()[:MAX_QUESTION_CHARS] for h in history if h.strip())[-MAX_HISTORY:]
        # Cut before the cache: its keys hold the question, so a long one must not be kept whole.
        question = _text(question).strip()
        cut = len(question) > MAX_QUESTION_CHARS
        return self._cached(question[:MAX_QUESTION_CHARS], history, k, cut)

    def _ask(self, question: str, history: tuple[str, ...], k: int, cut: bool = False) -> Answer:
        notices = []
        if cut:
            notices.append(f"the question was cut to its first {MAX_QUESTION_CHARS:,} characters")
        roles = self.index.roles
        read, corrections = self._speller.correct(question)
        notices += corrections
        earlier = [roles.normalise(self._speller.correct(h)[0]) for h in history]
        resolution = resolve(roles.normalise(read), earlier, roles, self._role_of)
        self.stage_done("normalise")
        return self._answer(question, resolution.text, k, resolution.note, tuple(notices))

    def _answer(self, question: str, resolved: str, k: int, note: str | None, notices: tuple[str, ...]) -> Answer:
        roles = self.index.roles
        retrieval = self.retriever.search(resolved)
        question_frame = frame(resolved, roles)
        ranked = rank(retrieval, question_frame, self.settings.retrieval)
        # The answer line may come from a few more passages than are shown; its own is then shown.
        pool = select(ranked, self.index.rows, self.index.records, max(k, self.settings.retrieval.line_passages))
        shown = pool[:k]
        self.stage_done("fusion")
        terms = set(retrieval.terms)
        reason = abstention(retrieval, self.settings.retrieval, bool(question_frame.roles))
        if reason:
            passages = to_passages(shown, terms, self._sentence_terms)
            self.stage_done("answer building")
            return Answer(
                question=question,
                resolved_question=resolved,
                answer=None,
                role=None,
                abstained=True,
                reason=reason,
                passages=passages,
                note=note,
                notices=notices,
                reason_kind="off_topic",
            )
        evidence = Evidence(
            resolved,
            question_frame,
            retrieval,
            self.index,
            self.settings.retrieval,
            self._describe,
        )
        line = choose(resolved, evidence, ranked, [s.passage for s in pool])
        shown = with_line_passages(shown, pool, ranked, line.passages)
        passages = to_passages(with_answer_fact(shown, line.fact), terms, self._sentence_terms, line.highlight)
        self.stage_done("answer building")
        return Answer(
            question=question,
            resolved_question=resolved,
            answer=line.text,
            role=line.role,
            abstained=line.reason is not None,
            reason=line.reason,
            passages=passages,
            note=note,
            notices=notices,
            quoted=line.quoted,
            reason_kind=line.reason_kind,
        )

    def _described(self, row: int) -> Described:
        record = self.index.records[row]
        if record.kind != RecordKind.PASSAGE:
            return describe(record, self.index.roles, self.index.keyword.analyzer)
        doc = self._document(record.doc_id)
        return describe(record, self.index.roles, self.index.keyword.analyzer, doc.about, doc.names, doc.levels)

    def _read_document(self, doc_id: str) -> Document:
        rows = self.index.passages_of.get(doc_id, [])
        return read_document([self.index.records[row] for row in rows], self.index.roles)

    def _uses(self, word: str) -> bool:
        """Whether the documents use `word` (a stop word counts as used)."""
        terms = self.index.keyword.analyzer.terms([word])[0]
        return not terms or bool(self.index.keyword.known(terms))

    def _sentence_terms(self, row: int) -> list[frozenset[str]]:
        return [s.terms for s in self._describe(row).sentences]

    def _answer_role(self, question: str) -> str | None:
        """The role the answer to an earlier question named (None when it abstained)."""
        answer = self._answer(question, question, self.settings.k, None, ())
        return None if answer.abstained else answer.role


def _text(text: str) -> str:
    """Text that every library can take: a lone surrogate (from a malformed JSON escape, or
    an undecodable command-line byte) becomes "?"."""
    return text.encode("utf-8", "replace").decode("utf-8")

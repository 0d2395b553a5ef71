"""The rows of the index: document passages and role facts, in one record type."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RecordKind(StrEnum):
    # "article" is the word of the result JSON (`passages[].kind`) for a document passage.
    PASSAGE = "article"
    FACT = "fact"


@dataclass(frozen=True)
class Record:
    """One row of the index: a document passage or a role fact."""

    id: str
    kind: RecordKind
    doc_id: str
    title: str
    section: str
    start: int
    end: int
    text: str
    sentences: tuple[tuple[int, int], ...] = ()  # sentence spans relative to `text`
    # Only for facts:
    role: str | None = None
    topic: str | None = None
    evidence: str | None = None
    passage_id: str | None = None  # id of the passage that holds the evidence
    extracted: bool = False  # a sentence of a document whose subject is a role, not a curated fact
    vector_key: str = ""  # sha256 of the text that was embedded (indexing_text.dense_text)

    @classmethod
    def from_dict(cls, d: dict) -> Record:
        d = dict(d)
        d["kind"] = RecordKind(d["kind"])
        d["sentences"] = tuple(tuple(s) for s in d.get("sentences", ()))
        return cls(**d)

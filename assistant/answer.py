"""From ranked hits to what the user sees.

Results are document passages. Role facts are a device of the index: a fact that matches
the question points at the passage holding its evidence, and that passage is shown once,
marked as a fact, with the evidence sentence highlighted; the best facts also make the
one-line direct answer. When the documents do not cover the question, the result says why
and still lists the nearest passages as only possibly related.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from assistant.config import RetrievalSettings
from assistant.question import Frame
from assistant.record import Record, RecordKind
from assistant.retrieve import Hit, Retrieval
from assistant.roles import BOTH


@dataclass(frozen=True)
class Passage:
    rank: int
    id: str  # passage id ("doc.md#3")
    kind: str  # "fact" when a role fact led to it, else "article"
    text: str
    source: str
    section: str
    score: float  # what the ranking used: fused × prior
    dense: float
    keyword: float
    fused: float
    prior: float  # role fit (1 unless the record's role does not fit the question)
    highlight: str  # the best matching sentence of `text`
    evidence: str | None  # the fact's evidence quote
    fact: str | None  # the fact's statement
    role: str | None  # the fact's role

    def to_json(self) -> dict:
        return {
            "rank": self.rank,
            "text": self.text[:1000],
            "source": self.source,
            "section": self.section,
            "kind": self.kind,
            "score": round(self.score, 4),
            "highlight": self.highlight,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class Answer:
    question: str
    resolved_question: str
    answer: str | None
    role: str | None
    abstained: bool
    reason: str | None
    passages: tuple[Passage, ...]
    note: str | None = None  # how a follow-up was understood
    notices: tuple[str, ...] = field(default=())  # e.g. "question cut to 2,000 characters"
    quoted: bool = False  # the answer line quotes a document, with its source
    reason_kind: str | None = None  # why it abstained, as a label: off_topic, topic, role, amount

    def to_json(self) -> dict:
        """The result JSON: exactly these keys (a contract for scripts and the web API)."""
        return {
            "question": self.question,
            "resolved_question": self.resolved_question,
            "answer": self.answer,
            "role": self.role,
            "abstained": self.abstained,
            "reason": self.reason,
            "passages": [p.to_json() for p in self.passages],
        }


@dataclass(frozen=True)
class Shown:
    """One result: a passage, the fact that ranked it (if one did), and the answer line's fact
    when that fact's evidence lies in this passage."""

    passage: Hit
    ranking_fact: Hit | None
    answer_fact: Hit | None = None

    @property
    def evidence_fact(self) -> Hit | None:
        """The fact whose evidence the passage shows: the answer's, else the ranking one."""
        return self.answer_fact or self.ranking_fact

    @property
    def score(self) -> float:
        return max(self.passage.score, self.ranking_fact.score if self.ranking_fact else 0.0)


def rank(retrieval: Retrieval, question: Frame, settings: RetrievalSettings) -> list[Hit]:
    """Hits re-scored by what their role says about fitting the question: a fact about a
    role the question did not name is pushed down; a fact about both roles less so, when the
    question names one role or asks which role."""
    allowed = set(question.roles) if question.roles and not question.comparison else None

    def adjusted(hit: Hit) -> Hit:
        role = hit.record.role
        factor = 1.0
        if role == BOTH:
            if allowed is not None or question.role_seeking:
                factor = settings.both_penalty
        elif role is not None and allowed is not None and role not in allowed:
            factor = settings.role_mismatch_penalty
        return hit if factor == 1.0 else Hit(hit.row, hit.record, hit.dense, hit.keyword, hit.fused, factor)

    return sorted(map(adjusted, retrieval.hits), key=lambda h: -h.score)


def select(hits: list[Hit], by_id: dict[str, int], records: list[Record], k: int) -> list[Shown]:
    """The `k` best passages, each once, reached directly or through their best fact."""
    shown: list[Shown] = []
    seen: set[str] = set()
    passages = {h.record.id: h for h in hits if h.record.kind != RecordKind.FACT}
    facts: dict[str, Hit] = {}
    for hit in hits:
        if hit.record.kind == RecordKind.FACT and hit.record.passage_id:
            facts.setdefault(hit.record.passage_id, hit)
    for hit in hits:
        if len(shown) >= k:
            break
        pid = hit.record.passage_id if hit.record.kind == RecordKind.FACT else hit.record.id
        if not pid or pid in seen:
            continue
        seen.add(pid)
        passage = passages.get(pid) or _unscored(records[by_id[pid]], by_id[pid])
        shown.append(Shown(passage, ranking_fact=facts.get(pid)))
    return sorted(shown, key=lambda s: -s.score)


def _unscored(record: Record, row: int) -> Hit:
    """A passage that only its fact brought in: its own scores are unknown, not zero."""
    return Hit(row, record, 0.0, 0.0, 0.0)


def abstention(retrieval: Retrieval, settings: RetrievalSettings, names_role: bool = False) -> str | None:
    """Why the documents do not cover the question, or None when they do. Three signals,
    calibrated on held-out on- and off-topic questions (bench/calibrate.py): how close in
    meaning the best record is, whether any content word of the question occurs in the
    documents (a role it names is one: the keyword index holds no role names, `names_role`), and
    whether the question names something (a name, an acronym) they never do."""
    best = retrieval.best_dense
    if best < settings.min_dense:
        return (
            f"nothing in the documents is close enough in meaning (best similarity {_below(best)}, "
            f"threshold {settings.min_dense:.2f})"
        )
    if not retrieval.known_terms and not names_role and best < settings.min_dense_no_keywords:
        return (
            f"none of the question's words occurs in the documents and the best similarity "
            f"{_below(best)} is below {settings.min_dense_no_keywords:.2f}"
        )
    if retrieval.unknown_names and best < settings.min_dense_unknown_name:
        names = ", ".join(retrieval.unknown_names[:3])
        return (
            f"the documents never mention {names}, and the best similarity {_below(best)} is below "
            f"{settings.min_dense_unknown_name:.2f}"
        )
    return None


def _below(similarity: float) -> str:
    """A similarity as a reason gives it, rounded down: 0.549 under a threshold of 0.55 reads
    "0.54 is below 0.55", not "0.55 is below 0.55"."""
    return f"{math.floor(similarity * 100 + 1e-9) / 100:.2f}"


def highlight(record: Record, evidence: str | None, query_terms: set[str], terms: list[frozenset[str]]) -> str:
    """The sentence holding the fact's evidence, else the one sharing the most question
    terms (the first on a tie); `terms` are the keyword terms of each sentence."""
    sentences = [record.text[s:e] for s, e in record.sentences] or [record.text]
    if evidence:
        holding = [s for s in sentences if evidence in s or s in evidence]
        if holding:
            return holding[0]
    overlaps = [len(query_terms & t) for t in terms] or [0]
    return sentences[max(range(len(sentences)), key=lambda i: (overlaps[i] if i < len(overlaps) else 0, -i))]


def to_passages(
    shown: list[Shown],
    query_terms: set[str],
    sentence_terms: Callable[[int], list[frozenset[str]]],
    marked: tuple[str, str] | None = None,
) -> tuple[Passage, ...]:
    """The passages as shown; `marked` (passage id, sentence) is the answer line's sentence,
    highlighted in its passage so line and passage agree. `sentence_terms(row)` gives the
    keyword terms of each sentence of a passage."""
    out = []
    for n, s in enumerate(shown, 1):
        c = s.passage.record
        line = marked[1] if marked is not None and marked[0] == c.id else None  # shown instead of a fact
        f = s.evidence_fact.record if s.evidence_fact and line is None else None
        best_sentence = line or highlight(c, f.evidence if f else None, query_terms, sentence_terms(s.passage.row))
        best = s.ranking_fact if s.ranking_fact and s.ranking_fact.score >= s.passage.score else s.passage
        out.append(
            Passage(
                rank=n,
                id=c.id,
                kind="fact" if f else c.kind,
                text=c.text,
                source=c.doc_id,
                section=c.section,
                score=s.score,
                dense=best.dense,
                keyword=best.keyword,
                fused=best.fused,
                prior=best.prior,
                highlight=best_sentence,
                evidence=f.evidence if f else None,
                fact=f.text if f else None,
                role=f.role if f else None,
            )
        )
    return tuple(out)


def with_line_passages(
    shown: list[Shown], pool: list[Shown], ranked: list[Hit], needed: tuple[str, ...]
) -> list[Shown]:
    """`shown`, with the passages the answer line comes from in place of the lowest ones."""
    on_screen = {s.passage.record.id for s in shown}
    if all(pid in on_screen for pid in needed):
        return shown
    known = {h.record.id: Shown(h, None) for h in ranked if h.record.kind == RecordKind.PASSAGE}
    known.update({s.passage.record.id: s for s in pool})
    missing = [known[pid] for pid in needed if pid not in on_screen and pid in known]
    if not missing:
        return shown
    keep = len(shown) - len(missing)
    return sorted(shown[: max(0, keep)] + missing, key=lambda s: -s.score)[: len(shown)]


def with_answer_fact(shown: list[Shown], fact: Hit | None) -> list[Shown]:
    """The passage holding the answer line's fact shows that fact's evidence."""
    if fact is None:
        return shown
    return [replace(s, answer_fact=fact) if s.passage.record.id == fact.record.passage_id else s for s in shown]

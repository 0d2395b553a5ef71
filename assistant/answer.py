"""From ranked hits to what the user sees.

Results are document passages. Role facts are a device of the index: a fact that matches
the question points at the passage holding its evidence, and that passage is shown once,
marked as a fact, with the evidence sentence highlighted; the best facts also make the
one-line direct answer. When the documents do not cover the question, the result says why
and still lists the nearest passages as only possibly related.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from assistant.config import RetrievalSettings
from assistant.keyword import Analyzer
from assistant.question import LESS, MORE, Frame
from assistant.record import Record, RecordKind
from assistant.retrieve import Hit, Retrieval
from assistant.roles import BOTH, RoleBook
from assistant.sentences import capitalised


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
        return hit if factor == 1.0 else replace(hit, prior=factor)

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


def abstention(retrieval: Retrieval, settings: RetrievalSettings) -> str | None:
    """Why the documents do not cover the question, or None when they do. Three signals,
    calibrated on held-out on- and off-topic questions (bench/calibrate.py): how close in
    meaning the best record is, whether any content word of the question occurs in the
    documents, and whether the question names something (a name, an acronym) they never do."""
    best = retrieval.best_dense
    if best < settings.min_dense:
        return (
            f"nothing in the documents is close enough in meaning (best similarity {best:.2f}, "
            f"threshold {settings.min_dense:.2f})"
        )
    if not retrieval.known_terms and best < settings.min_dense_no_keywords:
        return (
            f"none of the question's words occurs in the documents and the best similarity "
            f"{best:.2f} is below {settings.min_dense_no_keywords:.2f}"
        )
    if retrieval.unknown_names and best < settings.min_dense_unknown_name:
        names = ", ".join(retrieval.unknown_names[:3])
        return (
            f"the documents never mention {names}, and the best similarity {best:.2f} is below "
            f"{settings.min_dense_unknown_name:.2f}"
        )
    return None


def highlight(record: Record, evidence: str | None, query_terms: set[str], analyzer: Analyzer) -> str:
    """The sentence holding the fact's evidence, else the one sharing the most question
    terms (the first on a tie)."""
    sentences = [record.text[s:e] for s, e in record.sentences] or [record.text]
    if evidence:
        holding = [s for s in sentences if evidence in s or s in evidence]
        if holding:
            return holding[0]
    overlaps = [len(query_terms & set(t)) for t in analyzer.terms(sentences)]
    return sentences[max(range(len(sentences)), key=lambda i: (overlaps[i], -i))]


def to_passages(shown: list[Shown], query_terms: set[str], analyzer: Analyzer) -> tuple[Passage, ...]:
    out = []
    for n, s in enumerate(shown, 1):
        c, f = s.passage.record, s.evidence_fact.record if s.evidence_fact else None
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
                highlight=highlight(c, f.evidence if f else None, query_terms, analyzer),
                evidence=f.evidence if f else None,
                fact=f.text if f else None,
                role=f.role if f else None,
            )
        )
    return tuple(out)


# A fact scoring at least this share of the best one is a fair alternative for the answer line.
CLOSE = 0.6


def direct_answer(
    ranked: list[Hit], shown: list[Shown], question: Frame, roles: RoleBook
) -> tuple[str | None, str | None, Hit | None]:
    """The answer line and the role it is about, from the best fact that points into a shown
    passage; but a question about one role takes that role's fact if one scores close to the
    best, a question about what the roles share takes a fact about both, and a "more/less"
    comparison takes a statement that compares roles, if one is among the best five.

    A comparison names the other role too, from its best fact on the same topic. Its role is
    the one the question asks for ("which pays less?" reads "ML engineers earn more" the other
    way round), or `both` when it asks about the two together ("how do they differ?")."""
    on_screen = {s.passage.record.id for s in shown}
    facts = [h for h in ranked if h.record.kind == RecordKind.FACT and h.record.passage_id in on_screen]
    if not facts:
        return None, None, None
    best = facts[0]
    if len(question.roles) == 1 and not question.comparison:
        close = [h for h in facts if h.score >= CLOSE * best.score]
        best = next((h for h in close if h.record.role == question.roles[0]), best)
    elif question.shared:
        # "What do they have in common?" is answered by a fact about both roles, if one is near the top.
        best = next((h for h in facts[:5] if h.record.role == BOTH), best)
    elif question.direction:
        # "Which pays more?" is answered by a statement that compares, if one is near the top.
        best = next((h for h in facts[:5] if _compares(h.record, roles)), best)
    first = best.record
    parts = [_clause(first, roles)]
    role = first.role
    if question.comparison and first.role != BOTH:
        other = next(
            (
                h.record
                for h in ranked
                if h.record.kind == RecordKind.FACT
                and h.record.topic == first.topic
                and h.record.role not in (first.role, BOTH)
            ),
            None,
        )
        if other is not None:
            parts.append(_clause(other, roles))
            role = _asked_role(first, question, roles) if question.role_seeking else BOTH
    return " ".join(parts), role, best


def with_answer_fact(shown: list[Shown], fact: Hit | None) -> list[Shown]:
    """The passage holding the answer line's fact shows that fact's evidence."""
    if fact is None:
        return shown
    return [replace(s, answer_fact=fact) if s.passage.record.id == fact.record.passage_id else s for s in shown]


def _compares(fact: Record, roles: RoleBook) -> bool:
    return bool(MORE.search(fact.text) or LESS.search(fact.text)) and len(roles.mentioned(fact.text)) >= 2


def _asked_role(fact: Record, question: Frame, roles: RoleBook) -> str | None:
    """The role a "which ... more/less?" question asks for, given a fact that compares."""
    says = "less" if LESS.search(fact.text) else "more" if MORE.search(fact.text) else None
    if question.direction and says and question.direction != says and _compares(fact, roles):
        return next((r for r in roles.mentioned(fact.text) if r != fact.role), fact.role)
    return fact.role


def _clause(fact: Record, roles: RoleBook) -> str:
    """ "ML engineers: they focus on ..." from "ML engineers focus on ..."; a statement whose
    subject is more than the role ("Data scientists who ...") is given whole."""
    label = capitalised(roles.display(fact.role))
    predicate = roles.predicate(fact.text.strip(), fact.role or "")
    return f"{label}: they {predicate}" if predicate else fact.text.strip()

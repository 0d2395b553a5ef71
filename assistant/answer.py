"""From ranked hits to what the user sees: the passages (a fact and the passage holding its
evidence shown once), each with its best sentence, the one-line direct answer built from
the best facts, and the decision to abstain when the documents do not cover the question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.chunk import Chunk
from assistant.config import RetrievalSettings
from assistant.keyword import Analyzer
from assistant.retrieve import Hit, Retrieval
from assistant.roles import BOTH, RoleBook

# Words that make a question a comparison of roles ("which pays more?", "what do both need?").
_COMPARISON = re.compile(r"\b(both|common|compare[sd]?|comparison|compared|differ\w*|versus|vs|more|less|"
                         r"higher|lower|better|worse|similar\w*|same)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Passage:
    rank: int
    id: str
    kind: str
    text: str
    source: str
    section: str
    score: float
    dense: float
    keyword: float
    highlight: str
    evidence: str | None
    role: str | None

    def to_json(self) -> dict:
        return {"rank": self.rank, "text": self.text[:1000], "source": self.source, "section": self.section,
                "kind": self.kind, "score": round(self.score, 4), "highlight": self.highlight,
                "evidence": self.evidence}


@dataclass(frozen=True)
class Answer:
    question: str
    resolved_question: str
    answer: str | None
    role: str | None
    abstained: bool
    reason: str | None
    passages: tuple[Passage, ...]
    note: str | None = None            # how a follow-up was understood
    notices: tuple[str, ...] = field(default=())  # e.g. "question cut to 2,000 characters"

    def to_json(self) -> dict:
        """The result JSON: exactly these keys (a contract for scripts and the web API)."""
        return {"question": self.question, "resolved_question": self.resolved_question,
                "answer": self.answer, "role": self.role, "abstained": self.abstained,
                "reason": self.reason, "passages": [p.to_json() for p in self.passages]}


def is_comparison(question: str, roles: RoleBook) -> bool:
    return bool(_COMPARISON.search(question)) and len(roles.mentioned(question)) != 1


def rank(retrieval: Retrieval, question_roles: list[str], comparison: bool,
         settings: RetrievalSettings) -> list[Hit]:
    """Facts about a role the question did not ask about are pushed down."""
    if not question_roles or comparison:
        return retrieval.hits
    allowed = set(question_roles) | {BOTH}

    def adjusted(hit: Hit) -> float:
        role = hit.chunk.role
        return hit.score * settings.role_mismatch_penalty if role and role not in allowed else hit.score

    return sorted(retrieval.hits, key=lambda h: -adjusted(h))


def abstention(retrieval: Retrieval, settings: RetrievalSettings) -> str | None:
    """Why the documents do not cover the question, or None when they do."""
    best = retrieval.best_dense
    if best < settings.min_dense:
        return (f"no passage is close enough in meaning: best similarity {best:.2f} is below the "
                f"{settings.min_dense:.2f} threshold")
    if not retrieval.known_terms and best < settings.min_dense_no_keywords:
        return (f"none of the question's words occurs in the documents, and the best similarity "
                f"{best:.2f} is below the {settings.min_dense_no_keywords:.2f} threshold for that case")
    return None


def select(hits: list[Hit], k: int) -> list[Hit]:
    """The top `k` results, where a fact absorbs the passage that holds its evidence."""
    chosen: list[Hit] = []
    slot: dict[str, int] = {}  # passage id -> index in `chosen` of the result that shows it
    for hit in hits:
        if len(chosen) >= k:
            break
        c = hit.chunk
        if c.kind == "fact":
            i = slot.get(c.link or "")
            if i is not None and chosen[i].chunk.kind != "fact":
                chosen[i] = _merged(hit, chosen[i])  # the fact takes its passage's place
                continue
            slot.setdefault(c.link or "", len(chosen))
            chosen.append(hit)
        elif c.id not in slot:
            slot[c.id] = len(chosen)
            chosen.append(hit)
    return chosen


def _merged(fact: Hit, passage: Hit) -> Hit:
    return Hit(fact.row, fact.chunk, max(fact.dense, passage.dense), max(fact.keyword, passage.keyword),
               max(fact.score, passage.score))


def highlight(chunk: Chunk, query_terms: set[str], analyzer: Analyzer) -> str:
    """The sentence of the passage sharing the most question terms (the first on a tie)."""
    if chunk.kind == "fact" or not chunk.sentences:
        return chunk.text
    sentences = [chunk.text[s:e] for s, e in chunk.sentences]
    overlaps = [len(query_terms & t) for t in map(set, analyzer.terms(sentences))]
    best = max(range(len(sentences)), key=lambda i: (overlaps[i], -i))
    return sentences[best]


def to_passages(hits: list[Hit], query_terms: set[str], analyzer: Analyzer) -> tuple[Passage, ...]:
    return tuple(
        Passage(rank=n, id=h.chunk.id, kind=h.chunk.kind, text=h.chunk.text[:1000], source=h.chunk.doc_id,
                section=h.chunk.section, score=h.score, dense=h.dense, keyword=h.keyword,
                highlight=highlight(h.chunk, query_terms, analyzer), evidence=h.chunk.evidence,
                role=h.chunk.role)
        for n, h in enumerate(hits, 1))


def direct_answer(hits: list[Hit], shown: list[Hit], comparison: bool,
                  roles: RoleBook) -> tuple[str | None, str | None]:
    """The answer line and the role it names, from the best fact among the shown results."""
    facts = [h.chunk for h in shown if h.chunk.kind == "fact"]
    if not facts:
        return None, None
    first = facts[0]
    parts = [_clause(first, roles)]
    if comparison and first.role != BOTH:
        # Name the other role too, from its best fact on the same topic.
        other = next((h.chunk for h in hits if h.chunk.kind == "fact" and h.chunk.topic == first.topic
                      and h.chunk.role not in (first.role, BOTH)), None)
        if other is not None:
            parts.append(_clause(other, roles))
    return " ".join(parts), first.role


def _clause(fact: Chunk, roles: RoleBook) -> str:
    """ "ML engineers: they focus on ..." from "ML engineers focus on ..." """
    role = fact.role or ""
    statement = fact.text.strip()
    names = [roles.display(role)]
    if role == BOTH:
        names.append(roles.group_name(BOTH))
    elif role in roles.roles:
        r = roles.roles[role]
        names += [r.plural, r.name, *r.aliases]
    for name in sorted(names, key=len, reverse=True):
        if statement.lower().startswith(name.lower() + " "):
            statement = "they " + statement[len(name) + 1:]
            break
    else:
        if not statement[:2].isupper():  # "The average ..." -> "the average ...", but "ML ..." stays
            statement = statement[0].lower() + statement[1:]
    return f"{roles.display(role)}: {statement}"

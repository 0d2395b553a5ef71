"""What people ask that the documents miss, from the question log: the questions that
abstained or were voted down, grouped by meaning (the same embedding model; average-linkage
agglomerative clustering over cosine similarity), largest group first, each with its count, a
representative question and the nearest passage the index had; and the most asked questions
with the share of questions answered."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from assistant.embed.base import Embedder
from assistant.roles import RoleBook
from assistant.web.questionlog import Logged

# Average cosine within a group at least this. Measured on role-neutral text: pairs of unrelated
# questions (bench/heldout dev unanswerable and off-topic sets) reach 0.45 at the 99th percentile;
# paraphrases of one topic ("parental leave for ML engineers?", "maternity leave?") 0.39-0.81.
SAME_GROUP = 0.45
MAX_QUESTIONS = 2000  # the most recent ones, when the log holds more


@dataclass(frozen=True)
class Gap:
    count: int
    representative: str  # the question nearest the group's centre
    questions: tuple[str, ...]  # every distinct question of the group, most frequent first
    nearest_passage: str | None  # id of the passage most often shown for them
    reasons: tuple[str, ...]  # why they abstained, most frequent first (or "voted down")


@dataclass(frozen=True)
class GapReport:
    questions: int  # logged in the period
    answered_share: float  # of those, the share the documents answered
    gaps: list[Gap] = field(default_factory=list)
    most_asked: list[tuple[str, int]] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "questions": self.questions,
            "answered_share": round(self.answered_share, 4),
            "gaps": [g.__dict__ | {"questions": list(g.questions), "reasons": list(g.reasons)} for g in self.gaps],
            "most_asked": [{"question": q, "count": n} for q, n in self.most_asked],
        }


def find_gaps(rows: list[Logged], embedder: Embedder, roles: RoleBook | None = None, top: int = 10) -> GapReport:
    """Group the questions the documents missed (abstained, or voted down). Role names are made
    "they" first, as for every comparison of meaning here: otherwise questions about one role
    group together whatever they ask."""
    if not rows:
        return GapReport(0, 0.0)
    answered = sum(not r.abstained for r in rows) / len(rows)
    asked = Counter(_key(r.resolved_question) for r in rows)
    surface = {_key(r.resolved_question): r.resolved_question for r in rows}
    most_asked = [(surface[k], n) for k, n in asked.most_common(top)]
    missed = [r for r in rows if r.abstained or (r.vote is not None and r.vote < 0)][-MAX_QUESTIONS:]
    if not missed:
        return GapReport(len(rows), answered, [], most_asked)
    texts = [r.resolved_question for r in missed]
    vectors = embedder.encode([roles.without_mentions(t, "they") if roles else t for t in texts])
    groups = cluster(vectors, SAME_GROUP)
    gaps = []
    for members in sorted(groups, key=lambda g: (-len(g), g[0])):
        centre = vectors[members].mean(axis=0)
        representative = texts[max(members, key=lambda i: float(vectors[i] @ centre))]
        counts = Counter(texts[i] for i in members)
        passages = Counter(missed[i].passage_ids[0] for i in members if missed[i].passage_ids)
        reasons = Counter(_reason(missed[i]) for i in members)
        gaps.append(
            Gap(
                len(members),
                representative,
                tuple(q for q, _ in counts.most_common()),
                passages.most_common(1)[0][0] if passages else None,
                tuple(r for r, _ in reasons.most_common(3)),
            )
        )
    return GapReport(len(rows), answered, gaps[:top], most_asked)


def cluster(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage agglomerative clustering of L2-normalised `vectors`: merge the two
    closest groups while their average cosine is at least `threshold`."""
    groups = [[i] for i in range(len(vectors))]
    if len(groups) < 2:
        return groups
    sims = vectors @ vectors.T
    # average similarity between groups, kept as a matrix that shrinks as groups merge
    between = sims.astype(np.float64).copy()
    np.fill_diagonal(between, -np.inf)
    sizes = np.ones(len(groups))
    alive = np.ones(len(groups), dtype=bool)
    while True:
        masked = np.where(alive[:, None] & alive[None, :], between, -np.inf)
        a, b = np.unravel_index(int(np.argmax(masked)), masked.shape)
        if masked[a, b] < threshold:
            break
        # merge b into a: the average over all pairs, weighted by group sizes
        merged = (between[a] * sizes[a] + between[b] * sizes[b]) / (sizes[a] + sizes[b])
        between[a, :], between[:, a] = merged, merged
        between[a, a] = -np.inf
        sizes[a] += sizes[b]
        alive[b] = False
        groups[a] += groups[b]
        groups[b] = []
    return [sorted(g) for g, keep in zip(groups, alive, strict=True) if keep]


def _key(question: str) -> str:
    return " ".join(question.lower().strip(" ?!.").split())


def format_gaps(report: GapReport) -> str:
    """The report for people: the share answered, the gaps largest first, the most asked."""
    if not report.questions:
        return "The question log is empty for this period (is ASSISTANT_QUESTION_LOG=on?)."
    lines = [f"{report.questions} questions; the documents answered {report.answered_share:.0%} of them.", ""]
    if report.gaps:
        lines.append("What the documents miss (questions that abstained or were voted down), largest first:")
        for n, gap in enumerate(report.gaps, 1):
            lines.append(f"{n}. {gap.count} × “{gap.representative}”")
            others = [q for q in gap.questions if q != gap.representative][:3]
            if others:
                lines.append("     also: " + "; ".join(f"“{q}”" for q in others))
            lines.append(f"     why: {'; '.join(gap.reasons)}; nearest passage: {gap.nearest_passage or 'none'}")
    else:
        lines.append("Nothing missed in this period.")
    lines += ["", "Most asked:"] + [f"  {count} × {question}" for question, count in report.most_asked]
    return "\n".join(lines)


def _reason(row: Logged) -> str:
    """Why a question is a gap, without its figures ("best similarity 0.17"), so that the same
    reason counts once."""
    if not row.abstained or not row.reason:
        return "voted down"
    return re.sub(r"\s*\([^)]*\)", "", row.reason).strip()

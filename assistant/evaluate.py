"""Retrieval and answer quality on question files (the format of tests/data/eval/):

    questions  {"id", "q", "gold": [phrases], "role": role id | "both" | null}
    off-topic  {"id", "q"}                          every one should abstain
    follow-ups {"id", "turns": [...], "gold", "role"}  the last turn, asked with the others as history

A question hits at rank r when one of its gold phrases occurs in the text or evidence of the
passage at rank r, compared with case, whitespace and quote style normalised.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answer import Answer
from assistant.engine import Assistant
from assistant.errors import BadInput

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().casefold()


def read_jsonl(path: Path, required: tuple[str, ...]) -> list[dict]:
    rows = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read {path}: {exc}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{path}:{n}: not valid JSON ({exc.msg})") from None
        missing = [k for k in required if k not in row] if isinstance(row, dict) else list(required)
        if missing:
            raise BadInput(f"{path}:{n}: missing {', '.join(missing)}")
        for key in ("gold", "turns"):
            value = row.get(key)
            if key in row and (not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value)):
                raise BadInput(f"{path}:{n}: '{key}' must be a non-empty list of strings")
        keys = row.get("answer_keys")
        if keys is not None and (
            not isinstance(keys, list)
            or not keys
            or not all(isinstance(alt, list) and alt and all(isinstance(f, str) for f in alt) for alt in keys)
        ):
            raise BadInput(f"{path}:{n}: 'answer_keys' must be a list of alternatives, each a list of fragments")
        if "q" in row and not isinstance(row["q"], str):
            raise BadInput(f"{path}:{n}: 'q' must be a string")
        row.setdefault("id", f"{Path(path).name}:{n}")
        rows.append(row)
    return rows


def line_is_right(answer: Answer, row: dict) -> bool:
    """The answer line holds every fragment of one of the question's `answer_keys`
    alternatives, and is about the question's role; an abstention is never right."""
    if answer.abstained or not answer.answer:
        return False
    line = normalise(answer.answer)
    if not any(all(normalise(f) in line for f in alternative) for alternative in row["answer_keys"]):
        return False
    return role_matches(answer.role, row.get("role"))


def role_matches(got: str | None, expected: str | None) -> bool:
    """`expected` may be a role id ("ml_engineer"), "both", or a role's name ("site reliability engineer")."""
    if not expected:
        return True
    return got == expected or got == re.sub(r"[^a-z0-9]+", "_", expected.lower()).strip("_")


def hit_rank(answer: Answer, gold: list[str]) -> int | None:
    """Rank of the first passage holding a gold phrase; None when none does, or when the
    answer abstained (its passages are only "possibly related")."""
    if answer.abstained:
        return None
    wanted = [normalise(g) for g in gold]
    for p in answer.passages:
        haystack = normalise(p.text + " " + (p.evidence or ""))
        if any(g in haystack for g in wanted):
            return p.rank
    return None


@dataclass
class Report:
    metrics: dict = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"metrics": self.metrics, "misses": self.misses}


def evaluate(
    assistant: Assistant,
    questions: Sequence[dict],
    offtopic: Sequence[dict] = (),
    followups: Sequence[dict] = (),
    k: int = 5,
) -> Report:
    report = Report()
    m = report.metrics
    ranks, role_total, role_right, false_abstain = [], 0, 0, 0
    line_total = line_right = 0
    for row in questions:
        answer = assistant.ask(row["q"], k=k)
        r = hit_rank(answer, row["gold"])
        ranks.append(r)
        if r != 1:
            report.misses.append(
                {
                    "id": row["id"],
                    "kind": "retrieval",
                    "q": row["q"],
                    "rank": r,
                    "top": answer.passages[0].text[:120] if answer.passages else None,
                }
            )
        if answer.abstained:
            false_abstain += 1
            report.misses.append({"id": row["id"], "kind": "false abstention", "q": row["q"], "reason": answer.reason})
        if row.get("answer_keys"):
            line_total += 1
            line_right += line_is_right(answer, row)
            if not line_is_right(answer, row):
                report.misses.append(
                    {
                        "id": row["id"],
                        "kind": "answer line",
                        "q": row["q"],
                        "answer": answer.answer,
                        "role": answer.role,
                        "reason": answer.reason,
                    }
                )
        if row.get("role"):
            role_total += 1
            role_right += role_matches(answer.role, row["role"])
            if not role_matches(answer.role, row["role"]):
                report.misses.append(
                    {
                        "id": row["id"],
                        "kind": "role",
                        "q": row["q"],
                        "expected": row["role"],
                        "got": answer.role,
                        "answer": answer.answer,
                    }
                )
    n = len(questions)
    if n:
        for cut in (1, 3, 5):
            m[f"R@{cut}"] = round(sum(1 for r in ranks if r and r <= cut) / n, 4)
        m["MRR"] = round(sum(1 / r for r in ranks if r) / n, 4)
        m["questions"] = n
        m["false_abstentions"] = false_abstain
    if line_total:
        m["answer_accuracy"] = round(line_right / line_total, 4)
        m["answer_questions"] = line_total
    if role_total:
        m["role_accuracy"] = round(role_right / role_total, 4)
        m["role_questions"] = role_total
    if offtopic:
        abstained = 0
        for row in offtopic:
            answer = assistant.ask(row["q"], k=k)
            abstained += answer.abstained
            if not answer.abstained:
                report.misses.append(
                    {"id": row["id"], "kind": "off-topic answered", "q": row["q"], "answer": answer.answer}
                )
        m["offtopic_abstention"] = round(abstained / len(offtopic), 4)
        m["offtopic"] = len(offtopic)
    if followups:
        hits = roles = 0
        for row in followups:
            turns = row["turns"]
            answer = assistant.ask(turns[-1], history=turns[:-1], k=k)
            r = hit_rank(answer, row["gold"])
            hits += bool(r and r <= 3)
            roles += (answer.role == row.get("role")) if row.get("role") else 0
            if not (r and r <= 3) or (row.get("role") and answer.role != row["role"]):
                report.misses.append(
                    {
                        "id": row["id"],
                        "kind": "follow-up",
                        "q": " / ".join(turns),
                        "resolved": answer.resolved_question,
                        "rank": r,
                        "role": answer.role,
                    }
                )
        m["followup_R@3"] = round(hits / len(followups), 4)
        m["followup_role_accuracy"] = round(roles / max(1, sum(1 for r in followups if r.get("role"))), 4)
        m["followups"] = len(followups)
    return report


def format_report(report: Report) -> str:
    m = report.metrics
    lines = []
    if "questions" in m:
        lines.append(
            f"questions: {m['questions']}  R@1 {m['R@1']:.2f}  R@3 {m['R@3']:.2f}  "
            f"R@5 {m['R@5']:.2f}  MRR {m['MRR']:.2f}"
        )
        lines.append(f"false abstentions: {m['false_abstentions']}/{m['questions']}")
    if "answer_accuracy" in m:
        lines.append(
            f"answer line right: {m['answer_accuracy']:.2f} on {m['answer_questions']} questions with answer keys"
        )
    if "role_accuracy" in m:
        lines.append(f"role accuracy: {m['role_accuracy']:.2f} on {m['role_questions']} questions that name a role")
    if "offtopic" in m:
        lines.append(f"off-topic abstention: {m['offtopic_abstention']:.2f} of {m['offtopic']}")
    if "followups" in m:
        lines.append(
            f"follow-ups: R@3 {m['followup_R@3']:.2f}  role accuracy "
            f"{m['followup_role_accuracy']:.2f} of {m['followups']}"
        )
    if report.misses:
        lines.append("misses:")
        for miss in report.misses:
            details = ", ".join(f"{k}={v!r}" for k, v in miss.items() if k not in ("id", "kind", "q"))
            lines.append(f"  {miss['id']} [{miss['kind']}] {miss['q']} -> {details}")
    else:
        lines.append("misses: none")
    return "\n".join(lines)

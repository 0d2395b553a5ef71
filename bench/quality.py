"""Retrieval quality of each ranking method, on the development questions and on the team's
held-out questions (bench/heldout/, written without looking at the dev set or the facts).

    .venv/bin/python bench/quality.py

Prints a Markdown table: R@1, R@3, MRR and role accuracy for dense only, keyword only, and
the two fusions. The index is built once into a temporary folder; nothing in index/ changes.
"""

from __future__ import annotations

from dataclasses import replace

from common import REPO, built_index

from assistant.engine import Assistant  # noqa: E402
from assistant.evaluate import evaluate, read_jsonl  # noqa: E402

SETS = {  # name: (questions, follow-ups)
    "dev": ("tests/data/eval/dev_questions.jsonl", "tests/data/eval/dev_followups.jsonl"),
    "held-out": ("bench/heldout/questions.jsonl", "bench/heldout/followups.jsonl"),
}


def question_sets():
    out = {}
    for name, (questions, followups) in SETS.items():
        out[name] = (read_jsonl(REPO / questions, ("q", "gold")), read_jsonl(REPO / followups, ("turns", "gold")))
    return out


def main() -> None:
    with built_index() as (settings, embedder, index):
        r = settings.retrieval
        methods = {
            "dense only": replace(r, dense_weight=1.0),
            "keyword only": replace(r, dense_weight=0.0),
            "hybrid, reciprocal-rank fusion": replace(r, fusion="rrf"),
            f"hybrid, weighted sum (w={r.dense_weight}, default)": r,
        }
        sets = question_sets()
        print("| method | " + " | ".join(f"{s} R@1 | {s} R@3 | {s} MRR | {s} role" for s in sets) + " |")
        print("|---|" + "---|" * (4 * len(sets)))
        for name, retrieval in methods.items():
            assistant = Assistant(index, embedder, replace(settings, retrieval=retrieval))
            cells = []
            for questions, followups in sets.values():
                m = evaluate(assistant, questions, (), followups).metrics
                cells += [f"{m['R@1']:.2f}", f"{m['R@3']:.2f}", f"{m['MRR']:.2f}", f"{m['role_accuracy']:.2f}"]
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()

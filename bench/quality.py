"""Retrieval and answer-line quality of each ranking method, on every question set.

    .venv/bin/python bench/quality.py [--backend onnx]

Question sets (see bench/heldout/README.md): the development questions (tests/data/eval/),
the team's own held-out questions (bench/heldout/questions.jsonl, since used for tuning), and
an independent writer's questions, split into dev/ (used for tuning) and test/ (never used for
tuning): paraphrases of the article, questions about documents on roles the article does not
have (bench/heldout/newdocs/, indexed with the article), and near-domain questions that no
document answers. Writes bench/results/quality.md and quality.json (quality-BACKEND.* for
another backend than the default).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace

from common import REPO, built_index, new_documents

from assistant.config import BACKENDS, Settings  # noqa: E402
from assistant.engine import Assistant  # noqa: E402
from assistant.evaluate import evaluate, read_jsonl  # noqa: E402

H = "bench/heldout"
# name: (index, questions file, kind) -- kind "answer" has answer keys, "abstain" must abstain
SETS = {
    "dev": ("article", "tests/data/eval/dev_questions.jsonl", "answer"),
    "team held-out": ("article", f"{H}/questions.jsonl", "answer"),
    "article dev": ("article", f"{H}/dev/article_questions.jsonl", "answer"),
    "article test": ("article", f"{H}/test/article_questions.jsonl", "answer"),
    "new docs dev": ("mixed", f"{H}/dev/newdocs_questions.jsonl", "answer"),
    "new docs test": ("mixed", f"{H}/test/newdocs_questions.jsonl", "answer"),
    "unanswerable dev": ("mixed", f"{H}/dev/unanswerable.jsonl", "abstain"),
    "article dev 2": ("article", f"{H}/dev2/article_questions.jsonl", "answer"),
    "new docs dev 2": ("mixed", f"{H}/dev2/newdocs_questions.jsonl", "answer"),
    "unanswerable dev 2": ("mixed", f"{H}/dev2/unanswerable.jsonl", "abstain"),
    "article dev 3": ("article", f"{H}/dev3/article_questions.jsonl", "answer"),
    "new docs dev 3": ("mixed", f"{H}/dev3/newdocs_questions.jsonl", "answer"),
    "unanswerable dev 3": ("mixed", f"{H}/dev3/unanswerable.jsonl", "abstain"),
    "unanswerable test": ("mixed", f"{H}/test/unanswerable.jsonl", "abstain"),
    "off-topic (team)": ("article", f"{H}/offtopic.jsonl", "abstain"),
}


def methods(r):
    return {
        "dense only": replace(r, dense_weight=1.0, sentence_weight=0.0),
        "keyword only": replace(r, dense_weight=0.0, sentence_weight=0.0),
        "hybrid, reciprocal-rank fusion": replace(r, fusion="rrf", sentence_weight=0.0),
        f"hybrid, weighted (w={r.dense_weight}), no sentence signal": replace(r, sentence_weight=0.0),
        f"hybrid, weighted + best sentence (x{r.sentence_weight}, default)": r,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", default=Settings().backend, choices=BACKENDS)
    backend = parser.parse_args().backend
    results: dict[str, dict[str, dict]] = {}
    with (
        built_index(backend) as (settings, embedder, article),
        built_index(extra=new_documents(), embedder=embedder) as (
            mixed_settings,
            _,
            mixed,
        ),
    ):
        indexes = {"article": (settings, article), "mixed": (mixed_settings, mixed)}
        for method, retrieval in methods(settings.retrieval).items():
            results[method] = {}
            for name, (which, path, kind) in SETS.items():
                s, index = indexes[which]
                assistant = Assistant(index, embedder, replace(s, retrieval=retrieval))
                questions = read_jsonl(REPO / path, ("q",) if kind == "abstain" else ("q", "gold"))
                if kind == "abstain":
                    m = evaluate(assistant, [], questions).metrics
                    results[method][name] = {"abstained": m["offtopic_abstention"], "n": m["offtopic"]}
                else:
                    m = evaluate(assistant, questions).metrics
                    results[method][name] = {
                        "R@1": m["R@1"],
                        "R@3": m["R@3"],
                        "answer": m.get("answer_accuracy"),
                        "abstained": m["false_abstentions"],
                        "n": m["questions"],
                    }
            print(method, json.dumps(results[method]), flush=True)
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    stem = "quality" if backend == Settings().backend else f"quality-{backend}"
    (out / f"{stem}.json").write_text(json.dumps(results, indent=2) + "\n")
    lines = [
        "Answerable sets: R@1 / R@3 / answer line right / abstained. Sets that must abstain: share abstained.",
        "",
        "| method | " + " | ".join(SETS) + " |",
        "|---|" + "---|" * len(SETS),
    ]
    for method, per_set in results.items():
        cells = []
        for name in SETS:
            r = per_set[name]
            if "R@1" in r:
                cells.append(f"{r['R@1']:.2f} / {r['R@3']:.2f} / {r['answer']:.2f} / {r['abstained']}/{r['n']}")
            else:
                cells.append(f"{r['abstained']:.2f} of {r['n']}")
        lines.append(f"| {method} | " + " | ".join(cells) + " |")
    (out / f"{stem}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

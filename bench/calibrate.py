"""Calibrating abstention on the development sets (never on bench/heldout/test/):

1. `min_dense`: the best similarity below which a question is off-topic (answer.abstention);
2. `line_min_similarity` (and its stricter `_unrelated` and `_unknown` forms): how close in
   meaning an answer line that lacks a salient term of the question must be
   (claim._off_topic), on near-domain questions the documents do not answer (bench/heldout/dev/unanswerable.jsonl, the team's off-topic set) against answerable
   ones (dev questions, the team's held-out questions, and the independent writer's dev sets).

    .venv/bin/python bench/calibrate.py

Prints, for a range of each threshold, how many answerable questions would abstain, how many
unanswerable ones would be answered, and how many answer lines are right.
"""

from __future__ import annotations

from dataclasses import replace

from common import REPO, built_index, new_documents

from assistant.answer import abstention  # noqa: E402
from assistant.engine import Assistant  # noqa: E402
from assistant.evaluate import evaluate, read_jsonl  # noqa: E402

H = "bench/heldout"
ON = {
    "article": [
        "tests/data/eval/dev_questions.jsonl",
        f"{H}/questions.jsonl",
        f"{H}/dev/article_questions.jsonl",
        f"{H}/dev2/article_questions.jsonl",
        f"{H}/dev3/article_questions.jsonl",
    ],
    "mixed": [
        f"{H}/dev/newdocs_questions.jsonl",
        f"{H}/dev2/newdocs_questions.jsonl",
        f"{H}/dev3/newdocs_questions.jsonl",
    ],
}
OFF = {
    "article": ["tests/data/eval/dev_offtopic.jsonl", f"{H}/offtopic.jsonl"],
    "mixed": [f"{H}/dev/unanswerable.jsonl", f"{H}/dev2/unanswerable.jsonl", f"{H}/dev3/unanswerable.jsonl"],
}


def rows(files: list[str], required: tuple[str, ...]) -> list[dict]:
    return [r for f in files for r in read_jsonl(REPO / f, required)]


def main() -> None:
    with (
        built_index() as (settings, embedder, article),
        built_index(extra=new_documents(), embedder=embedder) as (
            _,
            _,
            mixed,
        ),
    ):
        indexes = {"article": article, "mixed": mixed}
        base = settings.retrieval
        print("| min_dense | answerable abstained | unanswerable answered |\n|---|---|---|")
        searched = {  # (what was found, whether the question names a role)
            kind: [
                (
                    Assistant(indexes[which], embedder, settings).retriever.search(r["q"]),
                    bool(indexes[which].roles.mentioned(r["q"])),
                )
                for which, files in sets.items()
                for r in rows(files, ("q",))
            ]
            for kind, sets in (("on", ON), ("off", OFF))
        }
        for t in sorted({x / 100 for x in range(25, 50, 4)} | {base.min_dense}):
            r = replace(base, min_dense=t)
            wrong = sum(bool(abstention(x, r, named)) for x, named in searched["on"])
            missed = sum(not abstention(x, r, named) for x, named in searched["off"])
            mark = " (configured)" if t == base.min_dense else ""
            print(f"| {t:.2f}{mark} | {wrong}/{len(searched['on'])} | {missed}/{len(searched['off'])} |")
        sweeps = {
            "line_min_similarity": (0.30, 0.33, 0.36, 0.39, 0.42, 0.45),
            "line_min_similarity_unrelated": (0.38, 0.41, 0.44, 0.47, 0.50),
            "line_min_similarity_unknown": (0.44, 0.46, 0.48, 0.50, 0.52, 0.55),
        }
        for name, values in sweeps.items():
            line_floor(name, values, indexes, settings, embedder)


def line_floor(name: str, values: tuple[float, ...], indexes: dict, settings, embedder) -> None:
    """How the answer line's floor `name` (config.RetrievalSettings) trades answerable questions
    that abstain against unanswerable ones that are answered."""
    base = settings.retrieval
    configured = getattr(base, name)
    print(f"\n| {name} | answerable abstained | unanswerable answered | answer lines right |")
    print("|---|---|---|---|")
    for t in sorted({*values, configured}):
        s = replace(settings, retrieval=replace(base, **{name: t}))
        abstained = answered = right = keyed = total_on = total_off = 0
        for which in indexes:
            assistant = Assistant(indexes[which], embedder, s)
            m = evaluate(assistant, rows(ON[which], ("q", "gold")), rows(OFF[which], ("q",))).metrics
            abstained += m["false_abstentions"]
            total_on += m["questions"]
            answered += round((1 - m["offtopic_abstention"]) * m["offtopic"])
            total_off += m["offtopic"]
            right += round(m.get("answer_accuracy", 0) * m.get("answer_questions", 0))
            keyed += m.get("answer_questions", 0)
        mark = " (configured)" if t == configured else ""
        print(f"| {t:.2f}{mark} | {abstained}/{total_on} | {answered}/{total_off} | {right}/{keyed} |")


if __name__ == "__main__":
    main()

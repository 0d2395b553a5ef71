"""Calibrating abstention: how the signals of answer.abstention separate on-topic questions
from off-topic ones, and what each threshold would cost.

    .venv/bin/python bench/calibrate.py

On-topic: the dev and held-out questions. Off-topic: the dev and held-out off-topic sets.
Prints, for a range of `min_dense` values (the other two rules as configured), how many
on-topic questions would wrongly abstain and how many off-topic ones would be answered.
"""

from __future__ import annotations

from dataclasses import replace

from common import REPO, built_index

from assistant.answer import abstention  # noqa: E402
from assistant.engine import Assistant  # noqa: E402
from assistant.evaluate import read_jsonl  # noqa: E402

ON = ["tests/data/eval/dev_questions.jsonl", "bench/heldout/questions.jsonl"]
OFF = ["tests/data/eval/dev_offtopic.jsonl", "bench/heldout/offtopic.jsonl"]


def main() -> None:
    with built_index() as (settings, embedder, index):
        assistant = Assistant(index, embedder, settings)
        retrievals = {}
        for kind, files in (("on", ON), ("off", OFF)):
            rows = [r for f in files for r in read_jsonl(REPO / f, ("q",))]
            retrievals[kind] = [(r["q"], assistant.retriever.search(index.roles.normalise(r["q"]))) for r in rows]
        for kind, items in retrievals.items():
            scores = sorted(ret.best_dense for _, ret in items)
            print(
                f"{kind}-topic ({len(scores)}): best similarity min {scores[0]:.2f}, "
                f"p10 {scores[len(scores) // 10]:.2f}, median {scores[len(scores) // 2]:.2f}, "
                f"p90 {scores[9 * len(scores) // 10]:.2f}, max {scores[-1]:.2f}"
            )
        print("\n| min_dense | on-topic abstained | off-topic answered |\n|---|---|---|")
        base = settings.retrieval
        for t in sorted({x / 100 for x in range(25, 50, 2)} | {base.min_dense}):
            r = replace(base, min_dense=t)
            wrong = [q for q, ret in retrievals["on"] if abstention(ret, r)]
            missed = [q for q, ret in retrievals["off"] if not abstention(ret, r)]
            mark = " (configured)" if t == base.min_dense else ""
            print(f"| {t:.2f}{mark} | {len(wrong)}/{len(retrievals['on'])} | {len(missed)}/{len(retrievals['off'])} |")
        print("\nWith the configured thresholds, off-topic questions still answered:")
        for q, ret in retrievals["off"]:
            if not abstention(ret, base):
                print(f"  {ret.best_dense:.2f}  {q}")
        print("On-topic questions that abstain:")
        for q, ret in retrievals["on"]:
            if abstention(ret, base):
                print(f"  {ret.best_dense:.2f}  {q}")


if __name__ == "__main__":
    main()

"""Split the writer's held-out question files into dev (tuning) and test (never tune).

For each of newdocs_questions / article_questions / unanswerable:
shuffle the lines with a fresh random.Random(7), put the first half in dev/,
the rest in test/ (each half written back in id order), then delete the
unsplit file. Run once from anywhere:
    /work/main/.venv/bin/python bench/heldout/split.py
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = ("newdocs_questions", "article_questions", "unanswerable")


def main():
    for sub in ("dev", "test"):
        os.makedirs(os.path.join(HERE, sub), exist_ok=True)
    for name in NAMES:
        src = os.path.join(HERE, name + ".jsonl")
        with open(src, encoding="utf-8") as fh:
            lines = [l for l in fh.read().splitlines() if l.strip()]
        for l in lines:
            json.loads(l)  # fail loudly on bad JSON
        rng = random.Random(7)
        rng.shuffle(lines)
        half = len(lines) // 2
        parts = {"dev": lines[:half], "test": lines[half:]}
        for sub, part in parts.items():
            part = sorted(part, key=lambda l: json.loads(l)["id"])
            with open(os.path.join(HERE, sub, name + ".jsonl"), "w", encoding="utf-8") as fh:
                fh.write("\n".join(part) + "\n")
            print(f"{sub}/{name}.jsonl: {len(part)}")
        os.remove(src)


if __name__ == "__main__":
    main()

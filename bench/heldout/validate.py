"""Sanity checks for the held-out question files (written by the question writer).

Usage: /work/main/.venv/bin/python bench/heldout/validate.py
Checks every *.jsonl under bench/heldout/{., dev, dev2, dev3, test} that the writers produced:
JSON validity, required fields, unique ids, gold phrases verbatim in the source
text, lower-case key fragments, and that at least one answer_keys alternative is
fully contained in the text window around a gold phrase.
"""
import glob
import json
import os
import re
import sys

import bs4

HERE = os.path.dirname(os.path.abspath(__file__))
ARTICLE = os.path.join(HERE, "..", "..", "corpus", "ml-engineer-vs-data-scientist.md")
sys.path.insert(0, os.path.join(HERE, "newdocs"))
from make_binary import all_text  # noqa: E402

NAMES = ("newdocs_questions", "article_questions", "unanswerable")


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def load_texts():
    t = dict(all_text())
    nd = os.path.join(HERE, "newdocs")
    t["analytics-engineer.md"] = open(os.path.join(nd, "analytics-engineer.md")).read()
    t["site-reliability-engineer.txt"] = open(os.path.join(nd, "site-reliability-engineer.txt")).read()
    html = bs4.BeautifulSoup(open(os.path.join(nd, "ux-researcher.html")).read(), "html.parser")
    t["ux-researcher.html"] = html.find("main").get_text(" ")
    t["role-profiles.jsonl"] = "\n".join(
        json.loads(l)["title"] + "\n" + json.loads(l)["text"]
        for l in open(os.path.join(nd, "role-profiles.jsonl")))
    t["ARTICLE"] = open(ARTICLE).read()
    return {k: norm(v) for k, v in t.items()}


def main():
    texts = load_texts()
    errors = 0
    files = [f for d in (".", "dev", "dev2", "dev3", "test") for n in NAMES
             for f in glob.glob(os.path.join(HERE, d, n + ".jsonl"))]
    ids = {}
    for path in files:
        kind = os.path.basename(path)[:-6]
        for ln, line in enumerate(open(path, encoding="utf-8"), 1):
            where = f"{os.path.relpath(path, HERE)}:{ln}"
            try:
                r = json.loads(line)
            except Exception as e:  # noqa: BLE001
                print("BAD JSON", where, e); errors += 1; continue
            key = (os.path.dirname(path) == HERE, r.get("id"))
            if r.get("id") in ids.setdefault(key[0], set()):
                print("DUP ID", where); errors += 1
            ids[key[0]].add(r.get("id"))
            if kind == "unanswerable":
                if set(r) != {"id", "q", "topic"}:
                    print("FIELDS", where); errors += 1
                continue
            want = {"id", "q", "gold", "role", "answer_keys"} | ({"doc"} if kind == "newdocs_questions" else set())
            if set(r) != want:
                print("FIELDS", where, sorted(r)); errors += 1
            text = texts["ARTICLE" if kind == "article_questions" else r["doc"]]
            windows = []
            for g in r["gold"]:
                i = text.find(norm(g))
                if i < 0:
                    print("GOLD NOT VERBATIM", where, g); errors += 1; continue
                n = len(g.split())
                if not 5 <= n <= 12:
                    print("note: gold length", n, "words", where, repr(g))
                windows.append(text[max(0, i - 150): i + len(g) + 150].lower())
            for alt in r["answer_keys"]:
                for frag in alt:
                    if frag != frag.lower():
                        print("KEY NOT LOWER", where, frag); errors += 1
            if windows and not any(all(f in w for f in alt) for alt in r["answer_keys"] for w in windows):
                print("NO KEY ALT NEAR GOLD", where, r["answer_keys"]); errors += 1
    print(f"checked {len(files)} files, {errors} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

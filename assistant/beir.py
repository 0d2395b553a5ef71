"""Retrieval quality on a standard dataset in BEIR layout:

    DIR/corpus.jsonl     {"_id", "title", "text"} per line
    DIR/queries.jsonl    {"_id", "text"} per line
    DIR/qrels/<split>.tsv  query-id, corpus-id, score (with a header line); split "test" by default

A separate index is built for the dataset (never the one in service), documents are ranked
by their best passage, and nDCG@10, Recall@10, Recall@100 and MRR@10 are reported for dense,
keyword and hybrid ranking, with the build time.
"""

from __future__ import annotations

import csv
import json
import math
import time
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.build import build_index
from assistant.config import Settings
from assistant.embed.base import Embedder
from assistant.errors import BadInput
from assistant.ingest import RECORD
from assistant.retrieve import Hit, Retriever
from assistant.store import IndexStore

MODES = {"dense": lambda h: h.dense, "keyword": lambda h: h.keyword, "hybrid": lambda h: h.fused}
CANDIDATES = 300  # passages taken from each retriever: enough for Recall@100 over documents


@dataclass
class BeirReport:
    dataset: str
    documents: int
    queries: int
    build_seconds: float
    metrics: dict[str, dict[str, float]]  # mode -> metric -> value

    def to_json(self) -> dict:
        return {
            "dataset": self.dataset,
            "documents": self.documents,
            "queries": self.queries,
            "build_seconds": round(self.build_seconds, 1),
            "metrics": self.metrics,
        }


def read_dataset(folder: Path, split: str = "test") -> tuple[dict[str, str], dict[str, dict[str, float]]]:
    corpus, queries, qrels_path = folder / "corpus.jsonl", folder / "queries.jsonl", folder / "qrels" / f"{split}.tsv"
    for path in (corpus, queries, qrels_path):
        if not path.is_file():
            raise BadInput(
                f"{folder} is not in BEIR layout: {path.relative_to(folder)} is missing "
                "(expected corpus.jsonl, queries.jsonl and qrels/{split}.tsv)"
            )
    texts = {}
    for n, line in enumerate(queries.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                row = json.loads(line)
                texts[str(row["_id"])] = str(row["text"])
            except (json.JSONDecodeError, KeyError, TypeError):
                raise BadInput(f'{queries}:{n}: expected {{"_id": ..., "text": ...}}') from None
    qrels: dict[str, dict[str, float]] = {}
    with qrels_path.open(encoding="utf-8") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t"), 1):
            if n == 1 and row and not row[-1].strip().replace(".", "", 1).lstrip("-").isdigit():
                continue  # the header
            try:
                qrels.setdefault(row[0], {})[row[1]] = float(row[2])
            except (IndexError, ValueError):
                raise BadInput(f"{qrels_path}:{n}: expected query-id, corpus-id, score") from None
    return {q: t for q, t in texts.items() if q in qrels}, qrels


def evaluate_beir(
    folder: Path, embedder: Embedder, work: Path, settings: Settings, split: str = "test", progress=None
) -> BeirReport:
    """Build an index of the dataset under `work` (telling `progress` its stages) and measure
    the three rankings on the queries of `split` (qrels/<split>.tsv)."""
    queries, qrels = read_dataset(folder, split)
    corpus_dir = work / "corpus"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    link, source = corpus_dir / "corpus.jsonl", (folder / "corpus.jsonl").resolve()
    if link.is_symlink() and link.resolve() != source:
        link.unlink()  # a work folder used for another dataset before
    if not link.is_symlink():
        link.symlink_to(source)
    beir = replace(settings, corpus_dir=corpus_dir, index_dir=work / "index", golden=())
    started = time.perf_counter()
    report = build_index(beir, embedder, wait=True, progress=progress)
    build_seconds = time.perf_counter() - started if report.published else 0.0
    index = IndexStore(beir.index_dir).load(embedder)
    retriever = Retriever(index, embedder, replace(beir.retrieval, candidates=CANDIDATES))
    sums = {mode: {"nDCG@10": 0.0, "Recall@10": 0.0, "Recall@100": 0.0, "MRR@10": 0.0} for mode in MODES}
    for qid, text in queries.items():
        hits = retriever.search(text).hits
        relevant = qrels[qid]
        for mode, score in MODES.items():
            ranking = _documents(hits, score)
            for name, value in _metrics(ranking, relevant).items():
                sums[mode][name] += value
    n = max(1, len(queries))
    metrics = {mode: {name: round(total / n, 4) for name, total in values.items()} for mode, values in sums.items()}
    return BeirReport(folder.name, len({c.doc_id for c in index.records}), len(queries), build_seconds, metrics)


def _documents(hits: list[Hit], score) -> list[str]:
    """Document ids ranked by their best passage."""
    best: dict[str, float] = {}
    for h in hits:
        doc = h.record.doc_id.split(RECORD, 1)[-1]
        best[doc] = max(best.get(doc, float("-inf")), score(h))
    return sorted(best, key=lambda d: -best[d])


def _metrics(ranking: list[str], relevant: dict[str, float]) -> dict[str, float]:
    gains = [relevant.get(d, 0) for d in ranking]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains[:10]))
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(relevant.values(), reverse=True)[:10]))
    wanted = {d for d, g in relevant.items() if g > 0}
    first = next((i for i, d in enumerate(ranking[:10]) if d in wanted), None)
    return {
        "nDCG@10": dcg / ideal if ideal else 0.0,
        "Recall@10": len(wanted & set(ranking[:10])) / len(wanted) if wanted else 0.0,
        "Recall@100": len(wanted & set(ranking[:100])) / len(wanted) if wanted else 0.0,
        "MRR@10": 1 / (first + 1) if first is not None else 0.0,
    }


def format_beir(report: BeirReport) -> str:
    lines = [
        f"{report.dataset}: {report.documents} documents, {report.queries} queries, index built in "
        f"{report.build_seconds:.1f} s",
        "",
        "| ranking | nDCG@10 | Recall@10 | Recall@100 | MRR@10 |",
        "|---|---|---|---|---|",
    ]
    for mode, m in report.metrics.items():
        lines.append(
            f"| {mode} | {m['nDCG@10']:.3f} | {m['Recall@10']:.3f} | {m['Recall@100']:.3f} | {m['MRR@10']:.3f} |"
        )
    return "\n".join(lines)

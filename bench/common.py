"""Shared by the benchmarks: a temporary index of the real corpus, and percentiles."""

from __future__ import annotations

import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
for folder in (REPO, REPO / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from assistant.build import build_index  # noqa: E402
from assistant.config import DEFAULT_MODEL, Settings  # noqa: E402
from assistant.embed.factory import make_embedder  # noqa: E402
from assistant.store import IndexStore  # noqa: E402

NEW_DOCS = REPO / "bench" / "heldout" / "newdocs"  # documents about roles the article does not have


@contextmanager
def built_index(backend: str = Settings().backend, extra: list[Path] | None = None, embedder=None):
    """(settings, embedder, index) for the real corpus (plus `extra` documents), built in a
    temporary folder (no quality gate), so nothing in index/ changes."""
    with tempfile.TemporaryDirectory() as tmp:
        embedder = embedder or make_embedder(DEFAULT_MODEL, backend, 1, Path(tmp) / "models")
        corpus = Path(tmp) / "corpus"
        shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("eval"))
        for path in extra or []:
            shutil.copy(path, corpus / path.name)
        settings = Settings(corpus_dir=corpus, index_dir=Path(tmp) / "index", golden=())
        build_index(settings, embedder)
        yield settings, embedder, IndexStore(settings.index_dir).load(embedder)


def new_documents() -> list[Path]:
    return sorted(p for p in NEW_DOCS.iterdir() if p.suffix != ".py")


def pct(values: list[float], p: float) -> float:
    """The `p` quantile of durations in seconds, in milliseconds."""
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))] * 1000 if values else float("nan")

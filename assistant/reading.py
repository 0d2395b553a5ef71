"""Reading and cutting the corpus's documents, on every core.

Extracting text (PDF, DOCX, HTML) and splitting sentences cost about as much per document as
embedding its passages, and every document is independent of the others, so a build hands
them to a pool of worker processes: one task per file, and a `.jsonl` file of many records
(a BEIR corpus) cut into slices of `SLICE` records. Results come back in corpus order, so the
passages and their ids are the same as when read in one process (tests/test_reading.py).
A handful of files is read in this process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from assistant.chunk import Chunker
from assistant.config import ChunkerSettings
from assistant.ingest import Document, EmptyDocument, SourceFile, UnreadableDocument, load_documents
from assistant.record import Record

SLICE = 200  # records of a .jsonl file per task
MIN_TASKS = 8  # fewer tasks than this are read in this process


@dataclass(frozen=True)
class Task:
    """One file to read, or (for a .jsonl file, read already) some of its records to cut."""

    source: SourceFile
    documents: tuple[Document, ...] | None = None


@dataclass(frozen=True)
class Read:
    """What a task gave: its passages and how many documents they came from, or why none."""

    source: SourceFile
    records: tuple[Record, ...] = ()
    documents: int = 0
    note: str | None = None
    failed: str | None = None  # could not be read
    skipped: str | None = None  # nothing to index (empty, too large)


@dataclass(frozen=True)
class Cutter:
    """What a worker needs to cut documents into passages (picklable: no model, only the
    tokenizer's counter)."""

    settings: ChunkerSettings
    count_tokens: Callable[[str], int]
    max_tokens: int
    max_bytes: int


def tasks_for(sources: list[SourceFile], max_bytes: int) -> tuple[list[Task], list[Read]]:
    """Tasks for the files to read; a .jsonl file is read here (it is only parsed) and cut into
    slices, and one that cannot be read is a result at once."""
    tasks: list[Task] = []
    done: list[Read] = []
    for source in sources:
        if source.path.suffix.lower() != ".jsonl":
            tasks.append(Task(source))
            continue
        try:
            documents = load_documents(source, max_bytes)
        except (UnreadableDocument, EmptyDocument) as exc:
            done.append(_failure(source, exc))
            continue
        tasks.extend(Task(source, tuple(documents[i : i + SLICE])) for i in range(0, len(documents), SLICE))
    return tasks, done


def read_all(tasks: list[Task], cutter: Cutter, workers: int) -> Iterator[Read]:
    """Each task's result, in the order of `tasks`, read by `workers` processes."""
    if workers <= 1 or len(tasks) < MIN_TASKS:
        for task in tasks:
            yield read(task, cutter)
        return
    # "spawn": a forked copy of a process that runs model threads (the web app) can deadlock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(read, tasks, [cutter] * len(tasks), chunksize=1)


def read(task: Task, cutter: Cutter) -> Read:
    """Read one task: load the file unless its documents are given, then cut them."""
    documents = task.documents
    if documents is None:
        try:
            documents = tuple(load_documents(task.source, cutter.max_bytes))
        except (UnreadableDocument, EmptyDocument) as exc:
            return _failure(task.source, exc)
    chunker = Chunker(cutter.settings, cutter.count_tokens, cutter.max_tokens)
    records = tuple(record for document in documents for record in chunker.chunk(document))
    return Read(task.source, records, len(documents), documents[0].note if documents else None)


def _failure(source: SourceFile, exc: Exception) -> Read:
    if isinstance(exc, UnreadableDocument):
        return Read(source, failed=str(exc))
    return Read(source, skipped=str(exc))

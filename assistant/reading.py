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


class Reader:
    """Reads tasks: loads a file unless its documents are given, then cuts them into passages.
    It travels to each worker process once (only settings and the token counter, which loads
    its tokenizer where it is used); the chunker is made once in each process."""

    def __init__(self, settings: ChunkerSettings, count_tokens: Callable[[str], int], max_tokens: int, max_bytes: int):
        self.settings = settings
        self.count_tokens = count_tokens
        self.max_tokens = max_tokens
        self.max_bytes = max_bytes
        self._chunker: Chunker | None = None

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_chunker": None}

    def read(self, task: Task) -> Read:
        documents = task.documents
        if documents is None:
            try:
                documents = tuple(load_documents(task.source, self.max_bytes))
            except (UnreadableDocument, EmptyDocument) as exc:
                return _failure(task.source, exc)
        if self._chunker is None:
            self._chunker = Chunker(self.settings, self.count_tokens, self.max_tokens)
        records = tuple(record for document in documents for record in self._chunker.chunk(document))
        return Read(task.source, records, len(documents), documents[0].note if documents else None)


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


def read_all(tasks: list[Task], reader: Reader, workers: int) -> Iterator[Read]:
    """Each task's result, in the order of `tasks`, read by `workers` processes."""
    if workers <= 1 or len(tasks) < MIN_TASKS:
        yield from map(reader.read, tasks)
        return
    # "spawn": a forked copy of a process that runs model threads (the web app) can deadlock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(reader,)) as pool:
        yield from pool.map(_read_in_worker, tasks, chunksize=1)


_worker_reader: Reader | None = None  # in a worker process only: the Reader it was started with


def _start_worker(reader: Reader) -> None:
    global _worker_reader  # the pool's way to give each worker process its state once
    _worker_reader = reader


def _read_in_worker(task: Task) -> Read:
    assert _worker_reader is not None, "a worker process is started with its Reader"
    return _worker_reader.read(task)


def _failure(source: SourceFile, exc: Exception) -> Read:
    if isinstance(exc, UnreadableDocument):
        return Read(source, failed=str(exc))
    return Read(source, skipped=str(exc))

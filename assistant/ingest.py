"""The corpus folder: which files are documents, which are role data, and the text and
sections of each document (extraction per format lives in `formats`).

A `Document` keeps the text it was read as; sections and, later, passages are character
spans into it, so every passage can be traced back to its place in the document.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from assistant.formats import LOADERS, EmptyDocument, Section, UnreadableDocument, extract, json_records

log = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = set(LOADERS) | {".jsonl"}
RECORD = "::"  # between a .jsonl file and the id of one of its records: "corpus.jsonl::12"
DATA_SUFFIXES = {".yaml", ".yml", ".csv"}
IGNORED_DIRS = {"eval"}  # golden questions live in corpus/eval/; they are not documents

__all__ = [
    "Document",
    "Section",
    "SourceFile",
    "Skipped",
    "scan",
    "load_documents",
    "source_file",
    "UnreadableDocument",
    "EmptyDocument",
    "TooLarge",
]


@dataclass(frozen=True)
class Document:
    doc_id: str  # path relative to the corpus folder, "/"-separated
    title: str
    text: str
    sections: tuple[Section, ...]
    sha256: str
    note: str | None = None


@dataclass(frozen=True)
class SourceFile:
    """A file of the corpus folder before it is read."""

    doc_id: str
    path: Path
    sha256: str
    kind: str  # "document" or "data"
    size: int = 0


@dataclass(frozen=True)
class Skipped:
    doc_id: str
    reason: str


class TooLarge(EmptyDocument):
    """Over the configured size limit: skipped, not read."""


def scan(corpus_dir: Path) -> tuple[list[SourceFile], list[Skipped]]:
    """Every document and data file under `corpus_dir`, with its content hash."""
    files, skipped = [], []
    for path in sorted(p for p in corpus_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in rel.parts) or rel.parts[0] in IGNORED_DIRS:
            continue
        doc_id = rel.as_posix()
        suffix = path.suffix.lower()
        if suffix in DOCUMENT_SUFFIXES:
            kind = "document"
        elif suffix in DATA_SUFFIXES:
            kind = "data"
        else:
            skipped.append(
                Skipped(
                    doc_id,
                    f"unsupported file type '{suffix or path.name}' (supported: "
                    f"{', '.join(sorted(DOCUMENT_SUFFIXES | DATA_SUFFIXES))})",
                )
            )
            continue
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        files.append(SourceFile(doc_id, path, digest.hexdigest(), kind, path.stat().st_size))
    return files, skipped


def load_documents(source: SourceFile, max_bytes: int | None = None) -> list[Document]:
    """Read one corpus file: one document, or one per line of a `.jsonl` file (records with
    `_id`, `title` and `text`, as in the BEIR benchmarks). Raises UnreadableDocument (it
    failed: corrupt, encrypted, binary) or EmptyDocument (nothing to index, or too large)."""
    size = source.size or source.path.stat().st_size
    if max_bytes is not None and size > max_bytes and source.path.suffix.lower() != ".jsonl":
        raise TooLarge(
            f"too large: {size / 1e6:.1f} MB, the limit is {max_bytes / 1e6:.0f} MB "
            "(ASSISTANT_MAX_DOCUMENT_MB); split it or raise the limit"
        )
    if source.path.suffix.lower() == ".jsonl":
        return [
            Document(
                f"{source.doc_id}{RECORD}{record_id}",
                title or record_id,
                text,
                (Section(title or record_id, 0, len(text)),),
                source.sha256,
            )
            for record_id, title, text in json_records(source.path)
        ]
    extracted = extract(source.path)
    return [
        Document(
            source.doc_id,
            extracted.title or source.path.stem,
            extracted.text,
            tuple(extracted.sections),
            source.sha256,
            extracted.note,
        )
    ]


def source_file(doc_id: str) -> str:
    """The corpus file a document came from ("corpus.jsonl::12" -> "corpus.jsonl")."""
    return doc_id.split(RECORD, 1)[0]

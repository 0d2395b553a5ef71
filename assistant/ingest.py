"""Reading the corpus folder: which files are documents, which are role data, and the text
and sections of each document.

A `Document` keeps the decoded file text unchanged; sections and, later, passages are
character spans into it, so every passage can be traced back to its place in the file.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = {".md", ".markdown", ".txt"}
DATA_SUFFIXES = {".yaml", ".yml"}
IGNORED_DIRS = {"eval"}  # golden questions live in corpus/eval/; they are not documents


@dataclass(frozen=True)
class Section:
    heading: str
    start: int  # offsets of the section body in Document.text
    end: int


@dataclass(frozen=True)
class Document:
    doc_id: str  # path relative to the corpus folder, "/"-separated
    title: str
    text: str
    sections: tuple[Section, ...]
    sha256: str


@dataclass(frozen=True)
class SourceFile:
    """A file of the corpus folder before it is read."""

    doc_id: str
    path: Path
    sha256: str
    kind: str  # "document" or "data"


@dataclass(frozen=True)
class Skipped:
    doc_id: str
    reason: str


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
            skipped.append(Skipped(doc_id, f"unsupported file type '{suffix or path.name}'"))
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        files.append(SourceFile(doc_id, path, digest, kind))
    return files, skipped


class UnreadableDocument(ValueError):
    """The file is not a text document we can read; the message says why."""


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:65536]:
        raise UnreadableDocument("binary content (NUL bytes), not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(f"not valid UTF-8 (byte {exc.start}); save it as UTF-8") from None
    if not text.strip():
        raise UnreadableDocument("empty or only whitespace")
    return text


def load_document(source: SourceFile) -> Document:
    """Read one document file; raises UnreadableDocument with the reason when it cannot."""
    text = read_text(source.path)
    suffix = source.path.suffix.lower()
    if suffix in {".md", ".markdown"}:
        title, sections = _markdown_sections(text)
    else:
        title, sections = _plain_text_sections(text)
    return Document(source.doc_id, title or source.path.stem, text, tuple(sections), source.sha256)


def _line_offsets(text: str) -> list[int]:
    offsets, pos = [0], 0
    for line in text.splitlines(keepends=True):
        pos += len(line)
        offsets.append(pos)
    return offsets


def _markdown_sections(text: str) -> tuple[str | None, list[Section]]:
    # markdown-it knows what is a heading (not a '#' inside a code block, setext headings too).
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    offsets = _line_offsets(text)
    headings = []  # (level, text, start offset of heading line, offset after heading)
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.map:
            level = int(tok.tag[1])
            headings.append((level, tokens[i + 1].content.strip(), offsets[tok.map[0]], offsets[tok.map[1]]))
    title = next((h[1] for h in headings if h[0] == 1), None)
    sections: list[Section] = []
    path: dict[int, str] = {}
    body_start, current = 0, title or ""
    for level, heading, line_start, after in headings:
        sections.append(Section(current, body_start, line_start))
        path = {lv: h for lv, h in path.items() if lv < level}
        path[level] = heading
        # The section name is the heading path below the document title.
        current = " › ".join(h for lv, h in sorted(path.items()) if not (lv == 1 and h == title)) or heading
        body_start = after
    sections.append(Section(current, body_start, len(text)))
    return title, [s for s in sections if text[s.start:s.end].strip()]


_HEADING_LIKE = re.compile(r"^[^\n]{1,80}$")


def _plain_text_sections(text: str) -> tuple[str | None, list[Section]]:
    """Plain text has no markup; a short line standing alone between blank lines, not ending
    like a sentence, is read as a heading (the first one as the title)."""
    offsets = _line_offsets(text)
    lines = text.splitlines()
    heads = []
    for n, line in enumerate(lines):
        stripped = line.strip()
        alone = (n == 0 or not lines[n - 1].strip()) and (n + 1 >= len(lines) or not lines[n + 1].strip())
        if (alone and stripped and _HEADING_LIKE.match(stripped) and stripped[-1] not in ".!,;:"
                and len(stripped.split()) <= 12 and n + 1 < len(lines)):
            heads.append((n, stripped))
    title = heads[0][1] if heads and heads[0][0] == next(i for i, l in enumerate(lines) if l.strip()) else None
    sections, body_start, current = [], 0, title or ""
    for n, heading in heads:
        sections.append(Section(current, body_start, offsets[n]))
        current, body_start = heading, offsets[n + 1]
    sections.append(Section(current, body_start, len(text)))
    return title, [s for s in sections if text[s.start:s.end].strip()]

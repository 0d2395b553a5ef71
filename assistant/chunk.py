"""Cutting documents into passages.

Passages follow the document's sections and sentences: a passage never spans two sections,
never cuts a sentence (unless one sentence alone is too long), prefers to end at a paragraph
break once it holds `min_words`, and stays within `max_words`, `max_chars` and the
embedding model's token window. The text a passage is embedded with carries the document
title and section heading, so "Salary" in a heading helps a salary question find its body.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.config import ChunkerSettings
from assistant.ingest import Document
from assistant.record import Record, RecordKind
from assistant.sentences import SentenceSplitter


def with_heading(title: str, section: str, text: str) -> str:
    """A passage as it is embedded: under its document title and section heading."""
    heading = title if section in ("", title) else f"{title} — {section}"
    return f"{heading}\n{text}"


@dataclass
class _Unit:
    start: int
    end: int
    para: int
    words: int


@dataclass
class Chunker:
    """Cuts documents into passages; `count_tokens` and `max_tokens` come from the embedder."""

    settings: ChunkerSettings
    count_tokens: Callable[[str], int]
    max_tokens: int
    splitter: SentenceSplitter = field(default_factory=SentenceSplitter)

    def chunk(self, doc: Document) -> list[Record]:
        chunks: list[Record] = []
        for section in doc.sections:
            units = self._units(doc, section.start, section.end)
            for group in self._pack(doc, section.heading, units):
                start, end = group[0].start, group[-1].end
                text = doc.text[start:end]
                spans = tuple((u.start - start, u.end - start) for u in group)
                chunks.append(
                    Record(
                        f"{doc.doc_id}#{len(chunks)}",
                        RecordKind.PASSAGE,
                        doc.doc_id,
                        doc.title,
                        section.heading,
                        start,
                        end,
                        text,
                        spans,
                    )
                )
        return chunks

    def _units(self, doc: Document, start: int, end: int) -> list[_Unit]:
        units = []
        for s, e, para in self.splitter.sentences(doc.text, start, end):
            units.extend(self._split_long(doc.text, s, e, para))
        return units

    def _split_long(self, text: str, start: int, end: int, para: int) -> list[_Unit]:
        """A sentence over the limits is cut at word boundaries (tables, lists without stops)."""
        words = text[start:end].split()
        if self._fits(text[start:end], len(words)):
            return [_Unit(start, end, para, len(words))]
        pieces, pos = [], start
        while pos < end:
            # Grow a window word by word until it would overflow.
            cut, n, scan = pos, 0, pos
            while scan < end:
                nxt = _next_word_end(text, scan, end)
                if n and not self._fits(text[pos:nxt], n + 1):
                    break
                cut, scan, n = nxt, nxt, n + 1
            if cut == pos:  # one "word" longer than the limit: cut by characters
                cut = min(end, pos + self.settings.max_chars // 2)
            s, e = pos, cut
            while s < e and text[s].isspace():
                s += 1
            if s < e:
                pieces.append(_Unit(s, e, para, len(text[s:e].split())))
            pos = cut
        return pieces

    def _fits(self, text: str, words: int) -> bool:
        s = self.settings
        return words <= s.max_words and len(text) <= s.max_chars and self.count_tokens(text) <= self.max_tokens - 32

    def _pack(self, doc: Document, heading: str, units: list[_Unit]) -> list[list[_Unit]]:
        s = self.settings
        groups: list[list[_Unit]] = []
        current: list[_Unit] = []
        for unit in units:
            if current:
                words = sum(u.words for u in current)
                too_big = not self._fits_group(doc, heading, current + [unit])
                paragraph_end = words >= s.min_words and unit.para != current[-1].para
                if too_big or paragraph_end:
                    groups.append(current)
                    current = []
            current.append(unit)
        if current:
            groups.append(current)
        # A short tail joins the passage before it when the two fit together.
        if len(groups) > 1 and sum(u.words for u in groups[-1]) < s.min_words:
            merged = groups[-2] + groups[-1]
            if self._fits_group(doc, heading, merged):
                groups[-2:] = [merged]
        return groups

    def _fits_group(self, doc: Document, heading: str, group: list[_Unit]) -> bool:
        s = self.settings
        text = doc.text[group[0].start : group[-1].end]
        if sum(u.words for u in group) > s.max_words or len(text) > s.max_chars:
            return False
        return self.count_tokens(with_heading(doc.title, heading, text)) <= self.max_tokens


def _next_word_end(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    while pos < end and not text[pos].isspace():
        pos += 1
    return pos

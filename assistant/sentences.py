"""Sentence boundaries, as character spans (pysbd, rule-based, no model to download)."""

from __future__ import annotations

import re

import pysbd

_BLANK_LINES = re.compile(r"\n\s*\n")


class SentenceSplitter:
    """Splits text into paragraphs (blank lines) and each paragraph into sentences."""

    def __init__(self) -> None:
        self._segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def paragraphs(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        end = len(text) if end is None else end
        spans, pos = [], start
        for m in _BLANK_LINES.finditer(text, start, end):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, end))
        return [s for s in (_trim(text, a, b) for a, b in spans) if s[0] < s[1]]

    def sentences(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
        """(start, end, paragraph number) of every sentence in text[start:end], trimmed."""
        out = []
        for n, (ps, pe) in enumerate(self.paragraphs(text, start, end)):
            para = text[ps:pe]
            pieces = self._segmenter.segment(para) if para.strip() else []
            for piece in pieces:
                s, e = _trim(text, ps + piece.start, ps + piece.end)
                if s < e:
                    out.append((s, e, n))
        return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def capitalised(text: str) -> str:
    """`text` with its first letter in capitals, the rest as written ("ML engineers" stays)."""
    return text[:1].upper() + text[1:]

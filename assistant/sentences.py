"""Sentence boundaries, as character spans (pysbd, rule-based, no model to download)."""

from __future__ import annotations

import itertools
import re

import pysbd

_BLANK_LINES = re.compile(r"\n\s*\n")
# The mark that opens a list item ("- ", "2) ", "b. ").
LIST_MARK = re.compile(r"(?:[-*+•–]|\d{1,2}[.)]|[a-z][.)])\s+")
# A line that starts a block of its own: a list item, a table row, or "Label: value".
# (and a row as a table or a rate list writes one: "P3 Team Leader — £14.20 per hour")
_OWN_LINE = re.compile(rf"(?:{LIST_MARK.pattern}|\||[A-Z][\w/&() -]{{0,30}}:\s|[A-Z][^\n—]{{0,60}} — )")
# Abbreviations pysbd ends a sentence at: of a title, which go on with a capitalised word
# ("Sr. Engineer"), and the others, which go on with a number ("approx. 2 days a week").
_TITLE_WORDS = "sr|jr|mgr|dept|eng|asst|assoc"
_TITLE_ABBREVIATION = re.compile(rf"\b({_TITLE_WORDS})\.$", re.IGNORECASE)
_ABBREVIATION = re.compile(
    rf"\b({_TITLE_WORDS}|approx|appr|est|incl|excl|yrs?|mos?|wks?|hrs?|mins?|max|nos?|vs|ca|cf|esp|mgmt)\.$",
    re.IGNORECASE,
)
# ... and any of them, or a time or a Latin one, ending a line the next goes on from in lower
# case ("... 6:00 a.m." then "to 4:30 p.m., Monday to Thursday").
_ABBREVIATED_END = re.compile(rf"(?:{_ABBREVIATION.pattern})|\b(?:[ap]\.m|e\.g|i\.e|etc)\.$", re.IGNORECASE)
WRAP_WIDTH = 60  # a line this long that does not end a sentence was wrapped (at most; see wrap_width)


def wrap_width(lines: list[str]) -> float:
    """How long a line must be to have been wrapped: 60 characters, or less in a narrow block
    (0.6 of its widest line), but never under 30: short lines are items, not wraps."""
    widest = max((len(line) for line in lines), default=0)
    return max(30.0, min(float(WRAP_WIDTH), 0.6 * widest))


def runs_on(previous: str, line: str, width: float = WRAP_WIDTH) -> bool:
    """Whether `line` (stripped) continues the sentence that `previous` (stripped) leaves
    open, rather than starting a line of its own: `previous` ends without a stop, is not a
    heading in capitals, and either `line` goes on in lower case or `previous` is as long as
    the wrapped lines around it. A list item, a table row or a "Label: value" line stands alone."""
    if previous and line and _ABBREVIATED_END.search(previous) and line[0].islower():
        return True  # "... 6:00 a.m." then "to 4:30 p.m., Monday to Thursday"
    # (a stop inside closing quotes or brackets ends the sentence too: '... too big to collect."')
    ended = previous.rstrip("\"'”’)")
    if not previous or not line or (ended and ended[-1] in ".!?:;") or _OWN_LINE.match(line):
        return False
    if previous.isupper():  # "COMPENSATION", "TO: ALL STAFF"
        return False
    return line[0].islower() or line[0] in ",;)" or len(previous) >= width


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
        out: list[tuple[int, int, int]] = []
        for n, (ps, pe) in enumerate(self.paragraphs(text, start, end)):
            para = _unwrapped(text[ps:pe])
            pieces = self._segmenter.segment(para) if para.strip() else []
            for piece_start, piece_end in (span for p in pieces for span in _in_quotes(para, p.start, p.end)):
                s, e = _trim(text, ps + piece_start, ps + piece_end)
                # (the paragraph as read, its wrapped lines joined: "6:00 a.m.\nto 4:30 p.m." goes on)
                if s < e and out and out[-1][2] == n and _goes_on(para, out[-1][1] - ps, s - ps):
                    out[-1] = (out[-1][0], e, n)  # not a new sentence: "civil eng.", then ", 3+ yrs"
                elif s < e and out and out[-1][2] == n and _BARE_REPLY.match(text[out[-1][0] : out[-1][1]]):
                    out[-1] = (out[-1][0], e, n)  # "No. There are no formal qualifications.": one reply
                elif s < e:
                    out.append((s, e, n))
        return out


# A reply that says only yes or no, which the sentence after it explains ("No. There are no
# formal qualifications for the role."): quoted alone, it answers nothing.
_BARE_REPLY = re.compile(
    r"^\W*(?:A:\s*)?(?:yes|no|yep|nope|absolutely|definitely|of course|not at all|not really|not always)\W*$",
    re.IGNORECASE,
)


# The end of a sentence within quoted speech, which pysbd keeps whole ('"... you start." "The
# initial training lasts four weeks."'): a stop after a word in lower case, a capital after it.
_QUOTED_END = re.compile(r"(?<=\b[a-z]{2})[a-z]*[.!?][\"”]?\s+(?=[\"“]?[A-Z])")


def _in_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of the piece text[start:end]: cut where quoted speech ends one."""
    piece = text[start:end]
    if '"' not in piece and "“" not in piece:
        return [(start, end)]
    cuts = [start + m.end() for m in _QUOTED_END.finditer(piece) if not _ABBREVIATION.search(piece[: m.end()].rstrip())]
    return list(itertools.pairwise([start, *cuts, end]))


def _goes_on(text: str, end: int, start: int) -> bool:
    """Whether the piece at `start` goes on with the sentence ending at `end`, on the same
    line: it opens in lower case or with punctuation, or a number follows an abbreviation."""
    if "\n" in text[end:start]:
        return False
    first, before = text[start], text[max(0, end - 12) : end]
    if first.islower() or first in ",;:)":
        return True
    if first.isdigit() or first == "(":  # "approx. 2 days", "civil eng. (ABET accredited)"
        return bool(_ABBREVIATION.search(before))
    return first.isupper() and bool(_TITLE_ABBREVIATION.search(before))  # "Sr. Engineer", "Eng. Mgr"


def _unwrapped(paragraph: str) -> str:
    """`paragraph` with the line breaks of hard-wrapped text made spaces (the same length, so
    character spans still hold): pysbd ends a sentence at every line break."""
    if "\n" not in paragraph:
        return paragraph
    lines = paragraph.split("\n")
    width = wrap_width([line.strip() for line in lines])
    out = lines[0]
    for before, line in itertools.pairwise(lines):
        out += (" " if runs_on(before.strip(), line.strip(), width) else "\n") + line
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

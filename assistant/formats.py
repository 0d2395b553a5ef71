"""Text and sections out of each supported file format.

Every loader returns the document's text and its sections as spans of that text. Formats
with structure of their own are first turned into Markdown-like text (headings as `#` lines)
and cut by the Markdown reader, so headings become sections the same way everywhere:

    .md .markdown   headings (markdown-it)          .html .htm  main text (BeautifulSoup)
    .txt            short lines over their text     .pdf        larger lines, else pages (pypdf)
    .docx           Heading/Title styles (python-docx)

A zip-based file (.docx today, or anything that starts like a zip archive) is checked before
any reader opens it (`check_archive`): a zip bomb, a small file that unpacks to gigabytes,
fails with "unpacked size over the limit" instead of stalling a build.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import zip_longest
from pathlib import Path

from assistant.config import MAX_COMPRESSION_RATIO, MAX_UNPACKED_MB
from assistant.sentences import runs_on, wrap_width


@dataclass(frozen=True)
class Section:
    heading: str
    start: int  # offsets of the section body in the extracted text
    end: int


@dataclass(frozen=True)
class Extracted:
    title: str | None
    text: str
    sections: list[Section]
    note: str | None = None  # something the report should say, e.g. "decoded as cp1252"


class UnreadableDocument(ValueError):
    """The file cannot be read as its type says (corrupt, encrypted, binary): it failed."""


class EmptyDocument(ValueError):
    """The file was read but holds no text to index: it is skipped."""


# ---- plain text and Markdown ---------------------------------------------------------------
def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8, else the encoding charset-normalizer finds (Latin-1 and cp1252 files are common)."""
    if b"\x00" in data[:65536]:
        raise UnreadableDocument("binary content (NUL bytes), not a text document")
    try:
        return _newlines(data.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # Most legacy text here is Windows Western European; for such bytes charset-normalizer
    # often guesses a neighbouring code page ("Café" read as cp775 "Cafķ"). So when its
    # reading is in Latin script, and cp1252 can read the bytes, cp1252 it is.
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and (best is None or _latin_script(str(best))):
        return _newlines(western), "not UTF-8: decoded as cp1252 (Windows Western European)"
    if best is None:
        raise UnreadableDocument("not text in any known encoding; save it as UTF-8")
    text = str(best)
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > len(text[:65536]) / 100:
        raise UnreadableDocument("binary content (control characters), not a text document")
    return _newlines(text), f"not UTF-8: decoded as {best.encoding}"


def _latin_script(text: str) -> bool:
    import unicodedata

    letters = [ch for ch in text[:65536] if ch.isalpha() and ord(ch) > 127]
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_offsets(text: str) -> list[int]:
    # Lines end at "\n" only, as markdown-it counts them (str.splitlines would also split at
    # form feeds and U+2028, which text pasted from PDFs and word processors holds).
    offsets = [0] + [m.end() for m in re.finditer("\n", text)]
    if offsets[-1] != len(text):
        offsets.append(len(text))
    return offsets


def markdown_sections(text: str) -> tuple[str | None, list[Section]]:
    # markdown-it knows what is a heading (not a '#' inside a code block, setext headings too).
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    offsets = _line_offsets(text)
    headings = []  # (level, text, start of the heading line, end of the heading)
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.map:
            headings.append((int(tok.tag[1]), tokens[i + 1].content.strip(), offsets[tok.map[0]], offsets[tok.map[1]]))
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
    return title, [s for s in sections if text[s.start : s.end].strip()]


_HEADING_LIKE = re.compile(r"^[^\n]{1,80}$")
_RATE_ROW = re.compile(r" — [£$€]?\d")  # a row of a rate table (load_text writes dot leaders so)
_NUMBERED = re.compile(r"^(?:\d{1,2}|[A-Z]|[IVX]{1,4})[.)]\s+\S+(?:\s+\S+){0,5}$")  # "3. Reqs", "IV) Pay & hrs"


_LABELLED_FIGURE = re.compile(r"^[^:]{1,60}:[ \t]{2,}\S")


def plain_text_sections(text: str) -> tuple[str | None, list[Section]]:
    """Plain text has no markup. A short line not ending like a sentence is read as a heading
    (the first one as the title) when it stands alone between blank lines, when it opens a
    block in capitals ("2. PAY & BENEFITS"), or when it opens a block and the next line starts
    a sentence of its own ("Salary" over "A business intelligence analyst earns ..."), or
    when it is a question over its answer (an FAQ's "Is overtime paid?"): not a hard-wrapped
    paragraph's first line, which is long or runs on in lower case."""
    offsets = _line_offsets(text)
    lines = text.split("\n")
    first_line = next((i for i, line in enumerate(lines) if line.strip()), None)
    heads: list[tuple[int, str]] = []
    introduced = False  # the lines after one ending in a colon are what it introduces, no heading
    earlier = ""  # the last line with text before this one
    for n, line in enumerate(lines):
        stripped = line.strip()
        after = lines[n + 1].strip() if n + 1 < len(lines) else ""
        opens = n == 0 or not lines[n - 1].strip()
        if stripped and opens:
            introduced = earlier.endswith(":") and line[:1].isspace()
        earlier = stripped or earlier
        alone = opens and not after
        # (not a row of figures under its label, "Starting salary:      GBP 29,640 a year")
        over_body = (
            opens
            and len(stripped.split()) <= 6
            and stripped[:1].isupper()
            and after[:1].isupper()
            and not _LABELLED_FIGURE.match(stripped)
        )
        # "2. PAY & BENEFITS" over "   - ..."; longer when it opens the text, as its title ("MEET
        # THE COACH: A DAY IN THE LIFE OF OUR HEAD TENNIS COACH")
        # ... or right under the title in capitals, a subtitle ("HOLLINSWORTH ESTATE - STAFF HANDBOOK"
        # over "SECTION 7: THE ESTATE MAINTENANCE TEAM (ESTATE HANDYPERSONS)")
        subtitle = bool(heads) and heads[0][0] == first_line == n - 1 and lines[n - 1].strip().isupper()
        capitals = (
            (opens or subtitle) and stripped.isupper() and len(stripped.split()) <= (16 if n == first_line else 8)
        )
        # "2. Reporting" over indented lines: a numbered heading, not a list's first item
        indented = n + 1 < len(lines) and lines[n + 1][:1].isspace() and bool(after)
        numbered = opens and indented and _NUMBERED.match(stripped) is not None
        # an FAQ's question over its answer ("Is overtime paid?" / "Yes, hours over 40 ...")
        question = opens and stripped.endswith("?") and after[:1].isupper()
        if (
            (alone or over_body or capitals or numbered or question)
            and not introduced
            and stripped
            and not _RATE_ROW.search(stripped)  # "Assistant Brewer — $19.00 per hour" over "Brewer — ..."
            and _HEADING_LIKE.match(stripped)
            # ("... HIGHWAYS DIV.", "WHAT DOES IT PAY?" over a blank line)
            and (
                stripped[-1] not in ".!?,;:"
                or (capitals and stripped[-1] == ".")
                or ((capitals or alone) and stripped[-1] == "?")  # an FAQ's question over a blank line
                or question
            )
            and len(stripped.split()) <= (16 if capitals else 12)
            and n + 1 < len(lines)
        ):
            heads.append((n, stripped))
    title = heads[0][1] if heads and heads[0][0] == first_line else None
    sections, body_start, current = [], 0, title or ""
    for n, heading in heads:
        if text[body_start : offsets[n]].strip() or current == (title or ""):
            sections.append(Section(current, body_start, offsets[n]))
            current = heading
        else:  # "Section 4: Brewers" right over "4.1 About the role": the section is both
            current = f"{current} › {heading}"
        body_start = offsets[n + 1]
    sections.append(Section(current, body_start, len(text)))
    return title, [s for s in sections if text[s.start : s.end].strip()]


def load_markdown(data: bytes) -> Extracted:
    text, note = decode(data)
    title, sections = markdown_sections(text := _table_rows_as_text(_plain_inline(text)))
    return Extracted(title, text, sections, note)


# Inline Markdown that would show in a quotation ("**Salary:** $118,000"): links and images
# keep their text, emphasis and code spans their content. Code blocks are left as written.
_INLINE = [
    (re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),
    (re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<![\w_])__(?=\S)([^_\n]+?)(?<=\S)__(?![\w_])"), r"\1"),  # not "window.__x1 = __x2"
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
]
_FENCE = re.compile(r"^\s*(```|~~~)")


def _plain_inline(text: str) -> str:
    lines, fenced = text.split("\n"), False
    for n, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and any(c in line for c in "*_`["):
            for pattern, keep in _INLINE:
                line = pattern.sub(keep, line)
            lines[n] = line
    return "\n".join(lines)


def _table_rows_as_text(text: str) -> str:
    """`text` with each (GitHub-style) Markdown table written as its rows' statements, one
    paragraph each (table_lines): "| P3 | $85,000 | 12% |" says nothing once quoted alone."""
    if "|" not in text:
        return text  # no table: the page is parsed once, for its sections
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables = []  # (first line, line after, rows, has a header row)
    for i, tok in enumerate(tokens):
        if tok.type != "table_open" or not tok.map:
            continue
        rows: list[list[str]] = []
        header = False
        for t in tokens[i + 1 :]:
            if t.type == "table_close":
                break
            header = header or t.type == "thead_open"
            if t.type == "tr_open":
                rows.append([])
            elif t.type == "inline" and rows:
                rows[-1].append(t.content)
        tables.append((tok.map[0], tok.map[1], rows, header))
    if not tables:
        return text
    lines = text.split("\n")
    for start, end, rows, header in reversed(tables):
        # Each row a paragraph that Markdown reads as text, never as a heading or a list.
        statements = [_BLOCK_MARK.sub(r"\\\1", line) for line in table_lines(rows, header)]
        lines[start:end] = "\n\n".join(statements).split("\n")
    return "\n".join(lines)


_BLOCK_MARK = re.compile(r"^([#>*+=|-]|\d+[.)])")


# A dot leader between a label and its value ("P1 Picker ........ £12.10 per hour").
_DOT_LEADER = re.compile(r"[ \t]*\.{4,}[ \t]*(?=\S)|[ \t]+\.{3}[ \t]+(?=[£$€\d])")


_EMAIL_HEADER = re.compile(r"^(From|To|Date|Sent):\s", re.IGNORECASE)
_SUBJECT = re.compile(r"^Subject:[ \t]*(\S.*)$", re.IGNORECASE | re.MULTILINE)


# A row of a table laid out in columns of spaces ("  Early shift   06:00 - 14:00"): its cells.
# (two spaces or more; not after the end of a sentence, "... shift.  Then ...")
_ALIGNED_ROW = re.compile(r"^([ \t]*)(\S.*?[^\s.!?:;,])[ \t]{2,}(\S.*)$")


def _aligned_rows(text: str) -> str:
    """`text` with each run of two lines or more laid out in columns of spaces written as
    rows ("Early shift — 06:00 - 14:00"), as a rate list is: one line each, label first."""
    lines = text.split("\n")
    rows = [_ALIGNED_ROW.match(line) for line in lines]
    for n, row in enumerate(rows):
        in_run = (n > 0 and rows[n - 1] is not None) or (n + 1 < len(rows) and rows[n + 1] is not None)
        if row is not None and in_run:
            cells = re.split(r"[ \t]{2,}", row.group(3))
            lines[n] = f"{row.group(1)}{row.group(2)} — {'; '.join(cells)}"
    return "\n".join(lines)


# A table drawn in characters: "+-----+-----+" borders, "| a | b |" rows, "|---|---|" under a header.
_DRAWN = re.compile(r"^[ \t]*[+|].*[+|][ \t]*$")
_BORDER = re.compile(r"^[ \t]*\+[-=:+ ]*\+[ \t]*$")
_UNDER_HEADER = re.compile(r"^[ \t]*\|?[ \t:|-]*-{3,}[ \t:|-]*\|?[ \t]*$")


def _drawn_tables(text: str) -> str:
    """`text` with each table drawn in characters written as its rows' statements (table_lines),
    one paragraph each, as the other formats read a table: a grid's row may run over several
    lines between its borders ("| Unqualified Instrumental Teacher | GBP 24,400 to |" over "|
    (points UIT1 to UIT3) | GBP 28,150 |" is one row)."""
    if "|" not in text:
        return text
    lines, out, n = text.split("\n"), [], 0
    while n < len(lines):
        end = n
        while end < len(lines) and _DRAWN.match(lines[end]):
            end += 1
        drawn = lines[n:end]
        if sum(not _BORDER.match(line) and not _UNDER_HEADER.match(line) for line in drawn) < 2:
            out.append(lines[n])
            n += 1
            continue
        rows, header = _drawn_rows(drawn)
        out += ["", *"\n\n".join(table_lines(rows, header)).split("\n"), ""]
        n = end
    return "\n".join(out)


def _drawn_rows(drawn: list[str]) -> tuple[list[list[str]], bool]:
    """The rows of a table drawn in characters, and whether its first names the columns (a
    "+===+" or "|---|" line under it, or cells that look like names over figures)."""
    # (a grid with borders between its rows: a row's cells may run over several lines; one
    # with borders only around its header and at its end has a row on each line)
    ruled = [bool(_BORDER.match(line)) for line in drawn]
    blocks = sum(not here and (n == 0 or ruled[n - 1]) for n, here in enumerate(ruled))  # runs of rows between rules
    grid = blocks > 2 or (blocks == 2 and ruled[0] and not any(ruled[1:3]))  # (two rows, the first over two lines)
    header = False
    block: list[str] = []  # the lines of the grid row being read
    rows: list[list[str]] = []
    for line in [*drawn, "+"]:
        rule = _BORDER.match(line) or _UNDER_HEADER.match(line) or line == "+"
        if rule or not grid:
            if block:
                cells = [[c.strip() for c in b.strip().strip("|").split("|")] for b in block]
                rows.append([" ".join(c[i] for c in cells if i < len(c)).strip() for i in range(max(map(len, cells)))])
                block = []
            header = header or (rule and len(rows) == 1 and ("=" in line or not grid) and line != "+")
        if not rule:
            block.append(line)
    header = header or _looks_like_header(rows)
    return (rows if grid else _run_over_joined(rows, header)), header


def _run_over_joined(rows: list[list[str]], header: bool) -> list[list[str]]:
    """`rows` of a table with no borders between its rows, with each line that carries on the
    row above joined to it: one with no figures whose first cell is empty, or that leaves half
    its cells empty, among them one every row above fills ("| Civil Enforcement | 4 | £24,294 |
    After passing |" over "| Officer |   |   | award |")."""
    out: list[list[str]] = []
    for row in rows:
        above = out[1:] if header else out
        always = {i for i in range(len(row)) if above and all(i < len(r) and r[i] for r in above)}
        empty = {i for i, cell in enumerate(row) if not cell}
        # (not a row of its own figures under the same first cell: "|  | Year 2 | £25,000 |")
        figures = any(re.search(r"\d", cell) for cell in row)
        if above and not figures and (0 in empty or (2 * len(empty) >= len(row) and empty & always)):
            last = out[-1]
            out[-1] = [
                " ".join(c for c in (last[i] if i < len(last) else "", row[i] if i < len(row) else "") if c)
                for i in range(max(len(last), len(row)))
            ]
        else:
            out.append(row)
    return _grouped(out)


def _grouped(rows: list[list[str]]) -> list[list[str]]:
    """`rows` with a first cell left empty under a row that has one taken from it: the rows of
    one group ("| Band 3 | Year 1 | £24,000 |" over "|  | Year 2 | £25,000 |")."""
    out: list[list[str]] = []
    for row in rows:
        out.append([out[-1][0], *row[1:]] if out and row and not row[0] and any(row[1:]) else row)
    return out


def load_text(data: bytes) -> Extracted:
    text, note = decode(data)
    text = _drawn_tables(text)
    text = _DOT_LEADER.sub(" — ", text)  # a row of a rate table, read as table_lines writes one
    text = _aligned_rows(text)
    title, sections = plain_text_sections(text)
    subject = _SUBJECT.search(text[:2000])
    if title and subject and _EMAIL_HEADER.match(title):  # an email: its subject is its title, not "From: ..."
        sections = [replace(s, heading=subject.group(1).strip()) if s.heading == title else s for s in sections]
        title = subject.group(1).strip()
    return Extracted(title, text, sections, note)


def _from_blocks(blocks: list[tuple[int, str]], title: str | None) -> Extracted:
    """(heading level or 0, text) blocks -> Markdown-like text, cut into sections."""
    lines = []
    for level, text in blocks:
        text = " ".join(text.split())
        if not text:
            continue
        if level:
            lines.append("#" * level + " " + text)
        else:
            lines.append(re.sub(r"^(#+)(\s)", r"\\\1\2", text))  # a paragraph is never a heading
    markdown = "\n\n".join(lines) + "\n"
    found_title, sections = markdown_sections(markdown)
    return Extracted(title or found_title, markdown, sections)


def table_lines(rows: list[list[str]], header: bool) -> list[str]:
    """A table as one line per row. With a header row, each row reads as a statement: its
    first cell, then each other cell under its column's name ("Senior UX Designer — Base
    salary: $125,000 – $150,000; Annual bonus target: 10%."), so a quoted row says what its
    figures are; without one, the cells are joined with " | "."""
    rows = [[" ".join(cell.split()) for cell in row] for row in rows]
    header = header and bool(rows) and any(rows[0])  # an empty header row ("| | |") names no column
    rows = [row for row in rows if any(row)]
    if not header or len(rows) < 2:
        return [" | ".join(row) for row in rows]
    names, out = rows[0], []
    for row in rows[1:]:
        cells = zip_longest(names[1:], row[1:], fillvalue="")  # a cell past the named columns is kept
        said = "; ".join(_under(name, cell) if name else cell for name, cell in cells if cell)
        out.append(" — ".join(part for part in (row[0], said and f"{said}.") if part))
    return out


# A column's name that gives its figures' currency ("Basic salary (£ a year)", "Rate (GBP/hour)").
_CURRENCY_COLUMN = re.compile(r"^(?P<name>.*?)\s*\(\s*(?P<currency>[$€£¥₹]|GBP|USD|EUR)\s*(?P<per>[^)]*)\)$")
_FIGURE = re.compile(r"\d[\d,.]*(?:\s*[-–]\s*\d[\d,.]*)?")


def _under(name: str, cell: str) -> str:
    """A cell under its column's name, with the currency the name gives written on a bare
    figure ("Basic salary: £27,300 a year", not "Basic salary (£ a year): 27,300")."""
    column = _CURRENCY_COLUMN.match(name)
    if column is None or not _FIGURE.fullmatch(cell):
        return f"{name}: {cell}"
    currency, per = column["currency"], column["per"].strip()
    amount = f"{currency}{cell}" if len(currency) == 1 else f"{currency} {cell}"
    return f"{column['name']}: {amount}" + (per if per.startswith("/") else f" {per}" if per else "")


def _looks_like_header(rows: list[list[str]]) -> bool:
    """Whether a table's first row names its columns: short cells without figures, over rows
    that have some (Word marks no header row that python-docx can read)."""
    if len(rows) < 2 or not all(cell.strip() for cell in rows[0]):
        return False
    short = all(len(cell.split()) <= 6 and not re.search(r"\d", cell) for cell in rows[0])
    if len(rows[0]) == 2:  # labels down the first column ("Location | Denver") are no header
        return short and all(re.search(r"\d", row[-1]) for row in rows[1:])
    return short and any(re.search(r"\d", cell) for row in rows[1:] for cell in row)


# ---- HTML ------------------------------------------------------------------------------------
_DROP = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "template",
    "svg",
    "iframe",
    "button",
    "select",
    "menu",
]
_BLOCKS = [
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "pre",
    "blockquote",
    "dt",
    "dd",
    "table",
    "td",
    "th",
    "figcaption",
    "caption",
]


def load_html(data: bytes) -> Extracted:
    from bs4 import BeautifulSoup

    if b"\x00" in data[:65536]:
        raise UnreadableDocument("binary content (NUL bytes), not an HTML page")
    soup = BeautifulSoup(data, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup(_DROP):
        tag.decompose()
    for tag in soup.select('[role="navigation"], [aria-hidden="true"]'):
        tag.decompose()
    body = soup.body or soup
    blocks = []
    term, alone = None, False  # a definition list's term, and whether it is a block of its own still
    for el in body.find_all(_BLOCKS):
        if el.find_parent(_BLOCKS):
            continue  # its text is part of an enclosing block already
        if el.name == "table":
            blocks += [(0, line) for line in _html_table(el)]
            continue
        level = int(el.name[1]) if re.fullmatch(r"h[1-6]", el.name) else 0
        text = _inline_text(el)
        if el.name == "dt":
            term, alone = text, True
        elif el.name == "dd" and term:  # "Probation: Both roles have a six-month probation period."
            if alone:
                blocks.pop()  # the term is said with its (first) definition instead
            text, alone = f"{term.rstrip(':')}: {text}", False
        else:
            term = None
        if el.name == "li" and text:
            text = f"- {text}"  # an item of a list, as Markdown writes one ("which benefits?" quotes the list)
        blocks.append((level, text))
    if not any(text.strip() for _, text in blocks):
        blocks = [(0, line) for line in body.get_text("\n", strip=True).splitlines()]
    if not any(text.strip() for _, text in blocks):
        raise EmptyDocument("no text left after removing scripts, styles and navigation")
    return _from_blocks(blocks, title or None)


# The space get_text puts where an inline tag ended before punctuation ("<b>Tuesday to Saturday</b>.")
_SPACE_BEFORE_MARK = re.compile(r"(?<=\S) (?=[.,;:!?)](?:\s|$))|(?<=[(]) (?=\S)")


def _inline_text(el) -> str:
    return _SPACE_BEFORE_MARK.sub("", el.get_text(" ", strip=True))


def _html_table(table) -> list[str]:
    """A table's caption and rows (table_lines); the first row is the header when its cells
    are all <th>, or it is in <thead>."""
    trs = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    cells = [tr.find_all(["td", "th"], recursive=False) for tr in trs]
    rows = [[_inline_text(cell) for cell in row] for row in cells]
    merged = any(c.get("colspan", "1") != "1" or c.get("rowspan", "1") != "1" for row in cells for c in row)
    # Merged cells shift the columns under the names: such a table is read row by row as it is.
    header = (
        bool(trs) and not merged and (trs[0].find_parent("thead") is not None or all(c.name == "th" for c in cells[0]))
    )
    caption = table.find("caption", recursive=False)
    return ([caption.get_text(" ", strip=True)] if caption else []) + table_lines(rows, header)


# ---- PDF -------------------------------------------------------------------------------------
def load_pdf(data: bytes) -> Extracted:
    """A PDF's text layer. Lines set larger than the body text are headings and make the
    sections, as in the other formats; a PDF set in one size has one section per page."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise UnreadableDocument("encrypted PDF: it needs a password; add an unencrypted copy")
        sizes = _LineSizes()
        pages = [_with_tables(sizes.read(page), sizes.page_tables()) for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or None
    except UnreadableDocument:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
        raise UnreadableDocument(f"not a readable PDF ({type(exc).__name__}: {str(exc)[:80]})") from None
    levels = sizes.heading_levels()
    pages = _across_pages([reflow(page.strip(), frozenset(levels)) for page in pages], frozenset(levels))
    if levels:
        blocks = [(levels.get(" ".join(line.split()), 0), line) for page in pages for line in page.split("\n")]
        return _from_blocks(_joined_headings(blocks), title)
    text, sections = "", []
    for number, page in enumerate(pages, 1):
        if page:
            start = len(text)
            text += page + "\n\n"
            sections.append(Section(f"p. {number}", start, start + len(page)))
    if not sections:
        raise EmptyDocument("the PDF has no text layer (a scan?); add a text version")
    return Extracted(title, text, sections)


def _across_pages(pages: list[str], headings: frozenset[str]) -> list[str]:
    """Pages with a paragraph a page break cuts in two ("... Because of the harvest peak," /
    "no annual leave may be taken ...") whole on the first of them: the next page goes on in
    lower case where the line before runs on (sentences.runs_on), and neither is a heading."""
    out: list[str] = []
    for page in pages:
        last = out[-1].rsplit("\n", 1)[-1].strip() if out else ""
        first, _, rest = page.partition("\n")
        first = first.strip()
        neither_heading = not {" ".join(last.split()), " ".join(first.split())} & headings
        if first[:1].islower() and neither_heading and runs_on(last, first, float("inf")):
            joined = f"{out[-1][:-1]}{first}" if last.endswith("-") else f"{out[-1]} {first}"  # ("milk-" "ing")
            out[-1], page = joined, rest.strip()
        out.append(page)
    return out


def _joined_headings(blocks: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Heading lines of one level that follow each other are one heading wrapped over two
    lines ("HVAC On-call, Overtime and Leave Policy for" / "Technicians"), not two sections."""
    out: list[tuple[int, str]] = []
    for level, line in blocks:
        if level and out and out[-1][0] == level and line.strip():
            out[-1] = (level, f"{out[-1][1].rstrip()} {line.strip()}")
        else:
            out.append((level, line))
    return out


class _LineSizes:
    """The font size of each line of a PDF's text (pypdf's text visitor), to tell headings
    from body text: the body is the size most characters are set in, and a short line set
    wholly larger is a heading, the larger the higher its level; a short line wholly in bold
    at the body's size, and drawn in one piece (a table's header row is drawn cell by cell), is a
    heading below those ("4.4 Hours and shift patterns")."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, float]] = []  # (text, smallest size on the line)
        self._cells: list[list[tuple[float, str]]] = []  # each line's pieces, (x, text), as drawn
        self._all_bold: list[bool] = []  # whether each line is wholly in bold
        self._page_start = 0  # the first line of the page being read
        self._pieces: list[tuple[float, str]] = []  # the line being read's pieces
        self._text, self._size, self._bold = "", 0.0, True

    def read(self, page) -> str:
        """The page's text, noting the size of each of its lines."""
        self._page_start = len(self.lines)
        text = page.extract_text(visitor_text=self._visit) or ""
        self._end_line()
        return text

    def page_tables(self) -> list[tuple[list[list[str]], bool, list[str]]]:
        """The tables of the page last read, each as its rows, whether its first row is in
        bold over rows that are not (a header), and its lines as drawn: runs of two lines or more drawn in two pieces or
        more, the first piece where the first line's starts, each other piece nearest a column
        of the first line's, in order (a figure may be centred in its column)."""
        tables: list[tuple[list[list[str]], bool, list[str]]] = []
        run: list[list[int]] = []  # each row's line numbers: its first, then any it runs over onto
        for n in [*range(self._page_start, len(self._cells)), -1]:
            cells = self._cells[n] if n >= 0 else []
            columns = [x for x, _ in self._cells[run[0][0]]] if run else []
            if run and 2 <= len(cells) <= len(columns) and abs(cells[0][0] - columns[0]) < 3:
                nearest = [min(range(len(columns)), key=lambda c: abs(columns[c] - x)) for x, _ in cells]
                if nearest == sorted(set(nearest)):
                    run.append([n])
                    continue
            # (a line of cells that start at other columns than the first: the row above's,
            # drawn apart or run over onto more lines, "Full UK driving licence; completes 12-month
            # training" and "plan" under "Requirements")
            if len(run) >= 2 and cells and self._in_later_columns(cells, columns):
                # (a line with every column but the first is a row of its own under the same first
                # cell: "Year 2 | £13.10" under "Technician | Year 1 | £12.60")
                if len(columns) >= 3 and len(cells) == len(columns) - 1:
                    run.append([n])
                else:
                    run[-1].append(n)
                continue
            # (... or a row whose first line has only its first cell: "Call-out", then "Minimum 2
            # hours at overtime" under "Rate")
            if len(run) >= 2 and len(cells) == 1 and abs(cells[0][0] - columns[0]) < 3:
                following = self._cells[n + 1] if 0 <= n < len(self._cells) - 1 else []
                if following and self._in_later_columns(following, columns):
                    run.append([n])
                    continue
            if len(run) >= 2:
                bold = self._all_bold[run[0][0]] and not any(self._all_bold[row[0]] for row in run[1:])
                rows = _grouped([_in_columns([c for m in row for c in self._cells[m]], columns) for row in run])
                tables.append((rows, bold, [self.lines[m][0] for row in run for m in row]))
            run = [[n]] if len(cells) >= 2 else []
        return tables

    @staticmethod
    def _in_later_columns(cells: list[tuple[float, str]], columns: list[float]) -> bool:
        """Whether each of a line's `cells` starts at one of the table's `columns` after its first."""
        return all(_at_column(x, columns[1:]) is not None for x, _ in cells)

    def _visit(self, text: str, cm: list[float], tm: list[float], font: object, font_size: float) -> None:
        size = round(font_size * (abs(tm[3] * cm[3]) or 1.0), 1)
        bold = "bold" in str(font.get("/BaseFont", "") if isinstance(font, dict) else "").lower()
        for i, part in enumerate(text.split("\n")):
            if i:
                self._end_line()
            if part.strip():
                self._text += part
                self._size = min(self._size, size) if self._size else size
                self._bold = self._bold and bold
                self._pieces.append((tm[4] + cm[4] if not i else 0.0, part.strip()))

    def _end_line(self) -> None:
        if self._text.strip():
            self.lines.append((" ".join(self._text.split()), self._size))
            self._cells.append(self._pieces)
            self._all_bold.append(self._bold)
        self._text, self._size, self._bold, self._pieces = "", 0.0, True, []

    def heading_levels(self) -> dict[str, int]:
        """{heading line: level 1-3}; empty when the document is set in one size and weight."""
        chars: dict[float, int] = {}
        for text, size in self.lines:
            chars[size] = chars.get(size, 0) + len(text)
        if not chars:
            return {}
        body = max(chars, key=lambda size: chars[size])
        # (a point larger than a 10-12 point body is a heading: 12 over 10.5, 11 over 10)
        headings = [
            (text, size if size >= body * 1.08 else body)
            for (text, size), cells, bold in zip(self.lines, self._cells, self._all_bold, strict=True)
            # (bold and drawn in one piece: a table's header row is drawn cell by cell)
            if (size >= body * 1.08 or (bold and len(cells) == 1 and size >= body))
            and len(text) <= 80
            and not text.endswith((".", ",", ";"))
        ]
        ranks = sorted({size for _, size in headings}, reverse=True)
        return {text: min(ranks.index(size) + 1, 3) for text, size in headings}


def _at_column(x: float, columns: list[float]) -> float | None:
    """The column `x` starts at (within 3 points), else None."""
    return next((c for c in columns if abs(c - x) < 3), None)


def _in_columns(cells: list[tuple[float, str]], columns: list[float]) -> list[str]:
    """A table row's cells under its columns (a column the row leaves empty is "")."""
    row = [""] * len(columns)
    for x, text in cells:
        column = min(range(len(columns)), key=lambda c: abs(columns[c] - x))
        row[column] = f"{row[column]} {text}".strip()
    return row


def _with_tables(page: str, tables: list[tuple[list[list[str]], bool, list[str]]]) -> str:
    """A page's text with each table's lines read as the other formats read a table
    (table_lines): "PO1 — Role: Production Operative (new starter); Basic hourly rate: £12.21.",
    each row a paragraph of its own (reflow joins no row to the next)."""
    lines = page.split("\n")
    for rows, bold_header, drawn_lines in tables:
        drawn = [" ".join(line.split()) for line in drawn_lines]
        flat = [" ".join(line.split()) for line in lines]
        start = next((i for i in range(len(flat)) if flat[i : i + len(drawn)] == drawn), None)
        header = bold_header or _looks_like_header(rows)
        if start is not None and (header or len(rows[0]) >= 3):  # (not "Hours:" beside "40 a week")
            lines[start : start + len(drawn)] = "\n\n".join(table_lines(rows, header)).split("\n")
    return "\n".join(lines)


def reflow(page: str, headings: frozenset[str] = frozenset()) -> str:
    """A PDF page's text with its layout line breaks joined where a sentence runs on
    (sentences.runs_on; a short line followed by a capitalised one is a heading and keeps
    its own line), but never to or from one of the `headings` (as _LineSizes read them: a
    heading as long as a wrapped line is still one)."""
    lines = [line.strip() for line in page.split("\n")]
    width = wrap_width(lines)
    out: list[str] = []
    for line in lines:
        apart = bool(out and {" ".join(line.split()), " ".join(out[-1].split())} & headings)
        if out and not apart and runs_on(out[-1], line, width):
            previous = out[-1]
            out[-1] = f"{previous[:-1]}{line}" if previous.endswith("-") and line[0].islower() else f"{previous} {line}"
            continue
        out.append(line)
    return "\n".join(out)


def _opens_without_password(reader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - pypdf raises several types for "cannot decrypt"
        return False


# ---- DOCX ------------------------------------------------------------------------------------
def load_docx(data: bytes) -> Extracted:
    import zipfile

    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableDocument(f"not a readable DOCX ({type(exc).__name__})") from None
    blocks = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = [[cell.text for cell in row.cells] for row in item.rows]
            blocks += [(0, line) for line in table_lines(rows, _looks_like_header(rows))]
            continue
        style = (item.style.name if item.style is not None else "") or ""
        match = re.fullmatch(r"Heading (\d)", style)
        level = 1 if style == "Title" else int(match.group(1)) if match else 0
        blocks.append((level, item.text))
    if not any(text.strip() for _, text in blocks):
        raise EmptyDocument("the document has no text")
    title = document.core_properties.title or None
    return _from_blocks(blocks, title)


# ---- zip archives (.docx and any other zip-based format) -------------------------------------
ZIP_MAGIC = b"PK\x03\x04"
MAX_MEMBERS = 10_000  # a .docx has a few dozen parts
RATIO_FROM = 1_000_000  # members smaller than this unpacked may compress as well as they like


def check_archive(
    data: bytes,
    max_unpacked: int = MAX_UNPACKED_MB * 10**6,
    max_ratio: float = MAX_COMPRESSION_RATIO,
    kind: str = "zip archive",
) -> None:
    """Raise UnreadableDocument for a zip archive that would unpack to more than `max_unpacked`
    bytes, as its members declare or as they actually read (streamed, never more than the
    limit), or with a large member compressed more than `max_ratio` to 1; also for a corrupt one.
    Python's zipfile stops each member at its declared size, so the readers that follow read
    no more than was checked here."""
    import zipfile
    import zlib

    over = "unpacked size over the limit"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise UnreadableDocument(f"{over}: {len(members):,} parts in one archive (at most {MAX_MEMBERS:,})")
            declared = sum(m.file_size for m in members)
            if declared > max_unpacked:
                raise UnreadableDocument(
                    f"{over}: it unpacks to {declared / 1e6:,.0f} MB, the limit is {max_unpacked / 1e6:,.0f} MB"
                )
            for m in members:
                if m.file_size > RATIO_FROM and m.file_size > max_ratio * max(1, m.compress_size):
                    raise UnreadableDocument(
                        f"{over}: {m.filename} is compressed {m.file_size / max(1, m.compress_size):,.0f} to 1, "
                        f"more than {max_ratio:,.0f} to 1"
                    )
            unpacked = 0
            for m in members:
                with archive.open(m) as part:  # reads to the end, so zipfile checks each CRC
                    while chunk := part.read(1 << 20):
                        unpacked += len(chunk)
                        if unpacked > max_unpacked:
                            raise UnreadableDocument(f"{over}: more than {max_unpacked / 1e6:,.0f} MB unpacked")
    except UnreadableDocument:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise UnreadableDocument(f"not a readable {kind} ({type(exc).__name__}: {str(exc)[:80]})") from None


# ---- JSON lines: many documents in one file ------------------------------------------------------
def json_records(path: Path) -> list[tuple[str, str, str]]:
    """(id, title, text) of every line of a BEIR-style corpus file; a broken line is an error
    naming it, and a file without a usable record is empty."""
    import json

    records, seen = [], set()
    try:
        fh = path.open(encoding="utf-8", errors="strict")
    except OSError as exc:
        raise UnreadableDocument(f"could not be read ({exc.strerror or exc})") from None
    with fh:
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise UnreadableDocument(f"line {n} is not valid JSON ({exc.msg})") from None
                if not isinstance(row, dict) or "_id" not in row or not isinstance(row.get("text"), str):
                    raise UnreadableDocument(f'line {n} needs "_id" and a "text" string')
                record_id = str(row["_id"])
                if record_id in seen:
                    raise UnreadableDocument(f"line {n}: the id {record_id!r} is used twice")
                seen.add(record_id)
                text = _newlines(row["text"]).strip()
                if text:
                    records.append((record_id, str(row.get("title") or "").strip(), text))
        except UnicodeDecodeError:
            raise UnreadableDocument("not valid UTF-8") from None
    if not records:
        raise EmptyDocument("no record with text")
    return records


LOADERS: dict[str, Callable[[bytes], Extracted]] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_text,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
    ".docx": load_docx,
}


def extract(path: Path) -> Extracted:
    loader = LOADERS[path.suffix.lower()]
    try:
        data = path.read_bytes()
    except OSError as exc:  # removed or unreadable since the corpus was scanned
        raise UnreadableDocument(f"could not be read ({exc.strerror or exc})") from None
    if data.startswith(ZIP_MAGIC):
        check_archive(data, kind=path.suffix.lstrip(".").upper() or "zip archive")
    extracted = loader(data)
    if not extracted.text.strip() or not extracted.sections:
        raise EmptyDocument("empty or only whitespace")
    return extracted

"""How the answer line is worded: a curated fact as a clause ("ML engineers: they ..."), a
sentence quoted with its source, and with what it needs to be read alone: the sentence before
one that points back, the items of a list it opens or belongs to, its whole short section, the
amounts of pay stated with it, the line after it when what follows is asked. `claim` chooses
the candidate; this module only words it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.described import LABEL, POINTS_BACK, PRONOUN_START, labelled_cells, starts_line
from assistant.evidence import Candidate
from assistant.record import Record
from assistant.roles import RoleBook
from assistant.sentences import LIST_MARK, capitalised

MAX_LINE_CHARS = 400
MAX_SECTION_CHARS = 240  # a section this short is quoted whole when its heading is what is asked
LIST_ITEMS = 4  # a quoted sentence ending in ":" comes with up to this many list items after it
MAX_ITEM_CHARS = 200  # ... each a short sentence on a line of its own


def quote(
    c: Candidate,
    roles: RoleBook,
    role: str | None,
    whole_list: bool = False,
    cut_row: Callable[[str], str | None] | None = None,
    following: Callable[[Record], Record | None] | None = None,
    whole_section: bool = False,
    lines: list[str] | None = None,
    continued: Callable[[Record], Record | None] | None = None,
) -> str:
    """A curated fact as "ML engineers: they ..."; a sentence (or extracted fact) quoted, with
    its source, a leading "They" made the role it stands for; with `whole_list`, a list item
    with the items around it ("which tools?" is answered by the list of tools, not one); a
    table row, with `cut_row` (Evidence.asked_cells), cut to the cells that hold what is asked;
    with `following` (Index.following), with the sentence or list item after it, in its passage
    or at the start of the next ("what comes after senior X?");
    with `whole_section`, as the whole of its short section ("what's the shift pattern?");
    `lines` (the amounts around it: _amounts_around) in its place; a sentence ending in a colon
    with the list after it, at the start of the next passage (`continued`) when the list is there."""
    if c.fact is not None and c.curated_fact:
        return _clause(c.fact.record, roles)
    sentence = _unmarked(" ".join(c.text.split()))  # "- Car allowance ..." is "Car allowance ..."
    if role and (cell := labelled_cells(sentence, roles).get(role)):  # the asked role's cell of a table row
        sentence = f"{sentence.split(' — ', 1)[0]} — {cell}."
    elif cut_row and (cells := cut_row(sentence)):
        sentence = cells
    subject = c.subject  # what a leading "They" stands for, from the sentence's context, never the question
    if subject in roles.roles and PRONOUN_START.match(sentence):
        sentence = PRONOUN_START.sub(f"[{capitalised(roles.display(subject))}]", sentence, count=1)
    elif POINTS_BACK.match(sentence) and (before := _sentence_before(c.passage, c.text)):
        sentence = f"{before} {sentence}"  # "It is led by ..." says nothing without what "it" is
    if whole_section:
        sentence = _joined([_unmarked(_sentence(c.passage, n)) for n in range(len(c.passage.sentences))])
    elif lines:
        sentence = _joined(lines)
    elif sentence.endswith(":"):  # "... is spent on research and design work:" then the list
        items = _items_after(c.passage, c.text)
        if not items and continued and _position(c.passage, c.text) == len(c.passage.sentences) - 1:
            nxt = continued(c.passage)  # ("Standard shifts are:" ends a passage, its list opens the next)
            items = _items_after(nxt, "", start=0) if nxt is not None else []
        sentence = _joined([sentence, *(_unmarked(item) for item in items)])
    elif whole_list and (LIST_MARK.match(c.text.lstrip()) or LABEL.match(c.text) and c.heading > 0):
        # (lines that each open with a label list what is asked under a heading naming it,
        # "Tools"; under "Payroll Specialist" they are the fields of a profile)
        items = _list_around(c.passage, c.text)
        if role:  # not the items of another role ("Lido – flight planning (dispatchers)" for crew controllers)
            items = [i for i in items if i == c.text or not (named := roles.mentioned(i)) or role in named]
        sentence = _joined([_unmarked(item) for item in items])
    elif following and (after := _next_in_block(c.passage, c.text) or _opening_after(c.passage, c.text, following)):
        sentence = _joined([sentence, _unmarked(after)])
    if len(sentence) > MAX_LINE_CHARS:
        sentence = sentence[: MAX_LINE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return f"“{sentence}” — {where(c.passage)}"


def amounts_around(
    c: Candidate, pool: list[Candidate], roles: RoleBook, cut_row: Callable[[str], str | None] | None = None
) -> list[str]:
    """The amounts of pay `c` is one of, stated one after another in its passage about the
    same role ("My state salary is $68,500. On top of that, ... about $21,000 ... New reporters
    start at $54,200."; a pay table's rows, cut to what is asked): as many as a line holds,
    or [] when `c` stands alone, as the row of a table of ranks whose title is the role's
    ("UX Designer — Base salary: ..." between the associate's and the senior's)."""
    if " — " in c.text and not c.rank and _names_exactly(c.text, c.roles, roles):
        return []
    at = _position(c.passage, c.text)
    stated = {
        n
        for o in pool
        if o.passage.id == c.passage.id and o.typed and o.fact is None and o.roles <= c.roles
        if (n := _position(o.passage, o.text)) is not None
    }
    if at is None or at not in stated:
        return []
    first = at
    while first - 1 in stated:
        first -= 1
    out: list[str] = []
    for n in range(first, len(c.passage.sentences)):
        line = _unmarked(_sentence(c.passage, n))
        line = (cut_row(line) if cut_row else None) or line
        if n not in stated or len(_joined([*out, line])) > MAX_LINE_CHARS:
            break
        out.append(line)
    return out if len(out) >= 2 and at < first + len(out) else []


def _names_exactly(row: str, about: frozenset[str], roles: RoleBook) -> bool:
    """Whether a table row's first title is one of the roles `about`, with no level after it:
    "UX Designer — ...", "C2 — Title: Quantity Surveyor; ...", not "Arborist I — ..."."""
    first = next((m for m in roles.mentions(row) if m.role_id in about), None)
    return first is not None and re.match(r"\s*(?:—|;|\.|$)", row[first.end :]) is not None


def short_section(passage: Record) -> bool:
    """Whether `passage` is a short section of its own: under "SHIFT PATTERN", "4 ON / 4 OFF.
    2 DAYS (06:00-18:00) THEN 2 NIGHTS (18:00-06:00). 12 HRS PER SHIFT." answers "what's the
    shift pattern?" whole, where any one of its sentences is a part."""
    return passage.section != passage.title and len(passage.text) <= MAX_SECTION_CHARS and len(passage.sentences) >= 2


def _sentence(passage: Record, n: int) -> str:
    """Sentence `n` of `passage`, its line breaks and runs of spaces made single spaces."""
    a, b = passage.sentences[n]
    return " ".join(passage.text[a:b].split())


def _position(passage: Record, sentence: str) -> int | None:
    """Which sentence of `passage` `sentence` is (None: not one of them)."""
    wanted = " ".join(sentence.split())
    return next((n for n in range(len(passage.sentences)) if _sentence(passage, n) == wanted), None)


def _sentence_before(passage: Record, sentence: str) -> str | None:
    """The sentence of `passage` just before `sentence`, if there is one."""
    at = _position(passage, sentence)
    return _sentence(passage, at - 1) if at else None


def _joined(lines: list[str]) -> str:
    """Lines quoted as one: after a full stop or a colon a space, after a line without one "; "
    ("Backlog: Jira and Confluence; Analytics: Amplitude and Looker")."""
    out = lines[0]
    for line in lines[1:]:
        out += (" " if out.endswith((".", "!", "?", ":")) else "; ") + line
    return out


def _next_in_block(passage: Record, sentence: str) -> str | None:
    """What follows `sentence` in `passage`: the next sentence of its paragraph, or, when it
    is a line of its own (a list item, a step of a career path), the next such line."""
    at = _position(passage, sentence)
    if at is None or at + 1 >= len(passage.sentences):
        return None
    spans = passage.sentences

    def own_line(n: int) -> bool:
        return starts_line(passage, n) and (n + 1 == len(spans) or starts_line(passage, n + 1))

    if own_line(at) != own_line(at + 1) or (not own_line(at) and starts_line(passage, at + 1)):
        return None
    return _sentence(passage, at + 1)


def _opening_after(passage: Record, sentence: str, following: Callable[[Record], Record | None]) -> str | None:
    """The first line of the passage after `passage` when `sentence` is the last line of a
    table or list cut in two there ("U3 — Title: Senior Underwriter ..." then "U4 — ...")."""
    at = _position(passage, sentence)
    if at is None or at + 1 != len(passage.sentences) or not starts_line(passage, at):
        return None
    after = following(passage)
    return _sentence(after, 0) if after is not None and after.sentences else None


def _items_after(passage: Record, sentence: str, start: int | None = None) -> list[str]:
    """The list items after `sentence` (which ends in a colon), or from sentence `start`: up to
    LIST_ITEMS short sentences that each start a line of their own; the first that does not
    ends the list."""
    at = _position(passage, sentence) if start is None else start - 1
    if at is None:
        return []
    items: list[str] = []
    for n in range(at + 1, len(passage.sentences)):
        a, b = passage.sentences[n]
        if len(items) == LIST_ITEMS or not starts_line(passage, n) or b - a > MAX_ITEM_CHARS:
            break
        items.append(_sentence(passage, n))
    return items


def _unmarked(item: str) -> str:
    """`item` without the list mark or the answer mark it opens with, if any ("- ", "A: ")."""
    mark = LIST_MARK.match(item) or _ANSWER_MARK.match(item)
    return item[mark.end() :] if mark else item


_ANSWER_MARK = re.compile(r"^\s*(?:A|Answer)\s*:\s+")  # an FAQ's or an interview's reply


def _list_around(passage: Record, sentence: str) -> list[str]:
    """The list `sentence` is an item of: the items on lines of their own just before and
    after it that start with a list mark too, or with a label when it does ("Surveys:
    Qualtrics", "Synthesis: Dovetail"), at most LIST_ITEMS in all."""
    at = _position(passage, sentence)
    if at is None:
        return [sentence]
    spans, text = passage.sentences, passage.text
    mark = LIST_MARK if LIST_MARK.match(sentence.lstrip()) else LABEL

    def item(n: int) -> bool:
        return bool(mark.match(text[spans[n][0] :])) and starts_line(passage, n)

    first = at
    while first > 0 and item(first) and item(first - 1):
        first -= 1
    last = at
    while last + 1 < len(spans) and item(last + 1):
        last += 1
    # a list from its top, when that holds `sentence` ("what benefits ...?"); lines of labels
    # around it, ending with the last (the fields of a profile: "Hours: ...", "Tools: ...")
    top = mark is LIST_MARK and at - first < LIST_ITEMS
    start = first if top else max(first, min(at, last + 1 - LIST_ITEMS))
    chosen = range(start, last + 1)[:LIST_ITEMS]
    return [_sentence(passage, n) for n in chosen]


def where(passage: Record) -> str:
    """ "handbook.pdf, p. 3" for a page, "article.md › Salary" for a section."""
    section = passage.section
    if re.fullmatch(r"p\. \d+", section):
        return f"{passage.doc_id}, {section}"
    return f"{passage.doc_id} › {section}" if section and section != passage.title else passage.doc_id


def _clause(fact: Record, roles: RoleBook) -> str:
    """ "ML engineers: they focus on ..." from "ML engineers focus on ..."; a statement whose
    subject is more than the role ("Data scientists who ...") is given whole."""
    label = capitalised(roles.display(fact.role))
    predicate = roles.predicate(fact.text.strip(), fact.role or "")
    return f"{label}: they {predicate}" if predicate else fact.text.strip()

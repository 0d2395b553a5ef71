"""What the answer line knows of each passage, whatever the question: its sentences, the roles
each is about, their terms, the kinds of answer they hold (an amount, a schedule, a statement
of duties), a rank, a label; and of each document, the role it is about, the roles it names
and the level codes it defines. Worked out once per row and kept (engine.Assistant); the
per-question weighing is `evidence`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from assistant.indexing_text import replies_to
from assistant.keyword import Analyzer
from assistant.other_names import ALSO_NAMED
from assistant.question import DUTY_HEADING, answer_kinds
from assistant.record import Record, RecordKind
from assistant.roles import BOTH, RoleBook
from assistant.sentences import LIST_MARK
from assistant.titles import HEADS, RANKS, file_title, title_runs

# What a page says of itself ("Maintained by: Research Ops", "Last updated by HR ..."): no answer.
_ABOUT_THE_PAGE = re.compile(
    r"^\W*(?:maintained|owned|written|authored|reviewed|approved|(?:last\s+)?(?:updated|edited|modified|reviewed))"
    r"\s+(?:by|on)\b|^\W*(?:last\s+(?:edit|update|review)|page\s+owner|document\s+(?:owner|id)|version|revision)\b"
    # a wiki's place, "Space: IT Operations > Service Desk"; a policy's scope, "Applies to: all workshop staff"
    r"|^\W*(?:space|breadcrumbs?|you are here|applies to|scope)\s*:",
    re.IGNORECASE,
)
# A level code and its title: "U4 — Title: Lead Underwriter; ...", "UXR III - Senior UX Researcher (5-8 years)".
_LEVEL = re.compile(
    r"^\W*(?:(?P<code>[A-Z]{1,4}[ -]?(?:\d{1,2}|[IVX]{1,4}))\s*[—–|-]\s*(?:Title:\s*)?"
    r"|(?P<letters>[A-Z]{2,4})\s*[—–|-]\s*Title:\s*)"  # "SCA — Title: Senior Claims Adjuster"
    r"(?P<title>[A-Z][\w/&]*(?:\s+[A-Z][\w/&]*){0,4})"
)
_SUBJECT_START = re.compile(r"^\W*(?:(?:the|a|an|our|each|every|all)\s+)?", re.IGNORECASE)
# A role, or "they", doing something: "Simply put, a data scientist will analyze data ...",
# "They lead the kitchen brigade ..."; not being, having, earning or reporting ("They earn ...").
_DOES = re.compile(
    r"^\W*(?:[\w ]{1,20},\s+)?(?:(?:a|an|the|our|most|many|all)\s+)?(?:they|he|she)\s+"
    r"(?:(?:also|then|often|will|\w+ly)\s+)*+"  # possessive: "also" is not the verb of "also receive"
    r"(?!(?:are|is|was|were|be|have|has|had|earn|get|gets|receive|receives|report|reports|make|makes|can|may|might"
    r"|must|need|needs|should|would|could|do|does|did|tend|tends|work|works|use|uses|not)\b)(?-i:[a-z]{2,})\b",
    re.IGNORECASE,
)
PRONOUN_START = re.compile(r"^(they|he|she)\b", re.IGNORECASE)
LABEL = re.compile(r"^\W*([A-Z][\w /&-]{0,30}):\s")  # "Systems: ADP iHCM for payroll"
# A sentence that says nothing without the one before it ("It is led by ...", "Both levels
# have a bonus target of 10%"): it is weighed with that sentence's words, and quoted with it.
POINTS_BACK = re.compile(
    r"^(?:(it|this|these|those|that)\s+(is|was|are|were|has|have|means|makes|also)\b"
    r"(?!\s+\w+\s+(?:to|for|that|whether|if)\b)"  # not "It is important for one person to ..."
    r"|(from there|after that|beyond that|besides that|apart from that|on top of that)\b"
    r"|(both|all|each|either|neither)\s+(?:of\s+(?:them|these|those)|(?:levels?|grades?|bands?|tiers?|ranks?))\b)",
    re.IGNORECASE,
)
RANK_WORDS = "(" + "|".join(r"master(?!['’]s)" if w == "master" else w for w in RANKS) + ")"  # not "master's degree"
_RANKED_CELL = re.compile(rf"(?:^|[:|—–-])\s*{RANK_WORDS}\s+$", re.IGNORECASE)  # "Title: Assistant [QS]"
# "Senior SREs average ...", not "Staff on the on-call rota receive ..." (staff, not a rank of it)
_RANKED_SUBJECT = re.compile(
    rf"^\W*(?:(?:an?|the)\s+)?{RANK_WORDS}\b(?!\s+(?:on|in|at|of|for|with|who|and|or|members?|are|is|will|must|may|can)\b)",
    re.IGNORECASE,
)
# ... a subject of the rank and the role itself is the role's: "Assistant Pursers and Pursers report to ..."
RANK_AND_ALL = re.compile(
    rf"^\W*(?:(?:an?|the)\s+)?{RANK_WORDS}\s+([A-Za-z]+?)(?:e?s)?\s+(?:and|or|&)\s+(?:all\s+)?(?i:\2)(?:e?s)?\b",
    re.IGNORECASE,
)
# The pay of the newest in a role ("New reporters start at $54,200"): the bottom step's.
_STARTING_PAY = re.compile(
    r"\b(?:start(?:s|ing)?|begin(?:s|ning)?)\s+(?:at|on)\s+(?:[A-Z]{3}\s?)?[$€£¥₹]"
    r"|\bstarting (?:salary|pay|rate|wage)s?\b",
    re.IGNORECASE,
)
_BOTH_ROLES = re.compile(
    r"\b(?:both|the two|these two)\s+(?:roles|jobs|positions|careers|professions|types)\b", re.IGNORECASE
)

# A sentence's subject may be someone who leads others, whose title no role has ("The Team
# Leader in turn reports to ...", "Line Leaders must hold ...").
_SUBJECT_HEADS = HEADS | {"leader"}
_ASKED = re.compile(r"(?<=\?)\s+")  # between the questions of a heading that asks several


@dataclass(frozen=True)
class Sentence:
    """What the answer line needs to know of one sentence, whatever the question."""

    text: str
    roles: frozenset[str]  # the roles it is about
    subject: str | None  # the role it says something of ("They ..." stands for it), when known
    terms: frozenset[str]  # its keyword terms
    kinds: frozenset[str]  # the kinds of answer it holds (question.answer_kinds)
    rank: bool  # its subject is of one rank ("Senior SREs average ...")
    labelled: bool = False  # a table row with a cell for each role it names ("Holiday — HRBP: 28 days; ...")
    says_something: bool = True  # can answer: not a bare label, the page's own line or a question (_says_something)
    label: frozenset[str] = frozenset()  # terms of the label it opens with ("Backlog: Jira and Confluence")
    stranger: str | None = None  # the occupation of its subject, when that is a job no role is ("coordinator")
    # titles it names only at a rank, as (rank, title) in lower case: ("senior", "manager") for
    # "FA4 — Title: Senior Manager", none for "Associates ... move up to Senior Associate"
    ranked_titles: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Described:
    """A passage (or a fact: one sentence) as the answer line weighs it: computed once per
    row and kept, since the same passages answer many questions."""

    terms: frozenset[str]  # of its text, title, file name and section
    sentences: tuple[Sentence, ...]
    heading: frozenset[str] = frozenset()  # terms of its section heading (not the document title)
    document_names: frozenset[str] = frozenset()  # the roles its document names anywhere


Describe = Callable[[int], Described]  # a row -> its description


def describe(
    record: Record,
    roles: RoleBook,
    analyzer: Analyzer,
    document_about: str | None = None,
    document_names: frozenset[str] = frozenset(),
    document_levels: Mapping[str, str] | None = None,
) -> Described:
    """A passage's sentences with their roles, terms and kinds of answer; a fact as one sentence.
    `document_about` is the role the passage's document is about, if one (document_role);
    `document_names` the roles it names anywhere; `document_levels` the titles of the level
    codes it defines (document_levels): a sentence naming a code holds its title's words too."""
    if record.kind == RecordKind.FACT:
        about = (
            frozenset(r.id for r in roles.roles.values() if not r.discovered)
            if record.role == BOTH
            else frozenset({record.role or ""})
        )
        texts, role_sets = [record.text], [(about, record.role if record.role != BOTH else None)]
    else:
        texts = [record.text[a:b] for a, b in record.sentences]
        role_sets = list(sentence_roles(record, roles, document_about))
    # A heading's words that name a role ("UX Designer") say whose section it is, not what about.
    heading = roles.without_mentions(record.section)
    # ("What are the hours? Can I work from home?": its first sentence replies to the first question)
    first_asked = _ASKED.split(heading, maxsplit=1)[0]
    # (the file name is a title too: every passage of "leisure-centre-duty-manager.html" is
    # about a leisure centre's duty manager)
    named = file_title(record.doc_id) if record.kind != RecordKind.FACT else ""
    titled = f"{record.title}\n{named}\n{record.section}"
    terms = analyzer.terms([*texts, record.text, titled, heading, first_asked])
    own = [frozenset(t) for t in terms[: len(texts)]]
    if document_levels:  # "12% at U4" is about the Lead Underwriter
        titles = [" ".join(t for code, t in document_levels.items() if _names_code(code, text)) for text in texts]
        own = [o | frozenset(extra) for o, extra in zip(own, analyzer.terms(titles), strict=True)]
    # Under a question ("Q: Is there a probation period?"), the first sentence replies to it:
    # "A: Yes, 12 months for new official reporters." is about probation.
    if own and replies_to(record, 0):
        own[0] = own[0] | frozenset(terms[-1])
    # Under "The role" or "What you'll do", each sentence says what the role does.
    duties = (
        frozenset({"duties"}) if record.section != record.title and DUTY_HEADING.search(record.section) else frozenset()
    )
    sentences = tuple(
        Sentence(
            text,
            about,
            subject,
            own[i] | own[i - 1] if i and POINTS_BACK.match(text) else own[i],
            _kinds(text, roles) | duties,
            _ranked(text, roles),
            len(about) >= 2 and labelled_cells(text, roles).keys() >= about,
            _says_something(text),
            label_terms(text, analyzer),
            _stranger(text, roles),
            ranked_titles(text),
        )
        for i, (text, (about, subject)) in enumerate(zip(texts, role_sets, strict=True))
    )
    heading_terms = frozenset(terms[-2]) if record.section != record.title else frozenset()
    passage_terms = frozenset(terms[-4]) | frozenset(terms[-3]) | frozenset().union(*own)
    return Described(passage_terms, sentences, heading_terms, document_names)


_RANKED_TITLE = re.compile(rf"(?i:\b{RANK_WORDS})\s+([A-Z][a-z]+)\b")  # "Senior Manager"
_RANK_JUST_BEFORE = re.compile(rf"\b{RANK_WORDS}\s+$", re.IGNORECASE)


def ranked_titles(text: str) -> tuple[tuple[str, str], ...]:
    """The titles `text` names only at a rank ("Senior Manager"), as (rank, title) in lower
    case; not a title it also names alone ("Associates ... move up to Senior Associate")."""
    out = []
    for m in _RANKED_TITLE.finditer(text):
        alone = re.finditer(rf"\b{re.escape(m.group(2))}s?\b", text, re.IGNORECASE)
        if all(_RANK_JUST_BEFORE.search(text[: a.start()]) for a in alone):
            out.append((m.group(1).lower(), m.group(2).lower()))
    return tuple(out)


def _says_something(sentence: str) -> bool:
    """Whether `sentence` can answer: not a bare label ("Key duties": three words or more, or a
    figure), not what a page says of itself ("Maintained by: ..."), and not a question (an
    FAQ's "Is overtime paid?" is answered by the lines after it, as is "Q: Talk us through
    those checks."), nor what the job is called
    ("... (some of you will know the job as an elevator engineer)")."""
    return (
        (len(sentence.split()) >= 3 or any(c.isdigit() for c in sentence))
        and not _ABOUT_THE_PAGE.match(sentence)
        and not sentence.rstrip().endswith("?")
        and not _PROMPT.match(sentence)
        and not ALSO_NAMED.search(sentence)
    )


_PROMPT = re.compile(
    r"\s*(?:Q|Question)\s*[:.]\s", re.IGNORECASE
)  # an interviewer's "Q: Talk us through those checks."


def _ranked(sentence: str, roles: RoleBook) -> bool:
    """Whether `sentence` is about one rank of a role: its subject is ranked ("Senior SREs
    average ..."), it gives the pay of those starting out ("New reporters start at $54,200"),
    or the first role it names, as a cell's value ("C1 — Title: Assistant Quantity Surveyor;
    Salary: ..."); not a path that ends at one ("start as SRE I and move
    to ... then to Senior SRE"), a team's ranks ("has seven people: two senior ...") or a
    rank and the role itself ("Assistant Pursers and Pursers report to ...")."""
    if RANK_AND_ALL.search(sentence):
        return False
    if _RANKED_SUBJECT.search(sentence) or _STARTING_PAY.search(sentence):
        return True
    first = next(iter(roles.mentions(sentence)), None)
    return first is not None and bool(_RANKED_CELL.search(sentence[max(0, first.start - 30) : first.start]))


def _stranger(sentence: str, roles: RoleBook) -> str | None:
    """The occupation of the job title `sentence` opens with, when that title names no role of
    the documents: "coordinator" for "The Research Ops coordinator also reports to the Head of
    UX Research", in a wiki about UX researchers."""
    opening = _SUBJECT_START.match(sentence)  # ("the", "our", ... or nothing)
    start = opening.end() if opening else 0
    rest = sentence[start : start + 60]
    runs = title_runs(rest, heads=_SUBJECT_HEADS)
    title = re.match(rf"{re.escape(' '.join(runs[0]))}s?\b", rest, re.IGNORECASE) if runs else None
    if title is None:
        return None
    return None if any(m.start < start + title.end() for m in roles.mentions(sentence)) else runs[0][-1].lower()


def document_levels(passages: list[Record], roles: RoleBook) -> dict[str, str]:
    """The level codes a document defines, with their titles: {"U4": "Lead Underwriter",
    "UXR III": "Senior UX Researcher"} from "U4 — Title: Lead Underwriter; ..." and "UXR III -
    Senior UX Researcher (5-8 years)" (a title names a role)."""
    levels: dict[str, str] = {}
    for passage in passages:
        for line in passage.text.splitlines():
            match = _LEVEL.match(line)
            if match and roles.mentions(match.group("title")):
                levels.setdefault(match.group("code") or match.group("letters"), match.group("title"))
    return levels


def _names_code(code: str, text: str) -> bool:
    return code in text and re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text) is not None


def label_terms(text: str, analyzer: Analyzer) -> frozenset[str]:
    """The terms of the label a line opens with ({"system"} for "Systems: ADP iHCM ...")."""
    label = LABEL.match(text)
    return frozenset(analyzer.terms([label.group(1)])[0]) if label else frozenset()


def _kinds(sentence: str, roles: RoleBook) -> frozenset[str]:
    """The kinds of answer a sentence holds (question.answer_kinds); a role's own name is not
    the name of a tool ("Our UX designers ..."), though it may be a title ("... report to
    the Clinical Research Manager")."""
    kinds = answer_kinds(sentence)
    neutral = roles.without_mentions(sentence, replacement="they")
    if _DOES.match(neutral):
        kinds |= {"duties"}
    if "names" in kinds and "names" not in answer_kinds(neutral):
        return kinds - {"names"}
    return kinds


def labelled_cells(text: str, roles: RoleBook) -> dict[str, str]:
    """The cells of a table row (formats.table_lines) that are headed by a role, by role:
    {"hr_business_partner": "HR Business Partner: 28 days"} for "Holiday — HR Business
    Partner: 28 days; Payroll Specialist: 25 days."."""
    if " — " not in text:
        return {}
    cells: dict[str, str] = {}
    for part in text.split(" — ", 1)[1].rstrip(".").split("; "):
        found = roles.mentions(part)
        if found and found[0].start == 0 and part[found[0].end : found[0].end + 1] == ":":
            cells.setdefault(found[0].role_id, part)
    return cells


@dataclass(frozen=True)
class Document:
    """What the answer line knows of a whole document (read_document), for each of its passages."""

    about: str | None  # the role it is about, if one (document_role)
    names: frozenset[str]  # the roles it names anywhere
    levels: Mapping[str, str]  # the level codes it defines, with their titles (document_levels)


def read_document(passages: list[Record], roles: RoleBook) -> Document:
    counts = _role_counts(passages, roles)
    return Document(_about(counts), frozenset(counts), document_levels(passages, roles))


def document_role(passages: list[Record], roles: RoleBook) -> str | None:
    """The role a document is about, when one role is named in it at least three times and
    twice as often as any other (a memo titled "MEMORANDUM" about the warehouse supervisor),
    else None (the article compares two roles)."""
    return _about(_role_counts(passages, roles))


def _role_counts(passages: list[Record], roles: RoleBook) -> Counter[str]:
    """How often each role is named in a document (its title once, each passage's section and text)."""
    if not passages:
        return Counter()
    counts = Counter(roles.mentioned(passages[0].title))
    counts.update(m.role_id for p in passages for m in roles.mentions(f"{p.section}\n{p.text}"))
    return counts


def _about(counts: Counter[str]) -> str | None:
    (top, n), *rest = counts.most_common(2) or [("", 0)]
    return top if n >= 3 and (not rest or n >= 2 * rest[0][1]) else None


def sentence_roles(
    passage: Record, roles: RoleBook, document_about: str | None = None
) -> tuple[tuple[frozenset[str], str | None], ...]:
    """The roles each sentence of a passage is about: "both roles" names the roles the passage
    names (the curated ones when it names fewer than two); a sentence whose subject is a role
    is about the roles it names; in a document or section about one role, every other
    sentence is about that role too ("... and a few become data product managers" in a page
    about analytics engineers); else a sentence is about the roles it names, or ("They ...")
    the one named last before it, or the passage's. A document about one role
    (`document_about`) is read as a section about it. Each comes with its subject: the role
    it says something of, which a leading "They" stands for."""
    mentions = roles.mentions(passage.text)
    curated = frozenset(r.id for r in roles.roles.values() if not r.discovered)
    heading = next((about for h in (passage.section, passage.title) if len(about := roles.mentioned(h)) == 1), [])
    heading = heading or ([document_about] if document_about else [])
    fallback = roles.mentioned(passage.section) or roles.mentioned(passage.title)
    out: list[tuple[frozenset[str], str | None]] = []
    for n, (start, end) in enumerate(passage.sentences):
        sentence = passage.text[start:end]
        named = frozenset(m.role_id for m in mentions if start <= m.start < end)
        # A list item follows on from the line that introduces its list ("Dispatchers use:"),
        # not from the item before it ("Lido – flight planning (dispatchers)").
        item = (
            n > 0
            and starts_line(passage, n)
            and (LIST_MARK.match(sentence) or not sentence.rstrip().endswith((".", "!", "?")))
        )
        since = _lead_in(passage.text, start) if item else 0
        before = [m.role_id for m in mentions if since <= m.start < start]
        context = heading[0] if heading else (before[-1] if before else None)  # what "They" stands for
        if _BOTH_ROLES.search(sentence):  # the two the passage names, else the article's two
            both = frozenset(m.role_id for m in mentions)
            out.append((both if len(both) >= 2 else curated | named, None))
        elif named and (subject := roles.subject(sentence)):
            out.append((named, subject))
        elif heading:
            out.append((frozenset(heading) | named, heading[0] if PRONOUN_START.match(sentence) else None))
        elif named and not PRONOUN_START.match(sentence):
            out.append((named, None))
        else:
            about_roles = frozenset(before[-1:] or named or fallback)
            out.append((about_roles, context if PRONOUN_START.match(sentence) else None))
    return tuple(out)


def starts_line(passage: Record, n: int) -> bool:
    """Whether sentence `n` of `passage` begins a line (the first does)."""
    return n == 0 or "\n" in passage.text[passage.sentences[n - 1][1] : passage.sentences[n][0]]


def _lead_in(text: str, start: int) -> int:
    """Where the line that introduces the list holding the line at `start` begins (a line
    ending in ":"), or `start` when there is none."""
    lines = text[:start].rstrip("\n").split("\n")
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].rstrip().endswith(":"):
            return len("\n".join(lines[:i])) + (1 if i else 0)
    return start

"""The other names a text says a job goes by: "funeral directors (sometimes called funeral
arrangers or ...)", "you may know this job as a CNC setter-operator", "Vehicle Refinisher (Paint
Sprayer)". Each is given as (the title it names, the other name), for assistant.discover to
make aliases of.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.folding import fold
from assistant.titles import (
    HEADS,
    NOT_MODIFIERS,
    RANKS,
    key_of,
    names_a_person,
    person_word,
    title_runs,
    to_singular,
    written,
)

# A job and, in brackets, another name for it ("SCHOOL LIBRARIAN (Teacher Librarian)").
NAME_IN_BRACKETS = re.compile(r"(\w[\w -]*?\w)\s*\(([^()]{3,60})\)")


def worker_named(text: str, body: str) -> str | None:
    """A name for a person by their work in capitals that no vocabulary lists, as a title's
    other name in brackets gives it ("Paint Sprayer" of "Vehicle Refinisher (Paint Sprayer)"),
    in lower case, when `body` uses its last word of people ("a car sprayer", "sprayers"); else None (a
    place or a season in brackets: "Store Manager (Manchester)", "Ski Instructor (Winter)")."""
    words = text.split()
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return None
    last = person_word(words[-1].lower())
    said = rf"\b(?:an?|every|each|all)\s+(?:[a-z-]+\s+){{0,2}}{last}\b|\b{last}s\b" if last else ""
    if last is None or last in NOT_MODIFIERS or not re.search(said, fold(body)):  # (in lower case)
        return None
    return " ".join([*(w.lower() for w in words[:-1]), last])


# "some pubs call it head of bar": a way of naming that may also say other things (_LOOSELY_NAMED)
_SOME_CALL_IT = r"|(?:some|many|most|other)\s+\w+\s+(?:also\s+|still\s+)?call\s+(?:it|them|the\s+(?:job|role))\b"


# What a text says a job is also called: "(sometimes called funeral arrangers or ...)", "(we also
# use the title "pet stylist" ...)", "these staff are often called audio technicians".
ALSO_NAMED = re.compile(
    # ("may also be called", "usually just called")
    # ("are still widely called bailiffs", "also known here as", "also known on site as")
    r"\b(?:(?:also|sometimes|often|usually|commonly|otherwise|still|widely)\s+"
    r"(?:(?:still|widely|commonly|be|just|simply)\s+){0,2}"
    # ("also known within the business and by our customers as", "also known on some client contracts as")
    r"(?:called|known(?:\s+(?:here|locally|internally|informally|(?:on|in|within|across|to|among|by)\s+[\w ,]{1,45}?))?"
    r"\s+as|titled"
    # "also referred to in this document as LGV drivers", "... in job adverts and older contracts as"
    r"|referred to(?:\s+in\s+[\w ]{0,40}?)?\s+as)"
    r"|(?:we|you|people|they)\s+(?:also|sometimes|often)\s+say"  # "A zoo keeper (we also say animal keeper)"
    r"|(?:(?:most|some|many)\s+)?people\s+(?:just\s+|still\s+)?say"  # "Most people say mortuary technician"
    # 'parents often still say "the dinner lady"', "the job goes by several names: tally clerk, ..."
    # ("some older documents also say Pool Attendant or Recreation Assistant")
    r"|(?:also|sometimes|often|still|usually)\s+(?:still\s+|just\s+)?say(?=\s+(?:[\"“‘']|(?-i:[A-Z])))"
    r"|(?:job|role)\s+goes\s+by\s+(?:several|many|other|a\s+few|a\s+number\s+of)\s+(?:other\s+)?names:?"
    # "known in other agencies as", "often shortened to"
    r"|known\s+(?:in|to|among|by|across|within|throughout)\s+[\w ]{1,25}?\s+as|(?:often|also|usually)\s+shortened\s+to"
    # "also see it advertised as", "seen the same job advertised elsewhere as"
    r"|(?:see|seen) (?:it|them|(?:the|this) (?:same |kind of |type of )?(?:role|job|post))"
    r"\s+(?:advertised|listed|described)(?:\s+elsewhere)?\s+as"
    # "in this handbook and on payslips the post appears as Revenues Recovery Officer"
    # ("the role is sometimes advertised elsewhere as a herdsman")
    r"|(?:role|job|post|position)\s+(?:appears|(?:may|might|can|could|will)\s+appear"
    r"|is\s+(?:(?:also|sometimes|often)\s+)?(?:listed|advertised)(?:\s+elsewhere)?)\s+as"
    # "you will also hear projectionists called cinema technicians", "you will also hear linesman"
    r"|(?:also|sometimes|often)\s+hear\s+[a-z][\w-]*s\s+called"
    r"|(?:also|sometimes|often)\s+hear(?:\s+(?:them|it|us|the job|the role)(?:\s+called)?)?"
    # 'on site you'll hear "brickie"'
    r"|(?:you['’]ll|you\s+will|you\s+may|you\s+might)\s+(?:also\s+)?hear(?=\s*[\"“‘'])"
    r"|(?:you['’]ll|you\s+will|you\s+may|you\s+might)\s+(?:also\s+)?hear\s+(?:it|them|the\s+(?:job|role))\s+called"
    r"|(?:also|sometimes|often)\s+see(?=\s+[\"“‘'])"  # 'you'll also see "copyeditor", ...'
    r"|also (?:use|go by|goes by) the (?:title|name)"
    # "people in the food trade often just call them", "some members call the role a PT"
    r"|(?:also|sometimes|often|usually|commonly)\s+(?:just\s+|simply\s+)?call (?:them|us|it|the job|the role"
    r"|(?:our|these|the) \w+)|call (?:the|this) (?:same )?(?:role|job|post|position)"
    # "which customers and job boards also call beautician, ...", "people call us risk underwriters"
    # ("... may also call a boat electrician, a yacht electrical technician or ...")
    r"|(?:also|sometimes|often|usually|commonly)\s+call(?=\s+(?:an?\s+)?[\"“‘']?(?:[a-z]+\s+){0,2}[a-z]+(?:\s*,|\s+or\b))"
    # ("the old hands still call us", "older colleagues still call the job", "customers still call
    # them 'trimmers'"; not "still call them 'the tip'", which names no one: _LOOSELY_NAMED)
    r"|still\s+(?:just\s+)?call\s+(?:us|them|the\s+(?:job|role|post|position))\b"
    + _SOME_CALL_IT
    + r"|(?:people|customers|clients|colleagues|the\s+public)\s+(?:(?:also|sometimes|often|usually|still)\s+)?"
    r"call (?:us|them|me)"  # ("Customers call me the drain unblocker")
    # "you may know this job as", "you will be known as a Ramp Agent"
    r"|know (?:the job|the role|this job|this role|it|them|us) as|(?:be|are|is) known as"
    # "You may know the role by its older name, chiropodist"
    r"|know (?:the job|the role|this job|this role|it) by (?:its|the|an?) "
    r"(?:(?:older|old|other|former|earlier|traditional|previous)\s+)?(?:name|title)s?,?(?:\s+of)?"
    # "you may also see the role called a Process Operator", "the same job is called a shift manager"
    # ("Job titles used for this team over the years include estate handyperson, estate handyman, ...")
    r"|(?:other\s+)?job\s+titles\s+(?:[\w]+\s+){0,8}?include"
    # ("Outside the estate Fiona's job is more often called head stalker")
    r"|(?:the|this|\w+['’]s) (?:same )?(?:role|job|post|position) (?:is |may be |might be |can be )?"
    r"(?:(?:more |most )?(?:often|usually|commonly|sometimes) )?called)"
    r"\s+[\"“‘']?(?:an?\s+|the\s+)?[\"“‘']?([A-Za-z0-9][\w-]*(?:\s+[A-Za-z][\w-]*){0,3})",
    re.IGNORECASE,
)


_NAME_ENDS = frozenset(
    "or and in on at by for to with from but which who when as is are in our after before their than rather "
    "if because".split()
)
# Ways of naming that also say other things ("Most people say nights are quieter", "Customers
# call me directly"): what follows is a name only when it names a person by their work.
_LOOSELY_NAMED = re.compile(
    r"\b(?:(?:(?:most|some|many)\s+)?people\s+(?:just\s+|still\s+)?say|call\s+me|still\s+(?:just\s+)?call\s+(?:us|them)"
    + _SOME_CALL_IT
    + r"|known\s+(?:across|within|throughout)\b"
    r"|(?:also|sometimes|often|still|usually)\s+(?:still\s+|just\s+)?say\s+(?-i:[A-Z])"
    r"|(?:may|might|can|could|will)\s+appear\s+as)",  # (not "the job will appear as Closed")
    re.IGNORECASE,
)


def also_called(
    body: str, heads: frozenset[str], headed: list[list[str]] | None = None, headings: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """(title, another name) for each name the text says the title before it goes by; of "the
    job" with no title in the text before it, the title a heading names (`headed`: "Careers:
    CNC Machinist" over "... you may know this job as a CNC setter-operator"). `headings` are
    the document's: a ranked title one of them names is the document's job."""
    titled = fold(" \n ".join(headings)).lower()
    out = []
    text = fold(body)
    for m in sorted([*ALSO_NAMED.finditer(text), *_SUBJECT_CALLED.finditer(text)], key=lambda m: m.start()):
        if m.re is _SUBJECT_CALLED:  # "a fully qualified driving instructor is called an ADI"
            if subject := _subject_before(text, m.start(), heads):
                out += [(key_of(subject), name) for name in _names_listed(text, m.start(1), heads)]
            continue
        # (of "the job", the title said before the sentence: "In other leisure operators the
        # same job is called ...", "Some of our older colleagues still call the role ...")
        names_the_job = _NAMES_THE_JOB.search(m.group(0)) is not None
        of_the_job = names_the_job and _SAID_OF_THE_JOB.search(m.group(0)) is not None
        sentence = max(text.rfind(". ", 0, m.start()), text.rfind("? ", 0, m.start()), text.rfind("\n", 0, m.start()))
        runs = _named_before(text, sentence + 1 if of_the_job and sentence > 0 else m.start(), 150, heads)
        # (... unless the sentence names them right before, in brackets: "Our upholsterers (some
        # customers still call them ...")
        opened = text.rfind("(", sentence + 1, m.start())
        bracketed = of_the_job and opened >= 0 and re.fullmatch(r"\(\s*(?:[\w'’]+\s+){0,3}", text[opened : m.start()])
        if bracketed:
            runs = _named_before(text, opened + 1, opened - sentence, heads) or runs
        if (heard := _HEARD_CALLED.search(m.group(0))) and (job := to_singular(heard.group(1).lower(), heads)) in heads:
            runs = [[job]]  # "you will also hear projectionists called cinema technicians"
        # (of a rank, said as the subject right before: "the most senior clerk is often called the
        # senior clerk, practice director or ...", not of the practice manager named before that)
        if _RANK_IS.search(text, max(0, m.start() - 60), m.start()):
            continue
        # ("The mudlogger role is also known as ...": the one-word job said before "role")
        own = _ONE_WORD_ROLE.search(text, max(0, m.start() - 60), m.start())
        # (a word that names a job alone: not "The manager role is also known as ..." of a site manager)
        if own and (job := to_singular(own.group(1).lower(), heads)) in heads and job not in HEADS:
            runs = [[job]]
        if not runs and (names_the_job or _THE_JOB_BEFORE.search(text[max(0, m.start() - 60) : m.start()])):
            runs = _named_before(text, m.start(), 600, heads) or list(headed or [])  # "The role is also known as ..."
        # ... "the job" of a page a heading names, where the title before is other people's, or
        # no one's ("... hand the load sheet to the flight crew. At some airlines the job is called
        # ..." under "Flight Dispatcher"; "ISWs help radiographers. You may also hear the role
        # called ..."). (A title before that is another job's goes to the page's job too.)
        if names_the_job and not bracketed and runs and headed and runs[-1][-1].lower() != headed[-1][-1].lower():
            runs = list(headed)
        if not runs:
            continue
        # (a senior's other name is no name of the job: "the Senior Cabin Crew Member, sometimes
        # called the Number 1"; unless the senior's is the job the document is about: "an
        # experienced Senior Barber (you may know the job as ..." under "# Senior Barber – Full Time")
        ranked = _ranked_before(text[max(0, m.start() - 150) : m.start()], runs[-1])
        if ranked and not re.search(rf"\b{re.escape(ranked)}", titled):
            continue
        # (a list in an aside between commas: "Theatre support workers, also called ...")
        in_aside = text[max(0, m.start() - 40) : m.start()].rstrip().endswith(",")
        names = _names_listed(text, m.start(1), heads, in_aside)
        if _LOOSELY_NAMED.search(m.group(0)):  # ("shift operator", "drain unblocker"; not "night")
            # ... and not the subject of what follows ("People say Leicester is friendly")
            said_of = re.match(
                r"[^.;:!?,]*?\b(?:is|are|was|were|has|have|will|can)\b", text[m.start(1) : m.start(1) + 60]
            )
            names = [n for n in names if _names_a_post(n, heads) and not said_of]
        out += [(key_of(runs[-1]), name) for name in names]
    return out + _all_one_job(text, heads, headed or []) + _or_as_called(text, heads)


# 'an excavator operator - or "digger driver", as most of her family still call it - ...'
_OR_AS_CALLED = re.compile(
    r"\s*[-–—,]?\s+or\s+[\"“‘']([^\"“”‘’']{3,40})[\"”’'],?\s+as\s+(?:[\w'’]+\s+){0,6}?"
    r"(?:(?:still|often|usually|sometimes|also)\s+)?(?:call|calls|called|know|knows)\s+(?:it|them|us)\b",
    re.IGNORECASE,
)


def _or_as_called(text: str, heads: frozenset[str]) -> list[tuple[str, str]]:
    """(a title, another name) where a text gives the other name after "or", in quotes, as
    someone calls it ('an excavator operator - or "digger driver", as most of her family still
    call it'): a name for a person by their work only."""
    out = []
    for m in _OR_AS_CALLED.finditer(text):
        runs = title_runs(text[max(0, m.start() - 80) : m.start()], heads=heads)
        said = written(runs[-1]) + "$" if runs else None
        words = m.group(1).split()
        if said and re.search(said, text[max(0, m.start() - 80) : m.start()], re.IGNORECASE) and len(words) <= 4:
            if names_a_person(words[-1].lower(), heads):
                out.append(
                    (key_of(runs[-1]), " ".join(w.lower() for w in words if w.lower() not in ("the", "a", "an")))
                )
    return out


# "Maintenance fitter, mechanical maintenance engineer, multi-skilled fitter and maintenance
# technician all describe this job." (the list is what comes before, in its sentence)
_ALL_ONE_JOB = re.compile(
    r"\s+(?:all|both)\s+(?:describe|mean|name)\s+(?:this|the\s+same)\s+(?:job|role|post)\b", re.IGNORECASE
)


def _all_one_job(text: str, heads: frozenset[str], headed: list[list[str]]) -> list[tuple[str, str]]:
    """(a title, another) for the titles a text lists as names of one job: "X, Y and Z all
    describe this job" (each a title, or the list is no such list); the title is the one a
    heading names (`headed`), else the first."""
    named = {key_of(run) for run in headed}
    out = []
    for m in _ALL_ONE_JOB.finditer(text):
        said = re.split(r"[.!?:\n]", text[max(0, m.start() - 200) : m.start()])[-1]
        listed = [name.strip() for name in re.split(r",|\s+(?:and|or)\s+", said) if name.strip()]
        runs = [title_runs(name, heads=heads) for name in listed]
        if len(listed) >= 2 and all(
            len(r) == 1 and len(r[0]) == len(name.split()) for r, name in zip(runs, listed, strict=True)
        ):
            keys = [key_of(r[0]) for r in runs]
            title = next((k for k in keys if k in named), keys[0])
            out += [(title, k) for k in keys if k != title]
    return out


def _names_listed(text: str, start: int, heads: frozenset[str], in_aside: bool = False) -> list[str]:
    """The other names listed from `start` on: "kennel hands or animal care assistants",
    "medical laboratory scientists, healthcare scientists (life sciences) or, informally, lab
    scientists": each name, up to a word no name has; at most four. `in_aside`: the list is
    an aside between commas."""
    window = text[start : start + 120]
    # (a list that runs past the window loses the name it cuts in two: "... or Collection Of";
    # not one whose aside it cuts: "... dispensing assistant (AC")
    cut = window[-1:].isalnum() and text[start + 120 : start + 121].isalnum()
    said = _ASIDE.sub("", window)
    if aside := re.search(r"\s*\([^)]*$", said):
        said, cut = said[: aside.start()], False
    # (a list in quotes: 'tally clerk, "red cap"', 'or, as our team calls it, a "netops engineer"')
    said = re.sub(r"[\"“”](?=\s*(?:,|or\b|and\b))|(?<=[,r]\s)[\"“]|(?<=\bor\s)[\"“]|(?<=\b[Aa]\s)[\"“]", "", said)
    ended = re.split(r"[)”\".;:!?]|\s[-–—]\s", said)  # up to a closing mark, or a dash ("... 'fuellers' - put")
    cut, said = cut and len(ended) == 1, ended[0]
    # ... or the name after "or" ("... or theatre stewards, look after our audiences"; not an
    # aside, "or, informally, lab scientists")
    if (last := re.search(r"\s+or\s+\w", said)) and (comma := said.find(",", last.end())) >= 0:
        cut, said = False, said[:comma]
    # ... or, in an aside that gives one name, at the comma that ends it ("Theatre support
    # workers, also called perioperative support workers, prepare theatres")
    elif in_aside and "," in said and not re.search(r"\s(?:or|and)\b", said):
        cut, said = False, said.split(",", 1)[0]
    # ("usually called PCSOs and sometimes community support officers or ...")
    split = r"\s+or\b|,|\s+and\s+(?=(?:sometimes|also|often|occasionally|informally|simply)\b)"
    names = [_ARTICLE.sub("", _MANNER.sub("", name)) for name in re.split(split, said)]
    names = names[:-1] if cut else names
    out = []
    for name in [name for name in names if name.strip()][:4]:
        # ("1st Line Support Analyst", "Ship's Purser")
        words = re.findall(r"[A-Za-z0-9][\w+#/-]*(?:['’]s\b)?", name)
        end = _name_end(words, heads)
        first = words[0] if words else ""
        longest = 5 if "and" in words[1 : end - 1] else 4  # ("support time and recovery worker")
        words = [w if w.isupper() and len(w) > 1 else w.lower() for w in words[: min(end, longest)]]  # ("a PT")
        # ("IT Support Technician"; a rank that is part of another name: "second chef", "deputy head chef")
        if words and (words[0] not in NOT_MODIFIERS or first == "IT" or (words[0] in _RANKED_NAME and len(words) > 1)):
            words[-1] = _singular(words[-1])
            out.append(" ".join(words))
    return out


_RANK_IS = re.compile(
    rf"\b(?:{'|'.join(RANKS)})\s+(?!(?:role|job|post|position)\b)[a-z][\w-]*\s+(?:is|are)\s+$", re.IGNORECASE
)
_ONE_WORD_ROLE = re.compile(
    r"\b(?:the|this|our)\s+([a-z][\w-]*)\s+(?:role|job|post|position|grade)\s+(?:is|was)?\s*$", re.IGNORECASE
)


# Ranks and ordinals that may begin another name of a job: "(also known as second chef or deputy head chef)".
_RANKED_NAME = frozenset(RANKS) | frozenset("first second third".split())


_HEARD_CALLED = re.compile(r"\bhear\s+([a-z][\w-]*)\s+called\b", re.IGNORECASE)


# "X is called Y" names X's job otherwise only when X is said right before it (not "The course
# is called Safe Start"), so it is no ALSO_NAMED: a sentence saying so may still answer.
_SUBJECT_CALLED = re.compile(
    r"\b(?:is|are)\s+(?:(?:also|usually|often|formally|officially|properly|generally)\s+)?called"
    r"\s+[\"“‘']?(?:an?\s+|the\s+)?[\"“‘']?([A-Za-z0-9][\w-]*)",
    re.IGNORECASE,
)


def _subject_before(text: str, end: int, heads: frozenset[str]) -> list[str]:
    """The title `text` says right before `end` ("... a fully qualified driving instructor "),
    else []."""
    before = text[max(0, end - 80) : end]
    runs = title_runs(before, heads=heads)
    said = written(runs[-1]) + r"\s+$" if runs else None
    return runs[-1] if said and re.search(said, before, re.IGNORECASE) else []


def _ranked_before(text: str, run: list[str]) -> str | None:
    """The title `text` ends with, when it is `run` said with a rank before it and at most one
    word after it ("the Senior Cabin Crew Member, "): what follows is that rank's other name.
    In lower case ("senior cabin crew member"), else None."""
    said = list(re.finditer(written(run) + r"\b", text, re.IGNORECASE))
    if not said or not (after := re.fullmatch(r"(\s+[\w-]+)?[\s,(]*", text[said[-1].end() :])):
        return None
    before = re.search(r"\b([\w-]+)\s+$", text[: said[-1].start()])
    if before is None or before.group(1).lower() not in RANKS:
        return None
    return f"{before.group(1)} {said[-1].group(0)}{after.group(1) or ''}".lower()


def _names_a_post(name: str, heads: frozenset[str]) -> bool:
    """Whether `name` names a person by their work ("shift operator") or a post ("head of bar")."""
    return (
        names_a_person(name.split()[-1].lower(), heads)
        or re.match(r"(?:head|director|chief)\s+of\s+\w", name) is not None
    )


def _name_end(words: list[str], heads: frozenset[str]) -> int:
    """Where a name in a list of other names ends: at a word no name has ("... or Lorry Driver
    in our contracts"), though "and" joins the words of one name unless a job's word is before
    it ("Revenues and Benefits Assessor", not "stewards and stewardesses")."""
    for i, word in enumerate(words):
        if word.lower() in _NAME_ENDS:
            before = words[i - 1].lower() if i else ""
            joins = word.lower() == "and" and i + 1 < len(words) and before
            if not (joins and not names_a_person(before, heads)):
                return i
    return len(words)


# "still call the role the ...", "people call us risk underwriters"
_NAMES_THE_JOB = re.compile(r"\b(?:role|job|post|position)\b|\bcall\s+(?:us|them)\b", re.IGNORECASE)


# ... where the words before it in its sentence are whoever calls it so, not the job ("some of
# our older colleagues still call the role"; "Radio producers (you may also see the job ...")
_SAID_OF_THE_JOB = re.compile(r"\bcall\b|\bgoes\s+by\b|\bsame\b", re.IGNORECASE)


# "The role is also known as", "you will also see it advertised as": the title is the one said before.
# ("... every grade of the role, which customers and job boards also call ...")
_THE_JOB_BEFORE = re.compile(r"\b(?:the|this)\s+(?:role|job|post|position)\b[\w\s,]*$|\b(?:it|them)\s*$", re.IGNORECASE)


def _named_before(text: str, end: int, width: int, heads: frozenset[str]) -> list[list[str]]:
    """The titles in the `width` characters of `text` before `end` (whole words), or the
    one-word job they end with ("Phlebotomists are sometimes called")."""
    before = text[max(0, end - width) : end]
    before = before if end <= width else before.split(" ", 1)[-1]
    return title_runs(before, heads=heads) or _lone_people(before, heads)


_ASIDE = re.compile(r"\s*\([^()]*\)")  # "healthcare scientists (life sciences)"


_ARTICLE = re.compile(r"^\s*(?:the|an?)\s+", re.IGNORECASE)  # "also called the Ship's Purser"


# How or by whom a name is used, before it or as a piece of the list ("or, informally, lab
# scientists", "or simply cathedral mason", "or, to most residents, ...", "or, as our team calls
# it, a "netops engineer""); "family liaison
# officers" and "Assembly Editors" keep their first word.
_MANNER = re.compile(
    r"^\s*(?:as\s+(?:[\w'’]+\s+){0,3}calls?\s+(?:it|them|us)\b|(?:to\s+)?(?:most|many|some)\s+\w+"
    r"|(?:simply|just|informally|colloquially|officially|usually"
    r"|commonly|often|sometimes|generally|locally|mostly|internally|formally))\b\s*,?\s*",
    re.IGNORECASE,
)


def _lone_people(text: str, heads: frozenset[str]) -> list[list[str]]:
    """The one-word job that `text` ends with, said of anyone in it ("Phlebotomists are", "The
    Purser (", "an experienced Senior Barber (you may ", "Ushers, "), as a run."""
    match = re.search(
        rf"\b(?:(the|an?)\s+)?(?:(?:experienced|{'|'.join(RANKS)})\s+){{0,2}}([A-Za-z]+)\s*(?:(?:are|is)\s*|,\s*|\(\s*(?:[a-z']+\s+){{0,3}})$",
        text,
        re.IGNORECASE,
    )
    word = match.group(2).lower() if match else ""
    singular = to_singular(word, heads)
    return [[singular]] if (singular != word or match and match.group(1)) and singular in heads else []


def _singular(word: str) -> str:
    """A plural any word may have ("ladies", "men", "hands") in the singular."""
    if word in ("men", "women"):
        return word[:-2] + "an"
    for plural, singular in (("ies", "y"), ("men", "man"), ("ss", "ss"), ("s", "")):
        if word.endswith(plural) and len(word) > len(plural) + 1:
            return word[: -len(plural)] + singular
    return word

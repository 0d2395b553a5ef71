"""The answer line: the one claim of the documents that answers the question, or why none does.

Candidates are the role facts (curated and extracted) and every sentence of the passages on
screen. Each is scored against the question at the sentence level: the cosine of its vector
(computed at build time) with the question's, plus how much of what the question asks about
(its salient terms, weighted by how rare they are in the corpus) it holds, plus a little of
its passage's rank. A curated fact wins when it scores at least as well as the best sentence;
otherwise the line is that sentence, quoted and attributed.

Two rules keep the line honest:
- *About what was asked.* A question that names a role only takes a candidate about that role
  (by the sentence's own role names, else its section's, else its document title's); a
  comparison states what the documents say about each role, each with its source.
- *On the question's topic.* When a salient term of the question (a rare word, a name) is in
  neither the candidate sentence nor its passage and the candidate is not close in meaning,
  the documents are taken not to answer it: "the documents say nothing about parental leave".
  The thresholds were calibrated on near-domain questions (bench/calibrate.py, docs/RETRIEVAL.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from assistant.config import RetrievalSettings
from assistant.described import RANK_AND_ALL, RANK_WORDS, Described
from assistant.evidence import GENERIC_TERMS, Candidate, Evidence, names_title
from assistant.indexing_text import replies_to
from assistant.question import LESS, MORE, Frame
from assistant.quoting import amounts_around, quote, short_section
from assistant.record import Record, RecordKind
from assistant.retrieve import Hit
from assistant.roles import BOTH, Role, RoleBook, plural_of
from assistant.titles import (
    ALSO_THINGS,
    HEADS,
    NOT_MODIFIERS,
    OCCUPATIONS,
    QUESTION_HEADS,
    RANKS,
    RELATIONS,
    SUPERIOR_BEFORE,
    person_word,
    title_runs,
    to_singular,
)

_TOGETHER = re.compile(r"\b(differ\w*|difference|compare[sd]?|comparison|versus|vs|and)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w+#][\w+#'’-]*")
# A line that says whom someone reports to ("reports to", "led by", "their line manager is").
# (a "boss" in lower case: an "Engine Boss" is a rank on a career path)
_REPORTING = re.compile(
    # (not what one reports: "the Purser on watch reports the confirmed passenger count to the Master")
    # (nor who reports to the speaker: "Reporting to me I have an assistant site manager ...";
    # "She reports to her ward manager" is hers)
    r"\b(report\w*(?!\s+(?:the|an?|any|all|every|each|their|its|his|her|your|our)\b)(?!\s+to\s+(?:me|us)\b)"
    r"|answers? to"
    r"|(?:answerable|accountable|responsible) to"
    r"|(?:led|managed|line[- ]managed|supervised|headed|overseen|run|directed)\s+by|(?-i:boss)"
    # ("works under the Head Chef", not "appointed in writing under the Quarries Regulations")
    r"|line manager|under the (?:[\w-]+\s+){0,3}?(?:manager|supervisor|lead|leader|director|head|chief|foreman"
    r"|officer|captain|master|chef|superintendent|sister|nurse|consultant|chargehand)|under the (?:supervision"
    r"|direction|guidance) of)\b",
    re.IGNORECASE,
)  # ("Responsible to: Head of Care")


@dataclass(frozen=True)
class Line:
    text: str | None
    role: str | None
    fact: Hit | None = None  # the curated or extracted fact the line states
    highlight: tuple[str, str] | None = None  # (passage id, sentence) the passage shows marked
    reason: str | None = None  # why there is no line: the documents don't answer it
    reason_kind: str | None = None  # "role", "amount" or "topic": what they lack, for counting
    passages: tuple[str, ...] = ()  # the passages the line comes from: they must be shown
    quoted: bool = False  # the line quotes a document (shown as a quotation with its source)


def choose(question: str, evidence: Evidence, ranked: list[Hit], shown: list[Hit]) -> Line:
    """The answer line for `question` (already resolved), from the passages `shown`."""
    frame, roles, settings = evidence.frame, evidence.index.roles, evidence.settings
    pool = evidence.candidates(ranked, shown)
    titles = _unknown_titles(question, roles, partial(_said_of, evidence, ranked))
    question = roles.without_mentions(question)  # what the reason may quote: no role names
    named = list(frame.roles)
    named_as = " or ".join(roles.display(r) for r in named)  # "upholsterers", what a reason says they are
    # (not a title the documents write as one, "Event Coordinator", though no role has it)
    unknown = [
        t
        for t in titles
        if not evidence.titled_in_documents(t)
        and not _named_otherwise(t, evidence)
        # ("lorry drivers" in a policy on HGV drivers that says so)
        and not (roles.mentioned(t) and evidence.titled_in_documents(t, capitals=False))
    ]
    if frame.expects == "money" and not named and not titles:  # "how much does a lighthouse keeper earn?"
        people = _person_words(question, evidence)
        unknown = [phrase for phrase, used in people if not used]
        # ... and people the documents speak of who are no role ("proofreaders", "a weather
        # forecaster"): only a passage that speaks of them may give their pay
        # (an office the question names is asked about as such: "the Director of Forensic Services")
        titles = [p for p, used in people if used and not evidence.title_terms(p.split()[-1]) & evidence.office]
    # (a role named only by the last word of a title it is not, "a train driver", is not asked about)
    if unknown and set(named) <= {m.role_id for title in unknown for m in roles.mentions(title)}:
        return Line(None, None, reason=f"the documents say nothing about {plural_of(unknown[0])}", reason_kind="role")
    if len(named) + len(unknown) >= 2 and frame.comparison and not frame.shared:
        # Each compared role's own passages too, where the top ones are all about one of them.
        pool += evidence.candidates(ranked, _role_passages(ranked, shown, named, evidence))
        return _comparison(frame, named, unknown, pool, question, evidence, _asks_pay(evidence))
    kinds = roles.kinds_of(named)
    occupations = roles.occupations(kinds)
    allowed = [c for c in pool if _fits(c, kinds, occupations)]
    if frame.expects == "superior":  # "Controllers report to the Watch Supervisor" on their policy
        asked = {w.rstrip("s") for w in re.findall(r"[a-z]+", frame.text.lower())}
        allowed += [c for c in pool if c not in allowed and _names_only_superiors(c, kinds, roles, asked)]
    if written := [t for t in titles if t not in unknown and not named and not _near_a_role(t, evidence)]:
        # ... whose passage must name its holders ("controllers", "officers"): "Flight Information
        # Service Officers are not covered" is no sommelier's salary
        allowed = [c for c in allowed if not evidence.title_terms(written[0].split()[-1]) & set(c.missing)]
        # ... and of a title the documents write as someone's, an amount in its own words: "the
        # Harbour Master" a pilots' page names, beside a tug master's pay
        if frame.expects == "money" and evidence.titled_in_documents(written[0]):
            allowed = [c for c in allowed if names_title(c.text, written[0])]
        if not allowed:
            who = plural_of(written[0])
            said = f"give no amount for {who}" if frame.expects == "money" else f"say nothing about {who} on this"
            return Line(None, None, reason=f"the documents {said}", reason_kind="role")
    # The passages on screen are about other roles: look further down for the one asked about.
    if looked_further := bool(named) and not any(c.roles & set(named) for c in allowed):
        allowed += _further_down(ranked, shown, named, evidence, kinds, occupations)
    if frame.expects == "superior":  # "whom does the Managing Editor report to?"
        allowed = [c for c in allowed if _says_whom(c) and not _only_the_superior(c.text, set(named), roles)]
        # ... of them, not of a rank above them the question does not name ("The Senior Clerk reports
        # to the Head of Chambers" for "who does a junior clerk report to?")
        # (the ranks of the role's own names are asked too: "junior clerk" of the barristers' clerks)
        own = " ".join(n for r in named for n in (roles.roles[r].name, *roles.roles[r].aliases))
        asked_words = {w.lower() for w in re.findall(r"[A-Za-z]+", f"{frame.text} {own}")}
        allowed = [c for c in allowed if not _led_by_another_rank(c.text, asked_words, bool(named))]
        # ... said of them by name, before what is said of someone else on their page ("Dave reports to ...")
        allowed = [c for c in allowed if set(roles.mentioned(c.text)) & set(named)] or allowed
    if (
        frame.expects in _FOUND_FURTHER
        and named
        and not looked_further
        and allowed
        and not any(c.typed for c in allowed)
    ):
        # The passages on screen give no amount (no answer of the kind asked): the role's own
        # further down may (a pay table's row under the introduction and the career path that
        # outrank it; "We work seven days on, seven days off" under "What does your roster look like?")
        allowed += [c for c in _further_down(ranked, shown, named, evidence, kinds, occupations, 10) if c.typed]
    if frame.expects == "money" and allowed and not any(c.typed for c in allowed):
        who = named_as or (plural_of(written[0]) if written else "")
        reason = f"the documents give no amount for {who or 'this'}"
        if evidence.pay_kind:  # "... say nothing about signing bonus for dental hygienists", whose salary they give
            reason = f"the documents say nothing about {_phrase(question, tuple(evidence.pay_kind))}"
            reason += f" for {who}" if who else ""  # (not "... about sick pay for this")
        return Line(None, None, reason=reason, reason_kind="amount")
    best = _best(allowed, frame, roles, settings)
    if best is None and not named:  # ("who does a court usher answer to?", where no passage says whom)
        return Line(None, None, reason="the passages found do not say this", reason_kind="topic")
    if best is None:
        return Line(None, None, reason=f"the passages found are about other roles than {named_as}", reason_kind="role")
    if (why := _off_topic(best, question, evidence)) and (whole := _on_topic_behind(best, allowed, settings)):
        # ("- Company pension with 6% employer contribution" close behind a line without "pension")
        best, why = whole, None
    if why:
        # ("... say nothing about pension for upholsterers": other documents may speak of it)
        if named and why.startswith("the documents say nothing about") and not evidence.qualified:
            why += f" for {named_as}"
        return Line(None, None, reason=why, reason_kind="topic")
    return _line(best, frame, named, pool, roles, evidence.asked_cells, evidence.index.following, _asks_pay(evidence))


def _asks_pay(evidence: Evidence) -> bool:
    """Whether the question asks what a role earns, all of it ("how much do court reporters
    earn?"): what they start on, the steps of a scale, where a document states them one after
    another; not a starting salary, a rank's, a level's or a kind of pay."""
    return evidence.frame.expects == "money" and not (
        evidence.topic or evidence.pay_kind or evidence.names_rank or evidence.names_level
    )


def _role_passages(
    ranked: list[Hit], shown: list[Hit], named: list[str], evidence: Evidence, each: int = 3
) -> list[Hit]:
    """The best-ranked passages about each of `named` that are not in `shown` already: that
    name it, or whose sentences are about it (a brewers' handbook's "Benefits"), or name no
    one in a document that names it ("Operators are entitled to 22 days ...")."""
    taken = {h.record.id for h in shown}
    out: list[Hit] = []
    for role in named:
        about = [h for h in ranked if h.record.kind == RecordKind.PASSAGE and h.record.id not in taken]
        kinds = evidence.index.roles.kinds_of([role])  # ("Operators ..." of tower crane operators, for crane operators)
        about = [h for h in about if _about_role(evidence.describe(h.row), kinds)]
        out += about[:each]
        taken |= {h.record.id for h in about[:each]}
    return out


# The kinds of answer a passage further down may give where those on screen give none: an
# amount, when they work (not a title: "reporting faults to the Technical Services Manager")
_FOUND_FURTHER = frozenset({"money", "schedule"})


def _further_down(
    ranked: list[Hit],
    shown: list[Hit],
    named: list[str],
    evidence: Evidence,
    kinds: frozenset[str],
    occupations: frozenset[str],
    each: int = 3,
) -> list[Candidate]:
    """The candidates of the named roles' own passages below those on screen that may answer
    (`each` passages of each role)."""
    return [
        c
        for c in evidence.candidates(ranked, _role_passages(ranked, shown, named, evidence, each))
        if _fits(c, kinds, occupations)
    ]


def _person_words(question: str, evidence: Evidence) -> list[tuple[str, bool]]:
    """Words for a person by their work ("keeper", "proofreaders"), with the word before
    them ("lighthouse keeper"), and whether the documents use the word: a job no document
    describes, or people a document speaks of who are no role."""
    keyword, found = evidence.index.keyword, []
    written = [re.sub(r"['’]s$", "", w) for w in re.findall(r"[A-Za-z][\w'’-]*", question)]
    words = [w.lower() for w in written]
    for n, (before, said) in enumerate(zip(["", *words], words, strict=False)):
        word = person_word(said)
        # (a rank is a person's word as the one holding it: "the Master of the ferry")
        office = before == "the" and written[n][:1].isupper() and word in RANKS
        if word is not None and (word not in NOT_MODIFIERS or office):
            phrase = f"{before} {word}" if before and before not in NOT_MODIFIERS else word
            found.append((phrase, bool(keyword.known(keyword.analyzer.terms([word])[0]))))
    return found


def _near_a_role(title: str, evidence: Evidence) -> bool:
    """Whether a role's name has every word of `title` but its last, and, where the documents
    write `title` as someone's, a word that begins as its last does ("air traffic controller"
    and the air traffic control officer; not "flight information service officer", nor a
    "smart meter installer" beside the meter readers, nor the "Harbour Master" the harbour
    pilots' page names)."""
    *words, head = title.split()
    modifiers, heads = evidence.title_terms(" ".join(words)), evidence.title_terms(head)
    written = evidence.titled_in_documents(title)  # ("the Harbour Master": someone else)
    return bool(modifiers) and any(
        modifiers <= (terms := evidence.title_terms(r.name))
        and (not written or all(any(t[:4] == h[:4] for t in terms) for h in heads))
        for r in evidence.index.roles.roles.values()
    )


def _ends_a_name_word(word: str, roles: RoleBook) -> bool:
    """Whether a word of a role's name ends in `word`, four letters or more ("stonemason" in "mason")."""
    return len(word) >= 4 and any(
        w != word and w.endswith(word) for r in roles.roles.values() for w in r.name.lower().split()
    )


_RANKED_OPENING = re.compile(rf"^\W*(?:(?:the|an?|our|all)\s+)?{RANK_WORDS}\s+(?-i:[A-Z])", re.IGNORECASE)
# ... unless the people asked get a reporting line of their own after it ("Senior Care Assistants
# supervise each shift; all care assistants report to the Home Manager")
_THEIR_OWN_LINE = re.compile(
    r"\b(?:all|every|each|our)\s+(?-i:[a-z])[\w-]*(?:\s+[\w-]+){0,3}?\s+(?:report|reports|answers?\s+to|are\s+line\s+managed)\b",
    re.IGNORECASE,
)


def _led_by_another_rank(sentence: str, asked: set[str], titled: bool = True) -> bool:
    """Whether `sentence` opens on a ranked title whose rank is none of the `asked` words ("The
    Senior Clerk reports to ...", "Senior Checker is the first step, then ... like my boss"), or
    on another title in capitals that reports to someone ("The Peer Support Lead reports to the
    Head of Lived Experience" for "who does a peer support worker report to?"; only where the
    question names a role, `titled`, whose names are among the `asked` words), and gives the
    people asked no reporting line of their own."""
    opening = _RANKED_OPENING.match(sentence)
    # (not "Assistant Pursers and Pursers report to ...": the rank and the job itself)
    if opening is not None:
        another = opening.group(1).lower() not in asked and not RANK_AND_ALL.match(sentence)
    else:
        reports = _TITLE_REPORTS.match(sentence) if titled else None
        words = [w.lower() for w in reports.group(1).split()] if reports else []
        # (a title: not "You report to ...", nor a person's name, "Priya reports to ...")
        another = (
            bool(words)
            and not set(words) & _NO_TITLE_WORDS
            # (either number: "Peer Support Leads report to ...", "The Team Leader reports to ...")
            and (words[-1].removesuffix("s") in _REPORTING_HEADS or person_word(words[-1]) is not None)
            and any(w not in asked and w.removesuffix("s") not in asked for w in words)
        )
    return another and not _THEIR_OWN_LINE.search(sentence)


_NO_TITLE_WORDS = NOT_MODIFIERS - frozenset(RANKS)  # ("You report to ...")
_REPORTING_HEADS = HEADS | {"lead", "head", "leader"}


# "The Peer Support Lead reports to ...", "Deck Foremen answer to ..."
_TITLE_REPORTS = re.compile(
    r"^\W*(?:(?:the|our|each|every|all)\s+)?((?:(?-i:[A-Z])[\w'’-]*\s+){1,5}?)"
    r"(?:reports?\s+(?:\w+ly\s+)?to|answers?\s+to|(?:is|are)\s+(?:line\s+)?managed\s+by)\b",
    re.IGNORECASE,
)


def _said_of(evidence: Evidence, ranked: list[Hit], word: str, role_id: str) -> bool:
    """Whether a document of the `ranked` passages that names the role `role_id` uses `word`."""
    docs = {h.record.doc_id for h in ranked if role_id in evidence.describe(h.row).document_names}
    said = re.compile(rf"\b{re.escape(word)}s?\b", re.IGNORECASE)
    index = evidence.index
    return any(said.search(index.records[row].text) for doc in docs for row in index.passages_of.get(doc, []))


def _clipped(word: str, role: Role) -> bool:
    """Whether `word` names `role` only as the last word of its longer name, a word for jobs
    that its modifier tells apart ("driver" of "HGV driver": a train driver is another job)."""
    return " " not in word and len(role.name.split()) > 1 and word.lower() in ALSO_THINGS


def _another_kind(before: str, word: str, role: Role, said_of: Callable[[str, str], bool]) -> bool:
    """Whether the words `before` a role's last word (`word`, "therapist" of "speech and
    language therapist") make another job of it: none is a form of a word of its names ("met
    observers", "exec assistants", "makeup artists"), a code ("f2f fundraisers"), or a word
    its documents use (`said_of`: "bike mechanics" on a bicycle mechanics' policy that speaks
    of bikes, "costume assistants" beside the wardrobe assistants), nor a name in capitals (a
    place or an employer: "NHS therapists"); "art therapists", "curtain makers" are others."""
    name = role.name.lower().split()
    if " " in word or len(name) < 2 or word.lower() != name[-1]:
        return False
    words = {w.replace("-", "") for n in (role.name, *role.aliases) for w in n.lower().split()}
    written = re.findall(r"[\w-]+", before)
    modifiers = [w.replace("-", "").lower() for w in written]
    return (
        bool(modifiers)
        and not any(w[:1].isupper() for w in written)
        and not any(
            any(c.isdigit() for c in m)
            or any(len(m) >= 3 and len(w) >= 3 and (w.startswith(m) or m.startswith(w)) for w in words)
            or said_of(m, role.id)
            for m in modifiers
        )
    )


def _named_otherwise(title: str, evidence: Evidence) -> bool:
    """Whether `title` names a role's job another way: the same occupation and another word in
    common ("highways operatives" for the highway maintenance operative)."""
    *words, head = title.split()
    terms = evidence.title_terms(" ".join(words))
    return any(
        r.name.lower().split()[-1] == head and terms & evidence.title_terms(r.name)
        for r in evidence.index.roles.roles.values()
    )


def _about_role(described: Described, kinds: frozenset[str]) -> bool:
    said = frozenset().union(*(s.roles for s in described.sentences))
    return bool(kinds & said or (not said and kinds & described.document_names))


def _curated(roles: RoleBook) -> frozenset[str]:
    return frozenset(r.id for r in roles.roles.values() if not r.discovered)


def _unknown_titles(
    question: str, roles: RoleBook, said_of: Callable[[str, str], bool] = lambda word, role: False
) -> list[str]:
    """Jobs the question names that no role of the documents is: a title ("data analyst"),
    or an occupation on its own ("nurse") that is not the last word of a known role's name
    (`said_of`: whether a role's documents use a word, _another_kind)."""
    unknown = []
    # (and a role's own last word, where no vocabulary has it: a "curtain maker" beside the cabinet makers)
    clipped = frozenset(name[-1] for r in roles.roles.values() if len(name := r.name.lower().split()) > 1)
    for run in title_runs(question, heads=QUESTION_HEADS | clipped):
        phrase = " ".join(run)
        if phrase.lower() in RELATIONS:
            continue  # "who is a recycling operative's line manager?" names no job
        # (a role ending the title names it, "craft brewers"; not a longer role's last word
        # alone after another word: a "train driver" is no HGV driver)
        mentions = roles.mentions(phrase)
        if run[-1].lower() not in QUESTION_HEADS and not mentions:
            continue  # (a role's own last word names no job unless it names that role: "hostel workers")
        if not any(
            m.end < len(phrase)
            or m.start == 0
            or not _clipped(phrase[m.start : m.end], roles.roles[m.role_id])
            and not _another_kind(phrase[: m.start], phrase[m.start : m.end], roles.roles[m.role_id], said_of)
            for m in mentions
        ):
            unknown.append(phrase.lower())
    heads = {r.name.split()[-1].lower() for r in roles.roles.values()}
    # ("tattooists" may be the tattoo artists: a role named from the same word is not ruled out)
    firsts = {w for r in roles.roles.values() if len(w := r.name.split()[0].lower()) >= 4}
    for word in _WORD.findall(roles.without_mentions(question).lower()):
        word = re.sub(r"['’]s$", "", word)  # "a train driver's salary"
        singular = to_singular(word.rsplit("-", 1)[-1], OCCUPATIONS)  # "sous-chef" is a chef
        if (
            singular in OCCUPATIONS
            and singular not in heads
            and not any(singular.startswith(first) for first in firsts)
            # (and "masons" may be the heritage stonemasons: a word of a role's name ending in it)
            and not _ends_a_name_word(singular, roles)
            and not any(singular in u for u in unknown)
        ):
            unknown.append(singular)
    return unknown


# ---- choosing ---------------------------------------------------------------------------------
def _fits(c: Candidate, kinds: frozenset[str], occupations: frozenset[str] = frozenset()) -> bool:
    """A question naming roles takes only candidates about one of them, or a kind of one
    ("licensed veterinary technicians" for veterinary technicians: RoleBook.kinds_of gives
    `kinds`), or naming no role, unless its document is about other roles only (an underwriting
    career ladder's "Annual leave is 25 days" says nothing of UX researchers), or its subject is
    another occupation than theirs (`occupations`: "The Research Ops coordinator also reports to
    ..." says nothing of UX researchers; "The on-call engineer ..." may of site reliability engineers)."""
    if not kinds:
        return True
    if c.stranger and c.stranger not in occupations:
        return False
    if not c.roles:
        return not c.document_names or bool(c.document_names & kinds)
    if c.subject is not None and c.subject not in kinds and c.subject in c.roles:
        return False  # "[Analytics engineers] work with data engineers" says nothing of data engineers
    return bool(c.roles & kinds)


_HOW_LONG = re.compile(r"\bhow long\b", re.IGNORECASE)


def _best(pool: list[Candidate], frame: Frame, roles: RoleBook, s: RetrievalSettings) -> Candidate | None:
    if not pool:
        return None
    if frame.expects == "duration" and _HOW_LONG.search(frame.text) and any(c.typed for c in pool):
        pool = [c for c in pool if c.typed]  # "how long ...?" is answered by a length of time
    # (of a role: not "what is the next step after the interview?")
    if frame.expects is None and frame.roles and frame.asks_next_step and any(c.typed for c in pool):
        pool = [c for c in pool if c.typed]  # "what's the next step after ...?" by a step on a path
    if frame.expects == "money" and any(c.typed for c in pool):
        # "What does X earn?" is answered by an amount; "which pays better?" by one, or by a
        # statement that compares the roles' pay.
        ranks = bool(MORE.search(frame.text) or LESS.search(frame.text))
        pool = [c for c in pool if c.typed or (ranks and _compares(c.text, roles))]
    ordered = sorted(pool, key=lambda c: -c.score(s))
    if ordered[0].missing:  # it lacks part of the topic: one close behind that has it all goes first,
        # or else one under a heading that names the whole topic ("Career path", "Release checklist")
        whole = next((c for c in ordered[1:5] if _has_whole_topic(c, ordered[0], s)), None)
        whole = whole or next((c for c in ordered if c.headed and not c.missing), None)
        ordered = [whole, *(c for c in ordered if c is not whole)] if whole else ordered
    elif not ordered[0].topical:  # its passage has the topic, it does not: so may one close behind
        # ("New reporters start at $54,200" over "My state salary is $68,500" for the starting salary)
        first = ordered[0]
        whole = next(
            (c for c in ordered[1:5] if c.topical and c.typed >= first.typed and _has_whole_topic(c, first, s)), None
        )
        ordered = [whole, *(c for c in ordered if c is not whole)] if whole else ordered
    best = ordered[0]
    facts = [c for c in ordered if c.curated_fact]
    if frame.shared:  # "what do both need?": a claim about both roles, if one is near the top
        both = [c for c in ordered[:5] if c.fact is not None and c.fact.record.role == BOTH]
        best = next(iter(both), None) or next((c for c in ordered[:5] if len(c.roles & _curated(roles)) >= 2), best)
    elif frame.direction:  # "which pays more?": a statement that compares, if one is near the top
        # and holds as much of the topic ("go further" does not say who needs more creativity)
        best = next((c for c in ordered[:5] if _compares(c.text, roles) and len(c.missing) <= len(best.missing)), best)
    elif facts and facts[0].score(s) >= best.score(s):
        best = facts[0]  # a curated fact wins when it is at least as good as the best sentence
    return best


# A role's name that goes on into another title ("I report to the Court Reporter Supervisor").
_TITLE_GOES_ON = re.compile(r"\s+(supervisor|manager|lead|director|head|coordinator|chief)s?\b", re.IGNORECASE)


def _only_the_superior(text: str, named: set[str] | frozenset[str], roles: RoleBook) -> bool:
    """Whether `text` names the roles asked about only as whom others report to: "All copy
    editors report to the Managing Editor" says nothing of whom the Managing Editor reports to
    (a "Court Reporter Supervisor" is not a court reporter)."""
    found = [m for m in roles.mentions(text) if m.role_id in named and not _TITLE_GOES_ON.match(text[m.end :])]
    return bool(found) and all(SUPERIOR_BEFORE.search(text[max(0, m.start - 40) : m.start]) for m in found)


def _names_only_superiors(c: Candidate, kinds: frozenset[str], roles: RoleBook, asked: set[str]) -> bool:
    """Whether `c`, in a document naming the roles asked about (`kinds`), names roles only as
    whom someone reports to, and opens with a word of the question for those people: it says
    whom they report to ("Controllers report operationally to the Watch Supervisor on duty",
    on a policy for air traffic control officers, for "who do air traffic controllers report
    to?"; not "Volunteers report to ..." in a handbook that names ward clerks elsewhere).
    `asked`: the question's words, without a plural's "s"."""
    first = re.match(r"\W*([A-Za-z]+)", c.text)
    return (
        first is not None
        and first.group(1).lower().rstrip("s") in asked
        and bool(c.roles and c.document_names & kinds)
        and set(roles.mentioned(c.text)) == c.roles
        and _only_the_superior(c.text, c.roles, roles)
    )


def _says_whom(c: Candidate) -> bool:
    """Whether `c` says whom someone reports to: in its own words, or as the reply to a heading
    asking it ("Who will I report to?" over "Although you run your own business, each
    instructor is supported by an Area Training Manager.")."""
    if _REPORTING.search(c.text):
        return True
    asked, first = replies_to(c.passage, 0), c.passage.sentences[:1]
    return bool(asked and first and _REPORTING.search(asked) and c.text == c.passage.text[slice(*first[0])])


def _has_whole_topic(c: Candidate, best: Candidate, s: RetrievalSettings) -> bool:
    """Whether `c` holds every salient term of the question (in it or its passage), and as many
    in itself as `best`, which lacks one, fits the roles asked as well, and scores within
    `line_whole_topic_margin` of it: "Paid time off — Details: 15 days a year." over "Each
    hygienist works four ten-hour days a week ..." (no "time") for "how much paid time off do
    hygienists get?"; not "Both roles are often covered by two people, one focused on model
    deployment" over "ML engineers are involved in maintenance ..." for "who deploys models?"."""
    return c.coverage >= best.coverage and _whole_close_behind(c, best, s)


def _whole_close_behind(c: Candidate, best: Candidate, s: RetrievalSettings) -> bool:
    """Whether `c` lacks none of the topic, fits the roles and the kind of answer asked as well
    as `best`, and scores within `line_whole_topic_margin` of it."""
    return (
        not c.missing
        and c.prior >= best.prior
        and c.typed >= best.typed  # not "a commission on ... bookings" over "reservations go through OpenTable"
        and c.score(s) >= best.score(s) - s.line_whole_topic_margin
    )


def _on_topic_behind(best: Candidate, pool: list[Candidate], s: RetrievalSettings) -> Candidate | None:
    """Of the four candidates close behind `best`, which lacks part of the topic, the first
    that lacks none of it and fits the roles and the kind of answer asked as well."""
    behind = [c for c in sorted(pool, key=lambda c: -c.score(s)) if c is not best][:4]
    return next((c for c in behind if _whole_close_behind(c, best, s)), None)


def _off_topic(c: Candidate, question: str, evidence: Evidence) -> str | None:
    """Why `c` does not answer the question's topic, or None. A candidate lacking a salient
    term of the question must still be close to it in meaning; closer when what it lacks is a
    name the documents never use ("Germany") or the rank of the role asked about ("junior")."""
    # (a word the kind of answer stands for is not lacking from one of that kind: "pattern" of
    # "what shift pattern ...?" from "Shifts run 6:00 a.m. to 4:30 p.m. ...")
    if not c.missing or c.typed and set(c.missing) <= evidence.by_kind:
        return None
    s, ranks = evidence.settings, [t for t in c.missing if t in evidence.qualified]
    # ... or an acronym or an office the question names its subject by ("How much do ASMs earn?",
    # "... the Director of Midwifery Services"), or the kind of pay it asks about ("overtime")
    # (an acronym that qualifies a noun its own document uses elsewhere is its document's:
    # "HEMS crews" of a HEMS page; "ASMs", people named by an acronym alone, are not stage managers)
    acronyms = {
        t
        for t, word in evidence.acronyms.items()
        if _ACRONYM_ALONE.search(question.replace(word, "ACRONYM"))
        or not evidence.document_uses(c.passage.doc_id, word)
    }
    specific = evidence.names | acronyms | evidence.office | evidence.pay_kind
    # ... or the thing a yes-or-no question asks whether they get, where other documents speak
    # of it: a line on salary is no answer to "do underwriters get a pension?", however close
    asked_thing = evidence.thing is not None and evidence.thing in c.missing and evidence.thing in evidence.known
    strict = bool(ranks or specific & set(c.missing)) or asked_thing
    # It shares no word with what is asked, and either what is asked is a word no document uses
    # or the candidate is not even the kind of answer asked ("Monday to Friday, 7 a.m. to 3:30
    # p.m." answers "what are the working hours?" without its words; "HR Business Partner —
    # Reports to: ...; Salary band: ..." does not answer "what is the pension?").
    # "how many weeks ...?": a line of weeks shares no word of the topic
    unrelated = set(c.missing) >= evidence.topic and (not c.typed or not set(c.missing) <= evidence.known)
    floor = s.line_min_similarity_unrelated if unrelated else s.line_min_similarity
    if unrelated and not c.typed and not evidence.known & set(c.missing):
        floor = s.line_min_similarity_unknown
    if c.similarity >= (s.line_min_similarity_name if strict else max(floor, s.line_min_similarity)):
        return None
    named_by = [_as_written(question, evidence.acronyms[t]) for t in c.missing if t in evidence.acronyms]
    named_by += [f"the {office}" for office in evidence.offices if evidence.office & set(c.missing)]
    if named_by and evidence.frame.expects == "money":  # not "... say nothing about ASMs earn"
        return f"the documents give no amount for {named_by[0]}"
    lacking = tuple(t for t in c.missing if t in evidence.topic) or c.missing  # not "weeks, training"
    about = ", ".join(dict.fromkeys(evidence.qualified[t][0] for t in ranks)) or _phrase(question, lacking)
    return f"the documents say nothing about {about}"


_ACRONYM_ALONE = re.compile(r"\bACRONYMs\b|\bACRONYM\s*(?:[?.,;]|$)")


def _as_written(question: str, acronym: str) -> str:
    """`acronym` as the question writes it: "ASMs" for "ASM"."""
    match = re.search(rf"\b{re.escape(acronym)}s?\b", question)
    return match.group(0) if match else acronym


def _phrase(question: str, missing: tuple[str, ...]) -> str:
    """The question's words around its missing terms: "parental leave" for {parent}."""
    from assistant.keyword import Analyzer

    analyzer = Analyzer()
    words = [(m.group(0), analyzer.terms([m.group(0)])[0]) for m in _WORD.finditer(question)]
    runs: list[list[str]] = []
    current: list[str] = []
    has_missing = False
    for word, terms in words + [("", [])]:
        if terms and not set(terms) <= GENERIC_TERMS:  # a content word: part of a run
            current.append(word)
            has_missing = has_missing or any(t in missing for t in terms)
            continue
        # ("process servers", not "... servers earn"; "red cap" of "who does a red cap report to")
        while current and (current[-1].lower() in _ASKING_VERBS or current[-1].lower() == "report" and word == "to"):
            current.pop()
        if current and has_missing:
            runs.append(current)
        current, has_missing = [], False
    return ", ".join(" ".join(run) for run in runs) or " ".join(missing)


# What a question asks about its subject, no part of what it lacks ("red cap", not "red cap report")
_ASKING_VERBS = frozenset("earn earns make makes get gets".split())


def _comparison(
    frame: Frame,
    named: list[str],
    unknown: list[str],
    pool: list[Candidate],
    question: str,
    evidence: Evidence,
    pay: bool = False,
) -> Line:
    """What the documents say about each compared role, each with its source; a statement that
    itself compares them when there is one. Never a comparison the documents do not make."""
    roles, s = evidence.index.roles, evidence.settings
    together = [c for c in pool if set(named) <= c.roles and _compares(c.text, roles)]
    if frame.expects == "money" and all(any(c.typed and role in c.roles for c in pool) for role in named):
        # "Who takes home more?": each one's amount, unless a statement compares them with amounts
        together = [c for c in together if c.typed]
    best_together = max(together, key=lambda c: c.score(s), default=None)
    if best_together is not None and not _off_topic(best_together, question, evidence):
        return _line(best_together, frame, named, pool, roles, evidence.asked_cells)
    parts: list[str] = []
    sources: list[str] = []
    highlight, fact, quoted, each_in_one = None, None, False, False
    for role in named:
        single = replace(frame, roles=(role,), direction=None, shared=False, comparison=False)
        # (a row with a cell for each role says of this one what its cell says: it is about this one;
        # so does a sentence giving the compared roles an amount each, "$109,802, while ... $132,651")
        kinds = roles.kinds_of([role])  # (a claim about a kind of it only is narrower, as one about a rank)
        weighed = [
            replace(
                c,
                prior=evidence.prior(
                    frozenset({role}) if _each_its_own(c, named) else c.roles, c.rank or role not in c.roles, single
                ),
            )
            for c in pool
            if c.roles & kinds
        ]
        if single.expects == "money" and any(c.typed for c in weighed):
            weighed = [c for c in weighed if c.typed]  # this role's amount (a statement comparing them came first)
        best = _best(weighed, single, roles, s)
        if best is not None and best.passage.id in sources and any(best.text in p for p in parts):
            each_in_one = True  # one sentence gives both roles' amounts: quoted once
            continue
        if best is None or _off_topic(best, question, evidence):
            title = next((t for t, r in evidence.qualified.values() if r == role), roles.display(role))
            parts.append(f"The documents say nothing about {title} on this.")
            continue
        amounts = amounts_around(best, pool, roles, evidence.asked_cells) if pay else []
        parts.append(quote(best, roles, role, cut_row=evidence.asked_cells, lines=amounts))
        quoted = quoted or _quotes(best)
        if not sources:
            highlight, fact = _highlight(best), best.fact
        sources.append(best.passage.id)
    parts += [f"The documents say nothing about {plural_of(t)}." for t in unknown]
    if not sources:
        about = _phrase(question, _all_missing(pool)) or " and ".join(roles.display(r) for r in named)
        return Line(None, None, reason=f"the documents say nothing about {about}", reason_kind="topic")
    role = BOTH if _TOGETHER.search(frame.text) and not frame.direction or each_in_one else named[0]
    # " · " between the roles: a quoted part ends with its source, not a full stop.
    return Line(" · ".join(parts), role, fact, highlight, passages=tuple(dict.fromkeys(sources)), quoted=quoted)


def _each_its_own(c: Candidate, named: list[str]) -> bool:
    """Whether `c` says of each compared role its own thing: a table row with a cell for each,
    or a sentence giving each of them an amount."""
    return c.cells or (c.typed and len(c.roles) >= 2 and c.roles <= set(named))


def _all_missing(pool: list[Candidate]) -> tuple[str, ...]:
    return min((c.missing for c in pool), key=len, default=())


def _line(
    c: Candidate,
    frame: Frame,
    named: list[str],
    pool: list[Candidate],
    roles: RoleBook,
    cut_row: Callable[[str], str | None] | None = None,
    following: Callable[[Record], Record | None] | None = None,
    scale: bool = False,
) -> Line:
    role = _answer_role(c, frame, named, roles)
    if frame.asks_next and c.curated_fact and c.fact is not None and (evidence := c.fact.record.evidence):
        # "Once they have tuned the models, what comes next?": a fact's statement stops where its
        # sentence goes on ("..., and then generating insights"), so the sentence is quoted.
        c = next((o for o in pool if o.fact is None and o.passage.id == c.passage.id and evidence in o.text), c)
    whole = (
        c.headed
        and not c.curated_fact
        and short_section(c.passage)
        and {r for o in pool if o.passage.id == c.passage.id for r in o.roles} <= c.roles | set(named)
    )
    after = following if frame.asks_next else None
    amounts = amounts_around(c, pool, roles, cut_row) if scale and not whole else []
    text = quote(
        c, roles, role if role in roles.roles else None, frame.wants_several, cut_row, after, whole, amounts, following
    )
    if frame.comparison and not named and c.fact is not None and c.fact.record.role != BOTH:
        # "How do they differ?": the other role's fact on the same topic too.
        other = next(
            (
                o
                for o in pool
                if o.fact is not None
                and o.fact.record.topic == c.fact.record.topic
                and o.fact.record.role not in (c.fact.record.role, BOTH)
            ),
            None,
        )
        if other is not None:
            text += " " + quote(other, roles, other.fact.record.role if other.fact else None)
            role = role if frame.role_seeking else BOTH
    return Line(text, role, c.fact, _highlight(c), passages=(c.passage.id,), quoted=_quotes(c))


def _answer_role(c: Candidate, frame: Frame, named: list[str], roles: RoleBook) -> str | None:
    """The role the line answers about: the one the question names (its subject, the first,
    when it names several: "how can a data scientist become an ML engineer?"), `both` for a
    question about the roles together, else the role of the claim ("who deploys models?")."""
    about = frozenset({c.fact.record.role}) if c.fact is not None and c.fact.record.role != BOTH else c.roles
    one = next(iter(about)) if len(about) == 1 and about <= set(named) else None  # a claim about one named role
    if frame.shared or (len(named) >= 2 and not frame.direction and _TOGETHER.search(frame.text) and one is None):
        return BOTH
    if named and not frame.role_seeking:
        return one or named[0]
    role: str | None
    if c.fact is not None and c.fact.record.role:
        role = c.fact.record.role
    elif len(c.roles & _curated(roles)) >= 2 and not frame.role_seeking:
        return BOTH  # "do the two roles use different technologies?"
    else:
        mentioned = [r for r in roles.mentioned(c.text) if r in c.roles] or sorted(c.roles)
        role = mentioned[0] if mentioned else None
    if frame.direction and role and _compares(c.text, roles):
        says = "less" if LESS.search(c.text) else "more"
        if says != frame.direction:  # "which pays less?" reads "ML engineers earn more" the other way
            role = next((r for r in roles.mentioned(c.text) if r != role), role)
    return role


def _compares(text: str, roles: RoleBook) -> bool:
    return bool(MORE.search(text) or LESS.search(text)) and len(roles.mentioned(text)) >= 2


def _quotes(c: Candidate) -> bool:
    return not c.curated_fact


def _highlight(c: Candidate) -> tuple[str, str] | None:
    return (c.passage.id, c.text) if c.fact is None else None

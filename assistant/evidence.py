"""The candidates for the answer line, and what is known about each: the role facts whose
passage is on screen and every sentence of those passages, each with its cosine to the
question, the question's salient terms it holds or lacks, the roles it is about, and whether
it holds the kind of answer the question expects. `claim` chooses among them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from assistant.config import RetrievalSettings
from assistant.described import LABEL, RANK_WORDS, Describe, Sentence
from assistant.keyword import Analyzer
from assistant.question import AMOUNT, COUNT_BEFORE, THING_WORDS, Frame, answer_kinds
from assistant.record import Record
from assistant.retrieve import Hit, Retrieval
from assistant.roles import RoleBook
from assistant.store import Index
from assistant.titles import NOT_MODIFIERS, file_title, person_word, written

# Words that shape a question rather than say what it is about (stems, as the analyzer gives them).
GENERIC_TERMS = frozenset(
    "typic usual general normal often main primarili common realli actual exact need get go kind type sort "
    "thing way like want tell describ explain role job one mani much also even still ever "
    "day someon person peopl most use receiv provid offer give come take must would could might may shall ought "
    "per becom what".split()
)
_PATH = re.compile(
    r"->|→|»|\bthen\b|\bprogress\w*|\bpromot\w*|\bmoves? (?:up|on|into|to)\b|\bbecomes?\b|\bapply (?:for|to become)\b"
    r"|\bstep(?:s|ped)? up\b"
    r"|\bnext steps?\b",
    re.I,
)
_WORD_BEFORE = re.compile(r"\b([A-Za-z][\w-]*) $")  # the word right before a title
_HOW_MANY_BEFORE = re.compile(r"\bhow many\s+(?:[\w-]+\s+)?$", re.IGNORECASE)  # "how many [paralegals]"
_ASKED_BRIEFLY = re.compile(
    r"^\W*(in short|in brief|in a nutshell|in a word|in plain (english|terms|words)|put simply|simply put"
    r"|to put it simply|briefly|basically|quickly|tl;? ?dr)\b",
    re.IGNORECASE,
)
_RANK = re.compile(rf"\b{RANK_WORDS}\b", re.IGNORECASE)
_RANK_BEFORE = re.compile(rf"\b{RANK_WORDS}\s+$", re.IGNORECASE)  # "a junior [data scientist]"
# A title named by what its holder heads ("Director of Midwifery Services", "Head of Data"), or
# in capitals within the question ("an Engine Captain's salary", "a Principal Investigator").
_OFFICE = re.compile(
    r"\b(?:Director|Head|Chief|Manager|Vice President|VP|President|Dean|Superintendent|Controller)"
    r" of (?:the )?[A-Z][\w&-]*(?: (?:and |& |of )?[A-Z][\w&-]*)*"
    r"|(?<=[a-z,] )[A-Z][a-z]+(?: [A-Z][a-z]+)+\b"
)
# A question about starting out, or training, names the first rank ("Trainee conductors complete ...").
_STARTING_ASKED = re.compile(
    r"\b(start\w*|entry|new (hires?|starters?|grads?|graduates?)|first year"
    r"|training|trained|apprenticeship|internship)\b",
    re.I,
)
_LEVEL_CODE = re.compile(r"\b[A-Z]{1,4}-?\d\b")  # "ACT3", "PR2", "U4": a level a document defines
_LEVEL_AFTER = re.compile(r"\s+(?:[IVX]{1,4}|[1-5])\b")  # "CSM II", "Engineer 2"
_TITLE_AFTER = re.compile(r"^\s+(manager|lead|director|head|intern)s?\b", re.IGNORECASE)  # "[SRE] manager"


class PassageTerms(NamedTuple):
    """What a passage holds of one question's topic (Evidence._passage_terms)."""

    lacking: tuple[str, ...]  # salient terms it lacks
    heading: float  # share of the question's terms in its section heading
    headed: bool  # that heading names the whole topic
    document_names: frozenset[str]  # the roles its document names anywhere
    heading_terms: frozenset[str]  # the terms of its section heading
    paid: bool  # that heading says its amounts are pay ("Pay", "Q: How is the pay?")
    extra_heading: bool  # it names a kind of pay on top, and no pay itself ("Q: Do receptionists earn commission?")


@dataclass(slots=True)  # not frozen, as retrieve.Hit: each question weighs dozens
class Candidate:
    text: str  # the sentence, or the fact's statement
    passage: Record  # the passage that holds it
    roles: frozenset[str]  # the roles it is about (empty: none is named)
    similarity: float  # cosine with the question
    coverage: float  # share of the question's salient terms (by IDF) in the sentence itself
    missing: tuple[str, ...]  # salient terms in neither the sentence nor its passage
    rank_score: float  # the passage's retrieval score
    fact: Hit | None = None  # when the candidate is a role fact
    prior: float = 1.0  # role fit, as in ranking: lower for a claim about more (or fewer) than asked
    typed: bool = False  # holds the kind of answer the question expects (an amount, a number, ...)
    rank: bool = False  # names a rank ("senior")
    heading: float = 0.0  # share of the question's salient terms in its section heading ("Tools", "Team")
    subject: str | None = None  # the role a leading "They" stands for
    headed: bool = False  # its passage's heading names the whole topic asked ("Shift pattern")
    document_names: frozenset[str] = frozenset()  # the roles its document names anywhere
    stranger: str | None = None  # the occupation of its subject, when that is a job no role is (Sentence.stranger)
    topical: bool = False  # holds the whole topic itself, not only through its passage
    cells: bool = False  # a table row with a cell for each role it names (Sentence.labelled)

    def score(self, s: RetrievalSettings) -> float:
        relevance = (
            self.similarity
            + s.line_coverage_weight * self.coverage
            + s.line_rank_weight * self.rank_score
            + s.line_heading_weight * self.heading
        )
        return (relevance + s.line_type_weight * self.typed) * self.prior

    @property
    def curated_fact(self) -> bool:
        return self.fact is not None and not self.fact.record.extracted


class Evidence:
    """What one question needs to weigh candidates: its frame, salient terms, acronyms and the
    names the documents never use; built once per question."""

    def __init__(
        self,
        question: str,
        frame: Frame,
        retrieval: Retrieval,
        index: Index,
        settings: RetrievalSettings,
        describe: Describe,
    ) -> None:
        self.frame, self.retrieval, self.index, self.settings = frame, retrieval, index, settings
        self.describe = describe
        keyword = index.keyword
        # ... and a word qualifying a role's one-word name ("craft brewers", "train conductors")
        # says which of them, as a rank does: credited in a line, not a topic it must hold.
        asking = frame.asking_terms(keyword.analyzer) | _qualifiers(question, index.roles, keyword.analyzer)
        # Words that name a role in another form ("the UX research team") say who, not what;
        # what the question sets aside ("besides base salary") is not what it asks for.
        # ... when its words stand together: in "how many flights does a dispatcher handle?" the
        # flights are what is asked, not part of "flight dispatcher".
        unnamed = index.roles.without_mentions(question)  # (the question is the frame's text)
        together = _follows(unnamed, keyword.analyzer)
        in_runs = {
            i
            for start, end, _ in index.roles.field_runs(retrieval.terms)
            if all(together[start + 1 : end])
            for i in range(start, end)
        }
        self.set_aside, cues = _set_aside(question, keyword.analyzer)
        manner = _ASKED_BRIEFLY.match(question)  # "in short, ...": how to answer, not what about
        cues |= frozenset(keyword.analyzer.terms([manner.group(0)])[0]) if manner else frozenset()
        cues |= keyword.analyzer.joined_terms(question)  # ("on-call" asks "call", which "on call" holds)
        terms = [
            t
            for i, t in enumerate(retrieval.terms)
            if i not in in_runs and t not in GENERIC_TERMS and t not in cues - self.set_aside
        ]
        terms = list(dict.fromkeys(terms))
        self.asked = frozenset(terms) - self.set_aside - asking  # what it asks beyond what it sets aside
        # The question's salient terms with their IDF; the words that ask for a kind of answer
        # ("earn" for an amount) are checked as that kind.
        self.salient = {t: keyword.idf(t) for t in terms if t not in asking}
        # What a candidate is credited for holding: those and the asking words too ("bonus" in
        # "what bonus do they get?" is asked for as an amount, and named in the answer).
        self.wanted = {t: keyword.idf(t) for t in terms}
        self.total = sum(self.wanted.values()) or 1.0
        self.by_kind = frame.answered_by_kind(keyword.analyzer) & self.wanted.keys()
        self.topic = self.salient.keys() - self.by_kind  # what is asked about, beyond the kind of answer
        self.asks_next = frame.asks_next  # (searches of the question: once, not per candidate)
        self.by_when = frame.asks_by_when
        self.names_rank = any(p.search(unnamed) for p in (_RANK, _STARTING_ASKED, _LEVEL_CODE))  # "an ACT3"
        # "What does a CSM I earn?" names a level
        self.names_level = any(_LEVEL_AFTER.match(frame.text[m.end :]) for m in index.roles.mentions(frame.text))
        # "What software ...?" is answered by "Systems: ADP iHCM ...": a label naming another kind
        # of named thing counts as the word asked (the label's terms -> the asked word's weight).
        things = frozenset(keyword.analyzer.terms([THING_WORDS])[0]) if frame.expects == "names" else frozenset()
        asked_things = [self.wanted[t] for t in things & self.wanted.keys()]
        self._things = things if asked_things else frozenset()
        self._thing_weight = max(asked_things, default=0.0) / self.total
        self.acronyms = {
            t: word for word in re.findall(r"\b([A-Z]{2,5})s?\b", question) for t in keyword.analyzer.terms([word])[0]
        }  # {"us": "US", "asm": "ASM"} ("ASMs")
        self.names = frozenset(t for name in retrieval.unknown_names for t in keyword.analyzer.terms([name])[0])
        # "the Director of Midwifery Services": a title that is no role's, named by its words
        # (not a role's own name, "the Pastry Chef", but "the Executive Chef" is no pastry chef)
        self.offices = [
            office
            for office in (m.group(0) for m in _OFFICE.finditer(question))
            if not any(m.start == 0 and m.end == len(office) for m in index.roles.mentions(office))
        ]
        self.office = frozenset(t for office in self.offices for t in keyword.analyzer.terms([office])[0])
        # "How many UX researchers are on the team?" counts the role itself: "We are six UX researchers".
        self.counted = frozenset(
            m.role_id for m in index.roles.mentions(question) if _HOW_MANY_BEFORE.search(question[: m.start])
        )
        self.known = frozenset(retrieval.known_terms)  # the question's terms that some document uses
        # A role the question narrows by rank ("a junior data scientist", "an SRE manager") is
        # not answered by what holds for the role in general: the rank word must be in the line.
        self.qualified = {  # rank term -> (the title as written, the role it narrows)
            t: (title, role)
            for title, word, role in qualified_titles(question, index.roles)
            for t in keyword.analyzer.terms([word])[0]
        }
        # "What bonus ...?", "besides the base salary, what else ...?": "8% of salary" is an answer too.
        self.shares = bool(_SHARE_ASKED.search(question) or self.set_aside)
        # "What extra do midwives get paid for working overnight?" asks for a kind of pay, unnamed.
        self.extra = _EXTRA_ASKED.search(question) is not None
        self.yes_no = _YES_NO.match(question) is not None  # "do they get a bonus?": "there is none" answers too
        self.thing = _thing_asked(question, keyword.analyzer)  # "pension" of "do underwriters get a pension?"
        # "What is the annual bonus?" asks for an amount of a bonus, not any amount: a salary, a
        # 401(k) match of 5% or a site allowance is not one.
        # (not a word of a role's name: "on call firefighters" asks their pay, not an on-call payment)
        kinds = _PAY_KIND.findall(unnamed)
        self.pay_kind = frozenset(keyword.analyzer.terms([" ".join(kinds).replace("-", " ")])[0])
        # ... and what an allowance is for ("a car allowance" is not a specialist allowance)
        allowed_for = [w for w in _ALLOWANCE_FOR.findall(question) if w.lower() not in _NOT_WHAT_FOR]
        self.pay_kind |= frozenset(keyword.analyzer.terms([" ".join(allowed_for)])[0]) - GENERIC_TERMS
        # pay asked on its own: not the next step's, a share, something extra or a kind of pay
        self.pay_alone = not (self.asks_next or self.shares or self.extra or self.pay_kind)
        self.curated = frozenset(r.id for r in index.roles.roles.values() if not r.discovered)
        self._words = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", question))
        self._by_passage: dict[int, PassageTerms] = {}  # row -> _passage_terms

    def candidates(self, ranked: list[Hit], passages: list[Hit], frame: Frame | None = None) -> list[Candidate]:
        """The facts (among `ranked`) whose passage is one of `passages`, and every sentence of
        those passages, weighed for `frame` (the question's, unless given)."""
        frame = frame or self.frame
        on_screen = {h.record.id: h for h in passages}
        out = []
        for hit in ranked:
            passage = on_screen.get(hit.record.passage_id or "")  # only facts have a passage_id
            if passage is not None:
                fact = self.describe(hit.row).sentences[0]
                out.append(self._candidate(fact, passage, self._passage_terms(passage), hit.dense, hit, frame))
        # Sentences were embedded with their role names made "they" (indexing_text.sentence_text).
        spans, _ = self.index.sentences_of([p.row for p in passages])
        similarities = iter((self.index.sentence_vectors[spans] @ self.retrieval.neutral_query_vector).tolist())
        for passage in passages:
            terms = self._passage_terms(passage)
            for sentence in self.describe(passage.row).sentences:
                similarity = next(similarities)
                if sentence.says_something:
                    out.append(self._candidate(sentence, passage, terms, similarity, None, frame))
        return out

    def _candidate(
        self,
        sentence: Sentence,
        passage: Hit,
        passage_terms: PassageTerms,
        similarity: float,
        fact: Hit | None,
        frame: Frame,
    ) -> Candidate:
        not_in_passage, heading, headed, document_names, heading_terms, paid, extra_heading = passage_terms
        if sentence.label:  # a line's label is a heading over its value: "Backlog: Jira" for "... for the backlog?"
            heading += sum([self.wanted.get(t, 0.0) for t in sentence.label]) / self.total
        expects, terms = frame.expects, sentence.terms
        typed = expects is not None and (
            expects in sentence.kinds
            or ((self.shares or self.extra) and expects == "money" and "share" in sentence.kinds)
        )
        if expects is None and self.asks_next:  # "what's the next step up?": a step on a path
            typed = _PATH.search(sentence.text) is not None
        if typed and self.by_when and "duration" not in sentence.kinds:
            typed = False  # "which certification, and by when?": "PTCB certification within 6 months of hire"
        if typed and self.pay_kind and expects == "money" and not self.pay_kind & (terms | heading_terms):
            typed = False  # (under an "Overtime" heading, "Sundays: time and a half" is overtime's)
        # (or, asked whether they are paid extra, a sentence on pay that denies it: "... is not paid at a higher rate")
        extra_denied = self.extra and _PAY_NOUN.search(sentence.text) is not None
        if (
            not typed
            and self.yes_no
            and expects == "money"
            and (self.pay_kind and self.pay_kind <= terms or extra_denied)
        ):
            typed = _NO_SUCH.search(sentence.text) is not None  # "There is no bonus ..." for "do they get a bonus?"
        if not typed and self.pay_kind and expects == "money" and self.pay_kind <= terms | heading_terms:
            # how the kind asked is paid, with no amount: under "11. SICK PAY", "... fitters receive full
            # pay for up to four weeks, then statutory sick pay"
            typed = _HOW_PAID.search(sentence.text) is not None
        # What a role earns, when the sentence holds nothing else asked ("spa receptionist salary?";
        # not "what's the next step, and what does it pay?", nor, of "Teaching at the Saturday
        # Music Centre is paid at ...", "what does the Saturday music centre pay?")
        earns = expects == "money" and self.pay_alone and not self.topic & terms
        if typed and earns and frame.roles and not self.qualified and self._others_pay(sentence.text, frame):
            typed = False  # "... can become Senior Spa Receptionist (£12.90 an hour)": that title's pay, not theirs
        if typed and earns and extra_heading:
            typed = False  # what a kind of pay on top pays, under its heading: not what they earn
        label = LABEL.match(sentence.text) if typed and earns else None
        if label and _names_extra(label.group(1)) and not _BASE_PAY.search(label.group(1)):
            # ... or after its label: "- Extra milkings: ... are paid at £18.75 per milking" (not
            # "Salary and bonus: £40,000 plus up to 10%")
            typed = False
        if typed and expects == "money" and not self.shares and not self.pay_kind and not self.extra:
            # what a role earns: base pay, an amount ("... runs tenders for contracts between £25,000
            # and £500,000" is no one's pay; "$500 annual allowance for boots" is a kind of pay,
            # "paid back as time off in lieu at time and a half" a multiplier)
            typed = AMOUNT.search(sentence.text) is not None and _base_pay(sentence.text, paid)
        # An asking word counts only beside the kind of answer it asks for ("bonus" beside "8%",
        # not "education" in "education is only the foundation").
        held = self.wanted if typed else self.salient
        by_kind = self.by_kind if typed else frozenset()
        coverage = sum([w for t, w in held.items() if t in terms or t in by_kind]) / self.total
        topical = bool(self.topic) and self.topic <= terms
        if self.counted and typed and self._counts(sentence.text):
            coverage, topical = 1.0, True  # what it counts is the role the question counts
        if typed and not self._things & held.keys() & terms:
            coverage += self._labelled_thing(sentence.label)  # "Systems: ADP iHCM ..." for "what software ...?"
        # A row with a cell for each role says of the asked one only what its cell says.
        about = (sentence.roles & set(frame.roles) or sentence.roles) if sentence.labelled else sentence.roles
        path = self.asks_next and (typed or _PATH.search(sentence.text) is not None)  # "X -> Senior X -> Lead X"
        # A claim about a kind of the role asked only ("The Chef Concierge is salaried at ..." for
        # concierges: RoleBook.kinds_of) is narrower, as one about a rank of it is.
        narrower = sentence.rank or bool(frame.roles and sentence.roles and not sentence.roles & set(frame.roles))
        prior = self.prior(about, narrower, frame, path) if len(about) >= 2 or narrower else 1.0
        if self.set_aside and self._states_set_aside(sentence):
            prior *= self.settings.line_broad_penalty
        if not sentence.rank and self._ranked_beyond(sentence):  # (a role's rank is weighed in prior)
            prior *= self.settings.line_broad_penalty
        if frame.roles and not sentence.roles and not document_names:
            prior *= self.settings.line_broad_penalty  # a page naming no role may be about another job
        ranks = self._ranks_for(sentence.roles, passage.record) if self.qualified else []
        lacking = (*not_in_passage, *ranks) if ranks else not_in_passage
        return Candidate(
            sentence.text,
            passage.record,
            sentence.roles,
            similarity,
            coverage,
            tuple([t for t in lacking if t not in terms]) if lacking else (),
            passage.score,
            fact,
            prior,
            typed,
            sentence.rank,
            heading,
            sentence.subject,
            headed,
            document_names,
            sentence.stranger,
            topical,
            sentence.labelled,
        )

    def asked_cells(self, row: str) -> str | None:
        """A table row (formats.table_lines: "Payroll Specialist — Reports to: Payroll Manager;
        Remote work: Up to 2 days a week; ...") cut to its first cell and the cells that hold
        what is asked: one of the question's words or the kind of answer it expects, and a
        cell naming the role asked ("P3 — Title: Clinical Pharmacist; Pay range: ..."). None
        when `row` is no such row, is a row of the kind of pay asked, or when no cell or every
        cell holds it. A cell giving the row's job title is kept ("M3 — Job title: Skilled
        machinist; Hourly rate: £12.60", not "M3 — Hourly rate: £12.60")."""
        if " — " not in row:
            return None
        head, said = row.split(" — ", 1)
        cells = said.rstrip(".").split("; ")
        analyzer, roles = self.index.keyword.analyzer, self.index.roles
        if self.frame.expects in (None, "money") and self.pay_kind & set(analyzer.terms([head])[0]):
            return None  # a row of the kind of pay asked is what is asked: "Tool allowance — Rate: £320; ..."
        answering = [
            any(t in self.wanted for t in terms) or self.frame.expects in answer_kinds(cell)
            for cell, terms in zip(cells, analyzer.terms(cells), strict=True)
        ]
        if len(cells) < 2 or all(answering) or not any(answering):
            return None
        kept = [
            cell
            for cell, answers in zip(cells, answering, strict=True)
            if answers or any(r in self.frame.roles for r in roles.mentioned(cell)) or _TITLE_CELL.match(cell)
        ]
        return f"{head} — {'; '.join(kept)}."

    def _labelled_thing(self, label: frozenset[str]) -> float:
        """The asked word's share for a line labelled by another kind of named thing (`label`:
        the terms of its label, `label_terms`)."""
        return self._thing_weight if self._things & label else 0.0

    def _ranks_for(self, roles: frozenset[str], passage: Record) -> list[str]:
        """The rank terms a sentence about `roles` must hold: those of the roles it is about
        ("junior" for a data scientist, not for the ML engineer compared with one), all of
        them for a sentence about no role; none whose ranked title the passage's document is
        titled by ("... OUR HEAD TENNIS COACH" holds "head" in each of its sentences)."""
        titled = f"{passage.title}\n{file_title(passage.doc_id)}"
        return [
            t
            for t, (title, role) in self.qualified.items()
            if (not roles or role in roles) and not names_title(titled, title)
        ]

    def _others_pay(self, sentence: str, frame: Frame) -> bool:
        """Whether every amount of `sentence` is what a title pays other than the role asked, or
        than the role asked at a rank: "The next step is Front of House Manager, on a salary of about
        £27,000", "... become a Returns Grader (Band C, GBP 12.90 per hour)"."""
        amounts = list(AMOUNT.finditer(sentence))
        titled = list(_TITLED_AMOUNT.finditer(sentence))
        if not amounts or not titled or not all(any(t.start() <= a.start() < t.end() for t in titled) for a in amounts):
            return False
        roles = self.index.roles
        for m in titled:
            title = m.group("title")
            mentions = roles.mentions(title)
            if person_word(title.split()[-1].lower()) is None and not mentions:
                return False  # "Band C (£12.90 an hour)", "Full Time (£24,000)": no one's title
            if any(x.role_id in frame.roles and not _RANK_BEFORE.search(title[: x.start]) for x in mentions):
                return False  # "... start as a Spa Receptionist (£11.90 an hour)": theirs
        return True

    def titled_in_documents(self, title: str, capitals: bool = True) -> bool:
        """Whether some passage writes `title` as a title, in capitals ("Event Coordinator" for
        "event coordinator"; not "data engineer training"), or in any case (`capitals` False:
        "lorry drivers"). (Asked only of a title no role has.)"""
        words = title.split()
        if len(words) < 2:
            return False
        pattern = _title_pattern([w.capitalize() if capitals else w for w in words], 0 if capitals else re.IGNORECASE)
        records = self.index.records
        return any(pattern.search(records[row].text) for rows in self.index.passages_of.values() for row in rows)

    def title_terms(self, title: str) -> frozenset[str]:
        return frozenset(self.index.keyword.analyzer.terms([title])[0])

    def document_uses(self, doc_id: str, word: str) -> bool:
        """Whether any passage of document `doc_id` has `word` (an acronym, as written)."""
        pattern = re.compile(rf"\b{re.escape(word)}s?\b")
        return any(pattern.search(self.index.records[row].text) for row in self.index.passages_of.get(doc_id, []))

    def _ranked_beyond(self, sentence: Sentence) -> bool:
        """Whether `sentence` names a title the question names, at a rank the question does not:
        "FA4 — Title: Senior Manager; ..." for "what's the pay range at Manager level?"."""
        return any(title in self._words and rank not in self._words for rank, title in sentence.ranked_titles)

    def _states_set_aside(self, sentence: Sentence) -> bool:
        """Whether `sentence` states what the question set aside and nothing else it asks
        ("... base salary of $146,000" for "besides base salary, what variable pay ...?")."""
        return bool(self.set_aside) and self.set_aside <= sentence.terms and not self.asked & sentence.terms

    def _counts(self, text: str) -> bool:
        """Whether `text` gives a number of a role the question counts ("six UX researchers")."""
        return any(
            m.role_id in self.counted and COUNT_BEFORE.search(text[max(0, m.start - 30) : m.start])
            for m in self.index.roles.mentions(text)
        )

    def _passage_terms(self, passage: Hit) -> PassageTerms:
        """The salient terms a passage lacks (an acronym it spells out counts as held), the
        share of them in its section heading, and whether that heading names the whole topic:
        the same for each of its sentences, so worked out once per passage and question."""
        known = self._by_passage.get(passage.row)
        if known is None:
            described, text = self.describe(passage.row), passage.record.text
            lacking = tuple(
                t
                for t in self.salient
                if t not in described.terms
                and t not in self.qualified  # a rank is checked in the sentence, for its role (_ranks_for)
                and not (t in self.acronyms and _spelled_out(self.acronyms[t], text))
            )
            heading = sum(w for t, w in self.wanted.items() if t in described.heading) / self.total
            headed = bool(self.topic) and self.topic <= described.heading
            # (or the line that opens the passage: "Can you tell us about pay?" in an interview)
            first_line = passage.record.text.split("\n", 1)[0]
            paid = _BASE_PAY.search(passage.record.section) is not None or _asks_about_pay(first_line)
            # (under "Q: Do receptionists earn commission?", "Top sellers often add £80 to £150 a
            # month to their pay" is what commission pays, not what a receptionist earns)
            last = passage.record.section.rsplit(" › ", 1)[-1]
            extra_heading = _PAY_KIND.search(last) is not None and _PAY_NOUN.search(last) is None
            known = PassageTerms(
                lacking, heading, headed, described.document_names, described.heading, paid, extra_heading
            )
            self._by_passage[passage.row] = known
        return known

    def prior(self, roles: frozenset[str], rank: bool, frame: Frame, path: bool = False) -> float:
        """A claim about several roles fits a question about one, or one asking "who?", less
        well; so does one about a rank the question does not name ("Senior analytics engineers
        average $141,000" for "what do analytics engineers earn?")."""
        if len(roles) < 2 and not rank:
            return 1.0  # (callers skip the call for these, the most sentences: see _candidate)
        # ... though "whom do they report to?" is answered by naming another role.
        broad = (
            len(roles) >= 2
            and (len(frame.roles) == 1 or frame.role_seeking)
            and frame.expects != "superior"
            and not path  # ... and "what comes after X?" by a path of several roles
            and len(self.index.roles.broadest(roles)) >= 2  # not a role and a kind of it
        )
        narrower = rank and not self.names_rank  # (every frame weighed is of the one question)
        penalty = self.settings.line_broad_penalty
        return (penalty if broad else 1.0) * (penalty if narrower else 1.0)


def _title_pattern(words: list[str], flags: int = re.IGNORECASE) -> re.Pattern:
    """A title of `words` as a text writes it: its words apart or hyphened, or plural."""
    return re.compile(written(words, hyphened=True) + r"\b", flags)


def names_title(text: str, title: str) -> bool:
    """Whether `text` names `title` (in any case)."""
    return _title_pattern(title.split()).search(text) is not None


def _qualifiers(question: str, roles: RoleBook, analyzer: Analyzer) -> frozenset[str]:
    """The terms of the word right before each role named by one word ("craft" of "craft
    brewers"), unless it qualifies no one ("do", "senior", "our": titles.NOT_MODIFIERS)."""
    words = []
    for m in roles.mentions(question):
        before = _WORD_BEFORE.search(question[: m.start])
        if " " not in question[m.start : m.end] and before and before.group(1).lower() not in NOT_MODIFIERS:
            words.append(before.group(1))
    return frozenset(t for terms in analyzer.terms(words) for t in terms)


def qualified_titles(question: str, roles: RoleBook) -> list[tuple[str, str, str]]:
    """The roles `question` narrows by a rank, each as (the title as written, the rank word,
    the role id): ("junior data scientist", "junior", "data_scientist"), ("SRE manager", ...)."""
    out = []
    for m in roles.mentions(question):
        if before := _RANK_BEFORE.search(question[: m.start]):
            out.append((question[before.start() : m.end], before.group(1), m.role_id))
        possessive = question[m.end - 2 : m.end] in ("'s", "’s")  # "a nurse practitioner's manager" is a boss
        if not possessive and (after := _TITLE_AFTER.match(question[m.end :])):
            out.append((question[m.start : m.end + after.end()], after.group(1), m.role_id))
    return out


_PAY_KIND = re.compile(
    r"\b(bonus\w*|commission\w*|allowances?|stipends?|overtime|premiums?|differentials?|enhancements?|uplifts?|tips"
    r"|mileage|call[- ]?outs?|on[- ]call"
    r"|standby|sick|holiday|vacation|severance|redundancy|relocation|maternity|paternity|parental)\b"
    r"|\d(?:p|\s*pence)?\s+(?:per|a)\s+mile\b",  # ("Use of own car — Rate: 45p per mile" is mileage, not pay)
    re.IGNORECASE,
)
_HOW_PAID = re.compile(
    r"\b(?:full|half)\s+pay\b|\bstatutory\s+(?:sick|maternity|paternity|adoption)\s+pay\b", re.IGNORECASE
)
_PAY_NOUN = re.compile(r"\b(?:pay|salar\w*|wages?|rates?|hourly|basic)\b", re.IGNORECASE)  # ... of pay itself
_ALLOWANCE_FOR = re.compile(r"\b([\w-]+)\s+(?:allowances?|stipends?)\b", re.IGNORECASE)
_NOT_WHAT_FOR = frozenset(
    "an a the any their his her its my your our this that same annual yearly monthly weekly daily hourly extra "
    "additional total basic base standard".split()
)
# ... or what a kind of work is paid ("what do EHOs get paid for the noise patrol shifts?")
_EXTRA_ASKED = re.compile(
    r"\b(extra|additional|on top|premium|supplement\w*|enhance\w*|uplift)\b"
    r"|\bpaid for (?!(?:a|an|the|per|each|every) (?:year|month|week|day|hour)\b)(?:the |a |an |working |doing )?\w+",
    re.IGNORECASE,
)
_SHARE_ASKED = re.compile(  # (an allowance may be a share of salary too: "17.5% of basic salary")
    r"\b(bonus\w*|percent\w*|per cent|share|commission|stipend|pension|contribut\w*|match\w*|%"
    r"|allowances?|differentials?|premiums?|enhancements?|uplifts?)",
    re.IGNORECASE,
)
_SET_ASIDE = re.compile(
    r"\b(?:besides|apart from|aside from|other than|in addition to|on top of|beyond|except(?: for)?|excluding)\s+"
    r"(?P<what>(?:[\w$%'’-]+\s*){1,3}?)(?=[,?;.]|\s+(?:what|which|how|who|when|where|why|do|does|can|could|is|are|would)\b|$)",
    re.IGNORECASE,
)


# Words that make an amount what someone earns ("salary", "paid", "an hour"), in a line or its
# heading ("Pay", "Q: How is the pay?"); not a kind of pay on top (an allowance, a per diem).
_PAY_UNIT = re.compile(r"hourly|per hour|an hour|rates?|/hr|/h", re.IGNORECASE)
_BASE_PAY = re.compile(
    r"\b(salar\w*|pay|pays|paid|payments?|earn\w*|makes?|wages?|rates?|compensation|income|remuneration|fees"
    r"|bands?|grades?|scales?|hourly|per hour|an hour"
    r"|start(?:s|ed)? (?:at|on)(?= (?:[£$€]|(?:GBP|USD|EUR)\b)))\b|/hr\b|/h\b",
    re.IGNORECASE,
)


_TITLE_CELL = re.compile(
    r"(?:job\s+|role\s+)?(?:title|role|position|post|job)\s*:", re.IGNORECASE
)  # a table's title cell
# (not as what a multiplier multiplies: "1.5x basic rate", "time and a half of the basic rate")
_BASIC = re.compile(
    r"(?<!\bx )(?<!\dx )(?<!\bof )(?<!\bof the )(?<!\btimes )(?<!\btwice the )\b(?:basic|base)\s+(?:hourly\s+)?"
    r"(?:rate|pay|salary|wage)\b",
    re.IGNORECASE,
)


def _base_pay(sentence: str, paid_heading: bool) -> bool:
    """Whether an amount in `sentence` is what someone earns, as it or its heading says (under
    a "Pay" heading, "You also receive a $400 yearly tool allowance" is a kind of pay; so is
    "a language differential of $1.00 an hour", whose only word of pay is its unit)."""
    kind = _names_extra(sentence)
    amounts = list(AMOUNT.finditer(sentence))
    if kind and amounts and all(_names_extra(sentence[max(0, a.start() - 25) : a.start()]) for a in amounts):
        return False  # each amount is a kind's: "On top of basic pay, ... a flight allowance of £3,200 a year"
    said = [m.group(0) for m in _BASE_PAY.finditer(sentence)]
    # "... can move up to Senior Farrier (£47,000)": what that title pays; "The basic rate ...
    # is £19.20 an hour, and ... a supplement of £1.00 an hour": what they earn
    if _TITLE_AMOUNT.search(sentence) or _BASIC.search(sentence):
        return True
    return any(not (kind and _PAY_UNIT.fullmatch(w)) for w in said) or (paid_heading and not kind)


_YES_NO = re.compile(r"^\W*(?:do|does|did|is|are|was|were|will|can|could|would|has|have)\b", re.IGNORECASE)
# (a "not" that denies it: "Overtime is not paid", "we don't offer one"; not "The bonus is not
# linked to hearing aid sales")
_NO_SUCH = re.compile(
    r"\b(?:no|never|none)\b|(?:\bnot|n['’]t)\s+(?:(?:be|been|usually|normally|currently)\s+)?(?:paid|offered|available|given|provided"
    r"|eligible|entitled|included|receive|get|earn|pay|have|offer|qualify|apply|an?|any)\b",
    re.IGNORECASE,
)
# A title and the amount it pays, right after it: "Senior Farrier (£47,000)", "a Returns Grader
# (Band C, GBP 12.90 per hour)", "Front of House Manager, on a salary of about £27,000".
_TITLED_AMOUNT = re.compile(
    r"(?P<title>\b[A-Z][\w-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w-]*)*)"
    r"(?:\s+\((?:[^()£$€]{0,25}?,\s*)?|,\s+on\s+(?:an?\s+(?:salary|wage|rate)\s+of\s+)?(?:about\s+|around\s+)?)"
    r"(?:[£$€]|GBP |USD |EUR )\s?\d[\d,.]*(?:\s*(?:to|-|–)\s*(?:[£$€]|GBP |USD |EUR )?\s?\d[\d,.]*)?"
)
_TITLE_AMOUNT = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+\((?:[£$€]|GBP |USD |EUR )\s?\d")


def _asks_about_pay(line: str) -> bool:
    """Whether `line` is a heading-like question about pay ("Can you tell us about pay?")."""
    return line.rstrip().endswith("?") and _BASE_PAY.search(line) is not None


# What a yes-or-no question asks whether they get: "do returns clerks get a staff discount?", "is
# there free parking at the contact centre?" (up to a word that starts what follows it).
_THING_ASKED = re.compile(
    r"^\W*(?:(?:do|does|did|will|would|can|could)\s+(?:[\w'’-]+\s+){0,6}?(?:get|have|receive|are\s+given)"
    r"|(?:is|are)\s+there)\s+(?:(?:a|an|any|free|their|own|some|the)\s+)*"
    r"(?P<thing>(?!(?:to|more|less|fewer|better|longer|shorter)\b)[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)"
    r"(?=\s+(?:for|on|at|if|when|with|to|in|from|as|during|after|before|while)\b|\s*[?.!]*\s*$)",
    re.IGNORECASE,
)


def _thing_asked(question: str, analyzer: Analyzer) -> str | None:
    """The term of the thing a yes-or-no question asks whether they get ("discount" of "a
    staff discount"), but not a kind of pay, whose questions are weighed apart ("get paid extra")."""
    m = _THING_ASKED.match(question)
    if m is None or _PAY_KIND.search(m.group("thing")) or _BASE_PAY.search(m.group("thing")):
        return None
    # (what happens is no thing: "can they get promoted?", "do they get trained?"; "do they get
    # uniform provided?" asks about the uniform)
    words = m.group("thing").split()
    if words[0].lower().endswith("ed"):
        return None
    head = next(w for w in reversed(words) if not w.lower().endswith("ed"))
    if head.lower() in _MONEY_WORDS:  # ("pay" and "paid" are _BASE_PAY's)
        return None
    terms = analyzer.terms([head])[0]
    return terms[0] if terms else None


_MONEY_WORDS = frozenset("extra money more anything cash".split())


def _names_extra(text: str) -> bool:
    """Whether `text` names a kind of pay or something extra ("an allowance of", "get an
    extra"); right before an amount, that amount is the kind's."""
    return _PAY_KIND.search(text) is not None or _EXTRA_ASKED.search(text) is not None


def _set_aside(question: str, analyzer: Analyzer) -> tuple[frozenset[str], frozenset[str]]:
    """The terms of what a question puts to one side, and of those words with their cue:
    ({base, salari}, {besid, base, salari}) for "besides base salary, what variable pay ...?".
    A sentence stating only that is not the answer."""
    found = list(_SET_ASIDE.finditer(question))
    if not found:
        return frozenset(), frozenset()
    what = analyzer.terms([m.group("what") for m in found])
    whole = analyzer.terms([m.group(0) for m in found])
    return frozenset(t for terms in what for t in terms), frozenset(t for terms in whole for t in terms)


def _follows(text: str, analyzer: Analyzer) -> list[bool]:
    """For each keyword term of `text`, whether it comes right after the term before (no stop
    word between): [_, True, False] for "data engineering does a ..."."""
    out: list[bool] = []
    gap = True
    for stems in analyzer.terms_by_word(text):
        out += [not gap] + [True] * (len(stems) - 1) if stems else []
        gap = not stems
    return out


def _spelled_out(acronym: str, text: str) -> bool:
    """Whether `text` holds words whose initials make `acronym` ("United States" for "US")."""
    letters = r"\W+".join(rf"{c}\w*" for c in acronym)
    return re.search(rf"\b{letters}\b", text, re.IGNORECASE) is not None

"""Job titles in text: the words a title ends in, the words that qualify a person rather than
name a job, and the runs of words that make a title ("site reliability engineer", "Front of
House Manager"). What the documents are about is assistant.discover's job; this module only reads
a title where one is written, for the documents and for questions alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from assistant.folding import fold

# The nouns that end a job title. A fixed vocabulary of occupations, not of any corpus: the
# words that end many titles ("engineer", "practitioner"), which are never one's modifier ...
TITLE_HEADS = frozenset(
    "engineer scientist analyst researcher architect developer designer manager steward administrator "
    "specialist consultant officer director strategist technician programmer tester writer editor accountant "
    "auditor owner coordinator recruiter marketer planner advisor adviser economist statistician librarian "
    "curator operator trainer practitioner technologist representative executive supervisor "
    "investigator examiner underwriter adjuster educator instructor clinician counselor counsellor therapist "
    "hygienist advocate evangelist hunter moderator facilitator merchandiser bookkeeper "
    "copywriter animator photographer journalist nutritionist dietitian archivist partner dispatcher controller "
    "attendant assessor associate registrar expeditor comptroller treasurer adjudicator mediator arbitrator "
    "caseworker operative colleague".split()
)


# "Lead" ends a title after a word for what is led ("shift lead", "team lead"); elsewhere it is
# a rank ("Lead Underwriter"), a verb or a sales lead.
_LED = frozenset("shift team tech technical project store site crew floor section squad delivery".split())


# ... and occupations named by one word, which may also be a longer title's modifier ("nurse
# practitioner", "physician associate"). A question about one the documents do not have is
# about a job they do not describe (assistant.claim).
OCCUPATIONS = frozenset(
    "accountant auditor economist statistician librarian nurse pharmacist doctor physician surgeon dentist "
    "lawyer attorney paralegal solicitor teacher professor lecturer tutor electrician plumber carpenter "
    "mechanic welder machinist pilot chef cook baker waiter cashier clerk teller receptionist secretary "
    "firefighter policeman journalist reporter photographer actor musician artist farmer driver salesperson "
    "banker broker actuary therapist psychologist veterinarian vet midwife paramedic janitor cleaner guard "
    "soldier nanny translator interpreter optometrist radiographer sonographer caregiver housekeeper "
    "bartender barista biologist chemist physicist geologist mathematician historian "
    "underwriter adjuster hygienist surveyor inspector dispatcher recruiter bookkeeper copywriter "
    "nutritionist dietitian archivist counselor counsellor "
    # more of the occupations people have, named by one word
    "sommelier concierge courier florist butcher tailor locksmith glazier roofer bricklayer plasterer "
    "gardener landscaper groundskeeper caretaker chauffeur hairdresser barber beautician "
    "physiotherapist podiatrist chiropractor optician audiologist dietician phlebotomist orthodontist "
    "anaesthetist anesthetist anesthesiologist radiologist pathologist midwife carer childminder "
    "headteacher videographer draughtsman draftsman joiner labourer laborer "
    "firefighter lifeguard warden bailiff notary barrister magistrate appraiser valuer auctioneer realtor "
    "waitress bartender valet housekeeper receptionist cashier "
    "arborist forester ranger zookeeper beekeeper gamekeeper stonemason mason scaffolder rigger lineworker "
    "stenographer transcriptionist typist stylist cosmetologist esthetician deckhand mariner fisherman "
    "ecologist botanist zoologist hydrologist meteorologist epidemiologist toxicologist "
    "registrar conservator restorer docent invigilator seaman boatswain greenkeeper shopkeeper storekeeper "
    "timekeeper innkeeper porter picker packer groomer groom chaplain installer "
    # trades and arts named by one word
    "blacksmith farrier saddler cobbler shoemaker upholsterer bookbinder engraver jeweller jeweler "
    "goldsmith silversmith watchmaker clockmaker fishmonger greengrocer grocer brewer distiller vintner "
    "winemaker cheesemaker chocolatier confectioner falconer shepherd jockey lumberjack sawyer "
    "millwright wheelwright shipwright boatbuilder thatcher tiler toolmaker steeplejack groundsman "
    "postman undertaker embalmer mortician tattooist piercer manicurist croupier bouncer doorman "
    "farmhand stonecutter glassblower luthier taxidermist cartographer archaeologist anthropologist "
    "sociologist linguist librettist lyricist choreographer dancer singer composer conductor organist "
    "pianist violinist drummer guitarist puppeteer magician clown acrobat usher projectionist".split()
)


# Occupations whose word also names a thing in the documents this is for (a device "driver", a
# Kafka "broker", a Python "interpreter"): they end no title found in a document.
ALSO_THINGS = frozenset(
    "driver broker interpreter translator reporter actor guard pilot cleaner janitor vet waiter conductor composer "
    "sawyer shepherd".split()
)


ONE_WORD_JOBS = OCCUPATIONS - ALSO_THINGS  # what a page titled by one word may be about ("Electrician")


# Heads that name a job alone in a heading ("Instructor Handbook"), unlike "manager" or "officer".
HEADS_ALONE = frozenset("instructor trainer tester writer editor designer developer programmer".split())


HEADS = TITLE_HEADS | ONE_WORD_JOBS


# what a title found in a document may end in (accepted() weighs these), and a team ("Cabin Crew")
# ("Enforcement Agent": though a question's "site agent" may be the site manager a page describes)
FOUND_HEADS = HEADS | ALSO_THINGS | {"crew", "coach", "reader", "agent"}


# A question that asks about a "medical assistant" or a "care aide" names a job, where a
# document that mentions "AI assistants" most likely does not; and a "scrum master" is a job,
# where "master" is a rank.
# ("figure skating coaches" too, though a "Clinical Coach" found in a document is a level)
QUESTION_HEADS = HEADS | ALSO_THINGS | {"assistant", "aide", "master", "coach"}  # ("a train driver" is a person)


# The ranks of a job ("a junior data scientist", "an apprentice electrician"): no part of its title.
RANKS = (
    "senior junior associate lead principal staff chief head intern trainee apprentice journeyman master entry-level "
    "assistant deputy"
).split()


# Words that qualify a person rather than name a job ("senior", "potential", "our").
NOT_MODIFIERS = frozenset(RANKS) | frozenset(
    "a an the our your their his her its my this that these those every each any some many most more other "
    "another all both either neither no new good great best better potential aspiring future former current "
    "experienced typical average assistant deputy qualified unqualified competent fully newly "
    "self-employed freelance salaried say says said "
    "interim acting official full part time full-time part-time seasonal temporary permanent casual "
    "one two three four five first second is are was were be been as at in on "
    "of for with by from to and or not than like such who which whose what when where why how "
    "do does did can could should would will shall may might must have has had get gets got "
    "i we you they he she it anyone someone everyone nobody people vs versus "  # "we advocate", "they tutor"
    "after before come comes came become becomes became into onto about over under next then "
    "because since while although though if unless so but whether once until "  # "because operators drive"
    "also just only even still already sometimes often usually always never called known named titled "
    "zero six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "third fourth fifth sixth seventh eighth ninth tenth "  # ("Third Engineer Officer" is a rank of one)
    "seventeen eighteen nineteen twenty thirty forty fifty hundred dozen several few "
    "per during within without via across along among against between beyond upon "  # "£1,500 per instructor"
    "around through throughout inside outside near behind beside besides toward towards "
    "use uses used using hour hours".split()  # ("Use Fancom climate controllers to ...", "£13.90 per hour Dinghy ...")
)


MAX_MODIFIERS = 3


_DEFINITE = frozenset("the this that our your their his her its my".split())


WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#/-]*(?:['’]s\b)?")  # "practitioner's" is one word


# What comes before the title of the one person someone reports to ("reports to: ", "led by the",
# "approved by the").
SUPERIOR = (
    r"\b(?:report(?:s|ed|ing)?\s+(?:\w+ly\s+)?to|answers?\s+to|(?:led|managed|supervised|headed|approved)\s+by)"
    r"\W*(?:the\s+|an?\s+)?"
)


SUPERIOR_BEFORE = re.compile(SUPERIOR + "$", re.IGNORECASE)


# What a title names when a word for a course or a credential follows it: that, not a person.
_NAMES_A_THING = re.compile(
    r" (?:diploma|certificate|portfolio|training|programme|program|apprenticeship|course|award|qualification"
    r"|scheme|exam|examination)s?\b",
    re.IGNORECASE,
)


_QUALIFIES_FOR = re.compile(
    r"\b(?:award|certificate|diploma|qualification|licen[cs]e|nvq)\s+(?:in|for)\s+(?:working\s+as\s+)?(?:an?\s+)?$",
    re.IGNORECASE,
)


# A person's name before a title names one person ("contact Priya Raman, Superintendent Radiographer").
_NAMED_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+)+,\s*$")


def key_of(words: Iterable[str]) -> str:
    return " ".join(w.lower() for w in words)


def written(words: Iterable[str], hyphened: bool = False) -> str:
    """A regular expression for a title of `words` as a text writes it: from a word's start,
    its words apart (or hyphened too, when `hyphened`: "wafer-fab technician"), then in the
    singular or plural ("coaches") as the group "plural". What may follow is the caller's."""
    return r"\b" + (r"[\s-]+" if hyphened else r"\s+").join(map(re.escape, words)) + r"(?P<plural>e?s)?"


def as_written(word: str) -> str:
    """How a word of a title is written in a name: acronyms and mixed case kept (UX, MLOps),
    a word in capitals that is too long for an acronym not ("WAREHOUSE")."""
    acronym = word.isupper() and 1 < len(word) < 5
    return word if acronym or (word[1:] != word[1:].lower() and not word.isupper()) else word.lower()


def file_title(doc_id: str) -> str:
    """A document's file name as words: "warehouse picker pay policy" for
    "warehouse-picker-pay-policy.txt"."""
    return re.sub(r"[-_.]+", " ", PurePosixPath(doc_id).stem)


_NAMED_FOR = re.compile(r"['’]\s+[A-Z]")  # a plural's apostrophe before a capital: "Magistrates' Courts"


def title_runs(text: str, with_use: bool = False, heads: frozenset[str] = HEADS) -> list:
    """Every job title in `text`, as its words (modifiers then the singular head), longest run;
    with `with_use`, (words, generic) pairs, generic when the title is used of anyone in the
    job: in the plural, after "a"/"an", or with no article ("Site reliability engineers ...").
    `heads` are the words a title may end in (a question may name a job by QUESTION_HEADS)."""
    text = fold(text)  # "Café Shift Lead" is the cafe shift lead
    words = [(m.group(0), m.start()) for m in WORD.finditer(text)]
    runs: list = []
    for i, (word, _) in enumerate(words):
        head = re.sub(r"['’]s$", "", word.lower())  # "a data analyst's salary"
        singular = "lead" if head == "leads" else to_singular(head, heads)
        if singular not in heads and not (singular == "lead" and i and words[i - 1][0].lower() in _LED):
            continue
        if head.endswith("s") and _NAMED_FOR.match(text, words[i][1] + len(word)):
            continue  # "Regional Magistrates' Courts Service": a body named for them, not their job
        modifiers: list[str] = []
        j = i - 1
        firm = False  # "Harlow & Venn Solicitors" names a firm, not a job
        while j >= 0 and len(modifiers) < MAX_MODIFIERS:
            prev, prev_start = words[j]
            gap = text[prev_start + len(prev) : words[j + 1][1]]
            if gap.strip() == "&" and prev[:1].isupper():
                # (a firm's plural, "Harlow & Venn Solicitors"; not a "Health & Safety Officer")
                firm = singular != head
                break
            if len(prev) == 1 and prev.islower():
                break  # the "t" of "can't" ("when can't admissions caseworkers take leave?")
            if (
                gap in ("' ", "’ ")
                and not modifiers
                and prev.lower().endswith("s")
                and prev.lower() not in NOT_MODIFIERS
            ):
                modifiers.insert(0, prev + "'")  # "a barristers' clerk": whose clerk, the first word of the title
                break
            plural_head = prev.lower().endswith("s") and prev.lower()[:-1] in heads  # "engineers data scientists"
            possessive = prev[-2:-1] in ("'", "’")  # "a nurse practitioner's manager" names no job "s manager"
            ordinal = text[prev_start - 1 : prev_start].isdigit()  # "2nd line support engineer": no "nd"
            # "IT" before "Helpdesk Analyst" is information technology, not "it"
            acronym = prev == "IT" and not words[j + 1][0].isupper()
            if prev in ("and", "of") and not gap.strip() and _joins_in_capitals(words, j, word, modifiers, text, heads):
                modifiers.insert(0, prev)  # "Instrumental and Vocal Teachers", "Front of House Manager"
                j -= 1
                continue
            if gap.strip() or prev.lower() in NOT_MODIFIERS and not acronym or plural_head or possessive or ordinal:
                break  # punctuation between words, or a word that is not part of a job's name ("developer advocate" is)
            modifiers.insert(0, prev)
            j -= 1
        if firm:
            continue
        while modifiers and modifiers[0] in ("and", "of"):
            modifiers.pop(0)  # cut at MAX_MODIFIERS: "[British Society] of Hearing Aid Audiologists"
        if modifiers and i + 1 < len(words) and _NAMES_A_THING.match(text, words[i][1] + len(word)):
            continue  # "IBMS Higher Specialist Diploma", "Water Process Technician apprenticeship": no one's title
        if modifiers and _QUALIFIES_FOR.search(text, max(0, words[j + 1][1] - 60), words[j + 1][1]):
            continue  # "the Level 2 Award for Working as a CCTV Operator": a qualification's name
        if modifiers:
            before = words[j][0].lower() if j >= 0 else ""
            generic = singular != head or before in ("a", "an") or before not in _DEFINITE
            # "reports to: Payroll Manager" names one person, the way "the Payroll Manager" does
            start = words[j + 1][1]
            generic = generic and not SUPERIOR_BEFORE.search(text[max(0, start - 40) : start])
            generic = generic and not _NAMED_BEFORE.search(text[max(0, start - 40) : start])
            # "District Ranger" of "District Ranger Supervisor" names no one in the job
            generic = generic and not (i + 1 < len(words) and _goes_on(text, words[i], words[i + 1], heads))
            runs.append(([*modifiers, singular], generic) if with_use else [*modifiers, singular])
    return runs


def _joins_in_capitals(words: list, j: int, head: str, modifiers: list[str], text: str, heads: frozenset[str]) -> bool:
    """Whether the "and" or "of" at `words[j]` joins two capitalised words of one title
    ("Revenues and Benefits Officer", "Front of House Manager"), not two jobs ("Teachers and
    Teaching Assistants") nor a rank and a title ("Head of Care Services Manager")."""
    if j < 1 or not modifiers or not head[:1].isupper() or not modifiers[0][:1].isupper():
        return False
    before, start = words[j - 1]
    lower = before.lower()
    person = lower in heads or (lower.endswith("s") and to_singular(lower, heads) in heads)
    gap = text[start + len(before) : words[j][1]]
    return before[:1].isupper() and not gap.strip() and lower not in NOT_MODIFIERS and not person


def _goes_on(text: str, word: tuple[str, int], after: tuple[str, int], heads: frozenset[str]) -> bool:
    """Whether the title ending in `word` goes on in the next word, another head ("District
    Ranger Supervisor", "Nurse Practitioner"), written as one name (nothing between them)."""
    gap = text[word[1] + len(word[0]) : after[1]]
    return gap == " " and to_singular(after[0].lower(), heads) in heads


RELATIONS = frozenset({"line manager", "hiring manager", "direct report", "reporting manager"})


# The endings of words for a person by their work ("usher", "keeper", "blacksmith", "houseparent").
PERSON_SUFFIXES = "er|or|ist|ian|smith|wright|man|parent|person"


# ... not a thing or a person by no work ("Senior Center", "Staff Member", "Principal Investigator" is one)
_RANKED_NOT_JOBS = frozenset(
    "member user customer client leader holder player visitor reader viewer speaker buyer seller "
    "order center centre number letter paper chapter sector factor error monitor server computer folder "
    "filter layer meter water floor door colour color minor major year quarter branch "
    "hammer printer container poster sticker marker tracker header footer cover corner answer trailer ladder "
    "heater cooler freezer mower scanner charger adapter tender plant grant account amount event agent "
    "restaurant tenant applicant participant chamber".split()
)


# A word for a person by their work ("usher", "keeper", "handler", "assistant"): the ending people's
# words have, not a thing's (_RANKED_NOT_JOBS).
_PERSON_ENDING = re.compile(rf"^[a-z]{{3,}}(?:{PERSON_SUFFIXES}|ant)$")  # (and "assistant")


def person_word(word: str) -> str | None:
    """`word` (lower case, possessive or plural) in the singular if it reads as a word for a
    person by their work ("ushers" -> "usher", "keeper's" -> "keeper"), else None ("numbers")."""
    word = re.sub(r"['’]s$", "", word)
    if word.endswith("s") and _PERSON_ENDING.match(word[:-1]):
        word = word[:-1]
    return word if _PERSON_ENDING.match(word) and word not in _RANKED_NOT_JOBS else None


def to_singular(word: str, vocabulary: frozenset[str]) -> str:
    """`word` in the singular when that makes a word of `vocabulary` ("nurses", "actuaries", "midwives",
    "coaches", "foremen")."""
    for plural, singular in (("ies", "y"), ("ives", "ife"), ("es", ""), ("s", ""), ("men", "man")):
        if word.endswith(plural) and (base := word[: -len(plural)] + singular) in vocabulary:
            return base
    return word


def names_a_person(word: str, heads: frozenset[str] = HEADS) -> bool:
    """Whether `word` (lower case, maybe plural) names a person by their work: it reads as a
    person's word ("jointer", "unblocker") or is one of `heads` ("engineers")."""
    return person_word(word) is not None or to_singular(word, heads) in heads

"""Job titles the documents are about, found on every build, so a question about a role that
only a new document describes is read as being about that role.

A title is a run of one to three modifier words before an occupation noun ("site reliability
engineer", "UX researcher", "data steward"). One counts when a document's title or a heading
names it, or when it recurs (twice in a document, or in two documents). A shorter title that
mostly occurs inside a longer one ("reliability engineer" in "site reliability engineer")
becomes an alias of the longer one; a longer one whose documents mostly use the shorter
("Cafe Shift Lead" in a guide about the "shift lead") an alias of the shorter one. An acronym
the documents use for a title is its alias too ("SRE", "BI analyst"). Titles that a curated
role already covers are left to it: curated entries in YAML override.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from assistant.folding import fold
from assistant.roles import Role, RoleBook, plural_of

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
_ONE_WORD_JOBS = OCCUPATIONS - ALSO_THINGS  # what a page titled by one word may be about ("Electrician")
# Heads that name a job alone in a heading ("Instructor Handbook"), unlike "manager" or "officer".
_HEADS_ALONE = frozenset("instructor trainer tester writer editor designer developer programmer".split())
HEADS = TITLE_HEADS | _ONE_WORD_JOBS
# what a title found in a document may end in (accepted() weighs these), and a team ("Cabin Crew")
# ("Enforcement Agent": though a question's "site agent" may be the site manager a page describes)
_FOUND_HEADS = HEADS | ALSO_THINGS | {"crew", "coach", "reader", "agent"}
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
    "seventeen eighteen nineteen twenty thirty forty fifty hundred dozen several few "
    "per during within without via across along among against between beyond upon "  # "£1,500 per instructor"
    "around through throughout inside outside near behind beside besides toward towards".split()
)
MAX_MODIFIERS = 3
_DEFINITE = frozenset("the this that our your their his her its my".split())
ALIAS_SHARE = 0.8  # a title this often inside a longer one is the longer one's alias
SHORT_SHARE = 1.5  # a title whose shorter form is used on its own this many times as often is its alias

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#/-]*(?:['’]s\b)?")  # "practitioner's" is one word
# What comes before the title of the one person someone reports to ("reports to: ", "led by the",
# "approved by the").
_SUPERIOR = (
    r"\b(?:report(?:s|ed|ing)?\s+(?:\w+ly\s+)?to|answers?\s+to|(?:led|managed|supervised|headed|approved)\s+by)"
    r"\W*(?:the\s+|an?\s+)?"
)
SUPERIOR_BEFORE = re.compile(_SUPERIOR + "$", re.IGNORECASE)


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


@dataclass(frozen=True)
class Text:
    """Text of one document to look for titles in; headings and the title count at once."""

    doc: str
    body: str
    headings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Found:
    role: Role
    documents: int  # how many documents are about it (name it in a heading, or more than once)
    superior: bool = False  # named only as whom others report to ("the Watch Supervisor")


def _key(words: Iterable[str]) -> str:
    return " ".join(w.lower() for w in words)


def _surface(word: str) -> str:
    """How a word of a title is written in a name: acronyms and mixed case kept (UX, MLOps),
    a word in capitals that is too long for an acronym not ("WAREHOUSE")."""
    acronym = word.isupper() and 1 < len(word) < 5
    return word if acronym or (word[1:] != word[1:].lower() and not word.isupper()) else word.lower()


def _shouted(words: list[str]) -> bool:
    """Whether a title was written in capitals ("DATA analyst", as title_runs gives the head)."""
    return all(w.isupper() for w in words[:-1]) and any(len(w) >= 4 for w in words[:-1])


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
    words = [(m.group(0), m.start()) for m in _WORD.finditer(text)]
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
        while j >= 0 and len(modifiers) < MAX_MODIFIERS:
            prev, prev_start = words[j]
            gap = text[prev_start + len(prev) : words[j + 1][1]]
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


def _conjunct(short: str, key: str) -> bool:
    """Whether `short` is the first side of the title `key` joins two of with "and"
    ("instrumental teacher" of "instrumental and vocal teacher")."""
    words = key.split()
    return "and" in words and short.split() == [*words[: words.index("and")], words[-1]]


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


def _same_people(job: str, heading_titles: list[list[str]], same_as: dict[str, str], used: set[str]) -> None:
    """A one-word job is the other name of a title a heading begins with ("locksmiths" under
    "Locksmith Technician"), or ends with where the text uses that title too ("nurses" under
    "Registered Veterinary Nurse"; not under a file name's "Westbrook Arborist"): the same people."""
    for run in heading_titles:
        if len(run) > 1 and (run[0].lower() == job or run[-1].lower() == job and _key(run) in used):
            same_as.setdefault(job, _key(run))


def _reports_to(key: str, text: str) -> bool:
    """Whether `text` names the title `key` as whom someone reports to ("report to the Chef Concierge")."""
    words = r"\s+".join(re.escape(w) for w in key.split())
    return re.search(rf"{_SUPERIOR}{words}s?\b", fold(text), re.IGNORECASE) is not None


def _goes_on(text: str, word: tuple[str, int], after: tuple[str, int], heads: frozenset[str]) -> bool:
    """Whether the title ending in `word` goes on in the next word, another head ("District
    Ranger Supervisor", "Nurse Practitioner"), written as one name (nothing between them)."""
    gap = text[word[1] + len(word[0]) : after[1]]
    return gap == " " and to_singular(after[0].lower(), heads) in heads


def discover_roles(texts: list[Text], curated: RoleBook) -> list[Found]:
    """The job titles `texts` are about that `curated` does not already name."""
    counts: Counter[str] = Counter()  # every suffix of every run ("reliability engineer" too)
    per_doc: dict[str, Counter[str]] = defaultdict(Counter)
    in_heading: set[str] = set()
    headed: set[tuple[str, str]] = set()  # (key, document) where a heading names it
    as_a_job: set[str] = set()  # named as one of many ("analytics engineers", "a UX researcher")
    surface: dict[str, list[str]] = {}

    def note(words: list[str], doc: str, is_heading: bool, generic: bool, times: int = 1) -> None:
        key = _key(words)
        counts[key] += times
        per_doc[key][doc] += times
        if key not in surface or _shouted(surface[key]) and not _shouted(words):
            surface[key] = words  # "Warehouse Supervisor" over the memo's "WAREHOUSE SUPERVISOR"
        if is_heading:
            in_heading.add(key)
            headed.add((key, doc))
        if generic:
            as_a_job.add(key)

    # "teacher librarian" -> "school librarian", from "SCHOOL LIBRARIAN (Teacher Librarian)"
    same_as: dict[str, str] = {}
    credentialed: dict[str, dict[str, list[str]]] = {}  # title -> its forms with a credential
    people: frozenset[str] = frozenset()  # one-word jobs the texts give ranks
    called: dict[str, list[str]] = {}  # title -> the other names the text says it goes by
    for text in texts:
        # The file name is a heading ("warehouse-picker-pay-policy.txt" names the warehouse picker).
        named = _hyphened_as_in(file_title(text.doc), text.body)
        text = replace(text, headings=tuple(dict.fromkeys([named, *text.headings])))
        # Jobs no vocabulary lists: a word the text ranks ("Trainee conductors", "Senior Conductor"),
        # or that ends a title a heading names and the text uses of anyone ("Court Usher" over
        # "court ushers ...", "Kennel Assistant" over "all kennel assistants").
        ranked = _ranked_people(text.body) | _headed_people(text)
        people |= ranked
        heads_here = _FOUND_HEADS | ranked
        for line in [*text.headings, *text.body.splitlines()]:
            for pair in _ALSO_CALLED.finditer(line):
                before, inside = title_runs(pair.group(1)), title_runs(pair.group(2))
                # ... or one word, "Arborist (Tree Surgeon)"
                key = _key(before[-1]) if before else _lone_occupation(pair.group(1).split()[-1])
                if key and len(inside) == 1:
                    same_as[_key(inside[0])] = key
                elif not inside and (worker := _worker_named(pair.group(2), text.body)):
                    if owner := title_runs(pair.group(1), heads=heads_here):  # "Vehicle Refinisher (Paint Sprayer)"
                        called.setdefault(_key(owner[-1]), []).append(worker)
        titled: Counter[str] = Counter()  # the heads of the titles found in this document (a heading's twice)
        heading_titles: list[list[str]] = []
        body_titles: list[list[str]] = []  # those the text uses of anyone in the job
        heading_runs = [title_runs(h, heads=heads_here) for h in text.headings[1:]]  # (not the file name's)
        headed_runs = next((runs for runs in heading_runs if runs), [])
        for title, name in _also_called(text.body, heads_here, headed_runs[-1:], text.headings):
            called.setdefault(title, []).append(name)
            same_as.setdefault(name, title)
        said = fold("\n".join([text.body, *text.headings]))
        for source, is_heading in [(text.body, False)] + [(h, True) for h in text.headings]:
            for run, generic in title_runs(source, with_use=True, heads=heads_here):
                if source == named:  # "Kingsmead Racing Stables" owns "kingsmead-farrier-vacancy.md"
                    run = _without_names(run, text.body)
                    # ... and "cctv-operator-careers.html" names the "CCTV Control Room Operator" of its headings
                    longer = [r for runs in heading_runs for r in runs if _shortens(run, r)]
                    if longer:
                        called.setdefault(_key(longer[0]), []).append(_key(run))
                        run = longer[0]
                else:  # "A full-time RoadReady instructor ...": no "RoadReady instructor"
                    run = _without_brand(run, said)
                if len(run) < 2:
                    continue
                # "Registered Veterinary Nurse (RVN)" is a veterinary nurse, with a credential
                bare = _without_credential(run)
                if bare is not run:
                    credentialed.setdefault(_key(bare), {})[_key(run)] = run
                run = bare
                if is_heading:
                    heading_titles.append(run)
                elif generic:
                    body_titles.append(run)
                # (not a credential, "ALOA Certified Registered Locksmith", nor one person, "the Chef Concierge")
                if not _CREDENTIALED & {w.lower() for w in run} and (generic or is_heading):
                    titled[run[-1].lower()] += 2 if is_heading else 1
                for start in range(len(run) - 1):
                    if run[start] in ("and", "of") or run[start - 1 : start] == ["of"]:
                        continue  # ("vocal teacher" of "Instrumental and Vocal Teacher", not "and vocal teacher";
                        # no "house manager" of the "Front of House Manager")
                    if _known(run[start:], curated):
                        break  # "learning engineer" is part of a curated "machine learning engineer"
                    note(run[start:], text.doc, is_heading, generic)
        # "A day in the life: the SENCO" over "the Special Educational Needs Coordinator (SENCO)":
        # a heading names the title the text spells its acronym out as
        for run, acronym in _spelled_out_in_headings(text, heads_here):
            note(run, text.doc, True, True)
            called.setdefault(_key(run), []).append(acronym)
        used_titles = {_key(run) for run in body_titles}
        # A heading that is one occupation ("Electrician", "Staff Pharmacist (P2)"), before its
        # dash or after its colon ("Role Profile: Sommelier"), with its mentions in the text.
        lone = (_lone_occupation(part, ranked) for h in text.headings for part in _SUFFIXED.split(h, 1))
        lone_titles = [title for title in dict.fromkeys(lone) if title]
        for title in lone_titles:
            if not _known(title.split(), curated):
                forms = rf"\b(?:{re.escape(plural_of(title))}|{re.escape(title)}s?)\b"
                mentions = len(re.findall(forms, text.body, re.IGNORECASE))
                note(title.split(), text.doc, True, True, 1 + mentions)
                _same_people(title, heading_titles, same_as, used_titles)
        # A one-word occupation a heading names among other words ("Policy Memo AQ-07: Lifeguard
        # Staffing ...") that the text uses of anyone in the job ("To: All lifeguards"), unless
        # it ends a longer title there ("school counselor" in a guide that also says "counselors";
        # not one "National Lifeguard" certificate).
        # A title a heading names by its last word ("Instructor Handbook"), which the text uses of
        # anyone in the job ("all instructors") and once in full ("joining us as a ski instructor").
        for head, uses in _one_word_uses(text, _HEADS_ALONE).items():
            if uses >= 3:
                for run in {_key(r): r for r in body_titles}.values():
                    if run[-1].lower() == head and not _known(run, curated):
                        note(run, text.doc, True, True)
        for job, uses in _one_word_uses(text, _ONE_WORD_JOBS | ranked).items():
            # (as often as it is used alone: "Concierges start at $21.50" under "the Chef Concierge")
            named_otherwise = titled[job] >= max(2, uses) or any(t.endswith(job) for t in lone_titles)
            if uses >= 2 and not named_otherwise and not _known([job], curated):
                note([job], text.doc, True, True, uses)
                _same_people(job, heading_titles, same_as, used_titles)

    def accepted(key: str) -> bool:
        if key in RELATIONS:
            return False  # "Your line manager": whom one reports to, whoever that is
        # "Certified Operator" is a level of a table of crane operators' pay, not a job: a state
        # of a credential before a word that names no job alone ("Registered Nurse" is one).
        words = key.split()
        if len(words) == 2 and words[0] in _CREDENTIALED and words[1] not in _ONE_WORD_JOBS:
            return False
        # "the on-call engineer" said twice is a duty of the day, not a job: a title in the
        # text must also be used of anyone in the job (a plural, "a"/"an", no article).
        recurring = max(per_doc[key].values()) >= 2 or len(per_doc[key]) >= 2
        # "Tennis Coach" a heading names, not a "Level 3 Club Coach" award; "Meter Reader", not a "card reader"
        if words[-1] in ("coach", "reader"):
            return key in in_heading
        if words[-1] in ALSO_THINGS:  # a "bus driver" in a heading, not a "device driver" in the text
            # ... or one used of anyone in the job where a heading names that job another way
            # ("sign language interpreters" under "BSL/English Interpreter")
            of_people = key in as_a_job and any((words[-1], d) in headed_heads for d in per_doc[key])
            return recurring and (key in in_heading or of_people)
        return key in in_heading or (recurring and key in as_a_job)

    headed_heads = {(key.split()[-1], doc) for key, doc in headed}
    keys = [k for k in counts if accepted(k)]
    # A crew is a team of some job: a job itself only where a heading of its documents names
    # no other ("Cabin Crew"), not the "engine crew" of a posting for wildland firefighters.
    keys = [
        k
        for k in keys
        if k.split()[-1] != "crew"
        or not any(o.split()[-1] != "crew" and any((o, d) in headed for d in per_doc[k]) for o in keys)
    ]
    longer_of: dict[str, str] = {}
    for key in keys:  # "reliability engineer" inside "site reliability engineer"
        containing = [k for k in keys if k != key and k.endswith(" " + key)]
        best = max(containing, key=lambda k: counts[k], default=None)
        if best is not None and counts[best] >= ALIAS_SHARE * counts[key]:
            longer_of[key] = best
    # (a title the text gives another name is the role it ends with: "Pool Lifeguard" the lifeguard)
    key_set = set(keys)
    same = {other: _ending_in(key, key_set) for other, key in same_as.items()}
    for name, title in same.items():
        if name in keys and title and name != title:
            if longer_of.get(title) == name:  # what the text says over what counts suggest: "A
                del longer_of[title]  # Houseparent is also known as a Boarding Houseparent"
            longer_of[name] = title
    # ... unless others report to it: "the Chef Concierge" whom all concierges report to is not one of them
    bodies = {t.doc: t.body for t in texts}
    reported_to = {k for k in keys if any(_reports_to(k, bodies[doc]) for doc in per_doc[k])}
    for key in keys:  # "Cafe Shift Lead" over a guide that says "shift lead" throughout
        shorter = [k for k in keys if key.endswith(" " + k) and k not in longer_of and longer_of.get(k) != key]
        short = max(shorter, key=lambda k: counts[k], default=None)
        if (
            short is not None
            and key not in longer_of
            and key not in reported_to
            and per_doc[key].keys() <= per_doc[short].keys()
            and counts[short] - counts[key] >= SHORT_SHARE * counts[key]
        ):
            longer_of[key] = short
    # A title and its last words in the same documents only are one job ("Ice Rink Attendant" and
    # "rink attendants", "tower crane operator" and "crane operators"; "instrumental teachers" of
    # "Instrumental and Vocal Teachers"), named as a heading names it.
    for key in keys:
        for short in keys:
            if (
                (key.endswith(" " + short) or _conjunct(short, key))
                and not {key, short} & (longer_of.keys() | reported_to)
                and short not in longer_of.values()
                and per_doc[key].keys() == per_doc[short].keys()
            ):
                if key in in_heading or short not in in_heading:
                    longer_of[short] = key
                else:
                    longer_of[key] = short
    # "Window cleaning operatives" are the window cleaners: an operative named by the work
    # another title of the same documents names them by.
    for key in keys:
        other = _by_their_work(key, key_set)
        if other and key not in longer_of and per_doc[key].keys() <= per_doc[other].keys():
            longer_of[key] = longer_of.get(other, other)
    heads = [k for k in keys if k not in longer_of]
    # Whom people report to, that no heading names, is not what the documents are about ("the
    # Site Operations Supervisor"), though it stays a role: what is said of them is not said
    # of the people who report to them.
    bosses = {k for k in heads if k in reported_to and k not in in_heading}
    # "Senior Actuary" under "Actuary" is one rank of it, not another name: a question about
    # a senior actuary asks about that rank (claim weighs ranks).
    aliases = {
        key: [
            name
            for k in keys
            if k != key
            and _final(k, longer_of) == key
            and not (k.split(" ", 1)[0] in RANKS and k.split(" ", 1)[-1] == key)
            for name in _with_clipped_head(surface[k])  # "crane operator", "crane op"
        ]
        + _acronyms(surface[key], texts)
        + [name for form in credentialed.get(key, {}).values() for name in _credentialed_names(form, texts)]
        for key in heads
    }
    # "Paralegal" for the one "litigation paralegal", "electrician" for the one "maintenance
    # electrician": a one-word job that ends one role's name only (curated or found) names it.
    ends = Counter(name.split()[-1].lower() for name in [*(r.name for r in curated.roles.values()), *heads])
    for key in heads:
        if " " in key and (job := key.split()[-1]) in _ONE_WORD_JOBS | people and ends[job] == 1:
            aliases[key].append(job)
    # (a name found another name of, the role whose name it is: "barber" of the senior barber)
    alias_of = {a.lower(): key for key, names in aliases.items() for a in names}
    for run, names in called.items():  # "funeral directors (sometimes called funeral arrangers ...)"
        # the title the run ends with ("[recruiting twenty] baggage handlers (... known as ...)")
        # ... or the title it is itself another name of ("EHOs are also known as Environmental
        # Health Practitioners, and ... call them the food inspector")
        title = _ending_in(run, key_set) or _ending_in(same_as.get(run, ""), key_set) or alias_of.get(run, "")
        title = _final(title, longer_of)  # (through a cycle of other names too, once)
        if title in aliases:
            aliases[title] += [n for n in names if n != title and n not in keys]
    # "BI analyst" found on its own is the acronym of "business intelligence analyst": one role.
    taken = {a.lower(): key for key, names in aliases.items() for a in names}
    found = []

    def headings_naming(key: str) -> int:
        return sum((key, d) in headed for d in per_doc[key])

    # Roles a heading names first (what the documents are about), then the most mentioned.
    used = set(curated.ids())  # ids are the titles' words: "HIV+ caregiver" and "HIV- caregiver" share one
    for key in sorted(heads, key=lambda k: (-headings_naming(k), -counts[k], k)):
        role_id = re.sub(r"[^a-z0-9]+", "_", key).strip("_")
        if taken.get(key, key) != key or role_id in used or not role_id:
            continue
        used.add(role_id)
        name = " ".join(_surface(w) for w in surface[key])
        role = Role(
            id=role_id,
            name=name,
            plural=plural_of(name),
            aliases=tuple(
                dict.fromkeys(
                    a
                    for a in [*aliases[key], *(s for n in [name, *aliases[key]] for s in _spaced(n)), *_spelled(name)]
                    if a != name
                )
            ),
            discovered=True,
        )
        # A passing mention ("... data engineer training") does not make a document about the role.
        about = [d for d, n in per_doc[key].items() if n >= 2 or (key, d) in headed]
        found.append(Found(role, len(about) or len(per_doc[key]), key in bosses))
    return found


# A job and, in brackets, another name for it ("SCHOOL LIBRARIAN (Teacher Librarian)").
_ALSO_CALLED = re.compile(r"(\w[\w -]*?\w)\s*\(([^()]{3,60})\)")
# What a heading adds after its job ("Paralegal – Litigation Team (Harlow & Finch LLP)").
_SUFFIXED = re.compile(r"\s+[–—|-]\s+|:\s+")
# ... and what an office is of ("Registrar of Births, Deaths and Marriages")
_LONE = re.compile(rf"^(?:({'|'.join(RANKS)})\s+)?([a-z]+)(?:\s*\([^)]*\)|\s+of\s+[a-z][a-z ,&']*)?$")


RELATIONS = frozenset({"line manager", "hiring manager", "direct report", "reporting manager"})
_CREDENTIALED = frozenset("certified licensed registered qualified accredited chartered".split())
_ONE_OF_MANY = frozenset("a an every each any all".split())  # "every lifeguard", "all lifeguards"
# A word for a person by their work that no vocabulary lists ("Arborist (Climber)"), not a thing.
_PERSON_WORD = re.compile(r"^[a-z]{3,}(?:ist|ician)$")
_NOT_PERSON = re.compile(r"(?:list|sist|xist|wrist|twist|heist|mist|gist|fist)$")  # "Checklist", "Assist"


def _worker_named(text: str, body: str) -> str | None:
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


def _lone_occupation(heading: str, people: frozenset[str] = frozenset()) -> str | None:
    """The occupation a heading consists of ("Electrician", "Pharmacists", "Arborist"), if it
    does, with its rank when it has one ("staff pharmacist" for "Staff Pharmacist (P2)": where
    no other word names the job, the rank is the title's); `people` are more words for a
    person by their work."""
    match = _LONE.match(" ".join(heading.lower().split()))
    if not match:
        return None
    word = match.group(2)
    jobs = OCCUPATIONS | people  # (a heading that is only "Shepherd" or "Drivers" names people)
    singular = to_singular(word, jobs)
    if singular not in jobs:
        singular = word[:-1] if word.endswith("s") else word
        if not _PERSON_WORD.match(singular) or _NOT_PERSON.search(singular) or singular in TITLE_HEADS:
            return None
    return f"{match.group(1)} {singular}" if match.group(1) else singular


# The endings of words for a person by their work ("usher", "keeper", "blacksmith", "houseparent").
_PERSON_SUFFIXES = "er|or|ist|ian|smith|wright|man|parent"
# A rank before a word for a person by their work: "Trainee conductors", "Assistant Brewer".
_RANKED = re.compile(
    rf"\b(?:{'|'.join(RANKS)})\s+([a-z]{{3,}}(?:{_PERSON_SUFFIXES})s?)\b", re.IGNORECASE
)  # ("Apprentice blacksmiths", "Head Groundsman", "Senior Houseparents")
# ... not a thing or a person by no work ("Senior Center", "Staff Member", "Principal Investigator" is one)
_RANKED_NOT_JOBS = frozenset(
    "member user customer client leader holder player visitor reader viewer speaker buyer seller "
    "order center centre number letter paper chapter sector factor error monitor server computer folder "
    "filter layer meter water floor door colour color minor major year quarter branch "
    "hammer printer container poster sticker marker tracker header footer cover corner answer trailer ladder "
    "heater cooler freezer mower scanner charger adapter tender plant grant account amount event agent "
    "restaurant tenant applicant participant".split()
)


# A word for a person by their work ("usher", "keeper", "handler", "assistant"): the ending people's
# words have, not a thing's (_RANKED_NOT_JOBS).
_PERSON_ENDING = re.compile(rf"^[a-z]{{3,}}(?:{_PERSON_SUFFIXES}|ant)$")  # (and "assistant")


def person_word(word: str) -> str | None:
    """`word` (lower case, possessive or plural) in the singular if it reads as a word for a
    person by their work ("ushers" -> "usher", "keeper's" -> "keeper"), else None ("numbers")."""
    word = re.sub(r"['’]s$", "", word)
    if word.endswith("s") and _PERSON_ENDING.match(word[:-1]):
        word = word[:-1]
    return word if _PERSON_ENDING.match(word) and word not in _RANKED_NOT_JOBS else None


def _headed_people(text: Text) -> frozenset[str]:
    """The last words of two-word titles a heading names ("Court Usher", "lock keeper
    recruitment") that the text uses of anyone in the job twice or more ("court ushers",
    "a lock keeper"), or once and then by the last word alone ("Refuse Loaders" and "two
    loaders", "all new loaders"), and one-word jobs a heading names after "a" ("Become a
    Signaller") that the text uses so, when they read as a person's word."""
    found = set()
    body = fold(text.body)
    for heading in text.headings:
        for a, b in zip(*[_WORD.findall(fold(heading).lower())[i:] for i in (0, 1)], strict=False):
            word = person_word(b)
            # "Become a Signaller" (the heading's is one such use: "What does a linesworker earn?")
            if word is not None and a in ("a", "an") and word not in found and _generic_uses(body, word):
                found.add(word)
            if word is None or a in NOT_MODIFIERS or word in found:
                continue
            generic = _generic_uses(body, f"{a} {word}")
            alone = len(re.findall(rf"\b(?!{re.escape(a)}\s)\w+\s+{re.escape(word)}s\b", body, re.IGNORECASE))
            if generic >= 2 or (generic and alone >= 2):
                found.add(word)
    return frozenset(found) - HEADS


def _generic_uses(body: str, title: str) -> int:
    """How often `body` uses `title` (lower case) of anyone in the job: in the plural, or after
    "a", "every", "all" ... ("court ushers", "a lock keeper")."""
    words = r"\s+".join(re.escape(w) for w in title.split())
    uses = re.findall(rf"\b(\w+\s+)?{words}(s?)\b", body, re.IGNORECASE)
    return sum(1 for before, plural in uses if plural or before.strip().lower() in _ONE_OF_MANY)


def _ranked_people(body: str) -> frozenset[str]:
    """Words a text gives a rank twice or more ("Trainee conductors", "Senior Conductor",
    "Assistant Brewer", "Lead Brewer"): people by their work, though no vocabulary lists them."""
    counts = Counter(person_word(m.group(1).lower()) for m in _RANKED.finditer(fold(body)))
    # (a ranked "Senior Technician" is a rank of a title that ends in "technician")
    return frozenset(w for w, n in counts.items() if w is not None and n >= 2 and w not in HEADS | NOT_MODIFIERS)


def _one_word_uses(text: Text, jobs: frozenset[str]) -> Counter[str]:
    """How often the text uses each of `jobs` that its headings name, of anyone in the job:
    in the plural or after "a", "every", "all" ("all lifeguards", "a lifeguard"; not "the
    Head Lifeguard on duty")."""
    named = frozenset(to_singular(w.lower(), jobs) for h in text.headings for w in _WORD.findall(fold(h)))
    named &= jobs
    uses: Counter[str] = Counter()
    if not named:
        return uses
    words = [w.lower() for w in _WORD.findall(fold(text.body))]
    for before, word in zip(["", *words], words, strict=False):
        job = to_singular(word, named)
        if job in named and (word != job or before in _ONE_OF_MANY):
            uses[job] += 1
    return uses


def to_singular(word: str, vocabulary: frozenset[str]) -> str:
    """`word` in the singular when that makes a word of `vocabulary` ("nurses", "actuaries", "midwives",
    "coaches", "foremen")."""
    for plural, singular in (("ies", "y"), ("ives", "ife"), ("es", ""), ("s", ""), ("men", "man")):
        if word.endswith(plural) and (base := word[: -len(plural)] + singular) in vocabulary:
            return base
    return word


def _known(words: list[str], curated: RoleBook) -> bool:
    """A title a curated role's names already cover (wholly, or as its last words)."""
    phrase = " ".join(words)
    return any(m.end == len(phrase) for m in curated.mentions(phrase))


# Words people shorten in a title ("tech writer" for "technical writer", "sales rep").
_CLIPPED = {
    "technical": "tech",
    "information": "info",
    "administrative": "admin",
    "operations": "ops",
    "development": "dev",
    "laboratory": "lab",
    "communications": "comms",
    "mathematics": "math",
    "representative": "rep",  # "sales development rep", "customer service reps"
    "operator": "op",  # "crane op"
    "administrator": "admin",
    "technician": "tech",  # "pharmacy tech", "vet tech"
    "veterinary": "vet",
}


def _with_clipped_head(words: list[str]) -> list[str]:
    """A title as written, and with its last word clipped as people clip it ("crane op")."""
    name = " ".join(_surface(w) for w in words)
    clipped = _CLIPPED.get(words[-1].lower())
    return [name, " ".join([*(_surface(w) for w in words[:-1]), clipped])] if clipped and len(words) > 1 else [name]


def _acronyms(words: list[str], texts: list[Text]) -> list[str]:
    """Short forms of a title: each side of a modifier with a slash ("UX designer" and "UI
    designer" for "UX/UI designer"), its modifiers' initials before the occupation ("BI analyst" for
    "business intelligence analyst", "ML researcher") or the usual clipping of a modifier
    ("tech writer"), or of the head after one modifier ("wind tech" for "wind turbine
    technician"), which people write whether or not the documents do, and an acronym of
    the whole title that the documents use ("SRE" for "site reliability engineer"; one they
    never use, like "MLR", would mostly match something else)."""
    modifiers, head = words[:-1], words[-1]
    found = []
    for i, word in enumerate(modifiers):  # "BSL interpreter" for "BSL/English interpreter", "UX designer" for "UX/UI"
        sides = word.split("/") if "/" in word else []
        found += [" ".join([*modifiers[:i], side, *modifiers[i + 1 :], head]) for side in sides]
    if len(modifiers) > 1 and not {"and", "of"} & set(modifiers):  # (no "IAV teacher" of "Instrumental and Vocal")
        found.append("".join(w[0] for w in modifiers).upper() + " " + head.lower())
    short_modifiers = [_CLIPPED.get(w.lower(), w) for w in modifiers]
    short_head = _CLIPPED.get(head.lower(), head)
    variants = [[*short_modifiers, head], [*modifiers, short_head], [*short_modifiers, short_head]]
    if len(modifiers) >= 2 and short_head != head:  # "wind tech", "crane op", "sales rep"
        variants += [[modifiers[0], short_head], [modifiers[-1], short_head]]
    for variant in variants:
        if variant != words:  # "tech writer", "sales development rep", "sales dev rep"
            found.append(" ".join([*(_surface(w) for w in variant[:-1]), variant[-1].lower()]))
    if len(words) < 2:
        return found  # a one-word title's "acronym" is a letter ("A" for "Accountant")
    return found + _used_acronym(words, texts)


def _used_acronym(words: list[str], texts: list[Text]) -> list[str]:
    """The acronym of a title ("HRBP" for "HR business partner"; "FD" for a shouted "FLIGHT
    DISPATCHER"), when the documents use it."""
    acronym = "".join(w if w.isupper() and len(w) < 5 else w[0] for w in words).upper()
    pattern = re.compile(rf"(?<![\w-]){re.escape(acronym)}s?(?![\w-])")
    if any(pattern.search(t.body) or any(pattern.search(h) for h in t.headings) for t in texts):
        return [acronym]
    return []


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
    # 'parents often still say "the dinner lady"', "the job goes by several names: tally clerk, ..."
    r"|(?:also|sometimes|often|still|usually)\s+(?:still\s+|just\s+)?say(?=\s+[\"“‘'])"
    r"|(?:job|role)\s+goes\s+by\s+(?:several|many|other|a\s+few|a\s+number\s+of)\s+(?:other\s+)?names:?"
    # "known in other agencies as", "often shortened to"
    r"|known\s+(?:in|to|among|by)\s+[\w ]{1,25}?\s+as|(?:often|also|usually)\s+shortened\s+to"
    # "also see it advertised as", "seen the same job advertised elsewhere as"
    r"|(?:see|seen) (?:it|them|the (?:same )?(?:role|job|post))\s+(?:advertised|listed|described)(?:\s+elsewhere)?\s+as"
    # "in this handbook and on payslips the post appears as Revenues Recovery Officer"
    r"|(?:role|job|post|position)\s+(?:appears|is\s+listed|is\s+advertised)\s+as"
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
    r"|(?:also|sometimes|often|usually|commonly)\s+call(?=\s+[\"“‘']?[a-z]+(?:\s*,|\s+or\b))"
    r"|(?:people|customers|clients|colleagues|the\s+public)\s+(?:(?:also|sometimes|often|usually|still)\s+)?"
    r"call (?:us|them)"
    # "you may know this job as", "you will be known as a Ramp Agent"
    r"|know (?:the job|the role|this job|this role|it|them|us) as|(?:be|are|is) known as"
    # "you may also see the role called a Process Operator", "the same job is called a shift manager"
    r"|(?:the|this) (?:same )?(?:role|job|post|position) (?:is |may be |might be |can be )?called)"
    r"\s+[\"“‘']?(?:an?\s+|the\s+)?[\"“‘']?([A-Za-z0-9][\w-]*(?:\s+[A-Za-z][\w-]*){0,3})",
    re.IGNORECASE,
)
_NAME_ENDS = frozenset(
    "or and in on at by for to with from but which who when as is are in our after before their".split()
)


def _also_called(
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
                out += [(_key(subject), name) for name in _names_listed(text, m.start(1), heads)]
            continue
        # (of "the job", the title said before the sentence: "In other leisure operators the
        # same job is called ...", "Some of our older colleagues still call the role ...")
        names_the_job = _NAMES_THE_JOB.search(m.group(0)) is not None
        of_the_job = names_the_job and _SAID_OF_THE_JOB.search(m.group(0)) is not None
        sentence = max(text.rfind(". ", 0, m.start()), text.rfind("? ", 0, m.start()))
        runs = _named_before(text, sentence + 1 if of_the_job and sentence > 0 else m.start(), 150, heads)
        if (heard := _HEARD_CALLED.search(m.group(0))) and (job := to_singular(heard.group(1).lower(), heads)) in heads:
            runs = [[job]]  # "you will also hear projectionists called cinema technicians"
        if not runs and (names_the_job or _THE_JOB_BEFORE.search(text[max(0, m.start() - 60) : m.start()])):
            runs = _named_before(text, m.start(), 600, heads) or list(headed or [])  # "The role is also known as ..."
        if not runs:
            continue
        # (a senior's other name is no name of the job: "the Senior Cabin Crew Member, sometimes
        # called the Number 1"; unless the senior's is the job the document is about: "an
        # experienced Senior Barber (you may know the job as ..." under "# Senior Barber – Full Time")
        ranked = _ranked_before(text[max(0, m.start() - 150) : m.start()], runs[-1])
        if ranked and not re.search(rf"\b{re.escape(ranked)}", titled):
            continue
        out += [(_key(runs[-1]), name) for name in _names_listed(text, m.start(1), heads)]
    return out


def _names_listed(text: str, start: int, heads: frozenset[str]) -> list[str]:
    """The other names listed from `start` on: "kennel hands or animal care assistants",
    "medical laboratory scientists, healthcare scientists (life sciences) or, informally, lab
    scientists": each name, up to a word no name has; at most four."""
    window = text[start : start + 120]
    # (a list that runs past the window loses the name it cuts in two: "... or Collection Of";
    # not one whose aside it cuts: "... dispensing assistant (AC")
    cut = window[-1:].isalnum() and text[start + 120 : start + 121].isalnum()
    said = _ASIDE.sub("", window)
    if aside := re.search(r"\s*\([^)]*$", said):
        said, cut = said[: aside.start()], False
    said = re.sub(r"[\"“”](?=\s*(?:,|or\b|and\b))|(?<=[,r]\s)[\"“]|(?<=\bor\s)[\"“]", "", said)  # a list in quotes
    ended = re.split(r"[)”\".;:!?]|\s[-–—]\s", said)  # up to a closing mark, or a dash ("... 'fuellers' - put")
    cut, said = cut and len(ended) == 1, ended[0]
    # ... or the name after "or" ("... or theatre stewards, look after our audiences"; not an
    # aside, "or, informally, lab scientists")
    if (last := re.search(r"\s+or\s+\w", said)) and (comma := said.find(",", last.end())) >= 0:
        cut, said = False, said[:comma]
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
        words = [w if w.isupper() and len(w) > 1 else w.lower() for w in words[: min(end, 4)]]  # ("a PT")
        if words and (words[0] not in NOT_MODIFIERS or first == "IT"):  # ("IT Support Technician")
            words[-1] = _singular(words[-1])
            out.append(" ".join(words))
    return out


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
    said = r"\b" + r"\s+".join(map(re.escape, runs[-1])) + r"(?:e?s)?\s+$" if runs else None
    return runs[-1] if said and re.search(said, before, re.IGNORECASE) else []


def _ranked_before(text: str, run: list[str]) -> str | None:
    """The title `text` ends with, when it is `run` said with a rank before it and at most one
    word after it ("the Senior Cabin Crew Member, "): what follows is that rank's other name.
    In lower case ("senior cabin crew member"), else None."""
    said = list(re.finditer(r"\b" + r"\s+".join(map(re.escape, run)) + r"(?:e?s)?\b", text, re.IGNORECASE))
    if not said or not (after := re.fullmatch(r"(\s+[\w-]+)?[\s,(]*", text[said[-1].end() :])):
        return None
    before = re.search(r"\b([\w-]+)\s+$", text[: said[-1].start()])
    if before is None or before.group(1).lower() not in RANKS:
        return None
    return f"{before.group(1)} {said[-1].group(0)}{after.group(1) or ''}".lower()


def _name_end(words: list[str], heads: frozenset[str]) -> int:
    """Where a name in a list of other names ends: at a word no name has ("... or Lorry Driver
    in our contracts"), though "and" joins the words of one name unless a job's word is before
    it ("Revenues and Benefits Assessor", not "stewards and stewardesses")."""
    for i, word in enumerate(words):
        if word.lower() in _NAME_ENDS:
            before = words[i - 1].lower() if i else ""
            joins = word.lower() == "and" and i + 1 < len(words) and before
            if not (joins and person_word(before) is None and to_singular(before, heads) not in heads):
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
# scientists", "or simply cathedral mason", "or, to most residents, ..."); "family liaison
# officers" and "Assembly Editors" keep their first word.
_MANNER = re.compile(
    r"^\s*(?:(?:to\s+)?(?:most|many|some)\s+\w+|(?:simply|just|informally|colloquially|officially|usually"
    r"|commonly|often|sometimes|generally|locally|mostly|internally|formally))\b\s*,?\s*",
    re.IGNORECASE,
)


def _ending_in(title: str, keys: set[str]) -> str:
    """The longest of `keys` that `title` ends with ("pool lifeguard" for "pool lifeguard",
    else "lifeguard"), or ""."""
    words = title.split()
    return next((t for i in range(len(words)) if (t := " ".join(words[i:])) in keys), "")


def _final(key: str, longer_of: dict[str, str]) -> str:
    """The title `key` is another name of, through other names of it ("leisure attendant" ->
    "pool lifeguard" -> "lifeguard")."""
    seen = {key}
    while key in longer_of and longer_of[key] not in seen:
        key = longer_of[key]
        seen.add(key)
    return key


def _by_their_work(key: str, keys: set[str]) -> str | None:
    """The title among `keys` that names the people an "X-ing operative" is by their work
    ("window cleaner" for "window cleaning operative"), if there is one."""
    words = key.split()
    if len(words) < 3 or words[-1] not in ("operative", "worker") or not words[-2].endswith("ing"):
        return None
    doer = " ".join([*words[:-2], words[-2][:-3] + "er"])
    return doer if doer in keys else None


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


# The last parts of one-word jobs people also write as two ("sign writer", "cheese maker").
_COMPOUND_ENDS = ("maker", "writer", "binder", "keeper", "guard", "wright", "worker", "builder", "cutter", "mason")


def _singular(word: str) -> str:
    """A plural any word may have ("ladies", "men", "hands") in the singular."""
    if word in ("men", "women"):
        return word[:-2] + "an"
    for plural, singular in (("ies", "y"), ("men", "man"), ("ss", "ss"), ("s", "")):
        if word.endswith(plural) and len(word) > len(plural) + 1:
            return word[: -len(plural)] + singular
    return word


# Words of titles spelt two ways ("mortgage advisor", "activities co-ordinator").
_SPELLINGS = {"adviser": "advisor", "advisor": "adviser", "coordinator": "co-ordinator", "co-ordinator": "coordinator"}


def _spelled(name: str) -> list[str]:
    """`name` spelt the other way its words may be ("mortgage advisor" for "mortgage adviser")."""
    words = name.split()
    other = [_SPELLINGS.get(w.lower(), w) for w in words]
    return [" ".join(other)] if other != words else []


def _spaced(name: str) -> list[str]:
    """A one-word job written as two words ("sign writer" for "signwriter"), and a two-word one
    as one ("zookeeper" for "zoo keeper")."""
    words = name.split()
    if len(words) == 2 and words[1] in _COMPOUND_ENDS:
        return ["".join(words)]
    if len(words) > 1:
        return []
    return [f"{name[: -len(end)]} {end}" for end in _COMPOUND_ENDS if name.endswith(end) and len(name) - len(end) >= 3]


def _without_names(run: list[str], body: str) -> list[str]:
    """A title from a file name without the words it starts with that the text uses but never
    before the rest of it: names ("Kingsmead" of "kingsmead farrier", "Waggy Tails" of
    "waggy tails dog groomer") and other words ("Petal & Stem" of "petal-and-stem-florist"),
    where "warehouse" of "warehouse picker" is kept, a word the text does not use."""
    text = " ".join(_WORD.findall(fold(body).lower()))
    used = set(text.split())
    start = 0
    while start < len(run) - 1 and run[start].lower() in used:
        if re.search(rf"\b{re.escape(' '.join(w.lower() for w in run[start:]))}", text):
            break  # "dog groomer": the text says it
        start += 1
    return run[start:]


def _spelled_out_in_headings(text: Text, heads: frozenset[str]) -> list[tuple[list[str], str]]:
    """The titles the body writes before an acronym in brackets that a heading uses alone,
    with it: (["Special", "Educational", "Needs", "coordinator"], "SENCO") for "... the Special
    Educational Needs Coordinator (SENCO)" under "What does a SENCO actually do?"."""
    shouted = {
        w for h in text.headings for w in re.findall(r"\b[A-Z][A-Za-z]{1,5}\b", h) if sum(map(str.isupper, w)) >= 2
    }
    out = []
    for m in re.finditer(r"\s*\(([A-Z][A-Za-z]{1,5})\)", text.body):
        before = text.body[max(0, m.start() - 80) : m.start()]
        runs = title_runs(before, heads=heads) if m.group(1) in shouted else []
        if runs and re.search(rf"{re.escape(runs[-1][-1])}s?$", before, re.IGNORECASE):
            out.append((runs[-1], m.group(1)))
    return out


def _hyphened_as_in(title: str, body: str) -> str:
    """`title` (a file name's words) with the hyphens `body` writes between its words ("face-to-face
    fundraiser careers" for "face to face fundraiser careers"): not a "face fundraiser"."""
    words, out, i = title.split(), [], 0
    while i < len(words):
        j = next(
            (
                j
                for j in range(len(words), i + 1, -1)
                if re.search(rf"\b{re.escape('-'.join(words[i:j]))}\b", body, re.IGNORECASE)
            ),
            i + 1,
        )
        out.append("-".join(words[i:j]))
        i = j
    return " ".join(out)


def _shortens(short: list[str], title: list[str]) -> bool:
    """Whether `short` is `title` without some of its middle words ("cctv operator" of "CCTV
    Control Room Operator")."""
    words, rest = [w.lower() for w in short], iter(w.lower() for w in title)
    same_ends = len(title) > len(short) >= 2 and words[0] == title[0].lower() and words[-1] == title[-1].lower()
    return same_ends and all(w in rest for w in words)


def _without_brand(run: list[str], text: str) -> list[str]:
    """A title without the name of an organisation it starts with: a word `text` (a
    document's folded text and headings) always writes with a capital and says one works at,
    with or for ("RoadReady" of "RoadReady instructor": "Become a Driving Instructor with
    RoadReady"; "Clearview" of "Clearview Opticians": "at Clearview we use ..."); not an
    acronym ("HGV driver") nor a word of a service's name ("Pest Control", "Deaf")."""
    first = run[0]
    if len(run) < 2 or first.isupper() or not first[:1].isupper():
        return run
    # (not in an address: "careers@roadready.example")
    uses = list(re.finditer(rf"(?<![@./\w]){re.escape(first)}\b(?!\.\w)", text, re.IGNORECASE))
    if any(not m.group(0)[:1].isupper() for m in uses):
        return run  # "wafer" of "Wafer Fab Technician" is written "wafer" too
    at = [m for m in uses if _WORKS_AT.search(text, max(0, m.start() - 40), m.start())]
    return run[1:] if any(_NAME_ENDED.match(text, m.end()) for m in at) else run


_WORKS_AT = re.compile(  # ("at Calder & Finch our QSs ...": "Finch" of "Calder & Finch Cost Consultants")
    r"\b(?:at|with|join|joining|joined)\s+(?:(?-i:[A-Z])[\w'’]*\s+(?:&|and)\s+)?$", re.IGNORECASE
)
# ... where the name ends ("with RoadReady", "at Clearview we use"; not "with Deaf people")
_NAME_ENDED = re.compile(r"\s*(?:$|[.,;:!?)]|\s+(?:we|you|they|our|your|is|are|was|has|have|will)\b)")


def _without_credential(run: list[str]) -> list[str]:
    """A title without the credential it starts with, when a title is left ("Veterinary Nurse"
    of "Registered Veterinary Nurse"; "Registered Nurse" stays, a job of its own)."""
    start = 0
    while len(run) - start > 2 and run[start].lower() in _CREDENTIALED:
        start += 1
    return run[start:] if start else run


def _credentialed_names(run: list[str], texts: list[Text]) -> list[str]:
    """A title with its credential ("registered veterinary nurse") and its acronym, if the documents use it ("RVN")."""
    return [" ".join(_surface(w) for w in run), *_used_acronym(run, texts)]

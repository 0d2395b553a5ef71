"""Job titles the documents are about, found on every build, so a question about a role that
only a new document describes is read as being about that role.

A title is a run of one to three modifier words before an occupation noun ("site reliability
engineer", "UX researcher", "data steward"; assistant.titles reads them). One counts when a
document's title or a heading names it, or when it recurs (twice in a document, or in two
documents). A shorter title that mostly occurs inside a longer one ("reliability engineer" in
"site reliability engineer") becomes an alias of the longer one; a longer one whose documents
mostly use the shorter ("Cafe Shift Lead" in a guide about the "shift lead") an alias of the
shorter one. The other names a text gives (assistant.other_names) and the forms people write a
title in (assistant.name_forms: "SRE", "BI analyst") are its aliases too. Titles that a curated
role already covers are left to it: curated entries in YAML override.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from assistant.folding import fold
from assistant.name_forms import acronyms, credentialed_names, spaced, spelled, with_clipped_head
from assistant.other_names import NAME_IN_BRACKETS, also_called, worker_named
from assistant.roles import Role, RoleBook, plural_of
from assistant.titles import (
    ALSO_THINGS,
    FOUND_HEADS,
    HEADS,
    HEADS_ALONE,
    NOT_MODIFIERS,
    OCCUPATIONS,
    ONE_WORD_JOBS,
    PERSON_SUFFIXES,
    RANKS,
    RELATIONS,
    SUPERIOR,
    TITLE_HEADS,
    WORD,
    as_written,
    file_title,
    key_of,
    names_a_person,
    person_word,
    title_runs,
    to_singular,
    written,
)

ALIAS_SHARE = 0.8  # a title this often inside a longer one is the longer one's alias


SHORT_SHARE = 1.5  # a title whose shorter form is used on its own this many times as often is its alias


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
    # named in passing: no heading names it, headings of each of its documents name another job,
    # and none says it three times ("Retrofit Assessors" that energy assessors go on to become)
    passing: bool = False


def _only_inside(
    key: str, longer: list[str], keys: set[str], counts: Counter[str], per_doc: dict[str, Counter[str]]
) -> bool:
    """Whether the title `key` (two words or more) is said, in its documents, only as the last
    words of `longer` titles (every title one word longer; `keys`: those accepted), and those
    accepted are of different documents, none of them in every document that says it."""
    found = [k for k in longer if k in keys]
    documents = {d for k in found for d in per_doc[k]}
    return (
        " " in key
        and len(documents) >= 2
        and sum(per_doc[k][d] for k in longer for d in per_doc[key]) >= counts[key]
        and not any(per_doc[k].keys() >= per_doc[key].keys() for k in found)
    )


def _shouted(words: list[str]) -> bool:
    """Whether a title was written in capitals ("DATA analyst", as title_runs gives the head)."""
    return all(w.isupper() for w in words[:-1]) and any(len(w) >= 4 for w in words[:-1])


def _conjunct(short: str, key: str) -> bool:
    """Whether `short` is the first side of the title `key` joins two of with "and"
    ("instrumental teacher" of "instrumental and vocal teacher")."""
    words = key.split()
    return "and" in words and short.split() == [*words[: words.index("and")], words[-1]]


def _same_people(job: str, heading_titles: list[list[str]], same_as: dict[str, str], used: set[str]) -> None:
    """A one-word job is the other name of a title a heading begins with ("locksmiths" under
    "Locksmith Technician"), or ends with where the text uses that title too ("nurses" under
    "Registered Veterinary Nurse"; not under a file name's "Westbrook Arborist"): the same people."""
    for run in heading_titles:
        if len(run) > 1 and (run[0].lower() == job or run[-1].lower() == job and key_of(run) in used):
            same_as.setdefault(job, key_of(run))


def _reports_to(key: str, text: str) -> bool:
    """Whether `text` names the title `key` as whom someone reports to ("report to the Chef Concierge")."""
    return re.search(SUPERIOR + written(key.split()) + r"\b", fold(text), re.IGNORECASE) is not None


def discover_roles(texts: list[Text], curated: RoleBook) -> list[Found]:
    """The job titles `texts` are about that `curated` does not already name."""
    counts: Counter[str] = Counter()  # every suffix of every run ("reliability engineer" too)
    per_doc: dict[str, Counter[str]] = defaultdict(Counter)
    in_heading: set[str] = set()
    headed: set[tuple[str, str]] = set()  # (key, document) where a heading names it
    as_a_job: set[str] = set()  # named as one of many ("analytics engineers", "a UX researcher")
    surface: dict[str, list[str]] = {}

    def note(words: list[str], doc: str, is_heading: bool, generic: bool, times: int = 1) -> None:
        key = key_of(words)
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
        text = _joined_in_capitals(text, FOUND_HEADS)  # ("our speech and language therapists")
        # Jobs no vocabulary lists: a word the text ranks ("Trainee conductors", "Senior Conductor"),
        # or that ends a title a heading names and the text uses of anyone ("Court Usher" over
        # "court ushers ...", "Kennel Assistant" over "all kennel assistants").
        filed, spelled_heads = _filed_people(text)
        ranked = _ranked_people(text.body) | _headed_people(text) | filed
        people |= ranked
        heads_here = FOUND_HEADS | ranked | spelled_heads
        for line in [*text.headings, *text.body.splitlines()]:
            for pair in NAME_IN_BRACKETS.finditer(line):
                before, inside = title_runs(pair.group(1)), title_runs(pair.group(2))
                # ... or one word, "Arborist (Tree Surgeon)"
                key = key_of(before[-1]) if before else _lone_occupation(pair.group(1).split()[-1])
                if key and len(inside) == 1:
                    same_as[key_of(inside[0])] = key
                elif not inside and (worker := worker_named(pair.group(2), text.body)):
                    if owner := title_runs(pair.group(1), heads=heads_here):  # "Vehicle Refinisher (Paint Sprayer)"
                        called.setdefault(key_of(owner[-1]), []).append(worker)
        titled: Counter[str] = Counter()  # the heads of the titles found in this document (a heading's twice)
        heading_titles: list[list[str]] = []
        body_titles: list[list[str]] = []  # those the text uses of anyone in the job
        heading_runs = [title_runs(h, heads=heads_here) for h in text.headings[1:]]  # (not the file name's)
        headed_runs = next((runs for runs in heading_runs if runs), [])
        for title, name in also_called(text.body, heads_here, headed_runs[-1:], text.headings):
            called.setdefault(title, []).append(name)
            same_as.setdefault(name, title)
        said = fold("\n".join([text.body, *text.headings]))
        for source, is_heading in [(text.body, False)] + [(h, True) for h in text.headings]:
            for run, generic in _whole_titles(title_runs(source, with_use=True, heads=heads_here)):
                if source == named:  # "Kingsmead Racing Stables" owns "kingsmead-farrier-vacancy.md"
                    run = _without_names(run, text.body)
                    # ... and a file name may give two names for the job ("gamekeeper-beatkeeper-vacancy.md")
                    if len(run) == 2 and person_word(run[0].lower()) and run[1].lower() in filed:
                        run = run[1:]
                    # ... and "cctv-operator-careers.html" names the "CCTV Control Room Operator" of its headings
                    longer = [r for runs in heading_runs for r in runs if _shortens(run, r)]
                    if longer:
                        called.setdefault(key_of(longer[0]), []).append(key_of(run))
                        run = longer[0]
                else:  # "A full-time RoadReady instructor ...": no "RoadReady instructor"
                    run = _without_brand(run, said)
                if len(run) < 2:
                    continue
                # "Registered Veterinary Nurse (RVN)" is a veterinary nurse, with a credential
                bare = _without_credential(run)
                if bare is not run:
                    credentialed.setdefault(key_of(bare), {})[key_of(run)] = run
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
            called.setdefault(key_of(run), []).append(acronym)
        used_titles = {key_of(run) for run in body_titles}
        # A heading that is one occupation ("Electrician", "Staff Pharmacist (P2)"), before its
        # dash or after its colon ("Role Profile: Sommelier"), with its mentions in the text.
        lone = (_lone_occupation(part, ranked) for h in text.headings for part in _SUFFIXED.split(h, 1))
        lone_titles = [title for title in dict.fromkeys(lone) if title]
        # ... or that the file name and a heading give ("derrickhand-vacancy.txt" under "VACANCY:
        # DERRICKHAND (DERRICKMAN) - ..."), unless it ends a title there ("restaurant host")
        lone_titles += sorted(w for w in filed if not titled[w] and w not in lone_titles)
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
        for head, uses in _one_word_uses(text, HEADS_ALONE).items():
            if uses >= 3:
                for run in {key_of(r): r for r in body_titles}.values():
                    if run[-1].lower() == head and not _known(run, curated):
                        note(run, text.doc, True, True)
        for job, uses in _one_word_uses(text, ONE_WORD_JOBS | ranked).items():
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
        if len(words) == 2 and words[0] in _CREDENTIALED and words[1] not in ONE_WORD_JOBS:
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
    # "support worker", said only inside "imaging support worker" and "theatre support worker",
    # of two documents: the other name of neither, nor a job of its own
    one_word_longer: dict[str, list[str]] = defaultdict(list)  # "support worker" -> "imaging support worker", ...
    for k in counts:
        if " " in k:
            one_word_longer[k.split(" ", 1)[1]].append(k)
    accepted_keys = set(keys)
    keys = [k for k in keys if not _only_inside(k, one_word_longer[k], accepted_keys, counts, per_doc)]
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
            # (said alone in its documents: "support worker" said of imaging support workers too is not)
            and sum(per_doc[short][d] for d in per_doc[key]) - counts[key] >= SHORT_SHARE * counts[key]
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
    # An entry rank of a one-word job a heading names ("Junior Clerk") is the job a possessive
    # title of the same documents ending in that word names ("What does a barristers' clerk
    # do?"): one job, by its title (though juniors report to a "First Junior Clerk").
    for key in keys:
        rank, _, job = key.partition(" ")
        if rank not in _ENTRY_RANKS or " " in job or key in longer_of:
            continue
        # (whose clerk: "barristers' clerk"; not the "pastry chef" an "Apprentice Chef" learns under)
        titled_so = [k for k in keys if k.endswith(" " + job) and k != key and k.split()[0].endswith("'")]
        if len(titled_so) == 1 and per_doc[titled_so[0]].keys() == per_doc[key].keys():
            longer_of[key] = titled_so[0]
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
    written = [said for text in texts for said in (text.body, *text.headings)]
    # "Senior Actuary" under "Actuary" is one rank of it, not another name: a question about
    # a senior actuary asks about that rank (claim weighs ranks).
    aliases = {
        key: [
            name
            for k in keys
            if k != key
            and _final(k, longer_of) == key
            and not (k.split(" ", 1)[0] in RANKS and k.split(" ", 1)[-1] == key)
            for name in with_clipped_head(surface[k])  # "crane operator", "crane op"
        ]
        + acronyms(surface[key], written)
        + [name for form in credentialed.get(key, {}).values() for name in credentialed_names(form, written)]
        for key in heads
    }
    # "Paralegal" for the one "litigation paralegal", "electrician" for the one "maintenance
    # electrician": a one-word job that ends one role's name only (curated or found) names it.
    # (nor one a one-word job's name ends in: "keeper" of the river keeper, beside a "beatkeeper")
    lasts = [name.split()[-1].lower() for name in [*(r.name for r in curated.roles.values()), *heads]]
    for key in heads:
        job = key.split()[-1]
        ending = sum(1 for last in lasts if last == job or (last.endswith(job) and len(last) - len(job) >= 3))
        if " " in key and job in ONE_WORD_JOBS | people and ending == 1:
            aliases[key].append(job)
    # (a name found another name of, the role whose name it is: "barber" of the senior barber)
    alias_of = {a.lower(): key for key, names in aliases.items() for a in names}
    for named_as, names in called.items():  # "funeral directors (sometimes called funeral arrangers ...)"
        # the title the run ends with ("[recruiting twenty] baggage handlers (... known as ...)")
        # ... or the title it is itself another name of ("EHOs are also known as Environmental
        # Health Practitioners, and ... call them the food inspector")
        # ... or the role a name it ends with is another name of ("chiropodist" of the
        # "HCPC-registered podiatrist", where "podiatrist" names the community podiatrist)
        title = (
            _ending_in(named_as, key_set)
            or _ending_in(same_as.get(named_as, ""), key_set)
            or alias_of.get(named_as, "")
        )
        title = title or alias_of.get(_ending_in(named_as, set(alias_of)), "")
        title = _final(title, longer_of)  # (through a cycle of other names too, once)
        if title in aliases:
            aliases[title] += [n for n in names if n != title and n not in keys]
    # "BI analyst" found on its own is the acronym of "business intelligence analyst": one role.
    taken = {a.lower(): key for key, names in aliases.items() for a in names}
    found = []

    def headings_naming(key: str) -> int:
        return sum((key, d) in headed for d in per_doc[key])

    names_of: dict[str, list[str]] = defaultdict(list)  # a role's title and the titles that are its other names
    for k in keys:
        names_of[_final(k, longer_of)].append(k)
    role_keys = set(heads)
    headed_elsewhere = {d for k, d in headed if _final(k, longer_of) in role_keys}  # documents a heading names a job of

    # Roles a heading names first (what the documents are about), then the most mentioned.
    used = set(curated.ids())  # ids are the titles' words: "HIV+ caregiver" and "HIV- caregiver" share one
    for key in sorted(heads, key=lambda k: (-headings_naming(k), -counts[k], k)):
        role_id = re.sub(r"[^a-z0-9]+", "_", key).strip("_")
        if taken.get(key, key) != key or role_id in used or not role_id:
            continue
        used.add(role_id)
        name = " ".join(as_written(w) for w in surface[key])
        role = Role(
            id=role_id,
            name=name,
            plural=plural_of(name),
            aliases=tuple(
                dict.fromkeys(
                    a
                    for a in [*aliases[key], *(s for n in [name, *aliases[key]] for s in spaced(n)), *spelled(name)]
                    if a != name
                )
            ),
            discovered=True,
        )
        # A passing mention ("... data engineer training") does not make a document about the role.
        about = [d for d, n in per_doc[key].items() if n >= 2 or (key, d) in headed]
        named_in_headings = any((k, d) in headed for k in names_of[key] for d in per_doc[k])
        passing = not named_in_headings and per_doc[key].keys() <= headed_elsewhere and max(per_doc[key].values()) < 3
        found.append(Found(role, len(about) or len(per_doc[key]), key in bosses, passing and key not in bosses))
    return found


# What a heading adds after its job ("Paralegal – Litigation Team (Harlow & Finch LLP)").
_SUFFIXED = re.compile(r"\s+[–—|-]\s+|:\s+")


# ... and what an office is of ("Registrar of Births, Deaths and Marriages")
_LONE = re.compile(rf"^(?:({'|'.join(RANKS)})\s+)?([a-z]+)(?:\s*\([^)]*\)|\s+of\s+[a-z][a-z ,&']*)?$")


_CREDENTIALED = frozenset("certified licensed registered qualified accredited chartered".split())


_ENTRY_RANKS = frozenset("junior trainee apprentice assistant".split())


_ONE_OF_MANY = frozenset("a an every each any all".split())  # "every lifeguard", "all lifeguards"


# A word for a person by their work that no vocabulary lists ("Arborist (Climber)"), not a thing.
_PERSON_WORD = re.compile(r"^[a-z]{3,}(?:ist|ician)$")


_NOT_PERSON = re.compile(r"(?:list|sist|xist|wrist|twist|heist|mist|gist|fist)$")  # "Checklist", "Assist"


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


# A rank before a word for a person by their work: "Trainee conductors", "Assistant Brewer".
_RANKED = re.compile(
    rf"\b(?:{'|'.join(RANKS)})\s+([a-z]{{3,}}(?:{PERSON_SUFFIXES})s?)\b", re.IGNORECASE
)  # ("Apprentice blacksmiths", "Head Groundsman", "Senior Houseparents")


def _headed_people(text: Text) -> frozenset[str]:
    """The last words of two-word titles a heading names ("Court Usher", "lock keeper
    recruitment") that the text uses of anyone in the job twice or more ("court ushers",
    "a lock keeper"), or once and then by the last word alone twice ("Refuse Loaders" and
    "two loaders", "all new loaders"; "HV Cable Jointer" and "each jointer", "as jointers"),
    one-word jobs a heading names after "a" ("Become a Signaller") or alone ("Vacancy:
    Shotfirer") that the text uses so, and those the file name and the title both name that
    the text says twice, when they read as a person's word."""
    found = set()
    body = fold(text.body)
    pairs = [list(zip(*[WORD.findall(fold(h).lower())[i:] for i in (0, 1)], strict=False)) for h in text.headings]
    # (the pairs the file name and the title both have: a vacancy for "the Dairy Herdsperson",
    # "dairy-herdsperson-vacancy.md", that says so twice, is for a herdsperson; not "counter" of
    # "trade-counter-assistant-profile.pdf", whom "assistant" follows)
    named: set[tuple[str, str]] = set()
    if len(pairs) > 1:
        after = [b for _, b in pairs[0][1:]] + [""]
        named = {pair for pair, word in zip(pairs[0], after, strict=False) if not names_a_person(word)} & set(pairs[1])
    # ("Vacancy: Shotfirer – Garth Hill Limestone Quarry" over "as a shotfirer" and "experienced shotfirers")
    # ... when the file name names it too (not "Season: Winter" over "winters are quiet")
    filed = set(WORD.findall(text.headings[0].lower())) if text.headings else set()
    for part in (p for h in text.headings for p in _SUFFIXED.split(fold(h))):
        word = person_word(part.lower()) if re.fullmatch(r"[A-Za-z]+", part) else None
        if word and word in filed and _generic_uses(body, word) >= 2:
            found.add(word)
    for heading_pairs in pairs:
        for a, b in heading_pairs:
            word = person_word(b)
            # "Become a Signaller" (the heading's is one such use: "What does a linesworker earn?")
            if word is not None and a in ("a", "an") and word not in found and _generic_uses(body, word):
                found.add(word)
            if word is None or a in NOT_MODIFIERS or word in found:
                continue
            generic = _generic_uses(body, f"{a} {word}")
            # ("as jointers", "Each jointer", "Jointers who ..."; not "a high-pressure washer")
            one = rf"(?:an?|every|each|any)\s+{re.escape(word)}"
            alone = len(re.findall(rf"\b(?:{one}|(?<!{re.escape(a)}\s){re.escape(word)}s)\b", body, re.IGNORECASE))
            # (said of a person: "The Dairy Herdsperson reports to ...", not "the gas boiler")
            title = rf"\b{re.escape(a)}\s+{re.escape(b)}s?\b"
            of_one = (a, b) in named and re.search(title + _PERSON_VERB, body, re.IGNORECASE) is not None
            said = len(re.findall(title, body, re.IGNORECASE)) if of_one else 0
            if generic >= 2 or (generic and alone >= 2) or said >= 2:
                found.add(word)
    return frozenset(found) - HEADS


def _filed_people(text: Text) -> tuple[frozenset[str], frozenset[str]]:
    """Words for people by their work that no vocabulary lists and that do not read as one
    ("roustabout", "host", "medic"), where a document is about them: the file name and another
    heading have the word ("roustabout-staff-handbook.docx" under "Deck Crew (Roustabouts)"),
    and the text says it three times, once of anyone in the job, and says what such people do
    ("Roustabouts report to the Deck Foreman", "medics can apply to ..."). Where the file name has an acronym that
    the text spells out before it in brackets, the spelled-out title's last word ends a title
    there ("amhp-careers.html" of an "Approved Mental Health Professional (AMHP)"): the second
    set, of words that name no one alone ("professional")."""
    found, spelled_heads = set(), set()
    body = fold(text.body)
    headed = "\n".join([body, *text.headings[1:]])  # (a heading may say what they do: "How much does a medic earn?")
    said = {w for h in text.headings[1:] for w in WORD.findall(fold(h).lower())}
    modifiers: set[str] | None = None
    for word in set(WORD.findall(text.headings[0].lower())) if text.headings else ():
        if spelled := _spelled_out(word, headed):
            spelled_heads.add(spelled)
            continue
        said_so = written([word]) + r"\b"
        if not (
            len(word) >= 4
            and {word, word + "s"} & said
            and word not in NOT_MODIFIERS | HEADS | ALSO_THINGS
            and _generic_uses(body, word)
            and len(re.findall(said_so, body, re.IGNORECASE)) >= 3
            and re.search(said_so + _DOES, headed, re.IGNORECASE)
        ):
            continue
        # (not a word of a title it qualifies: "tour" of "Coach Tour Manager", "patrol" of "School
        # Crossing Patrol Officer"; read only for a word that passed the rest)
        if modifiers is None:
            modifiers = {w.lower() for source in (body, *text.headings) for run in title_runs(source) for w in run[:-1]}
        if word not in modifiers:
            found.add(word)
    return frozenset(found), frozenset(spelled_heads)


# What people by their work do, said of them ("Roustabouts report to ...", "Medics are paid ...").
_DOES = (  # (only what people do: "Night shifts are paid ...", "Every vessel works ..." are no people)
    r"\s+(?:(?:report|earn|supervise)(?:s|ed)?\b|can\s+apply\b"
    r"|(?:is|are)\s+responsible\s+for\b)"  # ("The beatkeeper is responsible for ...")
)


def _spelled_out(word: str, text: str) -> str | None:
    """The last word (lower case) of the title `text` spells out before `word` (an acronym, in
    capitals there) in brackets: "professional" for "amhp" of "Approved Mental Health
    Professional (AMHP)"; else None."""
    acronym = word.upper()
    spelled = rf"((?:[A-Z][\w-]*\s+(?:(?:and|of|&)\s+)?){{1,5}}[A-Z][\w-]*)\s*\({re.escape(acronym)}\)"
    for m in re.finditer(spelled, text):
        words = [w for w in m.group(1).split() if w[0].isupper()]
        # (a title: not "Human Resources (HR)", "Heavy Goods Vehicle (HGV)")
        if not (words[-1].lower() in HEADS | {"professional"} or person_word(words[-1].lower())):
            continue
        for start in range(len(words)):  # (a heading's "Careers – Approved Mental Health Professional")
            if "".join(w[0] for w in words[start:]) == acronym:
                return words[-1].lower()
    return None


# What a person does, said right after them ("The Dairy Herdsperson reports to the Herd Manager").
_PERSON_VERB = r"\s+(?:reports?|works?|earns?|is\s+paid|receives?|joins?|leads?|supervises?|can\s+expect|will\s+be)\b"


def _generic_uses(body: str, title: str) -> int:
    """How often `body` uses `title` (lower case) of anyone in the job: in the plural, or after
    "a", "every", "all" ... ("court ushers", "a lock keeper")."""
    uses = re.finditer(r"\b(?P<before>\w+\s+)?" + written(title.split()) + r"\b", body, re.IGNORECASE)
    return sum(1 for m in uses if m["plural"] or (m["before"] or "").strip().lower() in _ONE_OF_MANY)


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
    named = frozenset(to_singular(w.lower(), jobs) for h in text.headings for w in WORD.findall(fold(h)))
    named &= jobs
    uses: Counter[str] = Counter()
    if not named:
        return uses
    words = [w.lower() for w in WORD.findall(fold(text.body))]
    for before, word in zip(["", *words], words, strict=False):
        job = to_singular(word, named)
        if job in named and (word != job or before in _ONE_OF_MANY):
            uses[job] += 1
    return uses


def _known(words: list[str], curated: RoleBook) -> bool:
    """A title a curated role's names already cover (wholly, or as its last words)."""
    phrase = " ".join(words)
    return any(m.end == len(phrase) for m in curated.mentions(phrase))


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


def _without_names(run: list[str], body: str) -> list[str]:
    """A title from a file name without the words it starts with that the text uses but never
    before the rest of it: names ("Kingsmead" of "kingsmead farrier", "Waggy Tails" of
    "waggy tails dog groomer") and other words ("Petal & Stem" of "petal-and-stem-florist"),
    where "warehouse" of "warehouse picker" is kept, a word the text does not use."""
    text = " ".join(WORD.findall(fold(body).lower()))
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


def _whole_titles(runs: list[tuple[list[str], bool]]) -> list[tuple[list[str], bool]]:
    """`runs` (titles.title_runs' with use) without those the next goes on from by one word:
    "marine engineer" of "marine-engineer-officer-faq.txt", "District Ranger" of "District
    Ranger Supervisor" name no one."""
    lower = [[w.lower() for w in run] for run, _ in runs]
    return [
        pair
        for pair, run, after in zip(runs, lower, [*lower[1:], []], strict=False)
        if not (len(after) == len(run) + 1 and after[:-1] == run)
    ]


def _joined_in_capitals(text: Text, heads: frozenset[str]) -> Text:
    """`text` with each title of two words joined by "and" that it writes in capitals ("Work
    with us: Speech and Language Therapists") in capitals where it is written in lower case
    too ("What our speech and language therapists do"): titles.title_runs joins words by
    "and" only in capitals, and would read "language therapist" there. (Not the file name's.)"""
    joined = {
        tuple(run)
        for source in (text.body, *text.headings)
        for run in title_runs(source, heads=heads)
        if "and" in run[1:-1]
    }

    def capitalised(said: str) -> str:
        for run in joined:
            title = " ".join(w if w == "and" else w[:1].upper() + w[1:] for w in run)
            said = re.sub(written(run) + r"\b", title + r"\g<plural>", said, flags=re.IGNORECASE)
        return said

    if not joined:
        return text
    return replace(
        text, body=capitalised(text.body), headings=(*text.headings[:1], *map(capitalised, text.headings[1:]))
    )


def _hyphened_as_in(title: str, body: str) -> str:
    """`title` (a file name's words) with the hyphens `body` writes between its words ("face-to-face
    fundraiser careers" for "face to face fundraiser careers"): not a "face fundraiser"; and
    within them ("de-icing operative vacancy" for "deicing operative vacancy")."""
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
        word = "-".join(words[i:j])
        if j == i + 1 and not re.search(rf"\b{re.escape(word)}\b", body, re.IGNORECASE):
            # ... or within a word: "deicing-operative-vacancy.md" of an "Aircraft De-icing Operative"
            spelt = re.search(r"\b" + "-?".join(map(re.escape, word)) + r"\b", body, re.IGNORECASE)
            word = spelt.group(0).lower() if spelt else word
        out.append(word)
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

"""What each index sees of a record.

Facts are embedded without their subject ("They focus on writing code ..."), because every
fact of a role starts with the role's name: left in, the name would make all facts of that
role look alike to the embedding model and drown out what each one says. Which role a fact
is about is used explicitly at ranking time instead (answer.rank). For the same reason the
keyword index never sees role names, in records or in questions.
"""

from __future__ import annotations

import hashlib

from assistant.chunk import with_heading
from assistant.record import Record, RecordKind
from assistant.roles import RoleBook

# Raised whenever what a record's vector is computed from changes (how documents are read, cut or
# rewritten for the model): a build then reads and embeds everything again
# (stored vectors are reused by the hash of their text, which must mean the same thing).
# 4: PDF headings (by font size) make sections; 5: .txt headings right over their text;
# 6: table rows name their columns, more job titles found; 7: Markdown tables too;
# 8: hard-wrapped lines run on into one sentence (sentences.runs_on); "Staff Pharmacist" headings,
# "vet tech" and "pharmacy tech" found; 9: inline Markdown made plain, headings in capitals in
# .txt, no sentence end after "approx.", "HR business partner" found; 10: numbered .txt headings,
# "HRBP" for "HR business partner"; 11: no sentence end in "Sr. Engineer", "Eng. (ABET)";
# 12: a .txt title in capitals may end in an abbreviation's stop; 13: the title someone reports
# to ("reports to: Payroll Manager") is no job found; 14: short forms ("yrs", "exp.") read as words;
# 15: "dispatcher" ends a title, a heading's job before its dash, "FD" for "FLIGHT DISPATCHER",
# "paralegal" for the one "litigation paralegal", "X (Y)" headings make Y an alias of X;
# 16: "controller" ends a title ("crew controller", "air traffic controller"); 17: "surveyor",
# "underwriter" and other one-word jobs, "shift lead"; 18: "assistant" and "deputy" are ranks;
# 19: a title after a person's name ("Priya Raman, Superintendent Radiographer") is one person;
# 20: "approved by the X"; 21: a PDF heading wrapped over two lines is one heading; 22: an FAQ
# question in a .txt file is a heading; 23: more one-word occupations ("sommelier"), "bus driver"
# when a heading names it; 24: keyword terms spelt one way (British as American, "built" as "build",
# one stem per word family: wordforms); 25: a one-word job a heading names and the text uses
# ("Lifeguard Staffing", "all lifeguards"), "-ist" jobs alone in a heading ("Arborist"),
# "associate" ends a title ("clinical research associate"), "official" is no part of one,
# a found role's plural is spelt right ("actuaries"), a rank's title is no alias ("senior actuary"),
# the first sentence under a heading that asks is embedded after its question (replies_to),
# "IT" before a title is part of it ("IT helpdesk analyst"); 26: "registrar", "conservator" and
# more jobs, "Certified Operator" is a level, "6:00 a.m." wrapped onto "to 4:30 p.m." goes on;
# 27: an HTML list item is marked as one ("- "); 28: British spellings read in one pass;
# 29: "wind tech" for "wind turbine technician"; 30: "vacation" is "annual leave" to the keyword index;
# 31: any abbreviation ending a hard-wrapped line goes on into a line in lower case; 32: the one-word
# job of a heading's title is its alias ("locksmiths" under "Locksmith Technician"), a credential
# names no title ("Certified Registered Locksmith"), "District Ranger" of "District Ranger
# Supervisor" is no title, "midwives", an acronym's plural is the acronym to the keyword index ("CPAs");
# 33: "greenkeeper", "sign language interpreters" under "BSL/English Interpreter", "concierges" used
# more often alone than in longer titles, a title others report to is nobody's other name; 34: each
# side of a slashed modifier ("BSL interpreter"), "porter", "seasonal" qualifies a person; 35: a
# document's file name names its job as a heading does, "Instructor Handbook" over "instructors",
# "picker", a dot leader in a text file is a row's dash; 36: a text file's rate row is never a
# heading, a heading right over another is part of its section's name, a credential starts a title
# ("Registered Veterinary Nurse (RVN)"), a job the text gives ranks ("Trainee conductors", "Lead
# Brewer"), "Arborist (Tree Surgeon)", whom people report to is not a role found; 37: "PTO" is
# paid time off and a premium, an enhancement or an uplift a differential to the keyword index;
# 38: an empty Markdown header row names no column, no space before punctuation after an HTML
# inline tag, more one-word trades, ranked jobs end titles ("dog groomer"), "also called" names,
# a file name's company names are no part of a title; 39: a question standing alone in a text
# file is a heading, indented lines after a colon are no headings, an email's subject is its title,
# titles a heading names whose last word reads as a person's, "also called" names, spellings;
# 40: "promotion" is progression, "wfh" work from home and "PPE" protective equipment to the
# keyword index; 65: another word for the same work names a role ("ski teacher"); 66: other
# names given as "still widely called", "also known here as", "people call us", ...; "and" or
# "of" joins two words of one title; 67: PDF headings after a quoted answer, tables drawn in
# characters in a text file; 68: "mileage" is paid "per mile" to the keyword index; 69: a bare
# "Yes." or "No." is one sentence with the one that explains it; 70: "gratuities" are tips, other
# names "also known within the business as", "seen the same job advertised elsewhere as", "you might
# hear the job called", and no title in "Magistrates' Courts"; 71: review: a worker's name in
# brackets only when the text uses it of people, one other word per name's ending; 72: words
# for a person ending in "person" (herdsperson), a title a heading names whose last word the text
# uses alone ("each jointer"), or that the file name and title both name; "support worker" said
# only inside two documents' titles is no job; "most people say", "still call the job", ...;
# 73: "customers call me", "this kind of job advertised as", an aside's list ending in "or,";
# 74: review: loose ways of naming ("most people say") name only people, no machine a file name
# and title name is a job, a page break's hyphenated word is one word
# 75: a heading that is one word for a person ("Vacancy: Shotfirer"), a title joined by "and" in
# capitals read so in lower case too, no title that goes on into another ("marine engineer" of
# "... officer"), ordinals are ranks, "still call them", "know the role by its older name", 'or
# "digger driver", as ... call it', more spellings
# 76: "people (still) say", "may appear as", "also say Pool Attendant", "as our team calls it", "the
# job is called" of the page's job, a firm's name ("Harlow & Venn Solicitors") and "chambers" are
# no titles, "deicing" in a file name is the text's "de-icing"
# 77: review: a firm needs a plural ("Harlow & Venn Solicitors", not a "Health & Safety Officer"),
# a one-word heading job needs the file name, looser ways of naming keep no subject of a clause
# ("People say Leicester is ..."), "will appear as" names only people, "the job is called" goes to
# the page's job only past a group ("the flight crew"), an entry rank joins only a possessive title
# 78: a word no vocabulary lists that the file name and a heading give and the text says people
# do things as ("roustabout", "host", "medic", "derrickhand"), a file name's acronym spelled out in
# brackets ("Approved Mental Health Professional (AMHP)"), other names that begin with a rank
# ("second chef"), "some pubs call it", five-word names, "The mudlogger role is also known as";
# table rows that run over several lines (plain text without rules between rows; fpdf2's PDF tables);
# a hyphened word is also a keyword term written without its hyphens ("over-trip", "overtrip")
# 79: a capitals subtitle right under a text's title is a heading ("SECTION 7: ... (ESTATE
# HANDYPERSONS)"), "is responsible for" and past tenses say what people do, "The Shunter grade is
# also referred to as", "Fiona's job is more often called", "may also call a boat electrician, ...",
# "hour" qualifies no title ("£13.90 per hour Dinghy Instructor")
# 80: a word a one-word job's name ends in is no other role's other name alone ("keeper" of the
# river keeper beside a "beatkeeper")
TEXT_VERSION = 80


def dense_text(record: Record, roles: RoleBook) -> str:
    if record.kind == RecordKind.FACT:
        predicate = roles.predicate(record.text, record.role or "")
        return f"They {predicate}" if predicate else record.text
    return with_heading(record.title, record.section, record.text)


def keyword_text(record: Record, roles: RoleBook) -> str:
    if record.kind == RecordKind.FACT:
        return roles.without_mentions(f"{record.text} {record.evidence or ''}")
    return roles.without_mentions(f"{record.section}\n{record.text}")


def vector_key(text: str) -> str:
    """Stored vectors are reused for exactly the same embedded text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sentence_text(sentence: str, roles: RoleBook, replying_to: str | None = None) -> str:
    """What the dense index sees of one sentence of a passage: the sentence with its role
    names made "they", as facts are embedded, so that its vector says what it is about, not
    whom (the answer line checks the role separately, as ranking does for facts); after the
    question it replies to, if one (`replies_to`)."""
    text = f"{replying_to} {sentence}" if replying_to else sentence
    return roles.without_mentions(text, replacement="they")


def replies_to(record: Record, n: int) -> str | None:
    """The question sentence n of a passage replies to: its heading, when that is a question
    (an FAQ's, an interview's "Q: Is there a probation period?") and n is its first sentence.
    "A: Yes, 12 months for new official reporters." is about probation."""
    asks = n == 0 and record.kind == RecordKind.PASSAGE and record.section != record.title
    return record.section if asks and record.section.rstrip().endswith("?") else None

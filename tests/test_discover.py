"""Role discovery: job titles found in documents of every format become roles of the index."""

from __future__ import annotations

import io
import json

import pytest
from test_ingest import make_pdf

from assistant.build import build_index
from assistant.discover import Text, discover_roles
from assistant.roles import RoleBook
from assistant.store import IndexStore
from assistant.titles import FOUND_HEADS, HEADS, title_runs

CURATED = RoleBook.from_dicts([{"id": "ml_engineer", "name": "ML engineer", "aliases": ["machine learning engineer"]}])


def test_title_runs_take_the_modifiers_before_an_occupation():
    runs = title_runs("Our senior site reliability engineers and a UX researcher met potential data stewards.")
    assert runs == [["site", "reliability", "engineer"], ["UX", "researcher"], ["data", "steward"]]
    # a possessive ends a title ("data analyst's salary") and is never a modifier ("... practitioner's manager")
    assert title_runs("What is a data analyst's salary?") == [["data", "analyst"]]
    assert title_runs("Who is a nurse practitioner’s manager?") == [["nurse", "practitioner"]]


def test_a_title_in_a_heading_counts_at_once_a_title_in_text_must_recur():
    found = discover_roles(
        [Text("a.md", "A platform engineer runs clusters. A data analyst once helped.", ("Platform Engineer",))],
        CURATED,
    )
    assert [f.role.name for f in found] == ["platform engineer"]
    recurring = discover_roles(
        [Text("b.md", "A data analyst writes SQL. Every data analyst owns a dashboard.")], CURATED
    )
    assert [(f.role.id, f.role.plural) for f in recurring] == [("data_analyst", "data analysts")]


def test_curated_roles_win_and_shorter_titles_and_acronyms_become_aliases():
    text = Text(
        "c.txt",
        "Site reliability engineers (SREs) keep services up. Site reliability engineers are on call. "
        "Machine learning engineers deploy models. Machine learning engineers monitor them.",
    )
    found = discover_roles([text], CURATED)
    assert len(found) == 1
    role = found[0].role
    assert role.name == "site reliability engineer" and role.discovered
    assert set(role.aliases) == {"reliability engineer", "SRE", "SR engineer"}


def test_a_long_title_gets_its_short_form_even_when_the_documents_never_write_it():
    text = Text("r.md", "Machine learning researchers invent new models. Machine learning researchers publish.")
    role = discover_roles([text], CURATED)[0].role
    assert role.name == "machine learning researcher" and "ML researcher" in role.aliases
    assert "MLR" not in role.aliases  # an acronym the documents never use is not taken
    book = RoleBook([role])
    assert book.mentioned("How much do ML researchers make?") == [role.id]


def test_titles_beyond_the_office_are_found_with_their_short_forms():
    text = Text(
        "np.md",
        "Nurse practitioners (NPs) see patients. A nurse practitioner reports to the Medical Director. "
        "Technical writers document the API. Each technical writer pairs with a developer advocate, and "
        "developer advocates speak at meetups.",
    )
    found = {f.role.name: f.role for f in discover_roles([text], CURATED)}
    assert {"nurse practitioner", "technical writer", "developer advocate"} <= set(found)
    assert "NP" in found["nurse practitioner"].aliases  # the acronym the page uses
    assert "tech writer" in found["technical writer"].aliases  # the clipping people write
    book = RoleBook(list(found.values()))
    assert book.mentioned("What does a tech writer earn?") == [found["technical writer"].id]
    # a thing named like a job is not one: "device drivers" recur, but no driver is a role
    things = Text("k.md", "GPU drivers need updates. Old GPU drivers crash the nodes.")
    assert discover_roles([things], CURATED) == []


def test_a_page_titled_by_one_occupation_is_about_it_and_ranks_are_not_titles():
    text = Text(
        "e.pdf",
        "Our electricians wire buildings. An apprentice electrician earns $22 an hour, a master electrician "
        "$50. Sales development representatives (SDRs) call the leads electricians find; sales development "
        "representatives book the visits.",
        ("Electrician", "Pay"),
    )
    found = discover_roles([text], CURATED)
    assert found[0].role.name == "electrician"  # named by a heading: listed first
    assert "apprentice electrician" not in {f.role.name for f in found}  # a rank of the job, not a job
    book = RoleBook([f.role for f in found])
    assert book.mentioned("Which tools do sales development reps use?") == ["sales_development_representative"]


def test_no_letter_is_an_alias_and_no_pronoun_or_tool_a_title():
    text = Text(
        "a.md",
        "A ledger is kept. We advocate for users; we advocate loudly. Adobe Illustrator exports; Adobe "
        "Illustrator files. Kernel density estimators smooth; a kernel density estimator helps.",
        ("Accountant",),
    )
    found = discover_roles([text], CURATED)
    assert [(f.role.name, f.role.aliases) for f in found] == [("accountant", ())]  # no alias "A"
    assert RoleBook([f.role for f in found]).mentioned("A data scientist or an accountant?") == ["accountant"]


def _docx(title: str, body: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=0)
    document.add_paragraph(body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FILES = {
    "analyst.md": "# Product Analyst\n\nProduct analysts run A/B tests for every release.\n",
    "sre.txt": "Site Reliability Engineer\n\nSite reliability engineers share an on-call rotation.\n",
    "ux.html": "<html><head><title>UX Researcher</title></head><body><h1>UX Researcher</h1>"
    "<p>UX researchers interview customers every week.</p></body></html>",
    "architect.pdf": make_pdf(
        ["Solutions architects design customer integrations. A solutions architect travels to customer sites."]
    ),
    "bi.docx": _docx("Business Intelligence Analyst", "Business intelligence analysts build dashboards."),
    "profiles.jsonl": json.dumps(
        {"_id": "1", "title": "Data steward", "text": "Data stewards keep the business glossary up to date."}
    )
    + "\n",
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_format_adds_its_role_to_the_index_and_the_build_says_so(corpus, settings, fake, name):
    content = FILES[name]
    path = corpus / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    report = build_index(settings, fake)
    index = IndexStore(settings.index_dir).load(fake)
    discovered = {r.name: r for r in index.roles.roles.values() if r.discovered}
    expected = {
        "analyst.md": "product analyst",
        "sre.txt": "site reliability engineer",
        "ux.html": "UX researcher",
        "architect.pdf": "solutions architect",
        "bi.docx": "business intelligence analyst",
        "profiles.jsonl": "data steward",
    }[name]
    assert expected in discovered
    assert report.roles_line() and f"{expected} (1 document)" in report.roles_line()
    # and the role is read in questions: its plural and its name
    assert index.roles.mentioned(f"What do {discovered[expected].plural} do?") == [discovered[expected].id]
    assert not any(r.discovered for r in index.roles.roles.values() if r.id in ("ml_engineer", "data_scientist"))


def test_a_duty_named_with_the_is_not_a_job():
    text = Text(
        "sre.txt", "The on-call engineer acknowledges every page. Later the on-call engineer writes a postmortem."
    )
    assert discover_roles([text], CURATED) == []


def test_the_title_of_whom_someone_reports_to_is_one_person_not_a_job():
    body = (
        "Payroll specialists run the monthly payroll and report to the Payroll Manager.\n"
        "Payroll Specialist — Reports to: Payroll Manager; Salary band: €45,000 – €55,000."
    )
    found = [f.role.name for f in discover_roles([Text("hr.html", body)], CURATED)]
    assert found == ["payroll specialist"]
    payroll_managers = Text("pm.md", "Payroll managers sign off each run. A payroll manager earns more.")
    assert [f.role.name for f in discover_roles([payroll_managers], CURATED)] == ["payroll manager"]


def test_a_sentence_naming_another_role_in_a_page_about_one_role_is_about_both():
    from assistant.described import sentence_roles
    from assistant.record import Record, RecordKind

    roles = CURATED.with_roles(
        [
            f.role
            for f in discover_roles(
                [Text("a.md", "x", ("Analytics Engineer",)), Text("b.md", "y", ("Data Product Manager",))], CURATED
            )
        ]
    )
    text = "Analytics engineers write dbt models. Some later become data product managers."
    passage = Record(
        "a.md#0",
        RecordKind.PASSAGE,
        "a.md",
        "Analytics Engineer",
        "Career path",
        0,
        len(text),
        text,
        ((0, 37), (38, len(text))),
    )
    assert sentence_roles(passage, roles) == (
        (frozenset({"analytics_engineer"}), "analytics_engineer"),
        (frozenset({"analytics_engineer", "data_product_manager"}), None),
    )


def test_a_ranked_one_word_title_clipped_words_and_a_title_in_capitals():
    hr = Text("hr.html", "An HRBP advises one business unit.", ("HR Business Partner (HRBP)", "Payroll Specialist"))
    ladder = Text(
        "ladder.docx",
        "Fills prescriptions under a pharmacist. Reports to the staff pharmacist on duty.",
        ("Pharmacy Technician (P1)", "Staff Pharmacist (P2)"),
    )
    vets = Text("vet.pdf", "Veterinary technicians restrain animals. A veterinary technician earns $22.50 an hour.")
    memo = Text(
        "memo.txt",
        "The Warehouse Supervisor runs the second shift. Warehouse Supervisors report to the Operations Manager.",
        ("RE: WAREHOUSE SUPERVISOR ROLE DESCRIPTION", "COMPENSATION"),
    )
    found = {f.role.name: f.role for f in discover_roles([hr, ladder, vets, memo], CURATED)}
    assert {
        "HR business partner",
        "staff pharmacist",
        "pharmacy technician",
        "veterinary technician",
        "warehouse supervisor",
    } <= set(found)
    assert "WAREHOUSE supervisor" not in found
    book = RoleBook(list(found.values()))
    assert book.mentioned("Can a vet tech prescribe?") == ["veterinary_technician"]
    assert book.mentioned("What does a pharmacy tech make?") == ["pharmacy_technician"]
    assert book.mentioned("Who does a staff pharmacist report to?") == ["staff_pharmacist"]


def test_a_document_about_one_role_makes_its_unnamed_sentences_about_it():
    from assistant.described import document_role, sentence_roles
    from assistant.record import Record, RecordKind

    roles = RoleBook.from_dicts(
        [
            {"id": "ws", "name": "warehouse supervisor"},
            {"id": "lc", "name": "logistics coordinator"},
            {"id": "lvt", "name": "licensed veterinary technician"},
            {"id": "vt", "name": "veterinary technician"},
        ]
    )

    def passage(n: int, section: str, text: str) -> Record:
        return Record(
            f"m.txt#{n}", RecordKind.PASSAGE, "m.txt", "MEMORANDUM", section, 0, len(text), text, ((0, len(text)),)
        )

    memo = [
        passage(0, "SUMMARY", "The Warehouse Supervisor runs the second shift. Warehouse supervisors lead a crew."),
        passage(
            1, "REPORTING", "Warehouse Supervisors report to the DC2 Operations Manager; a logistics coordinator helps."
        ),
        passage(2, "TARGETS", "The shift target is 145 units per hour."),
    ]
    assert document_role(memo, roles) == "ws"
    assert sentence_roles(memo[2], roles, "ws") == ((frozenset({"ws"}), None),)
    article = [passage(0, "Pay", "A warehouse supervisor earns more than a logistics coordinator. " * 2)]
    assert document_role(article, roles) is None  # about two roles
    # a licensed veterinary technician is a kind of veterinary technician, not another role
    assert roles.kinds_of(["vt"]) == {"vt", "lvt"} and roles.kinds_of(["lvt"]) == {"lvt"}
    assert roles.broadest(frozenset({"vt", "lvt"})) == {"vt"}


def test_both_roles_are_the_two_a_passage_names():
    from assistant.described import sentence_roles
    from assistant.record import Record, RecordKind

    roles = CURATED.with_roles(
        [f.role for f in discover_roles([Text("hr.html", "x", ("HR Business Partner", "Payroll Specialist"))], CURATED)]
    )
    text = "An HR business partner earns $96,000; a payroll specialist $58,000. Both roles have a probation."
    cut = text.index(" Both")
    passage = Record(
        "hr.html#0", RecordKind.PASSAGE, "hr.html", "HR", "Glance", 0, len(text), text, ((0, cut), (cut + 1, len(text)))
    )
    assert sentence_roles(passage, roles)[1][0] == {"hr_business_partner", "payroll_specialist"}


def test_an_acronym_of_a_title_keeps_the_letters_of_a_word_in_capitals_and_vs_joins_no_title():
    found = discover_roles(
        [
            Text(
                "hr.html",
                "HR Business Partners (HRBPs) advise leaders.",
                ("HR Business Partner", "HRBP vs Payroll Specialist"),
            )
        ],
        CURATED,
    )
    names = {f.role.name: f.role for f in found}
    assert "HRBP" in names["HR business partner"].aliases
    assert not any(" vs " in name for name in names)


def test_a_spelled_out_acronym_takes_its_article_and_a_scrum_master_is_a_job():
    from assistant.claim import _unknown_titles

    book = RoleBook.from_dicts([{"id": "rdh", "name": "registered dental hygienist", "aliases": ["RDH"]}])
    assert book.normalise("What does an RDH earn?") == "What does a registered dental hygienist earn?"
    assert _unknown_titles("What is the salary of a Scrum Master?", book) == ["scrum master"]
    assert _unknown_titles("What does a master's degree give a registered dental hygienist?", book) == []


def test_names_new_users_wrote_jobs_under():
    # trials 7 and 8: a heading's job before its dash, a shouted title's acronym, another name
    # in brackets, and the one-word job that ends one role's name only
    posting = Text(
        "p.md",
        "A paralegal drafts motions. The paralegal reports to an associate.",
        ("Paralegal – Litigation Team (Harlow & Finch LLP)",),
    )
    memo = Text(
        "fd.txt",
        "MEMO - VACANCY: FLIGHT DISPATCHER (FD)\nFD PLANS 40 FLIGHTS. VALID EASA FLIGHT DISPATCHER LICENCE.",
    )
    library = Text(
        "l.txt",
        "SCHOOL LIBRARIAN (Teacher Librarian)\nNew School Librarian posts. Teacher Librarian Services Credential.",
    )
    electricians = Text("e.pdf", "Maintenance Electricians are paid GBP 18.40. A maintenance electrician mentors.")
    found = {f.role.name: f.role.aliases for f in discover_roles([posting, memo, library, electricians], CURATED)}
    assert "paralegal" in found and "flight dispatcher" in found and "FD" in found["flight dispatcher"]
    assert "teacher librarian" not in found and {"teacher librarian", "librarian"} <= set(found["school librarian"])
    assert "electrician" in found["maintenance electrician"]
    two_chefs = [Text("c.docx", "Sous chefs run the pass. Commis chefs prep. A sous chef and a commis chef.")]
    assert all("chef" not in f.role.aliases for f in discover_roles(two_chefs, CURATED))  # "chef" names neither


def test_jobs_trial_nine_wrote_under_and_a_heading_title_its_text_shortens():
    memo = Text(
        "qs.docx",
        "To: All Quantity Surveyors (QS)\nQuantity surveyors receive 25 days of annual leave. "
        "Quantity Surveyors report to the Senior Quantity Surveyor.",
        ("Memo: Leave and on-call rules for Quantity Surveyors",),
    )
    guide = Text(
        "cafe.pdf",
        "The cafe shift lead runs the floor. Shift leads open the cafe. A shift lead counts the tills. "
        "Shift lead pay is $20.50. Shift leads report to the Cafe Manager. The shift lead trains baristas.",
        ("Café Shift Lead",),
    )
    ladder = Text(
        "u.html",
        "Insurance underwriters price risk. Underwriters use RiskLens. Underwriters do not do on-call work.",
        ("Insurance Underwriter career ladder",),
    )
    therapists = Text(
        "rt.md",
        "Respiratory therapists run ventilators. A respiratory therapist works 12-hour shifts. Respiratory "
        "therapists rotate. Registered respiratory therapists hold the RRT. A registered respiratory therapist leads.",
        ("Respiratory Therapist",),
    )
    found = {f.role.name: f.role.aliases for f in discover_roles([memo, guide, ladder, therapists], CURATED)}
    assert {"QS", "surveyor"} <= set(found["quantity surveyor"])  # "surveyor" ends a title, and only this one
    assert "cafe shift lead" in found["shift lead"] and "cafe shift lead" not in found  # one job, as the text says
    assert "underwriter" in found["insurance underwriter"]
    assert "registered respiratory therapist" in found["respiratory therapist"]  # a kind the text rarely names
    assert not any("lead" in name for name in found if name != "shift lead")  # "Lead Underwriter" is a rank


def test_an_accent_makes_no_other_word():
    from assistant.keyword import Analyzer

    book = RoleBook.from_dicts([{"id": "cafe_shift_lead", "name": "cafe shift lead"}])
    assert book.mentioned("What do I need to become a café shift lead?") == ["cafe_shift_lead"]
    assert Analyzer().terms(["Café résumé"]) == Analyzer().terms(["cafe resume"])


def test_a_list_item_follows_on_from_its_lead_in_not_from_the_item_before():
    from assistant.described import sentence_roles
    from assistant.record import Record, RecordKind

    text = "Lido – flight planning (dispatchers)\n\nAIMS – crew rostering (crew control)\n\nThey plan every flight."
    first, second, third = (0, 36), (38, 74), (76, 99)
    passage = Record(
        "w.html#1", RecordKind.PASSAGE, "w.html", "OCC", "Systems", 0, len(text), text, (first, second, third)
    )
    roles = RoleBook.from_dicts([{"id": "fd", "name": "flight dispatcher", "aliases": ["dispatcher"]}])
    about = [r for r, _ in sentence_roles(passage, roles)]
    assert about == [frozenset({"fd"}), frozenset(), frozenset({"fd"})]  # "They ..." goes on from the line before
    led = "Dispatchers use:\nLido – flight planning\nAIMS – crew rostering"
    spans = ((0, 16), (17, 39), (40, 61))
    listed = Record("w.html#2", RecordKind.PASSAGE, "w.html", "OCC", "Systems", 0, len(led), led, spans)
    assert [r for r, _ in sentence_roles(listed, roles)] == [frozenset({"fd"})] * 3  # every item of their list


def test_a_title_after_a_persons_name_is_one_person():
    posting = Text(
        "r.html",
        "Radiographers run the CT list. The post holder reports to the Superintendent Radiographer. "
        "For a chat, contact Priya Raman, Superintendent Radiographer, on extension 4417. "
        "Diagnostic radiographers work shifts. A diagnostic radiographer earns £37,338.",
        ("Diagnostic Radiographer",),
    )
    found = {f.role.name: f.role.aliases for f in discover_roles([posting], CURATED)}
    assert "superintendent radiographer" not in found  # named once with "the", once after a name
    assert "radiographer" in found["diagnostic radiographer"]  # so "radiographers" are the diagnostic ones


def test_a_job_whose_word_names_a_thing_counts_under_a_heading_and_a_profile_names_its_job():
    memo = Text(
        "b.html",
        "Northgate employs 212 bus drivers. Every bus driver reports to a Duty Controller. Install the "
        "printer driver first; the printer driver is on the share.",
        ("Policy Memo OPS-14: Bus Driver Hours, Leave and Overtime",),
    )
    profile = Text("s.docx", "The sommelier runs the wine list. Sommeliers earn £34,000.", ("Role Profile: Sommelier",))
    found = {f.role.name for f in discover_roles([memo, profile], CURATED)}
    assert "bus driver" in found and "printer driver" not in found  # a device's driver, in the text only
    assert "sommelier" in found


def test_jobs_trial_twelve_wrote_under():
    memo = Text(
        "lg.pdf",
        "To: All lifeguards, Riverside Aquatic Centre. It applies to all 28 lifeguards on staff. During a shift, "
        "lifeguards take direction from the Head Lifeguard on duty. Every lifeguard must hold a current certificate.",
        ("Policy Memo AQ-07: Lifeguard Staffing, Scheduling and Certification", "Reporting lines"),
    )
    posting = Text(
        "arb.html",
        "Arborists prune and remove city trees. You will report to the Urban Forestry Supervisor. "
        "Checklists are kept in the truck.",
        ("Arborist (Climber) – Urban Forestry Division", "Checklist"),
    )
    handbook = Text(
        "cru.md",
        "There are 4 CRAs. A Clinical Research Associate monitors sites. Clinical research associates travel.",
        ("Clinical Research Associate (CRA)",),
    )
    ladder = Text(
        "act.docx",
        "Actuaries report to the Chief Actuary. There are currently two Senior Actuaries. "
        "An Associate Actuary leads pricing work.",
        ("ACT4 – Actuary", "ACT5 – Senior Actuary", "ACT3 – Associate Actuary"),
    )
    found = {f.role.name: f.role for f in discover_roles([memo, posting, handbook, ladder], CURATED)}
    assert {"lifeguard", "arborist", "clinical research associate", "actuary"} <= found.keys()
    assert "checklist" not in found  # a word ending in -ist is a job only when it is a person's
    assert "CRA" in found["clinical research associate"].aliases  # "associate" ends a title here
    assert found["actuary"].plural == "actuaries"
    assert "senior actuary" not in found["actuary"].aliases  # a rank of the actuary, not another name for one
    book = RoleBook([found["actuary"], found["lifeguard"]])
    assert book.mentioned("what tools do actuaries use?") == ["actuary"]
    assert [m.plural for m in book.mentions("Actuaries and an actuary")] == [True, False]


def test_a_one_word_job_that_ends_a_longer_title_in_its_document_is_that_title():
    guide = Text(
        "sc.txt",
        "School counselors meet every student. All counselors hold a licence. A school counselor earns $60,000.",
        ("School Counselor Guide", "Counselors and caseloads"),
    )
    found = {f.role.name for f in discover_roles([guide], CURATED)}
    assert "school counselor" in found and "counselor" not in found


def test_jobs_trial_thirteen_wrote_under_and_a_certified_level_is_no_job():
    page = Text(
        "museum.md",
        "Registrars are the museum's record keepers. Conservators treat objects. A conservator reports to the "
        "Senior Conservator. The Collections Registrar runs loans.",
        ("Collections & Conservation Team", "Collections Registrar", "Conservator"),
    )
    posting = Text(
        "crane.html",
        "Tower crane operators run the cranes. A tower crane operator climbs 200 ft.\n"
        "Certified Operator — Hourly rate: $44.75.\nYears of experience for the Certified Operator level.",
        ("Tower Crane Operator", "Pay"),
    )
    found = {f.role.name: f.role for f in discover_roles([page, posting], CURATED)}
    assert {"collections registrar", "conservator", "tower crane operator"} <= found.keys()
    assert "certified operator" not in found  # a level of the crane operators' pay table
    assert "crane op" in found["tower crane operator"].aliases  # as people shorten it


def test_a_plural_of_a_tech_and_of_a_man():
    from assistant.roles import plural_of

    assert [plural_of(n) for n in ("wind tech", "coach", "actuary", "deckhand", "foreman", "midwife")] == [
        "wind techs",
        "coaches",
        "actuaries",
        "deckhands",
        "foremen",
        "midwives",
    ]


def test_a_title_of_three_words_is_shortened_as_people_shorten_it():
    page = Text(
        "wind.pdf",
        "Wind turbine technicians climb towers. A wind turbine technician works four 10-hour shifts.",
        ("Wind Turbine Technician: your first 90 days",),
    )
    found = {f.role.name: f.role for f in discover_roles([page], CURATED)}
    assert {"wind tech", "turbine tech", "wind turbine tech"} <= set(found["wind turbine technician"].aliases)


def test_jobs_trial_fourteen_wrote_under():
    """An FAQ headed "Locksmith Technician" that says "locksmiths" throughout (a credential
    named "Certified Registered Locksmith" is no other locksmith title), and a careers page
    whose "District Ranger Supervisor" holds no job "district ranger"."""
    faq = Text(
        "locksmith.txt",
        "Our locksmiths open safes. Apprentice locksmiths start at $19.50 an hour, and master locksmiths earn "
        "$34. New hires earn the ALOA Certified Registered Locksmith (CRL) credential; masters hold the ALOA "
        "Certified Professional Locksmith (CPL).",
        ("Locksmith Technician - Frequently Asked Questions", "What does a locksmith technician do here?"),
    )
    page = Text(
        "ranger.html",
        "Each ranger reports to the District Ranger Supervisor. Rangers can compete for District Ranger "
        "Supervisor. A park ranger patrols trails; park rangers carry radios.",
        ("Park Ranger", "Career ladder"),
    )
    found = {f.role.name: f.role for f in discover_roles([faq, page], CURATED)}
    assert "locksmith" in found["locksmith technician"].aliases and "locksmith" not in found
    assert "district ranger" not in found and "park ranger" in found
    assert RoleBook(list(found.values())).mentioned("What do apprentice locksmiths earn?") == ["locksmith_technician"]


def test_jobs_trial_fifteen_wrote_under():
    """A job a heading names one way and the text another ("sign language interpreters" under
    "BSL/English Interpreter"), a one-word job used more often alone than in longer titles
    ("concierges" beside "the Chef Concierge", whom they report to and who is no other name
    for them), and "greenkeepers"."""
    html = Text(
        "sli.html",
        "Our sign language interpreters work in hospitals. Every BSL/English interpreter is registered. "
        "Trainee Sign Language Interpreter — Salary: £25,119. "
        "Registered Sign Language Interpreter — Salary: £32,654.",
        ("BSL/English Interpreter", "Pay grades"),
    )
    faq = Text(
        "concierge.txt",
        "Our concierges are the guest's fixer. All concierges report to the Chef Concierge. The desk has six "
        "concierges. Concierges start at $21.50 an hour. Full-time concierges get 10 days of PTO. The next step "
        "is Chef Concierge. A concierge books tables.",
        ("Concierge Desk - Frequently Asked Questions", "What does a concierge do here?"),
    )
    pdf = Text(
        "green.pdf", "Apprentice greenkeepers start at $16. A greenkeeper mows at dawn.", ("Meet the Greenkeepers",)
    )
    found = {f.role.name: f.role for f in discover_roles([html, faq, pdf], CURATED)}
    assert {"sign language interpreter", "concierge", "greenkeeper"} <= found.keys()
    assert "full-time concierge" not in found
    assert "chef concierge" not in found["concierge"].aliases
    assert "BSL interpreter" in found["BSL/English interpreter"].aliases  # each side of a slash


def test_jobs_trial_sixteen_wrote_under():
    """Hospital porters (not only their supervisor), and a season that is no part of a title
    ("seasonal wildland firefighters")."""
    handbook = Text(
        "porter.docx",
        "Hospital porters keep the hospital moving. Porters report to the Portering Supervisor. Full-time porters "
        "work 37.5 hours. Hospital Porter | Band 2 | £23,615.",
        ("6.1 The role of the hospital porter", "6.3 Pay and grading"),
    )
    posting = Text(
        "fire.md",
        "We hire seasonal wildland firefighters each spring. Seasonal wildland firefighters work 14 days on.",
        ("Seasonal Wildland Firefighter", "Pay"),
    )
    found = {f.role.name for f in discover_roles([handbook, posting], CURATED)}
    assert {"hospital porter", "wildland firefighter"} <= found
    assert "seasonal wildland firefighter" not in found


def test_jobs_trial_seventeen_wrote_under():
    """A job its file name names ("warehouse-picker-pay-policy.txt" counts as a heading: the
    build passes it so), and an "Instructor Handbook" whose text says "instructors" throughout
    and once "a ski instructor"."""
    policy = Text(
        "warehouse-picker-pay-policy.txt",
        "This policy covers all order pickers. Pickers use roll cages. Each picker reports to a Team Leader.",
        ("warehouse picker pay policy", "NORTHLINK LOGISTICS", "2. GRADES AND HOURLY RATES"),
    )
    handbook = Text(
        "ski.md",
        "This handbook is for everyone joining us as a ski instructor. Instructors are paid a day rate. "
        "All instructors report to the Head of Snowsports. Most of our instructors move up a level.",
        ("Alpine Peak Ski School — Instructor Handbook", "Pay"),
    )
    found = {f.role.name for f in discover_roles([policy, handbook], CURATED)}
    assert {"warehouse picker", "ski instructor"} <= found


def test_jobs_trials_eighteen_and_nineteen_wrote_under():
    """Jobs no vocabulary lists that the text gives ranks ("Trainee conductors", "Senior
    Conductor"; "Assistant Brewer", "Lead Brewer"), a credential before a title with its
    acronym ("Registered Veterinary Nurses (RVNs)": veterinary nurses, who are the page's
    "nurses" too), a one-word job's other name in brackets ("Arborist (Tree Surgeon)"), and a
    title people only report to, found but told apart."""
    handbook = Text(
        "conductor-handbook.txt",
        "As a conductor you are responsible for passengers. Trainee conductors complete a 14-week programme. "
        "Conductors earn commission. Senior Conductor — £39,200 a year. Many conductors go on to train as "
        "drivers. A mentor conductor helps. Trainee conductor — £27,800 a year.",
        ("conductor handbook", "4.5 Pay"),
    )
    brewery = Text(
        "brewing-handbook.txt",
        "Our craft brewers make every batch. A brewer's duties are milling. Brewers report to the Head Brewer. "
        "Assistant Brewer — $19.00 per hour. Lead Brewer — $28.50 per hour. From Assistant Brewer to Brewer "
        "takes a year, trained by the Lead Brewer.",
        ("stonecroft brewing handbook", "Section 4: Brewers", "4.1 About the role"),
    )
    vets = Text(
        "vets.html",
        "We are looking for Registered Veterinary Nurses (RVNs). Each nurse reports to the Head Nurse. Most of "
        "our nurses run clinics. Newly qualified RVN — Salary: £26,000. Overseas-qualified nurses welcome.",
        ("Careers – Registered Veterinary Nurse", "Pay and rewards"),
    )
    vacancy = Text(
        "westbrook-arborist-vacancy.md",
        "We are looking for an experienced climbing arborist. Arborists climb. The post reports to the Tree "
        "Services Team Leader. A tree surgeon works at height.",
        ("westbrook arborist vacancy", "Arborist (Tree Surgeon) – Parks and Open Spaces"),
    )
    policy = Text(
        "atco.docx",
        "Controllers report operationally to the Watch Supervisor on duty. Watch Supervisors may progress. "
        "Air traffic control officers work shifts. An air traffic control officer holds a licence.",
        ("Air Traffic Control Officer pay policy",),
    )
    found = {f.role.name: f for f in discover_roles([handbook, brewery, vets, vacancy, policy], CURATED)}
    assert {"conductor", "brewer", "veterinary nurse", "arborist", "air traffic control officer"} <= found.keys()
    assert {"nurse", "tree surgeon", "assistant brewer", "westbrook arborist"}.isdisjoint(found)
    assert {"nurse", "registered veterinary nurse", "RVN"} <= set(found["veterinary nurse"].role.aliases)
    assert "tree surgeon" in found["arborist"].role.aliases
    assert found["watch supervisor"].superior and not found["conductor"].superior


def test_jobs_trials_twenty_and_twenty_one_wrote_under():
    """A job the text ranks ends a longer title ("Senior Groomer" makes "dog groomers" a title,
    the groomers its other name), another name the text says it goes by ("sometimes called
    funeral arrangers", "also use the title "pet stylist""), a trade ending in -smith, and a
    file name's company name is no part of a title ("kingsmead-farrier-vacancy.md")."""
    faq = Text(
        "waggy-tails-dog-groomer-faq.docx",
        'Join Waggy Tails as a dog groomer (we also use the title "pet stylist" in our adverts). Our dog groomers '
        "work four days. A Senior Groomer earns more; every Senior Groomer mentors. Groomers keep tips.",
        ("Waggy Tails: Dog Groomer FAQ",),
    )
    policy = Text(
        "hollybrook-pay-policy.pdf",
        "This policy sets out how funeral directors (sometimes called funeral arrangers or, in older contracts, "
        "funeral conductors) are paid. Funeral directors receive 26 days. A funeral director is on call.",
        ("Hollybrook Funerals: Funeral Director Pay Policy",),
    )
    handbook = Text(
        "blacksmith-handbook.txt",
        "This applies to apprentice blacksmiths, blacksmiths and the Master Smith. Apprentice blacksmith, year 1 "
        "— £8.60 per hour. Each blacksmith works one Saturday in four. A blacksmith needs a portfolio.",
        ("Staff Handbook - Section 4: The Forge",),
    )
    vacancy = Text(
        "kingsmead-farrier-vacancy.md",
        "Kingsmead Racing Stables is looking for a Yard Farrier. The Yard Farrier shoes forty horses. Our "
        "farriers work early; an apprentice farrier assists, and a Senior Farrier leads. Apprentice farriers train.",
        ("Vacancy: Yard Farrier, Kingsmead Racing Stables",),
    )
    found = {f.role.name: f.role for f in discover_roles([faq, policy, handbook, vacancy], CURATED)}
    assert {"dog groomer", "funeral director", "blacksmith", "yard farrier"} <= found.keys()
    assert {"groomer", "pet stylist"} <= set(found["dog groomer"].aliases)
    assert "funeral arranger" in found["funeral director"].aliases
    assert "farrier" in found["yard farrier"].aliases
    assert "kingsmead farrier" not in found and not any("kingsmead" in a for r in found.values() for a in r.aliases)


def test_jobs_trials_twenty_two_and_twenty_three_wrote_under():
    """Titles no vocabulary lists that a heading names and the text uses of anyone ("Court
    Usher" over "court ushers", "lock keeper" over "Seasonal lock keepers"), the other names
    a text gives them in many ways ("boaters often call them "lockies"", "we sometimes call
    them kennel hands or animal care assistants", "you will be known as a Ramp Agent"), a
    title and its last words used in the same document only ("Ice Rink Attendant", "rink
    attendants"), a one-word job written as two ("sign writer"), and no "line manager"."""
    usher = Text(
        "court-usher-careers.html",
        "Court ushers keep hearings running. We recruit court ushers every spring. Your line manager is "
        "the Delivery Manager. Line managers approve leave; your line manager signs off training.",
        ("Court Usher", "Who is my line manager?"),
    )
    locks = Text(
        "lock-keeper-recruitment.txt",
        'Seasonal lock keepers (boaters often call them "lockies") help boats through. A lock keeper '
        "works four days on. All lock keepers get a windlass.",
        ("Seasonal lock keeper jobs", "WHAT DOES IT PAY?"),
    )
    kennels = Text(
        "kennel-assistant-profile.docx",
        "A team of eighteen kennel assistants (we sometimes call them kennel hands or animal care assistants) "
        "look after 90 dogs. Every kennel assistant walks dogs. Kennel assistants report to the supervisor.",
        ("Behind the kennel doors: a day with our kennel assistants",),
    )
    ramp = Text(
        "baggage-handler-vacancy.md",
        "We are recruiting twenty baggage handlers. On the ramp you will be known as a Ramp Agent. Baggage "
        "handlers work twelve-hour shifts.",
        ("Baggage Handler vacancy",),
    )
    rink = Text(
        "rink-agreement.txt",
        "This agreement covers Ice Rink Attendants. Rink attendants patrol the ice. Rink attendants sharpen "
        "skates. An ice rink attendant earns £12.15.",
        ("Role of the Ice Rink Attendant",),
    )
    signs = Text(
        "signwriter-interview.pdf",
        "I started as an apprentice signwriter at 19. Most signwriters are self-employed. A signwriter paints "
        "by hand, and a senior signwriter trains the apprentices.",
        ("Signwriter",),
    )
    found = {f.role.name: f.role for f in discover_roles([usher, locks, kennels, ramp, rink, signs], CURATED)}
    assert {"court usher", "lock keeper", "kennel assistant", "baggage handler", "ice rink attendant"} <= found.keys()
    assert "locky" in found["lock keeper"].aliases
    assert {"kennel hand", "animal care assistant"} <= set(found["kennel assistant"].aliases)
    assert "ramp agent" in found["baggage handler"].aliases
    assert "rink attendant" in found["ice rink attendant"].aliases and "rink attendant" not in found
    assert "sign writer" in found["signwriter"].aliases
    assert "line manager" not in found


def test_a_title_is_asked_for_in_either_spelling_and_a_file_names_words_the_text_uses_otherwise_are_dropped():
    """ "mortgage advisor" for a mortgage adviser, "activities co-ordinator" for a coordinator
    (trials 24-25); "petal-and-stem-florist-vacancy.md" names no "stem florist" when the text
    says "Petal & Stem" and "a stem stripper" but never "stem florist"."""
    pages = [
        Text(
            "adviser.html",
            "Our mortgage advisers help buyers. A mortgage adviser earns a bonus.",
            ("Mortgage Adviser",),
        ),
        Text(
            "care.md",
            "Activities coordinators plan the week. An activities coordinator works 30 hours.",
            ("Activities Coordinator",),
        ),
        Text(
            "petal-and-stem-florist-vacancy.md",
            "Petal & Stem is a flower shop. Bring a stem stripper. Our florists make bouquets; a florist earns tips.",
            ("Petal & Stem Flowers — We're hiring a Florist",),
        ),
    ]
    found = {f.role.name: f.role for f in discover_roles(pages, CURATED)}
    assert "mortgage advisor" in found["mortgage adviser"].aliases
    assert "activities co-ordinator" in found["activities coordinator"].aliases
    assert "stem florist" not in found and "florist" in found


def test_the_build_line_tells_roles_from_titles_people_report_to():
    from assistant.build import BuildReport, Plan

    report = BuildReport(
        Plan((), (), (), (), None), roles_found=[("conductor", 1)], superiors_found=["watch supervisor"]
    )
    assert (
        report.roles_line()
        == "roles found: conductor (1 document); also named as whom others report to: watch supervisor"
    )
    report.curated = ["ML engineer", "data scientist"]  # the roles of the YAML files, named too
    assert report.roles_line().endswith("; and from the role data: ML engineer, data scientist")
    report.passing_found = ["retrofit assessor"]  # titles no heading names, in documents about other jobs
    assert "; named in passing: retrofit assessor; and from the role data:" in report.roles_line()


def test_a_rank_makes_no_job_of_a_thing_or_of_a_title_head():
    """ "Senior Center" and "Staff Member" are no jobs, and "Senior Technician" is a rank of a
    technician title, not a job "technician"."""
    text = Text(
        "wind.md",
        "Wind turbine technicians climb. A wind turbine technician works in pairs. After Senior Technician, "
        "some become supervisors. Each Senior Technician mentors. Staff Member lists; every Staff Member. "
        "The Senior Center and the Senior Center annex.",
        ("Wind Turbine Technician", "Members", "Center"),
    )
    found = {f.role.name for f in discover_roles([text], CURATED)}
    assert "wind turbine technician" in found
    assert {"technician", "member", "center"}.isdisjoint(found)


def test_titles_whose_words_make_one_id_make_one_role():
    """ "HIV+ caregivers" and "HIV- caregivers" (SciFact abstracts) would both be hiv_caregiver:
    a role book with two of one id is refused, and the build with it."""
    text = Text(
        "a.txt",
        "HIV+ caregivers were interviewed. HIV+ caregivers reported stress. HIV- caregivers were the controls. "
        "HIV- caregivers reported less.",
    )
    found = discover_roles([text], CURATED)
    ids = [f.role.id for f in found]
    assert len(ids) == len(set(ids))
    RoleBook([*CURATED.roles.values(), *(f.role for f in found)])  # no "duplicate role ids"


def test_jobs_trials_twenty_eight_and_twenty_nine_wrote_under():
    """Other names given in a list after a one-word job ("Phlebotomists are sometimes called blood
    takers, venepuncturists or ..."), after an aside in brackets or "informally", and after "the
    role called"; operatives and colleagues are jobs ("Delivery Colleagues"); a title a heading
    names and the text uses once, then by its last word ("Refuse Loaders", "two loaders"); an
    "X-ing operative" is the X-er of the same documents; a one-word job a heading names after "a"
    ("Become a Signaller"); other names after "we also say", "see it advertised as" and, for "The
    role is also known as", the title said before even a few lines up; "zookeeper" for a zoo
    keeper; no job from "because operators", "fourteen editors", "per instructor", "2nd line"
    nor from a course's name ("IBMS Higher Specialist Diploma")."""
    bloods = Text(
        "phlebotomist-vacancy.md",
        "We need a Phlebotomist. Phlebotomists are sometimes called blood takers, venepuncturists or "
        "phlebotomy assistants. Each phlebotomist sees 70 patients.",
        ("Vacancy: Phlebotomist (Band 3)",),
    )
    lab = Text(
        "bms-pay-policy.docx",
        "Applies to all biomedical scientists. Biomedical scientists are also known as medical laboratory "
        "scientists, healthcare scientists (life sciences) or, informally, lab scientists. Senior posts need "
        "the IBMS Higher Specialist Diploma; a Higher Specialist Diploma takes two years.",
        ("Pay Policy: Biomedical Scientists",),
    )
    bins = Text(
        "refuse-loader-vacancy.html",
        "Join our crews as Refuse Loaders. The role is also known as a waste collection operative, bin crew "
        "member or, to most residents, the bin men. Each crew is a driver and two loaders. All new loaders "
        "complete a course.",
        ("Refuse Loader (Waste Collection Operative)",),
    )
    water = Text(
        "water-treatment-operator-faq.txt",
        "Working as a Water Treatment Operator at our works. You may also see the role called a Process "
        "Operator, Works Operator or Water Process Technician. Operators need a licence, because operators "
        "drive pool vans. New operators train for a year.",
        ("Frequently Asked Questions: Water Treatment Operator",),
    )
    post = Text(
        "postal-handbook.docx",
        "Delivery Colleagues are also known as postal delivery workers, posties or postmen. Every Delivery "
        "Colleague has a walk. Delivery Colleagues start at 6:00am.",
        ("Section 4: Delivery Colleagues",),
    )
    windows = Text(
        "window-cleaner-careers.html",
        "We employ 64 window cleaners. Window cleaning operatives report to their Area Supervisor. A window "
        "cleaner earns £13.25. Window cleaning operatives get a van.",
        ("Careers: Window Cleaner",),
    )
    signals = Text(
        "signaller-careers.html",
        "Every train moves because a signaller has set the route. Signallers report to the Local Operations "
        "Manager. A trainee signaller earns £31,000. We have a team of fourteen editors.",
        ("Become a Signaller", "What is a signaller?"),
    )
    pool = Text(
        "lifeguard-handbook.txt",
        "This section applies to everyone employed as a Pool Lifeguard at our centres. On payslips the job is "
        "called Leisure Attendant. A Leisure Attendant earns £11.90; every Leisure Attendant holds the NPLQ. "
        "Lifeguards rotate every 20 minutes. All lifeguards hold a first aid certificate.",
        ("6.1 About this section",),
    )
    lines = Text(
        "linesworker-interview.txt",
        "Kerry is a Senior Overhead Linesworker. Overhead linesworkers (you will also hear linesman or lineman) "
        "build the poles. Interested in becoming an overhead linesworker?",
        ("Q: What does a linesworker earn?",),
    )
    lorries = Text(
        "hgv-pay-policy.pdf",
        "This policy covers our HGV drivers (also referred to in this document as LGV drivers or lorry drivers, "
        "and called Class 1 or Class 2 drivers after their licence category). Every HGV driver holds a card.",
        ("HGV Driver Pay Policy",),
    )
    zoo = Text(
        "zoo-careers.md",
        "A zoo keeper (we also say animal keeper) looks after animals. Every zoo keeper joins the rota. Zoo "
        "keepers earn £24,950.",
        ("Careers: Zoo Keeper",),
    )
    outdoors = Text(
        "outdoor-pay-policy.docx",
        "This policy sets out pay for Outdoor Activity Instructors at Glenmore Edge, a residential outdoor "
        "education centre in the Cairngorms that hosts school groups, youth organisations and corporate "
        "teams. The role is also known as outdoor pursuits instructor or adventure instructor. Instructors get "
        "£1,500 per instructor per year for kit.",
        ("Pay Policy: Outdoor Activity Instructors",),
    )
    desk = Text(
        "service-desk-faq.txt",
        "The official title is IT Service Desk Analyst. You will also see it advertised as 1st Line Support "
        "Analyst or IT Support Technician. Every IT Service Desk Analyst works shifts with the 2nd line support "
        "engineers.",
        ("Q: What is the job actually called?",),
    )
    sheep = Text(
        "glenbrae-vacancy.html",
        "The shepherd reports to the Farm Manager. Shepherds get a cottage. The shepherd keeps flock records.",
        ("Shepherd (Hill Flock)",),
    )
    masons = Text(
        "stonemason-careers.md",
        "Every heritage stonemason (also called a banker mason) cuts stone. Heritage stonemasons earn £31,400. "
        "Our masons get a tool allowance.",
        ("Careers: Heritage Stonemason",),
    )
    rivers = Text(
        "hydrometry-faq.txt",
        "A: Hydrometry Officers (known in other agencies as a river gauging officer or hydrometric technician) "
        "measure rivers. Every Hydrometry Officer is on the standby rota.",
        ("Q: What does a Hydrometry Officer do?",),
    )
    texts = [bloods, lab, bins, water, post, windows, signals, pool, lines, lorries, zoo, outdoors, desk, sheep]
    found = {f.role.name: f.role for f in discover_roles([*texts, masons, rivers], CURATED)}
    assert "shepherd" in found  # a heading that is only the job names it, "shepherd" or not a thing
    from assistant.other_names import also_called
    from assistant.titles import HEADS

    # a name's first word is kept though it ends like "informally" ("family", "early")
    said = "Our Victim Support Officers are also known as family liaison officers or early years practitioners."
    assert [name for _, name in also_called(said, HEADS)] == ["family liaison officer", "early years practitioner"]
    assert "stone mason" in found["heritage stonemason"].aliases
    assert {"river gauging officer", "hydrometric technician"} <= set(found["hydrometry officer"].aliases)
    assert {"animal keeper", "zookeeper"} <= set(found["zoo keeper"].aliases)
    assert {"outdoor pursuits instructor", "adventure instructor"} <= set(found["outdoor activity instructor"].aliases)
    assert {"1st line support analyst", "IT support technician"} <= set(found["IT service desk analyst"].aliases)
    assert not {"per instructor", "nd line support engineer"} & found.keys()
    assert "leisure attendant" in found["lifeguard"].aliases  # through "pool lifeguard"
    assert {"linesman", "lineman"} <= set(found["overhead linesworker"].aliases)
    assert {"LGV driver", "lorry driver"} <= set(found["HGV driver"].aliases)
    assert not any("after" in a for a in found["HGV driver"].aliases)
    assert "signaller" in found and "fourteen editor" not in found
    assert {"blood taker", "venepuncturist", "phlebotomy assistant"} <= set(found["phlebotomist"].aliases)
    assert {"medical laboratory scientist", "healthcare scientist", "lab scientist"} <= set(
        found["biomedical scientist"].aliases
    )
    assert "waste collection operative" in found["refuse loader"].aliases
    assert {"process operator", "works operator", "water process technician"} <= set(
        found["water treatment operator"].aliases
    )
    assert {"postal delivery worker", "postman"} <= set(found["delivery colleague"].aliases)
    assert "window cleaning operative" in found["window cleaner"].aliases
    assert not {"because operator", "higher specialist", "water process technician", "window cleaning operative"} & (
        found.keys()
    )


def test_jobs_trials_thirty_six_and_thirty_seven_wrote_under():
    """A crew a heading names is a job ("Cabin Crew", and the other names its members go by),
    unless a heading of its documents names another job whose team it is (the "engine crew" of
    wildland firefighters); "The Purser (also called the Ship's Purser or ...)" gives the one-word
    job's other names, article and possessive kept right; a list of other names stops at a dash
    and skips a place ("or, around the airfield, simply 'fuellers' - put ..."); a senior's other
    name ("the Senior Cabin Crew Member, sometimes called the Number 1") is no name of the job."""
    cabin = Text(
        "cabin-crew-faq.html",
        "Thinking of joining us as Cabin Crew? Our cabin crew members (you may know them as flight attendants, "
        "stewards and stewardesses, or cabin attendants) fly from Gatwick. New cabin crew are paid £17,250. "
        "On board, you report to the Senior Cabin Crew Member, sometimes called the “Number 1”.",
        ("Cabin Crew: your questions answered",),
    )
    engine = Text(
        "wildland-firefighter-posting.md",
        "We are hiring seasonal wildland firefighters. Our engine crews protect the forest. The engine crew "
        "reports to the Engine Captain. Wildland firefighters work 14 days on.",
        ("Seasonal Wildland Firefighter – Engine Crew",),
    )
    ferry = Text(
        "ferry-purser-pay-policy.docx",
        "This policy sets out pay for Pursers employed by Northern Strait Ferries. The Purser (also called the "
        "Ship's Purser or Hotel Services Officer) runs the ship's office. Assistant Pursers report to the "
        "Chief Purser.",
        ("Pay and Allowances Policy: Pursers",),
    )
    fuel = Text(
        "aircraft-refueller-profile.pdf",
        "Priya has worked as an aircraft refueller for four years. Refuellers - also known as into-plane "
        "fuellers, aviation refuelling operatives or, around the airfield, simply 'fuellers' - put Jet A-1 "
        "fuel into 180 aircraft a day. Every aircraft refueller holds a licence.",
        ("Meet the team: a day in the life of an aircraft refueller",),
    )
    found = {f.role.id: f.role for f in discover_roles([cabin, engine, ferry, fuel], CURATED)}
    assert set(found["cabin_crew"].aliases) >= {"flight attendant", "steward", "cabin attendant"}
    assert "number 1" not in found["cabin_crew"].aliases
    assert "engine_crew" not in found and "wildland_firefighter" in found
    assert {"ship's purser", "hotel services officer"} <= set(found["purser"].aliases)
    refueller = found["aircraft_refueller"].aliases
    assert {"into-plane fueller", "aviation refuelling operative", "fueller"} <= set(refueller)
    assert not [a for a in refueller if "airfield" in a or "jet" in a]


def test_other_names_trials_thirty_seven_to_thirty_nine_gave():
    """Other names after "you'll also see" in quotes, "call the role a", "often just call them
    'the food inspector'" (said of another name of the job), and "the same job is called" (of
    the title said before that sentence, not "leisure operators"); "and" joins the words of
    one name ("Revenues and Benefits Assessor") but not two names ("stewards and
    stewardesses"); an acronym in a list keeps its capitals ("a PT")."""
    copy = Text(
        "copy-editor-profile.md",
        'Copy editors — you\'ll also see "copyeditor", "desk editor" or, on newspapers and magazines, '
        '"sub-editor" — work on the manuscript. Every copy editor checks house style.',
        ("Meet our Copy Editor",),
    )
    gym = Text(
        "personal-trainer-vacancy.md",
        "We are looking for a Personal Trainer to join a team of eight trainers. Some members call the role a "
        "PT, a fitness coach or a Level 3 fitness instructor. Every personal trainer gets a uniform.",
        ("Personal Trainer",),
    )
    centre = Text(
        "leisure-centre-duty-manager.html",
        "What is a Duty Manager? The Duty Manager runs the centre during their shift. In other leisure "
        "operators the same job is called a shift manager, a centre supervisor or a duty officer.",
        ("Duty Manager careers",),
    )
    eho = Text(
        "eho-profile.txt",
        "Environmental Health Officers are also known as Environmental Health Practitioners, and people in the "
        'food trade often just call them "the food inspector" or "the health inspector". Every environmental '
        "health officer carries a thermometer.",
        ("Profile: Environmental Health Officer",),
    )
    pests = Text(
        "pest-control-pay-policy.docx",
        "This policy sets out pay for Pest Control Technicians employed in the Pest Control Service. In job "
        "adverts the role may also be called Pest Control Officer, Rodent Control Operative or, informally, "
        "exterminator. Every pest control technician holds the RSPH award.",
        ("Pay Policy for Pest Control Technicians",),
    )
    benefits = Text(
        "benefits-assessor-handbook.pdf",
        "This section explains the role of the Benefits Assessor. The job is also known as Benefits Officer, "
        "Benefits Processor or Revenues and Benefits Assessor. "
        "Every benefits assessor is trained.",
        ("Section 4: The Benefits Assessor",),
    )
    found = {f.role.id: f.role for f in discover_roles([copy, gym, centre, eho, pests, benefits], CURATED)}
    assert {"pest control officer", "exterminator"} <= set(found["pest_control_technician"].aliases)  # "may also be"
    assert {"copyeditor", "desk editor", "sub-editor"} <= set(found["copy_editor"].aliases)
    assert "desk_editor" not in found
    assert {"PT", "fitness coach"} <= set(found["personal_trainer"].aliases)
    assert "pt" not in found["personal_trainer"].aliases
    assert {"shift manager", "centre supervisor", "duty officer"} <= set(found["duty_manager"].aliases)
    assert {"food inspector", "health inspector"} <= set(found["environmental_health_officer"].aliases)
    assert "revenues and benefits assessor" in found["benefits_assessor"].aliases
    assert "revenue" not in found["benefits_assessor"].aliases


def test_a_coach_a_heading_names_is_a_job_and_an_award_named_coach_is_not():
    """ "Head Tennis Coach" in the title of an interview is the job (trial 38, whose five
    tennis questions all abstained), while "Level 3 Club Coach" and "county coach" in its text
    are awards and steps of it."""
    tennis = Text(
        "tennis-coach-interview.txt",
        "We asked her what it takes to become a tennis coach. You start with the Level 3 Club Coach "
        "qualification. Later you can work for the LTA as a county coach. Most club coaches teach juniors.",
        ("MEET THE COACH: A DAY IN THE LIFE OF OUR HEAD TENNIS COACH",),
    )
    found = {f.role.id for f in discover_roles([tennis], CURATED)}
    assert "tennis_coach" in found
    assert not found & {"club_coach", "county_coach"}


def test_other_names_trials_forty_and_forty_one_gave():
    """'parents often still say "the dinner lady"', "the job goes by several names: tally
    clerk, ...", "you may know this job as ..." give other names; a reader a heading names is
    a job ("METER READER - FREQUENTLY ASKED QUESTIONS"), a card reader in the text is not."""
    cook = Text(
        "school-cook-pay-policy.docx",
        "This policy covers the School Cook role. In some schools the School Cook is known as the Unit Cook, and "
        'pupils and parents often still say "the dinner lady". Every school cook holds a food hygiene award.',
        ("School Cook Pay Policy",),
    )
    port = Text(
        "container-checker-profile.pdf",
        "Dawn has worked as a Container Checker for nine years. Around the port the job goes by several names: "
        "tally clerk, quay checker or yard checker. Every container checker carries a tablet.",
        ("Meet the Team: A Shift with a Container Checker",),
    )
    meters = Text(
        "meter-reader-faq.txt",
        "Questions asked by people applying to join us as a Meter Reader. In our adverts the same job is sometimes "
        "called Meter Reading Agent. Meter Readers visit homes; each meter reader taps a card reader at the depot.",
        ("METER READER - FREQUENTLY ASKED QUESTIONS",),
    )
    porter = Text(
        "night-porter-handbook.md",
        "Welcome to the team as a Night Porter at The Harbourside Hotel. Guests and some of our older colleagues "
        'still call the role the "night concierge"; on the rota it appears as "NP". Every night porter has a radio.',
        ("Section 7: The Night Porter",),
    )
    cnc = Text(
        "cnc-machinist-careers.html",
        "Halden Precision makes aerospace parts; the people who set and run our machines are at the heart of the "
        "business. Depending on where you have worked before, you may know this job as a CNC setter-operator, "
        "CNC miller or CNC turner. Every CNC machinist reads drawings.",
        ("Careers: CNC Machinist (Setter/Operator)",),
    )
    found = {f.role.id: f.role for f in discover_roles([cook, port, meters, porter, cnc], CURATED)}
    # ("this job" with no title before it in the text: the one its heading names)
    assert {"CNC setter-operator", "CNC miller"} <= set(found["cnc_machinist"].aliases)
    assert "night concierge" in found["night_porter"].aliases  # not the "older colleagues'" name
    assert "dinner lady" in found["school_cook"].aliases
    assert {"tally clerk", "quay checker", "yard checker"} <= set(found["container_checker"].aliases)
    assert "meter reading agent" in found["meter_reader"].aliases and "card_reader" not in found


def test_jobs_and_other_names_trials_forty_two_and_forty_three_wrote():
    """ "X is called Y, or Z" names X's job otherwise when X is said right before it (not "the
    course is called ..."); an experienced Senior Barber's "(you may know the job as ...)"
    under a heading naming the senior barber gives the job's other names; a company's name
    before a job ("A full-time RoadReady instructor", "Clearview Opticians") is no job's, and
    "qualified", "self-employed" or "says" are no words of a job's name."""
    driving = Text(
        "driving-instructor-careers.html",
        "RoadReady Driving School has 64 instructors. We train new instructors and welcome qualified instructors "
        "who want to join us. In the UK a fully qualified driving instructor is called an Approved Driving "
        "Instructor, or ADI. The theory course is called Road Sense. A full-time RoadReady instructor teaches 35 "
        "hours a week. As a self-employed instructor you pay a weekly fee. Every driving instructor keeps a diary.",
        ("Careers: Become a Driving Instructor", "Become a Driving Instructor with RoadReady"),
    )
    barber = Text(
        "barber-vacancy.md",
        "We are looking for an experienced Senior Barber (you may know the job as a men's hairdresser, gents' "
        "barber or barber stylist) to join our team. The Senior Barber reports to the Shop Manager. Every "
        "Senior Barber cuts 20 heads a day. On my tax return it says shoe repairer.",
        ("Senior Barber – Full Time – Kingsley & Co. Barbers",),
    )
    optical = Text(
        "optical-assistant-handbook.pdf",
        "Clearview Opticians – Staff Handbook. Optical assistants are the first people our patients meet; at "
        "Clearview we use the title optical assistant. Every optical assistant greets patients.",
        ("Section 4: Working as an Optical Assistant",),
    )
    relay = Text(
        "sign-language-interpreter.html",
        "Our Deaf relay interpreters work with Deaf and hearing colleagues. Each Deaf relay interpreter is Deaf.",
        ("Deaf Relay Interpreter",),
    )
    found = {f.role.id: f.role for f in discover_roles([driving, barber, optical, relay], CURATED)}
    assert {"approved driving instructor", "ADI"} <= set(found["driving_instructor"].aliases)
    assert not any("road sense" in a.lower() for a in found["driving_instructor"].aliases)
    assert {"men's hairdresser", "barber stylist"} <= set(found["senior_barber"].aliases)
    assert "deaf_relay_interpreter" in found  # (a word of a service's name, not a company's)
    for junk in ("roadready_instructor", "self_employed_instructor", "welcome_qualified_instructor"):
        assert junk not in found
    assert "clearview_optician" not in found and "says_shoe_repairer" not in found


def test_a_job_the_text_ranks_and_names_otherwise_under_a_file_name_naming_it():
    """Trial 44's policy: "Assistant Houseparents, Houseparents and Senior Houseparents"
    rank a word no vocabulary lists, and "A Houseparent is also known as a Boarding
    Houseparent" named the job the file name names another way: the two names had each
    been the other's and neither a role (and a loop through them had never ended)."""
    policy = Text(
        "boarding-houseparent-pay-policy.docx",
        "It covers Assistant Houseparents, Houseparents and Senior Houseparents. A Houseparent is also known as a "
        "Boarding Houseparent, Residential Houseparent or House Tutor. Houseparents live in the boarding house. "
        "Houseparents report to the Housemaster. Senior Houseparents are paid more than Assistant Houseparents.",
        ("St Aldric's School: Boarding Staff Pay and Allowances Policy", "2. Role summary"),
    )
    found = {f.role.id: f.role for f in discover_roles([policy], CURATED)}
    (role,) = [r for r in found.values() if r.name.lower().endswith("houseparent")]
    assert {"residential houseparent", "house tutor"} <= {a.lower() for a in role.aliases}
    assert "houseparent" in {role.name.lower(), *(a.lower() for a in role.aliases)}


def test_jobs_and_other_names_trials_forty_four_and_forty_five_wrote():
    """A heading using an acronym the text spells out as a title names that title ("What does
    a SENCO actually do?" over "the Special Educational Needs Coordinator (SENCO)"); a file
    name naming a heading's title without its middle words is another name of it
    ("cctv-operator-careers.html" under "Working as a CCTV Control Room Operator"); a
    qualification's name holds no job ("the Level 2 Award for Working as a CCTV Operator");
    "usually called PCSOs and sometimes community support officers" lists two names."""
    senco = Text(
        "senco-staff-profile.pdf",
        "Daniel has been the Special Educational Needs Coordinator (SENCO) at Brookside Primary School for six "
        "years. I work with class teachers every day.",
        ("A day in the life: the SENCO", "What does a SENCO actually do?"),
    )
    cctv = Text(
        "cctv-operator-careers.html",
        "CCTV Control Room Operators watch over the town centre. Every CCTV control room operator works 12-hour "
        "shifts. We will pay for the Level 2 Award for Working as a CCTV Operator before you start.",
        ("Careers: CCTV Control Room Operator | Northvale Borough Council", "Working as a CCTV Control Room Operator"),
    )
    pcso = Text(
        "pcso-faq.docx",
        "Police Community Support Officers, usually called PCSOs and sometimes community support officers or "
        "neighbourhood support officers, are uniformed police staff. Every PCSO patrols on foot.",
        ("Police Community Support Officer FAQ",),
    )
    found = {f.role.id: f.role for f in discover_roles([senco, cctv, pcso], CURATED)}
    assert "SENCO" in found["special_educational_needs_coordinator"].aliases
    assert "cctv operator" in found["cctv_control_room_operator"].aliases and "cctv_operator" not in found
    aliases = set(found["police_community_support_officer"].aliases)
    assert {"PCSO", "neighbourhood support officer"} <= aliases
    assert not any(" and " in a for a in aliases)


def test_jobs_and_other_names_trials_forty_six_and_forty_seven_wrote():
    """'on site you'll hear "brickie", "trowel tradesman" ...' gives other names; a file name
    keeps the hyphens its text writes ("face-to-face-fundraiser-careers.html" names no "face
    fundraiser"); a heading naming an office of something is that job ("Vacancy: Registrar of
    Births, Deaths and Marriages"); "Competent Firefighter" is a firefighter at a level."""
    bricks = Text(
        "bricklayer-vacancy.md",
        'We are recruiting experienced bricklayers (on site you\'ll hear "brickie", "trowel tradesman" or '
        '"masonry operative" - it is the same job). Every bricklayer works in a gang.',
        ("Bricklayers wanted",),
    )
    fundraiser = Text(
        "face-to-face-fundraiser-careers.html",
        "Join Brightwater Trust as a face-to-face fundraiser. Our face-to-face fundraisers are the people you "
        "meet on the street. Every face-to-face fundraiser is paid by the hour.",
        ("Careers: Face-to-Face Fundraiser",),
    )
    registrar = Text(
        "registrar-vacancy.md",
        "Registrars register births and deaths and conduct marriages. You will report to the Superintendent "
        "Registrar. As a registrar you will work Saturdays.",
        ("Vacancy: Registrar of Births, Deaths and Marriages",),
    )
    firefighters = Text(
        "on-call-firefighter-pay-policy.txt",
        "This policy covers on-call firefighters. A Competent Firefighter is paid £15.69 an hour; a trainee "
        "on-call firefighter less. Every on-call firefighter carries a pager.",
        ("ON-CALL FIREFIGHTER PAY POLICY",),
    )
    found = {f.role.id: f.role for f in discover_roles([bricks, fundraiser, registrar, firefighters], CURATED)}
    assert {"brickie", "trowel tradesman"} <= set(found["bricklayer"].aliases)
    assert "face_fundraiser" not in found and "face_to_face_fundraiser" in found
    assert "registrar" in found
    assert "competent_firefighter" not in found


def test_other_names_a_handbook_gives_where_titles_vary():
    """Trial 47's handbook: "the post appears as ..." and "other councils call the same job a
    ..." give other names; a list that runs past what is read loses the name it cuts ("... or
    Collection Of" had given the name "collection of"), not one whose aside it cuts."""
    handbook = Text(
        "revenues-recovery-officer-handbook.txt",
        "A Council Tax Recovery Officer collects council tax that has not been paid on time. Job titles vary: "
        "in this handbook and on payslips the post appears as Revenues Recovery Officer, and other councils call "
        "the same job a Council Tax Officer, Revenues Officer or Collection Officer. Recovery officers are "
        "office-based. Every recovery officer holds a caseload.",
        ("Section 4: Council Tax Recovery Team", "4.1 THE ROLE"),
    )
    (role,) = [f.role for f in discover_roles([handbook], CURATED) if f.role.name.lower().endswith("recovery officer")]
    assert {"council tax officer", "collection officer", "revenues recovery officer"} <= set(role.aliases)
    assert not any(a.endswith(" of") for a in role.aliases)


def test_a_firm_of_two_names_before_a_title_is_no_job():
    """Trial 46's careers page: "Calder & Finch Cost Consultants" is the firm ("at Calder &
    Finch our QSs ..."), not a "finch cost consultant" whom every passage of the page was then
    about; "usually just called a QS, and sometimes a cost consultant" gives other names."""
    page = Text(
        "quantity-surveyor-careers.html",
        "Quantity Surveying careers at Calder & Finch. A quantity surveyor (usually just called a QS, and sometimes "
        "a cost consultant or, on the contractor side, a commercial surveyor) manages the cost of a building "
        "project. At Calder & Finch our QSs work for the client. Every quantity surveyor has a mentor.",
        ("Careers in Quantity Surveying | Calder & Finch Cost Consultants", "What does a quantity surveyor do?"),
    )
    found = {f.role.id: f.role for f in discover_roles([page], CURATED)}
    assert "finch_cost_consultant" not in found and "cost_consultant" not in found
    assert {"QS", "cost consultant", "commercial surveyor"} <= set(found["quantity_surveyor"].aliases)


def test_other_names_trials_forty_eight_to_fifty_one_gave():
    """Ways of giving a job's other names that trials 48-51 wrote and discovery had missed:
    "still widely called", "also known here as", "also known on site as", "referred to in job
    adverts and older contracts as", "the same job may be called", "which customers also call
    X, Y or Z", "people call us ...", "you will also hear projectionists called ...", and a
    one-word job before "also called" ("Ushers, also called ..."); a list ends with its name
    after "or" ("... or theatre stewards, look after ...")."""
    texts = [
        Text(
            "enforcement-agent-careers.html",
            "Our enforcement agents visit debtors. Enforcement agents are still widely called bailiffs; you may "
            "also see the job advertised as civil enforcement agent or field agent. Every enforcement agent has "
            "a body-worn camera.",
            ("Careers: Enforcement Agent",),
        ),
        Text(
            "gallery-technician-vacancy.md",
            "We are hiring a gallery technician. The job is also known here as art handler, exhibitions "
            "technician or installer. Every gallery technician works on installs.",
            ("Gallery Technician",),
        ),
        Text(
            "returns-clerk-handbook.txt",
            "Returns Clerks (also known on site as Returns Processors or Reverse Logistics Operatives) handle "
            "returned items. Every returns clerk uses a scanner.",
            ("RETURNS CLERK HANDBOOK",),
        ),
        Text(
            "stock-controller-pay-policy.docx",
            "It applies to Stock Controllers, who are also referred to in job adverts and older contracts as "
            "Inventory Controllers or Stock Auditors. Every stock controller counts stock.",
            ("Pay policy: Stock Controllers",),
        ),
        Text(
            "credit-controller-faq.txt",
            "Credit controllers chase unpaid invoices. In other companies the same job may be called credit "
            "control clerk or accounts receivable officer. Every credit controller has a ledger.",
            ("CREDIT CONTROLLER FAQ",),
        ),
        Text(
            "beauty-therapist-pay-policy.docx",
            "This policy is for beauty therapists. It covers every grade of the role, which customers and job "
            "boards also call beautician, aesthetician or skin therapist. Every beauty therapist has a room.",
            ("Beauty Therapist Pay Policy",),
        ),
        Text(
            "cinema-projectionist-profile.pdf",
            "Officially my title is Chief Projectionist, but you will also hear projectionists called cinema "
            "technicians or booth operators. Projectionists work late.",
            ("Behind the Booth: A Day with Our Projectionist",),
        ),
        Text(
            "theatre-usher-careers.html",
            "Ushers, also called front of house assistants or theatre stewards, look after our audiences. Ushers "
            "are paid by the hour.",
            ("Careers: Usher",),
        ),
    ]
    found = {f.role.id: f.role for f in discover_roles(texts, CURATED)}
    assert {"bailiff", "civil enforcement agent"} <= set(found["enforcement_agent"].aliases)
    assert {"art handler", "exhibitions technician"} <= set(found["gallery_technician"].aliases)
    assert {"returns processor", "reverse logistics operative"} <= set(found["returns_clerk"].aliases)
    assert {"inventory controller", "stock auditor"} <= set(found["stock_controller"].aliases)
    assert {"credit control clerk", "accounts receivable officer"} <= set(found["credit_controller"].aliases)
    assert {"beautician", "aesthetician", "skin therapist"} <= set(found["beauty_therapist"].aliases)
    assert {"cinema technician", "booth operator"} <= set(found["projectionist"].aliases)
    assert {"front of house assistant", "theatre steward"} <= set(found["usher"].aliases)
    assert not any(a.startswith("look") for a in found["usher"].aliases)


def test_a_title_joining_two_words_with_and_or_of_is_one_job():
    """Trial 51's pay policy for "Instrumental and Vocal Teachers" had made four jobs of one
    (a "vocal teacher" with the other names, an "instrumental teacher" with the pay table, ...):
    in a title's capitals, "and" joins two words of one name, and its first side with the
    occupation ("instrumental teachers") is the same job; two jobs joined by "and" stay two."""
    assert title_runs("Each Instrumental and Vocal Teacher reports to an Area Lead Teacher")[0] == [
        "Instrumental",
        "and",
        "Vocal",
        "teacher",
    ]
    assert title_runs("Health and Safety Adviser") == [["Health", "and", "Safety", "adviser"]]
    assert title_runs("Teachers and Teaching Assistants") == []  # two jobs
    # ... and "of" too (trial 50's "house manager" was the Front of House Manager), not after a rank
    assert title_runs("The next step is Front of House Manager, on") == [["Front", "of", "House", "manager"]]
    assert title_runs("the Head of Care Manager") == [["Care", "manager"]]
    # (a body named for people is no title: trial 49's "Regional Magistrates' Courts Service")
    assert title_runs("Regional Magistrates' Courts Service") == []
    assert title_runs("Regional Magistrates sit in court") == [["Regional", "magistrate"]]
    assert title_runs("doctors and nurse practitioners") == [["nurse", "practitioner"]]
    policy = Text(
        "music-teacher-pay-policy.txt",
        "This policy covers Instrumental and Vocal Teachers. The role is also known as peripatetic music teacher "
        "or instrumental tutor. Instrumental and Vocal Teachers travel between schools. Unqualified Instrumental "
        "Teachers are paid GBP 24,400, and the Hub funds a certificate for Unqualified Instrumental Teachers. "
        "Every Instrumental and Vocal Teacher reports to an Area Lead Teacher.",
        ("Instrumental and Vocal Teachers: Pay, Travel and Allowances Policy",),
    )
    found = {f.role.id: f.role for f in discover_roles([policy], CURATED)}
    role = found["instrumental_and_vocal_teacher"]
    assert {"peripatetic music teacher", "instrumental tutor", "instrumental teacher"} <= set(role.aliases)
    assert not {"vocal_teacher", "instrumental_teacher"} & found.keys()
    assert not any(a.startswith("and ") or a.startswith("IAV") for a in role.aliases)


def test_other_names_trials_fifty_two_to_fifty_five_gave():
    """More ways of giving other names, from trials 54 and 55: "also known within the business
    and by our customers as", "also known on some client contracts as", "seen the same job
    advertised elsewhere as", "you might hear the job called"."""
    texts = [
        Text(
            "telecoms-rigger-pay-policy.txt",
            "Riggers are also known within the business and by our customers as mast climbers, tower climbers or "
            "antenna riggers; this policy applies to all of them. Every telecoms rigger climbs.",
            ("TELECOMS RIGGER PAY POLICY",),
        ),
        Text(
            "lettings-negotiator-vacancy.md",
            "We need a lettings negotiator. You may have seen the same job advertised elsewhere as a lettings "
            "consultant or rental negotiator - it is the same role. Every lettings negotiator drives.",
            ("Lettings Negotiator",),
        ),
        Text(
            "inventory-clerk-careers.html",
            "Inventory clerks check properties. You might hear the job called a property inventory clerk or "
            "inventory assessor. Every inventory clerk writes reports.",
            ("Careers: Inventory Clerk",),
        ),
        Text(
            "facilities-coordinator-pay-policy.docx",
            "The Facilities Coordinator role is also known on some client contracts as FM Coordinator or "
            "Helpdesk Coordinator. Every facilities coordinator works shifts.",
            ("Facilities Coordinator Pay Policy",),
        ),
    ]
    texts.append(  # a place in brackets is no other name (a worker's name is, when the text uses it)
        Text(
            "store-manager.md",
            "Store managers run stores. Every store manager has keys.",
            ("Store Manager (Manchester)",),
        )
    )
    found = {f.role.id: f.role for f in discover_roles(texts, CURATED)}
    assert "manchester" not in found["store_manager"].aliases
    assert {"mast climber", "tower climber"} <= set(found["telecoms_rigger"].aliases)
    assert {"lettings consultant", "rental negotiator"} <= set(found["lettings_negotiator"].aliases)
    assert {"property inventory clerk", "inventory assessor"} <= set(found["inventory_clerk"].aliases)
    assert {"FM coordinator", "helpdesk coordinator"} <= set(found["facilities_coordinator"].aliases)


def test_jobs_trials_fifty_six_to_fifty_nine_wrote_under():
    """Jobs missed in trials 56-58: a word for a person ending in "person"; a job the file name
    and the title name, that the text calls "the Dairy Herdsperson" throughout; a title whose
    last word the text uses alone ("each jointer", "as jointers"); and two jobs ending in
    "support worker", of two documents, that had become one "support worker"."""
    texts = [
        Text(
            "dairy-herdsperson-vacancy.md",
            "We are looking for an enthusiastic Dairy Herdsperson to join our team. The Dairy Herdsperson "
            "reports to the Herd Manager and milks twice a day.",
            ("Vacancy: Dairy Herdsperson – Llwyn Onn Farm", "Hours and rota"),
        ),
        Text(
            "poultry-stockperson-careers.html",
            "Our poultry stockpersons look after 40,000 birds. A poultry stockperson starts at 6 a.m. "
            "Stockpersons use Fancom climate controllers to set the ventilation, and use Fancom climate controllers for alarms.",
            ("Poultry Stockperson", "Your day"),
        ),
        Text(
            "cable-jointer-vacancy.md",
            "We are looking for an experienced HV Cable Jointer. As a cable jointer you will repair cables with "
            "your mate. Each jointer has a van. Every new jointer joins our academy. Many managers started as "
            "jointers.",
            ("Vacancy: HV Cable Jointer (11kV / 33kV)", "Pay and allowances"),
        ),
        Text(
            "imaging-support-worker.txt",
            "Imaging Support Workers (ISWs) help radiographers. An imaging support worker earns £24,000. "
            "Imaging support workers work days.",
            ("IMAGING SUPPORT WORKER: FAQ",),
        ),
        Text(
            "theatre-support-worker.docx",
            "Theatre support workers, also called perioperative support workers, prepare theatres. A theatre "
            "support worker earns £23,000. Some go on to become theatre practitioners, and theatre "
            "practitioners earn more.",
            ("Theatre Support Worker Handbook",),
        ),
    ]
    everything = discover_roles(texts, CURATED)
    found = {f.role.id: f.role for f in everything}
    # (a job the documents name in passing, no heading naming it, is listed apart by the build)
    passing = {f.role.id for f in everything if f.passing}
    assert "theatre_practitioner" in passing and not passing & {"theatre_support_worker", "cable_jointer"}
    assert {"dairy_herdsperson", "poultry_stockperson"} <= found.keys()
    assert [r.id for r in found.values() if "cable jointer" in (r.name.lower(), *r.aliases)] == ["hv_cable_jointer"]
    assert {"imaging_support_worker", "theatre_support_worker"} <= found.keys() and "support_worker" not in found
    assert not [r for r in found if r.startswith("use_")]  # "... use Fancom climate controllers to ..." names no job


def test_other_names_trials_fifty_six_to_fifty_nine_gave():
    """More ways of giving other names: "some people say", "still call us", "still call the job",
    "seen this job advertised elsewhere as", "is sometimes advertised elsewhere as", "known across
    the Trust as", "X, Y and Z all describe this job", "this kind of job advertised as",
    "customers call me"."""
    texts = [
        Text(
            "hydro-plant-operator-interview.txt",
            "Officially I'm a Hydro Plant Operator. Some people say hydro station operator or just shift operator, "
            "and the old hands still call us station attendants. Every hydro plant operator works shifts; "
            "a shift operator at the dam and a shift operator at the loch.",
            ("Hydro Plant Operator: an interview",),
        ),
        Text(
            "packaging-machine-operator-careers.html",
            "Packaging machine operators run our lines. You might have seen this job advertised elsewhere as a "
            "packing line operator, a line operator or a packaging technician. Every packaging machine operator "
            "works shifts, and a line operator on nights is paid more.",
            ("Packaging Machine Operator",),
        ),
        Text(
            "dairy-herdsperson-vacancy.md",
            "A dairy herdsperson milks cows. The role is sometimes advertised elsewhere as a herdsman or cowman. "
            "Every dairy herdsperson works a rota.",
            ("Dairy Herdsperson",),
        ),
        Text(
            "patient-transport-driver.html",
            "Patient transport drivers – known across the Trust as Ambulance Care Assistants (ACAs) or PTS crew – "
            "take patients to clinics. Every patient transport driver has a licence.",
            ("Patient Transport Driver",),
        ),
        Text(
            "mortuary-technician.md",
            "My title is anatomical pathology technologist. Most people say mortuary technician. Every mortuary "
            "technician is on call, and anatomical pathology technologists train for two years.",
            ("Mortuary Technician",),
        ),
        Text(
            "leakage-technician-careers.html",
            "A leakage technician, also known as a leak detection technician, a leakage inspector or, on the "
            'network, a "leak hunter", tracks down leaks. Every leakage technician works nights.',
            ("Leakage Technician",),
        ),
        Text(
            "volunteer-coordinator-careers.html",
            "Volunteer coordinators recruit volunteers. Elsewhere you may see this kind of job advertised as "
            "Volunteer Manager, Volunteering Officer or Volunteer Engagement Officer. Every volunteer coordinator "
            "drives.",
            ("Volunteer Coordinator",),
        ),
        Text(
            "drainage-engineer-profile.pdf",
            "I'm a drainage engineer. Customers call me the drain unblocker, which I don't mind. Every drainage "
            "engineer is on call one week in four.",
            ("Drainage Engineer: a profile",),
        ),
        Text(
            "maintenance-fitter-faq.txt",
            "Q: Is this the same as a mechanical maintenance engineer?\nA: Yes. Maintenance fitter, mechanical "
            "maintenance engineer and multi-skilled fitter all describe this job. Every maintenance fitter works "
            "shifts, and a mechanical maintenance engineer on nights is paid more.",
            ("Maintenance Fitter FAQ",),
        ),
    ]
    found = {f.role.id: f.role for f in discover_roles(texts, CURATED)}
    assert {"shift operator", "station attendant"} <= set(found["hydro_plant_operator"].aliases)
    assert "shift_operator" not in found
    assert {"line operator", "packaging technician"} <= set(found["packaging_machine_operator"].aliases)
    assert "line_operator" not in found
    assert {"herdsman", "cowman"} <= set(found["dairy_herdsperson"].aliases)
    assert {"ambulance care assistant", "PTS crew"} <= set(found["patient_transport_driver"].aliases)
    roles = [r for r in found.values() if "mortuary" in r.name or "mortuary technician" in r.aliases]
    assert len(roles) == 1  # one job, by either name
    assert {"mechanical maintenance engineer", "multi-skilled fitter"} <= set(found["maintenance_fitter"].aliases)
    assert "mechanical_maintenance_engineer" not in found
    assert {"leak detection technician", "leakage inspector"} <= set(found["leakage_technician"].aliases)
    assert {"volunteer manager", "volunteering officer"} <= set(found["volunteer_coordinator"].aliases)
    assert "drain unblocker" in found["drainage_engineer"].aliases


def test_loose_ways_of_naming_name_people_and_a_machine_a_heading_names_is_no_job():
    """A review of the session's rules: "Most people say nights are quieter" and "Customers call
    me directly ..." give no other names (those ways of naming keep only words for people);
    "Pressure Washer Safety" over "a high-pressure washer" and "gas-boiler-manual.pdf" over "the
    gas boiler" make no jobs; a list of one job's names is anchored on the title a heading
    names, whichever is listed first."""
    texts = [
        Text(
            "hospital-porter.md",
            "Hospital porters move patients. Every hospital porter walks. Many people say nights are quieter. "
            "Most people say the hours are long.",
            ("Hospital Porter",),
        ),
        Text(
            "delivery-driver.md",
            "Delivery drivers deliver. Every delivery driver drives. Customers call me directly if a parcel is late.",
            ("Delivery Driver",),
        ),
        Text(
            "pressure-washer-safety.md",
            "Use a high-pressure washer carefully. A new washer needs checks. Never point the washer at people.",
            ("Pressure Washer Safety",),
        ),
        Text(
            "gas-boiler-manual.pdf",
            "The gas boiler must be serviced every year. The gas boiler heats the water.",
            ("Gas Boiler Manual",),
        ),
        Text(
            "maintenance-fitter-faq.txt",
            "Q: Same job?\nA: Yes. Multi-skilled fitter, mechanical maintenance engineer and maintenance fitter all "
            "describe this job. Every maintenance fitter works shifts, and a mechanical maintenance engineer on "
            "nights is paid more.",
            ("Maintenance Fitter FAQ", "Q: Same job?"),
        ),
    ]
    found = {f.role.id: f.role for f in discover_roles(texts, CURATED)}
    assert found["hospital_porter"].aliases == ("porter",)
    assert found["delivery_driver"].aliases == ("driver",)
    assert not {"pressure_washer", "gas_boiler"} & found.keys()
    assert "mechanical_maintenance_engineer" not in found
    assert "mechanical maintenance engineer" in found["maintenance_fitter"].aliases


def test_jobs_trials_sixty_four_to_sixty_seven_wrote_under():
    """Jobs trials 65-67 missed or cut: a heading that is one word for a person no vocabulary
    lists ("Vacancy: Shotfirer – ..."); a title joined by "and" in capitals that the text also
    writes in lower case ("our speech and language therapists" had made a "language
    therapist"); a title that goes on into another ("marine engineer" of the FAQ on marine
    engineer officers); a ship's rank ("Third Engineer Officer"); and a title cut where a body
    named for its holders begins ("British Society of Hearing Aid Audiologists")."""
    texts = [
        Text(
            "shotfirer-vacancy.md",
            "Pennant Aggregates is looking for an experienced Shotfirer. Every shot is fired by the shotfirer. "
            "You will work as a shotfirer on the faces. Experienced shotfirers can progress.",
            ("Vacancy: Shotfirer – Garth Hill Limestone Quarry", "Pay and benefits"),
        ),
        Text(
            "speech-language-therapist-careers.html",
            "Our speech and language therapists work in schools. Each speech and language therapist has a "
            "caseload. A newly qualified speech and language therapist earns £31,200.",
            ("Work with us: Speech and Language Therapists", "What our speech and language therapists do"),
        ),
        Text(
            "marine-engineer-officer-faq.txt",
            "A marine engineer officer keeps the engines running. Engineer officers work two weeks on. "
            "Third Engineer Officer: £41,500. Second Engineer Officer: £52,000. A Third Engineer needs sea time.",
            ("Engineer Officers: Frequently Asked Questions",),
        ),
        Text(
            "hearing-aid-dispenser-policy.docx",
            "Hearing aid dispensers fit hearing aids. Every hearing aid dispenser is registered. We pay membership "
            "of the British Society of Hearing Aid Audiologists for all qualified dispensers.",
            ("Pay Policy: Hearing Aid Dispensers",),
        ),
    ]
    everything = discover_roles(texts, CURATED)
    found = {f.role.id: f.role for f in everything}
    assert "shotfirer" in found
    assert "speech_and_language_therapist" in found and "language_therapist" not in found
    assert "language therapist" in found["speech_and_language_therapist"].aliases
    assert "engineer_officer" in found and not {"marine_engineer", "third_engineer"} & found.keys()
    assert "aid_audiologist" not in found


def test_other_names_trials_sixty_four_to_sixty_seven_gave():
    """Other names trials 64, 66 and 67 gave that had been missed: 'Our upholsterers (some
    customers still call them "trimmers" ...)' (the title in the same sentence, not the
    'interior designers' of the one before), "You may know the role by its older name,
    chiropodist", 'an excavator operator - or "digger driver", as most of her family still call
    it', and a spelling ("community dietician")."""
    texts = [
        Text(
            "upholsterer-careers.md",
            "We work for private customers, interior designers and hotels. This page explains the job.\n\n"
            'Our upholsterers (some customers still call them "trimmers" or "furniture upholsterers") rebuild '
            "chairs. Every upholsterer has a hammer. Most residents still call them 'the tip'.",
            ("Careers at Harrowgate Upholstery: Upholsterer",),
        ),
        Text(
            "community-podiatrist-vacancy.md",
            "We are looking for an HCPC-registered podiatrist. You may know the role by its older name, "
            'chiropodist; our patients still call us "the chiropody service". Every podiatrist has a car.',
            ("Community Podiatrist",),
        ),
        Text(
            "excavator-operator-profile.txt",
            'We asked what the job of an excavator operator - or "digger driver", as most of her family still '
            "call it - really involves. Excavator operators start at 7:30. A new excavator operator trains.",
            ("Meet the team: excavator operator",),
        ),
        Text(
            "community-dietitian-profile.pdf",
            "Community dietitians see patients at home. A community dietitian works with GPs.",
            ("A day in the life: Community Dietitian",),
        ),
    ]
    found = {f.role.id: f.role for f in discover_roles(texts, CURATED)}
    assert {"trimmer", "furniture upholsterer"} <= set(found["upholsterer"].aliases)
    assert "interior_designer" not in found or "trimmer" not in found["interior_designer"].aliases
    assert not [r for r in found.values() if "tip" in r.aliases]
    assert "chiropodist" in found["community_podiatrist"].aliases
    assert "digger driver" in found["excavator_operator"].aliases
    assert "community dietician" in found["community_dietitian"].aliases


def test_other_names_and_no_firms_trials_sixty_eight_to_seventy_one_wrote():
    """Trials 68-71: "the job is called turnaround coordinator, ... or "red cap"" names the page's
    job (not the "flight crew" of the sentence before); "Outside work people say software
    tester, QA engineer ..."; "the role may appear as ..."; 'or, as our team calls it, a
    "netops engineer"'; "some older documents also say Pool Attendant"; a firm ("Harlow & Venn
    Solicitors") and chambers ("Fenwick Row Chambers") are no jobs; "deicing-operative-vacancy.md"
    names the "Aircraft De-icing Operative" its text writes."""
    texts = [
        Text(
            "flight-dispatcher-faq.txt",
            "Every flight dispatcher works shifts. Dispatchers hand the load sheet to the flight crew. At some airlines "
            'the job is called turnaround coordinator, ramp dispatcher or "red cap" (after the red caps they wore).',
            ("Flight Dispatcher FAQ",),
        ),
        Text(
            "software-tester-profile.txt",
            "Officially I'm a Senior Test Analyst. Outside work people say software tester, QA engineer or quality "
            "assurance tester. Test analysts at Brightwater start at £32,000. A test analyst writes test plans.",
            ("Meet the team: software tester",),
        ),
        Text(
            "soc-analyst-policy.pdf",
            "In contracts the role may appear as cyber security analyst, SOC analyst or incident response analyst. "
            "Every SOC analyst works 12-hour shifts. SOC analysts earn £38,000.",
            ("Pay policy: SOC Analysts",),
        ),
        Text(
            "network-engineer-vacancy.md",
            "You may know the job as a network infrastructure engineer, a LAN/WAN engineer or, as our team calls it, "
            'a "netops engineer". Every network engineer is on call. Network engineers earn £40,000.',
            ("Network Engineer",),
        ),
        Text(
            "lifeguard-handbook.txt",
            "Pool lifeguards keep swimmers safe. Every pool lifeguard holds the NPLQ. On payslips the job is called "
            "Leisure Attendant; some older documents also say Pool Attendant. Managers also say Monday is busy.",
            ("Pool Lifeguard Handbook",),
        ),
        Text(
            "barristers-clerk-careers.md",
            "Harlow & Venn Solicitors send us work. Fenwick Row Chambers has 40 barristers. A junior clerk books "
            "cases. Junior clerks start at 8:30.",
            ("Careers at Fenwick Row Chambers", "Junior Clerk"),
        ),
        Text(
            "deicing-operative-vacancy.md",
            "As an Aircraft De-icing Operative you drive a de-icing rig. Every aircraft de-icing operative is trained.",
            ("Aircraft De-icing Operative",),
        ),
    ]
    found = {f.role.id: f.role for f in discover_roles(texts, CURATED)}
    assert {"ramp dispatcher", "red cap"} <= set(found["flight_dispatcher"].aliases)
    assert not [r for r in found.values() if "red cap" in r.aliases and r.id != "flight_dispatcher"]
    tested = [r for r in found.values() if {"software tester", "test analyst"} & {r.name.lower(), *r.aliases}]
    assert len(tested) == 1 and "QA engineer" in tested[0].aliases
    soc = [r for r in found.values() if "incident response analyst" in r.aliases]
    assert len(soc) == 1
    assert "netops engineer" in found["network_engineer"].aliases
    assert any("pool attendant" in r.aliases for r in found.values())
    assert not [r for r in found.values() if "monday" in (a.lower() for a in r.aliases)]
    assert not {"venn_solicitor", "fenwick_row_chamber", "row_chamber"} & found.keys()
    assert "deicing_operative" not in found and "aircraft_de_icing_operative" in found


def test_a_plural_possessive_title_and_its_entry_rank_are_one_job():
    """Trial 70: "a barristers' clerk" is a title (the possessive had cut it to "clerk", and
    the barristers became the page's job), written too as "barristers clerk" and "barrister's
    clerk"; the "Junior Clerk" the heading recruits is that job at its entry rank, though
    juniors report to a "First Junior Clerk"."""
    texts = [
        Text(
            "barristers-clerk-careers.md",
            "Fenwick Row Chambers is a set of 64 barristers. We are recruiting a Junior Clerk. A barristers' clerk "
            "runs the business side of a barrister's practice. Barristers are self-employed. Junior Clerks report "
            "to the First Junior Clerk. All new clerks take the IBC course.",
            ("Careers at Fenwick Row Chambers: Junior Clerk", "What does a barristers' clerk do?"),
        ),
    ]
    found = {f.role.id: f.role for f in discover_roles(texts, CURATED)}
    assert {"barristers clerk", "barrister's clerk", "junior clerk"} <= set(found["barristers_clerk"].aliases)
    assert "junior_clerk" not in found


def test_review_of_the_ninth_sessions_rules_on_ordinary_text():
    """A helper tried the session's rules on text of its own: "Health & Safety Officer" is a
    title (only a firm's plural after "&" is a firm); "People say Leicester is ..." and "the job
    will appear as Closed" give no other names; "Season: Winter" makes no job;
    an "Apprentice Chef" is no other name of the "pastry chef" they learn under."""
    assert ["Safety", "officer"] in title_runs("We are recruiting a Health & Safety Officer.", heads=HEADS)
    assert title_runs("Harlow & Venn Solicitors send us work.", heads=HEADS) == []
    texts = [
        Text(
            "security-officer.md",
            "Every security officer patrols. People say Leicester is the friendliest site. Once submitted, the "
            "job will appear as Closed on our website.",
            ("Security Officer",),
        ),
        Text(
            "flight-dispatcher-faq.txt",
            "Every flight dispatcher works shifts. Dispatchers work closely with the Senior Cabin Manager. At some "
            "airlines the job is called Purser.",
            ("Flight Dispatcher FAQ",),
        ),
        Text(
            "rota-notes.md",
            "Winters are quiet; a winter shift is short. Winters bring ice.",
            ("Season: Winter",),
        ),
        Text(
            "kitchen-careers.md",
            "Join us as an Apprentice Chef. You learn under our Pastry Chef. Our pastry chefs bake daily.",
            ("Apprentice Chef", "Pastry Chef"),
        ),
    ]
    found = {f.role.id: f.role for f in discover_roles(texts, CURATED)}
    assert not {"leicester", "closed"} & {a.lower() for a in found["security_officer"].aliases}
    assert "winter" not in found
    assert "apprentice chef" not in found.get("pastry_chef", found["flight_dispatcher"]).aliases


def test_jobs_trials_seventy_two_to_seventy_five_wrote_under():
    """Jobs no vocabulary lists, that the build had missed where whole documents were about
    them: the file name and another heading name the word and the text says what such people
    do ("Roustabouts report to ...", "Hosts report to ...", "Medics are paid ..."); a one-word
    heading job ("VACANCY: DERRICKHAND (DERRICKMAN) - ..."); and a title the file name gives
    by its acronym ("amhp-careers.html" of an "Approved Mental Health Professional (AMHP)"),
    whose last word alone names no one."""
    texts = [
        Text(
            "roustabout-staff-handbook.docx",
            "Roustabouts form the general deck crew of the platform. Roustabouts report to the Deck Foreman. "
            "A roustabout works 12-hour shifts. The Crane Operator lifts the containers.",
            ("Eastmere Energy - Platform Staff Handbook", "Section 6: Deck Crew (Roustabouts)"),
        ),
        Text(
            "restaurant-host-careers.html",
            "Our hosts are the first people our guests meet. The restaurant host welcomes guests. Hosts report "
            "to the restaurant manager. Every host works one Saturday a month.",
            ("Restaurant Host: your questions answered", "What is a restaurant host?"),
        ),
        Text(
            "derrickhand-vacancy.txt",
            "The Derrickhand reports to the Driller on shift. Most derrickhands spend two years in the role. "
            "An experienced Derrickhand earns more on the monkeyboard.",
            ("derrickhand vacancy", "VACANCY: DERRICKHAND (DERRICKMAN) - JACK-UP DRILLING RIG"),
        ),
        Text(
            "amhp-careers.html",
            "An Approved Mental Health Professional coordinates assessments. AMHPs are line managed by the Lead. "
            "A full-time AMHP works four days a week. Every AMHP has a professional body.",
            ("Careers – Approved Mental Health Professional (AMHP)", "What is an AMHP?"),
        ),
    ]
    found = {f.role.id: f.role for f in discover_roles(texts, CURATED)}
    assert {"roustabout", "restaurant_host", "derrickhand", "approved_mental_health_professional"} <= found.keys()
    assert "host" in found["restaurant_host"].aliases and "host" not in found
    assert "AMHP" in found["approved_mental_health_professional"].aliases
    assert "professional" not in found["approved_mental_health_professional"].aliases


def test_other_names_trials_seventy_two_to_seventy_five_gave():
    """Other names that begin with a rank ("also known as second chef or deputy head chef"),
    that some people use ("some pubs call it head of bar"), of five words ("support time and
    recovery workers"), and of a one-word job said before "role" ("The mudlogger role is also
    known as mud logger ...", not the pressure engineers of the sentence before)."""
    from assistant.other_names import also_called

    heads = FOUND_HEADS | {"worker", "mudlogger"}
    said = also_called(
        "As sous chef (also known as second chef or deputy head chef) you will run the kitchen. "
        "As bar manager (some pubs call it head of bar) she runs the bar. "
        "Support Workers are also known as nursing assistants or support time and recovery workers. "
        "It covers mudloggers, data engineers and pressure engineers. The mudlogger role is also known as "
        "mud logger or surface logging technician.",
        heads,
    )
    assert {
        ("sous chef", "second chef"),
        ("sous chef", "deputy head chef"),
        ("bar manager", "head of bar"),
        ("support worker", "support time and recovery worker"),
        ("mudlogger", "mud logger"),
        ("mudlogger", "surface logging technician"),
    } <= set(said)
    assert not [pair for pair in said if pair[0] == "pressure engineer"]


def test_jobs_and_other_names_trials_seventy_six_to_seventy_nine_wrote():
    """A beatkeeper the text says "is responsible for" the beat; "The Shunter grade is also
    referred to as Yard Shunter, ..." (the shunters', not the Yard Supervisors' named before);
    "Fiona's job is more often called head stalker"; "a role that customers may also call a
    boat electrician, ..."; "Job titles used for this team ... include ..."; and no "hour
    dinghy instructor" from a rate list."""
    from assistant.other_names import also_called

    texts = [
        Text(
            "gamekeeper-beatkeeper-vacancy.md",
            "We are looking for a hard-working beatkeeper. The beatkeeper is responsible for the beat. "
            "Each beatkeeper received a bonus. Many headkeepers started as beatkeepers.",
            ("Vacancy: Beatkeeper (Underkeeper) – Glenmarrow Estate",),
        ),
        Text(
            "sailing-instructor-faq.txt",
            "Rates: Assistant Instructor £11.20 per hour Dinghy Instructor £13.90 per hour. Every dinghy "
            "instructor holds the RYA certificate. Our dinghy instructors teach children.",
            ("Dinghy Sailing Instructor FAQ",),
        ),
    ]
    found = {f.role.id: f.role for f in discover_roles(texts, CURATED)}
    assert "beatkeeper" in found and "hour_dinghy_instructor" not in found
    heads = FOUND_HEADS | {"shunter", "stalker"}
    said = also_called(
        "It covers Shunters and Yard Supervisors. The Shunter grade is also referred to as Yard Shunter, "
        "Groundperson or Depot Shunter. Outside the estate Fiona's job is more often called head stalker. "
        "It covers every grade of Marine Electrician, a role that customers may also call a boat "
        "electrician or a yacht electrical technician. The Estate Handyperson mends fences. Job titles used "
        'for this team over the years include estate handyman, estate worker and, informally, "the yard team".',
        heads | {"handyperson"},
    )
    assert {
        ("shunter", "yard shunter"),
        ("shunter", "groundperson"),
        ("marine electrician", "boat electrician"),
        ("marine electrician", "yacht electrical technician"),
        ("estate handyperson", "estate handyman"),
        ("estate handyperson", "estate worker"),
    } <= set(said)
    assert not [pair for pair in said if pair[0] == "yard supervisor"]


def test_review_of_the_tenth_sessions_discovery_rules():
    """A helper tried the session's rules on text of its own: an acronym the text spells out
    is a job only when the words name a person ("Human Resources (HR)", "Heavy Goods Vehicle
    (HGV)" are none); things that are paid, work or are completed are no people ("Night shifts
    are paid ...", "Every vessel works ..."); "The manager role is also known as ..." names the
    site manager's other name, and "The lead role is also known as ..." is no rank's."""
    from assistant.other_names import also_called

    texts = [
        Text(
            "hr-advisor-vacancy.txt",
            "Join our Human Resources (HR) team. Every HR advisor supports managers. Our HR advisors report to "
            "the Head of People.",
            ("HR Advisor Vacancy",),
        ),
        Text(
            "hgv-driver-vacancy.txt",
            "You need a Heavy Goods Vehicle (HGV) Class 1 licence. Every HGV driver reports to the Transport "
            "Manager. HGV drivers work nights.",
            ("HGV Driver Vacancy",),
        ),
        Text(
            "night-shift-policy.txt",
            "Night shifts are paid at time and a half. A night shift starts at 22:00. Night shifts are "
            "rostered monthly and every night shift works to the rota.",
            ("Night Shift Policy", "Night shifts"),
        ),
        Text(
            "vessel-crewing-handbook.txt",
            "Every vessel works a four-week rotation. A vessel completes its survey yearly. Vessels receive "
            "stores weekly.",
            ("Vessel Crewing Handbook", "Vessels"),
        ),
    ]
    found = {f.role.id for f in discover_roles(texts, CURATED)}
    assert not {"human_resources", "heavy_goods_vehicle", "night_shift", "vessel", "shift"} & found
    said = set(
        also_called(
            "We are hiring a Site Manager for our housing scheme. The manager role is also known as a construction "
            "manager on some sites. The lead role is also known as the shift supervisor.",
            FOUND_HEADS,
        )
    )
    assert ("site manager", "construction manager") in said
    assert not [pair for pair in said if pair[0] == "manager"]


def test_a_word_a_one_word_jobs_name_ends_in_names_no_other_role_alone():
    """Trial 79: "keeper" had been the river keeper's other name (the only role whose name ends
    in the word "keeper"), so "is there a dog allowance for keepers" abstained for river
    keepers beside the beatkeeper's advert that gives it."""
    texts = [
        Text(
            "river-keeper-careers.html",
            "Every river keeper looks after a beat. River keepers report to the Fishery Manager. A river keeper "
            "earns £26,000.",
            ("Careers: River Keeper",),
        ),
        Text(
            "beatkeeper-vacancy.md",
            "We are looking for a beatkeeper. The beatkeeper is responsible for the beat. Each beatkeeper gets a "
            "dog allowance. Many headkeepers started as beatkeepers.",
            ("Vacancy: Beatkeeper (Underkeeper)",),
        ),
    ]
    found = {f.role.id: f.role for f in discover_roles(texts, CURATED)}
    assert {"river_keeper", "beatkeeper"} <= found.keys()
    assert "keeper" not in found["river_keeper"].aliases

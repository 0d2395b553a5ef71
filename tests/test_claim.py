"""The answer line (assistant.claim), end to end with the real model on the article plus a
page about a role the article does not have."""

from __future__ import annotations

import re

import pytest
from conftest import copy_of_corpus

from assistant.build import ensure_index
from assistant.engine import Assistant

pytestmark = pytest.mark.e2e

ANALYST = """# Product Analyst

## Pay

In our 2025 compensation review, the median base salary of a product analyst was $97,500.
Product analysts also receive a yearly bonus of up to 10% of their salary.

## Team

The product analytics team has six product analysts.
The whole team meets in Berlin for two days every quarter.
Product analysts work closely with ML engineers, who ship the recommendation models.

## Tools

They mostly work in SQL and Looker, and they keep the experiment log in Notion.
Product analysts run A/B tests for every major release.

## Hours

Monday to Friday, 9:00 am to 5:30 pm.
Product analysts may work from home two days a week once their probation has ended.

## Release checklist

Freeze the dashboards. Check the experiment log. Sign off in Notion.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, real_embedder) -> Assistant:
    return _with_pages(tmp_path_factory.mktemp("claim"), real_embedder, {"product-analyst.md": ANALYST})


def test_a_curated_fact_that_answers_wins_and_reads_as_a_fact(assistant):
    answer = assistant.ask("What is the average salary of a data scientist?")
    assert answer.answer.startswith("Data scientists: they") and "$109,802" in answer.answer
    assert answer.role == "data_scientist" and not answer.quoted


def test_a_sentence_of_a_new_document_is_quoted_with_its_source_and_highlighted(assistant):
    answer = assistant.ask("What does a product analyst earn?")
    assert answer.answer == (
        "“In our 2025 compensation review, the median base salary of a product analyst was "
        "$97,500.” — product-analyst.md › Pay"
    )
    assert answer.role == "product_analyst" and answer.quoted
    holding = next(p for p in answer.passages if p.section == "Pay")
    assert holding.highlight in answer.answer  # line and highlighted sentence agree


def test_a_misspelt_role_is_read_as_the_role_meant_and_said_so(assistant):
    answer = assistant.ask("What does a product anaylst earn?")
    assert answer.notices == ("read “product anaylst” as “product analyst”",)
    assert answer.role == "product_analyst" and "$97,500" in (answer.answer or "")
    # an earlier question of the conversation is read the same way
    follow_up = assistant.ask("And what do they earn?", ["Which tools do product anaylsts use?"])
    assert follow_up.role == "product_analyst" and "$97,500" in (follow_up.answer or "")


def test_a_leading_they_is_made_the_role_it_stands_for(assistant):
    answer = assistant.ask("Which tools do product analysts use?")
    assert answer.answer.startswith("“[Product analysts] mostly work in SQL and Looker")
    assert answer.role == "product_analyst"


def test_a_question_about_one_role_never_gets_a_line_about_another(assistant):
    for question in ("Which tools do data scientists use?", "What do ML engineers earn?"):
        answer = assistant.ask(question)
        assert not answer.abstained and answer.role in ("data_scientist", "ml_engineer")
        assert "product-analyst.md" not in answer.answer and "Product analysts" not in answer.answer


@pytest.mark.parametrize(
    "question, about",
    [
        ("What does a pharmacist earn?", "pharmacists"),
        ("What is a data analyst's salary?", "data analysts"),
        ("What does a medical assistant get paid?", "medical assistants"),  # a job in a question
    ],
)
def test_a_role_the_documents_do_not_have_is_said_so(assistant, question, about):
    answer = assistant.ask(question)
    assert answer.abstained and answer.answer is None and about in answer.reason


def test_a_role_narrowed_by_rank_is_not_answered_with_the_role_in_general(assistant):
    answer = assistant.ask("What does a junior data scientist earn?")
    assert answer.abstained and answer.answer is None and "junior data scientist" in answer.reason
    answer = assistant.ask("What does a product analyst manager earn?")
    assert answer.abstained and "product analyst manager" in answer.reason
    assert "$109,802" in assistant.ask("What does a data scientist earn?").answer  # the role itself still is
    compared = assistant.ask("Do junior data scientists earn more than product analysts?").answer
    assert "nothing about junior data scientists" in compared and "$97,500" in compared  # the rank is the DS's


def test_a_topic_the_documents_do_not_cover_is_said_so(assistant):
    answer = assistant.ask("How many weeks of parental leave do product analysts get?")
    assert answer.abstained and "parental leave" in answer.reason
    assert answer.passages  # the nearest passages are still listed, as possibly related


def test_a_comparison_states_each_role_with_its_source_and_invents_nothing(assistant):
    answer = assistant.ask("Do product analysts earn more than data scientists?")
    assert "$97,500" in answer.answer and "$109,802" in answer.answer
    assert "product-analyst.md › Pay" in answer.answer
    assert answer.role == "product_analyst"
    assert not any(word in answer.answer.lower() for word in ("more than data scientists", "less than"))


def test_who_takes_home_more_is_answered_with_each_roles_amount(assistant):
    """ "Takes home" asks for pay; a statement that one earns more without amounts, or a side's
    sentence without one, is no answer when each role's amount is there."""
    answer = assistant.ask("Who takes home more money, MLEs or data scientists, and what are the actual numbers?")
    assert "$132,651" in answer.answer and "$109,802" in answer.answer and answer.role == "both"
    assert answer.answer.count("$109,802") == 1  # one sentence gives both amounts: quoted once


def test_what_the_question_sets_aside_is_not_the_answer(assistant):
    answer = assistant.ask("Besides the base salary, what else are product analysts paid?")
    assert "bonus" in answer.answer and "$97,500" not in answer.answer


def test_a_sentence_about_another_role_that_names_the_asked_one_does_not_answer_for_it(assistant):
    answer = assistant.ask("How many people are on the ML engineering team?")
    assert "six product analysts" not in (answer.answer or "")
    assert "Product analysts" not in (answer.answer or "")


def test_a_quoted_sentence_that_points_back_comes_with_the_sentence_before():
    import yaml
    from conftest import CORPUS

    from assistant.evidence import Candidate
    from assistant.quoting import quote
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    first, second = "The research group has 14 researchers.", "It is led by the Chief Scientist."
    text = f"{first} {second}"
    spans = ((0, len(first)), (len(first) + 1, len(text)))
    passage = Record("g.md#0", RecordKind.PASSAGE, "g.md", "G", "Team", 0, len(text), text, spans)
    roles = RoleBook.from_dicts(yaml.safe_load((CORPUS / "roles.yaml").read_text())["roles"])
    line = quote(Candidate(second, passage, frozenset(), 0.5, 0.0, (), 0.5), roles, None)
    assert line == f"“{first} {second}” — g.md › Team"  # "it" is the research group
    alone = quote(Candidate(first, passage, frozenset(), 0.5, 0.0, (), 0.5), roles, None)
    assert alone == f"“{first}” — g.md › Team"


def test_a_list_a_passage_ends_by_opening_comes_from_the_next_passage():
    """ "Standard shifts are:" closing a passage whose section goes on in the next one (a list cut
    in two): the line quotes the items from there."""
    from assistant.evidence import Candidate
    from assistant.quoting import quote
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    opening = "The week is 37.5 hours. Standard shifts are:"
    first = Record("r.txt#6", RecordKind.PASSAGE, "r.txt", "R", "Hours", 0, 44, opening, ((0, 23), (24, 44)))
    rows = "Early 6.00 am to 2.00 pm\nLate 2.00 pm to 10.00 pm"
    second = Record("r.txt#7", RecordKind.PASSAGE, "r.txt", "R", "Hours", 45, 94, rows, ((0, 24), (25, 49)))
    c = Candidate("Standard shifts are:", first, frozenset(), 0.5, 0.0, (), 0.5)
    line = quote(c, RoleBook([]), None, continued=lambda passage: second if passage is first else None)
    assert line == "“Standard shifts are: Early 6.00 am to 2.00 pm; Late 2.00 pm to 10.00 pm” — r.txt › Hours"


def test_a_quoted_sentence_that_opens_a_list_comes_with_its_items():
    from assistant.evidence import Candidate
    from assistant.quoting import quote
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    # the list items are lines of their own; the paragraph after the list is not one of them
    parts = ["Most of the week goes to research:", "Running interviews.", "Drawing prototypes.", "After that, lunch."]
    text, spans = "", []
    for part, gap in zip(parts, ["\n", "\n", "\n\n", ""], strict=True):
        spans.append((len(text), len(text) + len(part)))
        text += part + gap
    passage = Record("u.md#0", RecordKind.PASSAGE, "u.md", "U", "Work", 0, len(text), text, tuple(spans))
    line = quote(Candidate(parts[0], passage, frozenset(), 0.5, 0.0, (), 0.5), RoleBook([]), None)
    assert (
        line
        == "“Most of the week goes to research: Running interviews. Drawing prototypes. After that, lunch.” — u.md › Work"
    )
    # a sentence in the same paragraph after the colon is no list item
    inline = "Most of the week goes to research: The salary is $90,000."
    flat = Record(
        "f.md#0", RecordKind.PASSAGE, "f.md", "F", "Work", 0, len(inline), inline, ((0, 34), (35, len(inline)))
    )
    assert quote(Candidate(inline[:34], flat, frozenset(), 0.5, 0.0, (), 0.5), RoleBook([]), None) == (
        "“Most of the week goes to research:” — f.md › Work"
    )
    # "After that" points back to what came before it
    last = quote(Candidate(parts[3], passage, frozenset(), 0.5, 0.0, (), 0.5), RoleBook([]), None)
    assert last == "“Drawing prototypes. After that, lunch.” — u.md › Work"


def test_the_reason_names_what_is_missing_without_the_verb_around_it():
    from assistant.claim import _phrase

    assert _phrase("Do technical writers receive stock options?", ("stock", "option")) == "stock options"
    assert _phrase("How much parental leave do nurses get?", ("parent", "leav")) == "parental leave"
    # (trials 68 and 70: "... nothing about red cap report", "... about process servers earn")
    assert _phrase("who does a red cap report to", ("red", "cap")) == "red cap"
    assert _phrase("how much do process servers earn", ("process", "server")) == "process servers"
    assert _phrase("what sick pay do ushers get", ("sick",)) == "sick pay"


def test_a_roles_own_name_is_not_the_name_a_question_asks_for():
    from assistant.described import describe
    from assistant.keyword import Analyzer
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts([{"id": "ux_designer", "name": "UX designer"}])
    first, second = "Our UX designers make the tools simple.", "They design in Figma."
    text = f"{first} {second}"
    spans = ((0, len(first)), (len(first) + 1, len(text)))
    passage = Record("u.md#0", RecordKind.PASSAGE, "u.md", "U", "Tools", 0, len(text), text, spans)
    kinds = [s.kinds for s in describe(passage, roles, Analyzer()).sentences]
    assert "names" not in kinds[0] and "names" in kinds[1]


def test_a_superior_that_is_a_role_of_the_documents_is_still_a_title():
    from assistant.described import _kinds
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts([{"id": "crm", "name": "clinical research manager"}])
    assert "superior" in _kinds("Coordinators report to the Clinical Research Manager.", roles)


def test_a_sentence_that_points_back_is_weighed_with_the_sentence_before():
    import yaml
    from conftest import CORPUS

    from assistant.described import describe
    from assistant.keyword import Analyzer
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    sentences = [
        "A Senior SRE earns between $155,000 and $185,000.",
        "Both levels have an annual bonus target of 10% of base salary.",
        "Most of the work happens in the team.",
        "It is important for one person to know every service.",
    ]
    text = " ".join(sentences)
    starts = [text.index(s) for s in sentences]
    spans = tuple((a, a + len(s)) for a, s in zip(starts, sentences, strict=True))
    passage = Record("s.md#0", RecordKind.PASSAGE, "s.md", "SRE", "Pay", 0, len(text), text, spans)
    roles = RoleBook.from_dicts(yaml.safe_load((CORPUS / "roles.yaml").read_text())["roles"])
    described = describe(passage, roles, Analyzer()).sentences
    assert "senior" in described[1].terms  # "both levels": the Senior SRE's and the other
    assert "team" not in described[3].terms  # "it is important for ...": no "it" to point back to


def test_a_line_sharing_no_word_with_a_topic_no_document_names_must_be_closer():
    from types import SimpleNamespace

    from assistant.claim import _off_topic
    from assistant.config import RetrievalSettings
    from assistant.evidence import Candidate
    from assistant.record import Record, RecordKind

    text = "Product analysts also receive a yearly bonus of up to 10% of their salary."
    passage = Record("p.md#0", RecordKind.PASSAGE, "p.md", "P", "Pay", 0, len(text), text, ((0, len(text)),))
    question = "Does the job come with relocation assistance?"
    settings = RetrievalSettings()
    assert settings.line_min_similarity < 0.40 < settings.line_min_similarity_unrelated

    def verdict(missing: tuple[str, ...], known: set[str], typed: bool = False, similarity=0.40) -> str | None:
        salient = {"reloc": 5.6, "assist": 4.5}
        evidence = SimpleNamespace(
            settings=settings,
            qualified={},
            names=frozenset(),
            acronyms={},
            document_uses=lambda doc, word: False,
            office=frozenset(),
            offices=[],
            pay_kind=frozenset(),
            by_kind=frozenset(),
            salient=salient,
            known=known,
            topic=salient.keys(),
            thing=None,  # (no thing asked whether they get: "is there a pension?" would be one)
        )
        candidate = Candidate(text, passage, frozenset(), similarity, 0.0, missing, 0.5, typed=typed)
        return _off_topic(candidate, question, evidence)

    assert verdict(("reloc", "assist"), {"assist"}) == "the documents say nothing about relocation assistance"
    # words the documents use: the higher floor too, unless the line is the kind of answer asked
    assert verdict(("reloc", "assist"), {"reloc", "assist"}) == "the documents say nothing about relocation assistance"
    assert verdict(("reloc", "assist"), {"reloc", "assist"}, typed=True) is None  # "9 a.m. to 5 p.m." for hours
    assert verdict(("reloc", "assist"), {"assist"}, typed=True) is not None  # a word no document uses: always
    assert verdict(("reloc",), {"assist"}) is None  # it shares a word with what is asked
    # no document uses a word of the topic at all: closer still, unless it is the kind of answer asked
    assert settings.line_min_similarity_unrelated < 0.46 < settings.line_min_similarity_unknown
    assert verdict(("reloc", "assist"), set(), similarity=0.46) is not None
    assert verdict(("reloc", "assist"), set(), similarity=0.46, typed=True) is None
    assert verdict(("reloc", "assist"), {"assist"}, similarity=0.46) is None


def test_what_follows_a_step_a_fact_states_is_quoted_from_the_whole_sentence(assistant):
    # the curated fact stops at "tune models"; its sentence goes on "and then generating insights"
    answer = assistant.ask("After data scientists have tuned their models, what do they do next?")
    assert "generating insights to present to stakeholders" in answer.answer and answer.role == "data_scientist"


def test_a_question_for_one_kind_of_pay_is_not_answered_by_another(assistant):
    assert "10%" in assistant.ask("What bonus do product analysts get?").answer
    commission = assistant.ask("What commission do product analysts earn?")
    assert commission.abstained and "$97,500" not in (commission.reason or "")  # the salary is no commission
    assert commission.reason == "the documents say nothing about commission for product analysts"


def test_the_period_of_a_rate_and_the_verb_for_a_superior_are_how_it_is_asked(assistant):
    assert "$132,651" in assistant.ask("how much does an ML engineer make a year").answer  # "year": no document says it
    assert "$97,500" in assistant.ask("What does a product analyst make per year?").answer


def test_a_quote_drops_its_list_mark_and_a_bare_label_is_no_answer():
    import yaml
    from conftest import CORPUS

    from assistant.described import describe
    from assistant.evidence import Candidate
    from assistant.keyword import Analyzer
    from assistant.quoting import quote
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    text = "Probation\n- Car allowance $4,500 a year for site-based staff."
    spans = ((0, 9), (10, len(text)))
    passage = Record("c.txt#0", RecordKind.PASSAGE, "c.txt", "C", "Pay", 0, len(text), text, spans)
    roles = RoleBook.from_dicts(yaml.safe_load((CORPUS / "roles.yaml").read_text())["roles"])
    line = quote(Candidate(text[10:], passage, frozenset(), 0.5, 0.0, (), 0.5), roles, None)
    assert line == "“Car allowance $4,500 a year for site-based staff.” — c.txt › Pay"
    assert [s.says_something for s in describe(passage, roles, Analyzer()).sentences] == [False, True]


def test_a_table_row_with_a_cell_per_role_is_quoted_for_the_role_asked():
    from assistant.described import labelled_cells
    from assistant.evidence import Candidate
    from assistant.quoting import quote
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts(
        [{"id": "hrbp", "name": "HR business partner", "aliases": ["HRBP"]}, {"id": "ps", "name": "payroll specialist"}]
    )
    row = "Holiday — HR Business Partner: 28 days plus bank holidays; Payroll Specialist: 25 days plus bank holidays."
    assert labelled_cells(row, roles) == {
        "hrbp": "HR Business Partner: 28 days plus bank holidays",
        "ps": "Payroll Specialist: 25 days plus bank holidays",
    }
    passage = Record(
        "hr.html#0", RecordKind.PASSAGE, "hr.html", "HR", "At a glance", 0, len(row), row, ((0, len(row)),)
    )
    line = quote(Candidate(row, passage, frozenset({"hrbp", "ps"}), 0.5, 0.0, (), 0.5), roles, "ps")
    assert line == "“Holiday — Payroll Specialist: 25 days plus bank holidays.” — hr.html › At a glance"
    assert labelled_cells("Senior UX Designer — Base salary: $125,000.", roles) == {}  # columns are no roles


def test_a_question_for_several_names_is_answered_by_the_whole_list():
    import yaml
    from conftest import CORPUS

    from assistant.evidence import Candidate
    from assistant.question import frame
    from assistant.quoting import quote
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    lines = ["Tools:", "a. AutoCAD Civil 3D for design.", "b. HEC-RAS for hydraulics.", "c. Bluebeam for markups."]
    text = "\n".join(lines)
    starts = [text.index(line) for line in lines]
    spans = tuple((a, a + len(line)) for a, line in zip(starts, lines, strict=True))
    passage = Record("c.txt#0", RecordKind.PASSAGE, "c.txt", "C", "4. Tools", 0, len(text), text, spans)
    roles = RoleBook.from_dicts(yaml.safe_load((CORPUS / "roles.yaml").read_text())["roles"])
    item = Candidate(lines[2], passage, frozenset(), 0.5, 0.0, (), 0.5)
    whole = "“AutoCAD Civil 3D for design. HEC-RAS for hydraulics. Bluebeam for markups.” — c.txt › 4. Tools"
    assert quote(item, roles, None, whole_list=True) == whole
    assert quote(item, roles, None) == "“HEC-RAS for hydraulics.” — c.txt › 4. Tools"
    assert frame("Which tools do ML engineers use?", roles).wants_several
    assert not frame("Which EHR system do data scientists chart in?", roles).wants_several


def test_a_label_naming_another_kind_of_thing_answers_what_software():

    from assistant.described import label_terms
    from assistant.evidence import Evidence
    from assistant.keyword import Analyzer
    from assistant.question import THING_WORDS

    evidence = object.__new__(Evidence)  # only what _labelled_thing reads
    evidence._things = frozenset(Analyzer().terms([THING_WORDS])[0])
    evidence._thing_weight = 0.5

    def labelled_thing(text: str) -> float:  # a sentence's label is read once, when it is described
        return evidence._labelled_thing(label_terms(text, Analyzer()))

    assert labelled_thing("Systems: ADP iHCM for payroll and Excel for reconciliations.") == 0.5
    assert labelled_thing("Reports to: The Payroll & Reward Manager.") == 0.0
    assert labelled_thing("The Head of Data Platform leads the team.") == 0.0  # not a label


def test_a_table_row_is_quoted_with_the_cells_that_answer():
    from types import SimpleNamespace

    from assistant.evidence import _PAY_KIND, Evidence
    from assistant.keyword import Analyzer
    from assistant.question import frame
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts(
        [{"id": "ps", "name": "payroll specialist"}, {"id": "cp", "name": "clinical pharmacist"}]
    )
    index = SimpleNamespace(keyword=SimpleNamespace(analyzer=Analyzer()), roles=roles)
    analyzer = Analyzer()

    def cut(question: str, row: str) -> str | None:
        wanted = {t: 1.0 for t in analyzer.terms([roles.without_mentions(question)])[0]}
        pay_kind = frozenset(analyzer.terms([" ".join(_PAY_KIND.findall(question))])[0])
        evidence = SimpleNamespace(index=index, wanted=wanted, frame=frame(question, roles), pay_kind=pay_kind)
        return Evidence.asked_cells(evidence, row)  # type: ignore[arg-type]

    row = (
        "Payroll Specialist — Reports to: Payroll Manager; Salary band: €45,000 – €55,000; "
        "Remote work: Up to 2 days a week; Annual bonus: 5%."
    )
    remote = "How many days can a payroll specialist work remotely?"
    assert cut(remote, row) == "Payroll Specialist — Remote work: Up to 2 days a week."  # its words
    assert cut("What does a payroll specialist earn?", row) == "Payroll Specialist — Salary band: €45,000 – €55,000."
    assert cut("Who mentors a payroll specialist?", row) is None  # no cell answers: the row is quoted whole
    level = "P3 — Title: Clinical Pharmacist; Pay range: $128,000 – $145,000; Hours: 40 a week."
    assert cut("What does a clinical pharmacist earn?", level) == (
        "P3 — Title: Clinical Pharmacist; Pay range: $128,000 – $145,000."  # the cell naming the role asked stays
    )
    assert cut("What does a clinical pharmacist earn?", "They earn $128,000 a year.") is None  # no table row
    # a row of the kind of pay asked is quoted whole, with its amount, though the question has no "how much"
    tools = "Tool allowance — Rate: £320 per year; When it is paid: In December, to those who supply their own tools."
    assert cut("tool allowance for a payroll specialist?", tools) is None
    tips = "Tips — Amount: Shared through the hotel tronc; Last year: this averaged £1,200 per therapist."
    assert cut("do payroll specialists get tips?", tips) is None


def test_what_follows_is_the_next_line_of_a_path_or_the_next_sentence_of_a_paragraph():
    from assistant.evidence import Candidate
    from assistant.quoting import quote
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    def quoted(text: str, sentences: list[str], chosen: int) -> str:
        starts = [text.index(s) for s in sentences]
        spans = tuple((a, a + len(s)) for a, s in zip(starts, sentences, strict=True))
        passage = Record("d.docx#0", RecordKind.PASSAGE, "d.docx", "D", "Career", 0, len(text), text, spans)
        candidate = Candidate(sentences[chosen], passage, frozenset(), 0.5, 0.0, (), 0.5)
        return quote(candidate, RoleBook.from_dicts([]), None, following=lambda passage: None)  # no passage after

    path = ["Dental Hygienist", "Senior Hygienist (after 3 years)", "Hygiene Coordinator, for all four clinics"]
    assert quoted("\n\n".join(path), path, 1) == (
        "“Senior Hygienist (after 3 years); Hygiene Coordinator, for all four clinics” — d.docx › Career"
    )
    assert quoted("\n\n".join(path), path, 2).startswith("“Hygiene Coordinator, for all four clinics”")  # the last
    prose = ["After two years they become seniors.", "Some then become leads.", "Pay is reviewed in May."]
    text = f"{prose[0]} {prose[1]}\n\n{prose[2]}"
    assert quoted(text, prose, 0).startswith("“After two years they become seniors. Some then become leads.”")
    assert quoted(text, prose, 1).startswith("“Some then become leads.”")  # not across paragraphs


def test_a_line_lacking_part_of_the_topic_yields_to_a_close_one_that_has_it_all():
    from assistant.claim import _best
    from assistant.config import RetrievalSettings
    from assistant.evidence import Candidate
    from assistant.question import frame
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    text = "Each hygienist works four ten-hour days a week.\nPaid time off — Details: 15 days a year."
    passage = Record("d.docx#0", RecordKind.PASSAGE, "d.docx", "D", "Pay", 0, len(text), text, ((0, 47), (48, 90)))
    schedule = Candidate(text[:47], passage, frozenset(), 0.72, 0.42, ("time",), 0.5)
    leave = Candidate(text[48:], passage, frozenset(), 0.60, 0.58, (), 0.5)
    settings, roles = RetrievalSettings(), RoleBook.from_dicts([])
    question = frame("How much paid time off do hygienists get?", roles)
    assert schedule.score(settings) > leave.score(settings)
    assert _best([schedule, leave], question, roles, settings) is leave  # within the margin, and the whole topic
    far = Candidate(text[48:], passage, frozenset(), 0.30, 0.58, (), 0.5)
    assert _best([schedule, far], question, roles, settings) is schedule  # too far behind
    broad = Candidate(text[48:], passage, frozenset(), 0.66, 0.58, (), 0.5, prior=0.99)
    assert _best([schedule, broad], question, roles, settings) is schedule  # fits the roles asked less well


def test_a_label_is_a_heading_over_its_value_and_lines_are_quoted_with_their_breaks():
    from assistant.described import describe
    from assistant.keyword import Analyzer
    from assistant.quoting import _joined
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    text = "- Backlog: Jira and Confluence\n- Analytics: Amplitude and Looker"
    spans = ((0, 30), (31, len(text)))
    passage = Record("p.md#0", RecordKind.PASSAGE, "p.md", "P", "Tools", 0, len(text), text, spans)
    labels = [s.label for s in describe(passage, RoleBook.from_dicts([]), Analyzer()).sentences]
    assert labels == [frozenset({"backlog"}), frozenset({"analyt"})]  # weighed like a heading (Evidence._candidate)
    assert _joined(["Backlog: Jira and Confluence", "Analytics: Amplitude"]) == (
        "Backlog: Jira and Confluence; Analytics: Amplitude"
    )
    assert _joined(["Tools:", "a. AutoCAD.", "b. HEC-RAS."]) == "Tools: a. AutoCAD. b. HEC-RAS."


def test_a_job_no_document_has_is_named_as_such_hyphen_or_controller():
    import yaml
    from conftest import CORPUS

    from assistant.claim import _unknown_titles
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts(yaml.safe_load((CORPUS / "roles.yaml").read_text())["roles"])
    assert _unknown_titles("What is the salary of an air traffic controller?", roles) == ["air traffic controller"]
    assert _unknown_titles("How much does a sous-chef earn?", roles) == ["chef"]


def test_a_word_of_a_roles_name_apart_from_it_is_what_is_asked():
    from assistant.evidence import _follows
    from assistant.keyword import Analyzer

    # "flights" is what is asked, not part of "flight dispatcher": a stop word stands between
    assert _follows("how many flights does a dispatcher handle?", Analyzer()) == [False, True, False, True]
    assert _follows("the UX research team", Analyzer()) == [False, True, True]  # a role named by its field


def test_a_line_of_the_kind_asked_answers_the_words_that_ask_for_it(assistant):
    # "Monday to Friday, ..." answers the hours and the work of the question without their words
    answer = assistant.ask("What hours do product analysts work?")
    assert answer.answer == "“Monday to Friday, 9:00 am to 5:30 pm.” — product-analyst.md › Hours"
    # ... and the words are still the topic: a passage without them is not about working hours
    assert assistant.ask("What are the working hours of ML engineers?").abstained


def test_a_question_about_what_a_role_does_is_answered_by_what_it_does(assistant):
    # not by where it works ("They mostly work in SQL and Looker ...", the closer in meaning)
    answer = assistant.ask("What does a product analyst do?")
    assert answer.answer == "“Product analysts run A/B tests for every major release.” — product-analyst.md › Tools"


def test_a_short_section_whose_heading_is_what_is_asked_is_quoted_whole(assistant):
    answer = assistant.ask("What is the release checklist for product analysts?")
    assert answer.answer == (
        "“Freeze the dashboards. Check the experiment log. Sign off in Notion.” — product-analyst.md › Release checklist"
    )


def test_a_sentence_naming_no_role_answers_only_for_the_roles_its_document_names():
    from assistant.claim import _fits
    from assistant.evidence import Candidate
    from assistant.record import Record, RecordKind

    text = "Annual leave is 25 days plus public holidays."
    passage = Record("u.html#3", RecordKind.PASSAGE, "u.html", "Underwriting", "Leave", 0, len(text), text, ((0, 45),))

    def leave(names: set[str]) -> Candidate:
        return Candidate(text, passage, frozenset(), 0.6, 0.5, (), 0.5, document_names=frozenset(names))

    asked = frozenset({"ux_researcher"})
    assert not _fits(leave({"insurance_underwriter"}), asked)  # a page about underwriters only
    assert _fits(leave({"insurance_underwriter", "ux_researcher"}), asked)
    assert _fits(leave(set()), asked)  # a handbook naming no role holds for everyone


def test_a_row_about_one_rank_of_the_role_yields_to_the_row_about_the_role():
    from assistant.described import _ranked
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts([{"id": "qs", "name": "quantity surveyor"}, {"id": "sre", "name": "SRE"}])
    assert _ranked("C1 — Title: Assistant Quantity Surveyor; Salary (GBP): £32,000 – £40,000.", roles)
    assert _ranked("Senior quantity surveyors lead the tender.", roles)
    assert not _ranked("C2 — Title: Quantity Surveyor; Salary (GBP): £45,000 – £55,000.", roles)
    assert not _ranked("Engineers start as SRE I and move to SRE II, then to Senior SRE.", roles)  # a path


def test_what_follows_the_last_row_of_a_passage_is_the_first_row_of_the_next():
    from assistant.quoting import _opening_after
    from assistant.record import Record, RecordKind

    u3 = "U2 — Title: Underwriter.\n\nU3 — Title: Senior Underwriter."
    u4 = "U4 — Title: Lead Underwriter; Salary band: $108,000.\n\nU5 — Title: Underwriting Manager."

    def lines(text: str) -> tuple[tuple[int, int], ...]:
        return tuple((text.index(line), text.index(line) + len(line)) for line in text.split("\n\n"))

    first = Record("u.html#2", RecordKind.PASSAGE, "u.html", "U", "Levels", 0, len(u3), u3, lines(u3))
    second = Record("u.html#3", RecordKind.PASSAGE, "u.html", "U", "Levels", 60, 150, u4, lines(u4))
    following = {first.id: second}.get

    def after(passage):
        return following(passage.id)

    assert _opening_after(first, "U3 — Title: Senior Underwriter.", after) == u4.split("\n\n")[0]
    assert _opening_after(first, "U2 — Title: Underwriter.", after) is None  # not the last: the next is in the passage
    assert _opening_after(second, "U5 — Title: Underwriting Manager.", after) is None  # nothing after


def test_how_many_of_a_role_is_answered_by_a_count_of_that_role(assistant):
    # "How many product analysts ...?" counts the role itself: its words are not the topic
    answer = assistant.ask("How many product analysts are on the team?")
    assert answer.answer == "“The product analytics team has six product analysts.” — product-analyst.md › Team"


def test_a_count_of_a_role_is_a_number_just_before_its_name():
    from types import SimpleNamespace

    from assistant.evidence import Evidence
    from assistant.roles import RoleBook

    evidence = Evidence.__new__(Evidence)  # only what _counts reads
    evidence.counted = frozenset({"uxr"})
    evidence.index = SimpleNamespace(roles=RoleBook.from_dicts([{"id": "uxr", "name": "UX researcher"}]))
    assert evidence._counts("We are six UX researchers and one Research Operations coordinator.")
    assert evidence._counts("The team has 12 full-time UX researchers.")
    assert not evidence._counts("UX researchers meet in Berlin for two days every quarter.")


def test_a_sentence_about_another_occupation_does_not_answer_for_the_role():
    from assistant.claim import _fits
    from assistant.described import _stranger
    from assistant.evidence import Candidate
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts([{"id": "uxr", "name": "UX researcher"}, {"id": "sre", "name": "SRE"}])
    assert _stranger("The Research Ops coordinator also reports to the Head of UX Research.", roles) == "coordinator"
    assert _stranger("All UX researchers report to the Head of UX Research.", roles) is None
    assert _stranger("A mid-level UX researcher earns $112,000 a year.", roles) is None
    assert _stranger("The data platform team has 9 data engineers.", roles) is None  # its subject is a team
    text = "The Research Ops coordinator also reports to the Head of UX Research."
    passage = Record("w.txt#1", RecordKind.PASSAGE, "w.txt", "W", "Who we are", 0, len(text), text, ((0, len(text)),))
    coordinator = Candidate(text, passage, frozenset({"uxr"}), 0.4, 1.0, (), 0.5, stranger="coordinator")
    asked = frozenset({"uxr"})
    assert not _fits(coordinator, asked, roles.occupations(asked))
    assert _fits(coordinator, frozenset())  # "who reports to the Head of UX Research?" names no role
    on_call = Candidate(
        "The on-call engineer acknowledges a page.", passage, frozenset(), 0.4, 1.0, (), 0.5, stranger="engineer"
    )
    sre = RoleBook.from_dicts([{"id": "sre", "name": "site reliability engineer"}])
    assert _fits(on_call, frozenset({"sre"}), sre.occupations(frozenset({"sre"})))  # an engineer may be theirs


def test_lines_that_open_with_a_label_under_a_heading_naming_the_thing_are_a_list():
    from assistant.evidence import Candidate
    from assistant.quoting import quote
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    text = "Surveys: Qualtrics\nSynthesis: Dovetail\nWhiteboarding: FigJam"
    spans = ((0, 18), (19, 38), (39, 60))
    passage = Record("w.txt#2", RecordKind.PASSAGE, "w.txt", "W", "Tools", 0, len(text), text, spans)

    def quoted(heading: float) -> str:
        candidate = Candidate("Synthesis: Dovetail", passage, frozenset(), 0.5, 0.0, (), 0.5, heading=heading)
        return quote(candidate, RoleBook.from_dicts([]), None, whole_list=True)

    assert quoted(0.5) == "“Surveys: Qualtrics; Synthesis: Dovetail; Whiteboarding: FigJam” — w.txt › Tools"
    assert quoted(0.0) == "“Synthesis: Dovetail” — w.txt › Tools"  # a profile's fields ("Pay: ...") are no list


def test_a_level_code_stands_for_the_title_its_document_gives_it():
    from assistant.described import describe, document_levels
    from assistant.keyword import Analyzer
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts([{"id": "uw", "name": "insurance underwriter", "aliases": ["underwriter"]}])
    table = (
        "U3 — Title: Senior Underwriter; Salary band: $82,000.\nU4 — Title: Lead Underwriter; Salary band: $108,000."
    )
    bonus = "The bonus target is 8% of base salary at U3 and 12% at U4."
    rows = [
        Record(
            "u.html#2", RecordKind.PASSAGE, "u.html", "U", "Levels", 0, len(table), table, ((0, 52), (53, len(table)))
        ),
        Record("u.html#3", RecordKind.PASSAGE, "u.html", "U", "Bonus", 0, len(bonus), bonus, ((0, len(bonus)),)),
    ]
    levels = document_levels(rows, roles)
    assert levels == {"U3": "Senior Underwriter", "U4": "Lead Underwriter"}
    terms = describe(rows[1], roles, Analyzer(), None, frozenset({"uw"}), levels).sentences[0].terms
    assert {"senior", "lead"} <= terms  # "12% at U4" holds the lead underwriter's rank
    assert "lead" not in describe(rows[1], roles, Analyzer()).sentences[0].terms


def test_a_superior_is_asked_of_the_one_who_reports_not_of_the_one_reported_to():
    from assistant.claim import _REPORTING, _only_the_superior
    from assistant.evidence import qualified_titles
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts([{"id": "ce", "name": "copy editor"}, {"id": "me", "name": "managing editor"}])
    assert _only_the_superior("All copy editors report to the Managing Editor, Tomás Herrera.", {"me"}, roles)
    assert not _only_the_superior("The Managing Editor reports to the Publisher.", {"me"}, roles)
    assert not _REPORTING.search("Weekend work is agreed with the Managing Editor.")  # no reporting line
    # "a nurse practitioner's manager" is whom they report to, not a manager among them
    nurses = RoleBook.from_dicts([{"id": "np", "name": "nurse practitioner"}])
    assert qualified_titles("Who is a nurse practitioner's manager?", nurses) == []
    assert qualified_titles("What does an NP manager earn?", RoleBook.from_dicts([{"id": "np", "name": "NP"}]))


def test_a_level_code_of_letters_counts_when_a_title_label_defines_it():
    from assistant.described import document_levels
    from assistant.record import Record, RecordKind
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts([{"id": "ca", "name": "claims adjuster"}])
    text = "SCA — Title: Senior Claims Adjuster; Base salary: $68,000.\nHR - Human Resources handles leave."
    row = Record("c.md#2", RecordKind.PASSAGE, "c.md", "C", "Levels", 0, len(text), text, ((0, 58), (59, len(text))))
    assert document_levels([row], roles) == {"SCA": "Senior Claims Adjuster"}


def test_a_role_name_that_goes_on_into_another_title_is_not_that_role():
    from assistant.claim import _only_the_superior
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts([{"id": "cr", "name": "court reporter"}])
    # "Who's a court reporter's boss?": "I report to the Court Reporter Supervisor" says
    assert not _only_the_superior("A: I report to the Court Reporter Supervisor, Linda Marsh.", {"cr"}, roles)
    assert _only_the_superior("Trainees report to a court reporter.", {"cr"}, roles)


def test_the_pay_of_those_starting_out_is_one_rank():
    from assistant.described import _ranked
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts([{"id": "cr", "name": "court reporter"}])
    assert _ranked("New reporters start at $54,200.", roles)
    assert _ranked("The starting salary is £28,000.", roles)
    assert not _ranked("A: My state salary is $68,500.", roles)
    assert not _ranked("Shifts start at 7 am.", roles)


PAY_PAGES = {
    "hotel-concierge.txt": """Concierge Desk - Frequently Asked Questions

What does a concierge do here?
Our concierges find tables and tickets for guests. The desk has six concierges.

Who is my manager?
All concierges report to the Chef Concierge.

How much does the job pay?
Concierges start at $21.50 an hour. The Chef Concierge is salaried at $68,000 a year.

Is there extra pay for speaking another language?
Concierges who pass our language assessment receive a language differential of $1.00 an hour.

What about nights?
Night concierges are paid time plus 20% between 23:00 and 06:00. Overtime is paid at time and a half.

What benefits do I get?
The hotel pays 4% of your pay into your pension.

How do promotions work?
After two years, strong concierges can become Senior Concierge. The next step is Chef Concierge, who runs the desk.

Do I keep my tips?
Yes. In addition, you earn a 10% commission on tours and private car bookings made through our partners.

What software will I use?
Guest profiles are in Oracle Opera PMS. Restaurant reservations go through OpenTable and Resy.
""",
    "forensic-accountant.md": """# Forensic Accountant

Forensic accountants trace funds for litigation and fraud cases. They report to the Director of Forensic Services.
Each case team is led by a Case Captain.

## Pay bands

| Band | Title | Base salary |
|---|---|---|
| FA1 | Case Associate | $78,000 – $92,000 |
| FA3 | Manager | $125,000 – $150,000 |
| FA4 | Senior Manager | $160,000 – $190,000 |

On top of basic pay, every forensic accountant gets a travel allowance of $4,000 a year.

## Benefits

Pension with a 6% employer contribution.
""",
    "stage-manager.md": """# Stage Manager

Each production has a Stage Manager and two Assistant Stage Managers (ASMs), who look after props.
Most of our stage managers began as ASMs.

## Pay

Stage managers earn £780 per week.
""",
    "court-reporter-interview.txt": """Court Reporter Interview

Q: How is the pay?
A: My state salary is $68,500. On top of that, we keep the fees for transcripts that attorneys order, which were about $21,000 for me last year. New reporters start at $54,200.

Q: Who is your boss?
A: I report to the Court Reporter Supervisor, Linda Marsh. In the courtroom the judge directs my day.
""",
    "lifeguard-memo.md": """# Policy Memo AQ-07: Lifeguard Staffing and Certification

To: All lifeguards. It applies to all 28 lifeguards on staff.

## Certification requirements

Every lifeguard must hold a current National Lifeguard Pool certification, renewed every two years.
New lifeguards must earn the Standard First Aid certificate within 30 days of hire.

## Pay and leave

The hourly rate is CAD $19.25 for a Lifeguard. Statutory holidays are paid at time and a half.
Full-time guards get 10 days of vacation a year.
""",
}


PAY_PAGES["tower-crane-operator.html"] = """<html><body><main>
<h1>Tower Crane Operator</h1>
<p>Tower crane operators run our cranes on Denver job sites. A tower crane operator climbs 200 ft.</p>
<h2>Pay</h2>
<table><tr><th>Level</th><th>Hourly rate</th></tr>
<tr><td>Operator Trainee</td><td>$31.50</td></tr>
<tr><td>Certified Operator</td><td>$44.75</td></tr>
<tr><td>Lead Operator</td><td>$49.20</td></tr></table>
<h2>Benefits</h2>
<ul><li>$500 annual allowance for boots and gear</li>
<li>Per diem of $65 a day on job sites more than 60 miles from the Denver yard</li></ul>
</main></body></html>"""
PAY_PAGES["collections-team.md"] = """# Collections Team

## Collections Registrar

Registrars are the museum's record keepers. A registrar manages loans.

## Conservator

Conservators treat objects. A conservator occasionally works weekends, paid back as time off in lieu at time and a half.

## At a glance

| | Collections Registrar | Conservator |
|---|---|---|
| Salary | £29,400 – £33,100 | £31,200 – £36,500 |
| Reports to | Head of Collections | Senior Conservator |
"""


def _with_pages(folder, embedder, pages: dict[str, str]) -> Assistant:
    """An assistant over a copy of the corpus with `pages` added."""
    settings = copy_of_corpus(folder)
    for name, text in pages.items():
        (settings.corpus_dir / name).write_text(text, encoding="utf-8")
    return Assistant(ensure_index(settings, embedder), embedder, settings)


def _with_trial_documents(folder, embedder, *documents: tuple[str, str]) -> Assistant:
    """An assistant over a copy of the corpus with new users' documents added, as (trial, file
    name) pairs, byte for byte (a .docx or a .pdf too)."""
    from conftest import REPO

    settings = copy_of_corpus(folder)
    for trial, name in documents:
        (settings.corpus_dir / name).write_bytes((REPO / "bench" / "trials" / trial / "documents" / name).read_bytes())
    return Assistant(ensure_index(settings, embedder), embedder, settings)


def _trial_pages(trial: str, *names: str) -> dict[str, str]:
    """Pages a new user wrote (bench/trials/<trial>/documents), by file name."""
    from conftest import REPO

    folder = REPO / "bench" / "trials" / trial / "documents"
    return {name: (folder / name).read_text(encoding="utf-8") for name in names}


@pytest.fixture(scope="module")
def paid(tmp_path_factory, real_embedder) -> Assistant:
    return _with_pages(tmp_path_factory.mktemp("paid"), real_embedder, PAY_PAGES)


def test_what_a_role_earns_is_all_the_pay_stated_together_and_a_starting_rate_is_asked_apart(paid):
    answer = paid.ask("How much do court reporters earn?")
    assert all(amount in answer.answer for amount in ("$68,500", "$21,000", "$54,200"))
    assert paid.ask("What is the starting salary for a court reporter?").answer.startswith(
        "“New reporters start at $54,200.”"
    )


def test_a_court_reporters_boss_is_named_by_a_longer_title(paid):
    answer = paid.ask("Who's a court reporter's boss?")
    assert "Linda Marsh" in (answer.answer or "")


def test_a_job_a_memo_is_addressed_to_is_a_role_and_its_questions_are_answered(paid):
    answer = paid.ask("What certifications do lifeguards need?")
    assert answer.role == "lifeguard" and "National Lifeguard Pool" in answer.answer
    # "... and by when?" is answered by a line that says when
    assert "30 days" in paid.ask("Which first aid certificate must lifeguards get, and by when?").answer
    # a kind of pay the memo does not give is not answered by another
    overtime = paid.ask("What's the overtime rate for lifeguards?")
    assert overtime.abstained and "overtime" in (overtime.reason or "")


def test_what_a_role_earns_is_its_pay_not_an_allowance_on_top(paid):
    answer = paid.ask("How much do tower crane operators make?")
    assert "$44.75" in answer.answer and "$500" not in answer.answer


def test_a_comparison_takes_each_roles_cell_of_a_table_row(paid):
    answer = paid.ask("conservator vs registrar pay")
    assert "£31,200" in answer.answer and "£29,400" in answer.answer and "time off" not in answer.answer
    # a question naming a role and a word no document uses is still asked of that role
    boss = paid.ask("Who's the conservator's boss?")
    assert "Senior Conservator" in (boss.answer or "")


def test_an_interviews_reply_is_quoted_without_its_answer_mark(paid):
    answer = paid.ask("What is a court reporter's salary?")
    assert answer.answer.startswith("“My state salary is $68,500.")


def test_a_question_naming_a_job_by_an_acronym_is_not_answered_about_another_role(paid):
    """The documents use "ASMs" but give no ASM's pay: not the ML engineers' salary instead."""
    answer = paid.ask("How much do ASMs earn?")
    assert answer.abstained and answer.reason == "the documents give no amount for ASMs"


def test_a_title_the_question_names_is_not_answered_at_a_rank_it_does_not_name(paid):
    answer = paid.ask("What's the pay range for a forensic accountant at Manager level?")
    assert "$125,000" in answer.answer and "$160,000" not in answer.answer


def test_an_office_or_a_kind_of_pay_the_line_lacks_is_not_answered_by_another_amount(paid):
    boss = paid.ask("How much does the Director of Forensic Services earn?")
    assert boss.abstained and boss.reason == "the documents give no amount for the Director of Forensic Services"
    lead = paid.ask("What is a Case Captain's salary?")  # not the ML engineers' average salary
    assert lead.abstained and lead.reason == "the documents give no amount for the Case Captain"
    overtime = paid.ask("Do forensic accountants get paid overtime?")
    assert overtime.abstained and "overtime" in (overtime.reason or "")


def test_a_roles_pay_is_not_its_bosss_nor_a_differential_paid_by_the_hour(paid):
    """ "The Chef Concierge" (whom concierges report to) is a kind of concierge, so a claim
    about it is narrower than one about concierges; "$1.00 an hour" is a differential."""
    answer = paid.ask("What is the hourly wage for a hotel concierge?")
    assert answer.role == "concierge" and "$21.50" in answer.answer
    assert "$68,000" not in answer.answer and "$1.00" not in answer.answer


def test_a_line_of_the_kind_asked_is_not_swapped_for_one_that_only_holds_the_words(paid):
    answer = paid.ask("What booking systems do concierges use?")  # not the commission on "bookings"
    assert "OpenTable" in answer.answer and "commission" not in answer.answer


def test_an_allowance_named_beside_basic_pay_is_not_the_pay_unless_extra_is_asked(paid):
    pay = paid.ask("How much does a forensic accountant earn?")
    assert "$125,000" in pay.answer and "$4,000" not in pay.answer
    extra = paid.ask("What extra do forensic accountants get paid for travelling?")
    assert "$4,000" in extra.answer


def test_extra_pay_may_be_a_share_and_an_engine_boss_is_a_rank_not_a_boss(paid):
    from assistant.claim import _REPORTING

    assert "20%" in paid.ask("What do concierges get paid extra for night work?").answer
    assert not _REPORTING.search("Firefighter 1 → Firefighter 2 → Engine Boss (FFT1) → Engine Captain")
    assert _REPORTING.search("Their boss is the Engine Captain.")


def test_what_counts_as_base_pay():
    from assistant.evidence import _base_pay

    assert _base_pay("A commis pastry chef starts on £25,400 here.", paid_heading=False)
    assert _base_pay("Concierges start at $21.50 an hour.", paid_heading=False)
    assert not _base_pay("On top of basic pay, all flying paramedics get a flight allowance of £3,200.", False)
    assert not _base_pay("Concierges who pass receive a language differential of $1.00 an hour.", False)
    assert _base_pay("Base salary of $95,000, plus a bonus of 8%.", paid_heading=False)
    assert not _base_pay("Pickers who average 110% of the standard rate get an extra £0.50 for every hour.", False)
    # an interview's question over a list of pay ranges says they are pay, as a "Pay" heading does
    from assistant.evidence import _asks_about_pay

    assert _asks_about_pay("Can you tell us about pay?") and not _asks_about_pay("Pay is reviewed every April.")
    assert _base_pay("- GIS Analyst II: $70,500 to $86,100 a year", paid_heading=True)


def test_an_allowance_for_one_thing_is_not_answered_by_an_allowance_for_another(paid):
    car = paid.ask("Do forensic accountants get a car allowance?")
    assert car.abstained and "car allowance" in (car.reason or "")
    assert "$4,000" in paid.ask("Is there a travel allowance for forensic accountants?").answer


def test_a_title_the_documents_write_is_asked_of_them_though_no_role_has_it(paid):
    """ "Case Associate" is a level of the forensic accountants' table, not a role; "data
    engineer" is only in the article's "data engineer training"."""
    assert "$78,000" in paid.ask("What does a case associate earn?").answer
    data_engineer = paid.ask("What does a data engineer earn?")
    assert data_engineer.abstained and "data engineers" in (data_engineer.reason or "")


def test_which_employer_pays_more_into_a_pension_is_answered_with_each_share(paid):
    answer = paid.ask("Which employer pays more into the pension, the forensic accountant's or the concierge's?")
    assert "6%" in answer.answer and "4%" in answer.answer


# Pages like those trials 18 and 19 wrote: jobs no vocabulary lists, FAQ headings that ask two
# things, pay by other names ("PTO", "night differential") and a policy saying "Operators".
TRADE_PAGES = {
    "conductor-handbook.txt": """SOUTHERN RAILWAY
Conductor Handbook - Section 4

4.1 Your job

As a conductor you are responsible for the safety of passengers. Conductors earn commission on tickets.

4.3 Training

Trainee conductors complete a 14-week programme before working alone. Rules are re-assessed every two years.

4.8 Moving on

Conductors with two years' service can apply to become a Senior Conductor.
""",
    "brewing-handbook.txt": """Stonecroft Brewing - Staff Handbook

Section 4: Brewers

4.1 About the role

Our craft brewers make every batch. Brewers report to the Head Brewer.

4.2 Shifts

Production runs on four 10-hour shifts a week. Brew-day shifts start at 5:00 a.m.

4.3 Pay

Assistant Brewer ........ $19.00 per hour
Brewer .................. $23.00 per hour

A night differential of $1.50 an hour is added for hours worked after 10:00 p.m.
There is no bonus or productivity payment.

4.6 Benefits

- 10 days of paid time off a year, plus 6 public holidays
""",
    "payroll-faq.md": """# Payroll Administrator FAQ

## What are the hours? Can I work from home?

Core hours are 8:30 a.m. to 5:00 p.m., Monday through Friday. We work a hybrid schedule: three days in the office and two days from home.

## What benefits are there?

You get 15 days of PTO in your first year, plus 10 paid holidays. Payroll administrators join the 401(k) plan.
""",
    "arborist-vacancy.md": """# Arborist (Tree Surgeon)

We are looking for an experienced climbing arborist. The post reports to the Tree Services Team Leader.

## Induction

Your first six weeks are a structured induction: you will shadow the senior climbers.

## Where it can lead

Arborists with a Level 3 qualification can apply for Senior Arborist vacancies, and from there for the Team Leader role.

## Leave

You'll get 25 days of annual leave plus bank holidays.
""",
    "crane-policy.html": """<html><body><main>
<h1>Tower Crane Operators: Pay Policy</h1>
<p>Tower crane operators run our cranes. Crane operators report day to day to the site's Lifting Supervisor.</p>
<p>On the river wharf, loads are signed off by the Master of the barge.</p>
<h2>Leave</h2>
<p>Operators are entitled to 22 days of annual leave plus the 8 bank holidays.</p>
<p>This policy does not cover Site Safety Advisers, who are employed by the main contractor.</p>
</main></body></html>""",
    "court-usher.html": """<html><body><main>
<h1>Court Usher</h1>
<p>Court ushers keep hearings running. We are recruiting six court ushers (some of you will know the job as a court clerk) for the county court.</p>
<h2>Training</h2>
<p>Everyone completes conflict management training in their first year. New ushers attend a two-week induction before working alone.</p>
<h2>Pay</h2>
<p>Ushers start on £23,950. Experienced ushers can move up to Senior Usher (£27,000).</p>
<p>Staff on the late rota receive a late-sitting allowance of £4.10 an hour.</p>
<h2>Who you report to</h2>
<p>The Delivery Manager reports to the Cluster Manager. Court ushers report to the Delivery Manager.</p>
<h2>Progression</h2>
<p>From there, the usual next steps are Listing Officer or Legal Adviser.</p>
</main></body></html>""",
    "turbine-technician.md": """# Wind Turbine Technician

Wind turbine technicians keep the turbines turning. You'll report to the Site Operations Supervisor, who plans the work. The supervisor reports to our Regional Operations Manager in Carlisle.

## Hours

The standard week is 40 hours, Monday to Friday.
""",
}


@pytest.fixture(scope="module")
def trades(tmp_path_factory, real_embedder) -> Assistant:
    return _with_pages(tmp_path_factory.mktemp("trades"), real_embedder, TRADE_PAGES)


def test_how_long_training_takes_is_answered_by_what_trainees_do(trades):
    """A question about training names the trainees' rank: "Trainee conductors complete ..."
    is not a narrower claim than the one asked for."""
    answer = trades.ask("How long is the training course for conductors?")
    assert answer.role == "conductor" and "14-week" in answer.answer


def test_a_line_manager_or_a_supervisor_is_a_boss_and_not_the_bosses_boss(trades):
    assert "Team Leader" in trades.ask("Who's the arborist's line manager?").answer
    answer = trades.ask("Who do turbine technicians report to?").answer
    assert "Site Operations Supervisor" in answer and "Regional" not in answer


def test_the_next_step_up_is_a_step_on_a_path(trades):
    assert "Senior Arborist" in trades.ask("What's the next step up for an arborist?").answer


def test_an_faq_heading_asking_two_things_is_answered_by_the_sentence_about_the_thing_asked(trades):
    from assistant.described import describe
    from assistant.keyword import Analyzer
    from assistant.record import Record, RecordKind

    assert "hybrid" in trades.ask("Can payroll administrators work from home?").answer
    # the first sentence under the heading replies to its first question only
    first, second = "Core hours are 8:30 to 5:00.", "We work a hybrid schedule, two days from home."
    text = f"{first} {second}"
    spans = ((0, len(first)), (len(first) + 1, len(text)))
    heading = "What are the hours? Can I work from home?"
    passage = Record("p.pdf#4", RecordKind.PASSAGE, "p.pdf", "FAQ", heading, 0, len(text), text, spans)
    terms = [s.terms for s in describe(passage, trades.index.roles, Analyzer()).sentences]
    assert "hour" in terms[0] and "home" not in terms[0] and "home" in terms[1]


def test_pay_and_time_off_by_the_names_employers_give_them(trades):
    assert "15 days of PTO" in trades.ask("How much paid time off does a payroll administrator get?").answer
    assert "$1.50" in trades.ask("Is there a night shift premium for brewers?").answer
    # a word before a one-word role's name says which of them, not what is asked
    assert "four 10-hour shifts" in trades.ask("What's the shift pattern for craft brewers?").answer
    # "do they get a bonus?" is answered by a line saying there is none (trial 27)
    assert "no bonus" in trades.ask("Do brewers get a bonus?").answer


def test_a_comparison_finds_each_roles_passage_though_it_does_not_name_the_role(trades):
    pto = trades.ask("Do payroll administrators or brewers get more PTO?").answer
    assert "15 days" in pto and "10 days of paid time off" in pto
    leave = trades.ask("Who gets more annual leave, arborists or crane operators?").answer
    assert "25 days" in leave and "22 days" in leave


def test_a_job_the_documents_name_but_describe_not_is_not_answered_with_another_jobs_pay(trades):
    """ "Site Safety Advisers" are written as a title (so not "a job no document names"), but
    nothing about their pay: not the crane operators' or the brewers' amounts instead. A
    possessive names a job too ("a train driver's salary"), and so does a trade."""
    answer = trades.ask("How much does a site safety adviser earn?")
    assert answer.abstained and answer.reason == "the documents give no amount for site safety advisers"
    driver = trades.ask("What is a train driver's salary?")
    assert driver.abstained and "drivers" in (driver.reason or "")
    smith = trades.ask("How much do blacksmiths earn?")
    assert smith.abstained and "blacksmiths" in (smith.reason or "")


def test_a_usher_page_how_long_who_next_and_what_a_rank_or_an_allowance_pays(trades):
    """ "How long ...?" is answered by a length of time ("two-week induction", not training in
    the first year); whom the role reports to by name, not whom their boss does; the next step
    is a step on a path ("the usual next steps are"); a title's pay in brackets ("Senior Usher (£27,000)"); an
    allowance asked for is an amount, and "Staff on the late rota" is no rank of staff. A
    sentence saying what the job is also called answers none of these."""
    assert "two-week" in trades.ask("How long is the training for court ushers?").answer
    boss = trades.ask("Who do court ushers report to?").answer
    assert boss.startswith("“Court ushers report to the Delivery Manager")
    from assistant.evidence import _PATH  # a step on a path answers "what's the next step up?"

    assert _PATH.search("From there, the usual next steps are Listing Officer or Legal Adviser.")
    assert "£27,000" in trades.ask("What does a senior usher make?").answer
    assert "£4.10" in trades.ask("What is the late-sitting allowance for court ushers?").answer
    from assistant.claim import _REPORTING

    assert _REPORTING.search("The Skipper is in charge, and every deckhand is answerable to the Skipper.")
    # a job no document names, by a person's word the documents never use, is no usher's pay
    keeper = trades.ask("How much does a lighthouse keeper earn?")
    assert keeper.abstained and keeper.reason == "the documents say nothing about lighthouse keepers"
    coach = trades.ask("How much do figure skating coaches earn?")
    assert coach.abstained and "figure skating coaches" in (coach.reason or "")
    # ... nor is a person's word the documents use of people who are no role (trial 37's
    # "proofreaders", whose question got an ML engineer's salary): only their passages answer
    climber = trades.ask("How much do climbers earn?")
    assert climber.abstained and climber.reason == "the documents give no amount for climbers"
    # ... and a rank is a person's word when the question names its holder ("the Master")
    master = trades.ask("How much does the Master of the barge get paid?")
    assert master.abstained and master.reason == "the documents give no amount for masters"
    assert "court clerk" in trades.index.roles.roles["court_usher"].aliases


def test_a_leader_is_another_job_and_a_title_sharing_a_roles_job_and_a_word_is_that_role():
    """ "The Team Leader in turn reports to ..." and "Line Leaders must hold ..." are about
    someone else than the phlebotomists or operatives asked about (trials 28-29); "highways
    operatives" are the highway maintenance operatives, where a "flight information officer" is
    no air traffic control officer."""
    from types import SimpleNamespace

    from assistant.claim import _named_otherwise
    from assistant.described import _stranger
    from assistant.keyword import Analyzer
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts(
        [
            {"id": "phlebotomist", "name": "phlebotomist"},
            {"id": "hmo", "name": "highway maintenance operative"},
            {"id": "atco", "name": "air traffic control officer"},
        ]
    )
    assert _stranger("The Team Leader in turn reports to the Phlebotomy Services Manager.", roles) == "leader"
    assert _stranger("Line Leaders must hold the Level 3 Food Safety award.", roles) == "leader"
    assert _stranger("Phlebotomists report to the Phlebotomy Team Leader.", roles) is None
    analyzer = Analyzer()
    evidence = SimpleNamespace(
        title_terms=lambda title: frozenset(analyzer.terms([title])[0]), index=SimpleNamespace(roles=roles)
    )
    assert _named_otherwise("highways operative", evidence)
    assert not _named_otherwise("flight information officer", evidence)
    assert not _named_otherwise("highways inspector", evidence)
    from assistant.claim import _unknown_titles

    # "line manager" is whom one reports to, no job the documents lack
    assert "line manager" not in _unknown_titles("Who is a phlebotomist's line manager?", roles)
    # a "train driver" is no HGV driver, though "driver" alone names the HGV drivers; "craft
    # brewers" are brewers, and "exec assistants" the executive assistants
    drivers = RoleBook.from_dicts(
        [
            {"id": "hgv_driver", "name": "HGV driver", "aliases": ["driver"]},
            {"id": "brewer", "name": "brewer"},
            {"id": "ea", "name": "executive assistant", "aliases": ["assistant"]},
        ]
    )
    assert _unknown_titles("How much does a train driver earn?", drivers) == ["train driver"]
    assert _unknown_titles("What do craft brewers earn?", drivers) == []
    assert _unknown_titles("What hours does an exec assistant work?", drivers) == []
    masons = RoleBook.from_dicts([{"id": "hs", "name": "heritage stonemason"}])
    assert _unknown_titles("Is there a tool allowance for masons?", masons) == []  # the stonemasons
    assert _unknown_titles("What do plasterers earn?", masons) == ["plasterer"]
    # Trials 64 and 67: an "art therapist" is no speech and language therapist, a "curtain maker"
    # no cabinet maker, though each role's last word names it; a word of its names in another
    # form, a code or a word its documents use does not make another job of it (trials 22-63:
    # "met observers", "makeup artists", "f2f fundraisers", "bike mechanics" on a policy that
    # speaks of bikes)
    makers = RoleBook.from_dicts(
        [
            {"id": "slt", "name": "speech and language therapist", "aliases": ["therapist"]},
            {"id": "cabinet_maker", "name": "cabinet maker", "aliases": ["maker"]},
            {"id": "met", "name": "meteorological observer", "aliases": ["observer"]},
            {"id": "mua", "name": "bridal make-up artist", "aliases": ["artist"]},
            {"id": "f2f", "name": "face-to-face fundraiser", "aliases": ["fundraiser"]},
            {"id": "bike", "name": "bicycle mechanic", "aliases": ["mechanic"]},
        ]
    )
    bikes = lambda word, role: (word, role) == ("bike", "bike")  # noqa: E731 (the policy speaks of bikes)
    assert _unknown_titles("art therapist salary?", makers, bikes) == ["art therapist"]
    assert _unknown_titles("how much does a curtain maker earn", makers, bikes) == ["curtain maker"]
    for question in (
        "who do met observers report to",
        "what qualifications does a makeup artist need",
        "what kit do f2f fundraisers get",
        "how is overtime paid for bike mechanics?",
        "what does a speech and language therapist earn?",
    ):
        assert _unknown_titles(question, makers, bikes) == [], question
    assert _unknown_titles("how is overtime paid for bike mechanics?", makers) == ["bike mechanic"]


def test_pay_further_down_and_what_a_kind_of_work_is_paid(tmp_path, real_embedder):
    """Trial 39's pages: where the passages on screen give no amount (a careers page's career
    path and introduction outrank its pay table), the role's own passage further down gives
    it; "paid for the noise patrol shifts" asks what that work pays ("time and a third")."""
    assistant = _with_pages(
        tmp_path,
        real_embedder,
        _trial_pages("39", "planning-enforcement-officer-careers.html", "environmental-health-officer-profile.txt"),
    )
    assert "£36,648" in assistant.ask("what do planning enforcement officers earn").answer
    assert "time and a third" in assistant.ask("what do EHOs get paid for the noise patrol shifts").answer


def test_a_title_sharing_one_word_of_a_roles_name_is_not_that_role(tmp_path, real_embedder):
    """Trial 41's pages: a "smart meter installer" (a step the meter reader FAQ names) is not a
    meter reader, and a "warehouse operations manager" (whom the forklift advert's team leaders
    report to) is no role: the documents give no amount for either, where the answers had been
    a forklift driver's hourly rate and an ML engineer's salary. "METER READER - FREQUENTLY
    ASKED QUESTIONS" is about meter readers."""
    assistant = _with_pages(
        tmp_path, real_embedder, _trial_pages("41", "meter-reader-faq.txt", "forklift-truck-driver-vacancy.md")
    )
    for question, who in (
        ("how much does a smart meter installer earn?", "smart meter installers"),
        ("how much does a warehouse operations manager earn?", "warehouse operations managers"),
    ):
        answer = assistant.ask(question)
        assert answer.abstained and answer.reason == f"the documents give no amount for {who}"
    hours = assistant.ask("what hours do meter readers work")
    assert hours.role == "meter_reader" and "37.5 hours" in hours.answer


def test_words_a_documents_title_or_file_name_puts_before_the_role(tmp_path, real_embedder):
    """Trial 38's pages: "leisure-centre-duty-manager.html" is about a leisure centre's duty
    manager in each passage, so "what does a leisure centre duty manager earn?" is answered by
    its pay sentence, which does not say "leisure centre" (it had abstained: "the documents say
    nothing about leisure centre earn"); an interview titled "... OUR HEAD TENNIS COACH"
    speaks as the head coach in each of its sentences."""
    assistant = _with_pages(
        tmp_path, real_embedder, _trial_pages("38", "leisure-centre-duty-manager.html", "tennis-coach-interview.txt")
    )
    assert "£29,800 to £32,400" in assistant.ask("what does a leisure centre duty manager earn").answer
    assert "£38,000 to £42,000" in assistant.ask("how much does a head tennis coach make a year").answer
    # a rank no title names is still the question's own
    senior = assistant.ask("how much does a senior tennis coach make a year")
    assert senior.abstained and senior.reason == "the documents say nothing about senior tennis coach"


def test_whom_a_role_reports_to_said_of_the_rank_and_the_role_or_as_support(tmp_path, real_embedder):
    """Trial 36's purser policy: "Assistant Pursers and Pursers report to the Chief Purser on
    board." is said of pursers (not of one rank of them), and "the Purser on watch reports
    the confirmed passenger count to the Master" is no reporting line; trial 42's careers page:
    "each instructor is supported by an Area Training Manager" says whom instructors report to
    (the answer had been "the passages found are about other roles than driving instructors")."""
    assistant = _with_trial_documents(
        tmp_path, real_embedder, ("36", "ferry-purser-pay-policy.docx"), ("42", "driving-instructor-careers.html")
    )
    assert "the Chief Purser" in assistant.ask("who does the purser report to?").answer
    assert "Area Training Manager" in assistant.ask("who do driving instructors report to").answer


def test_what_another_title_or_a_kind_of_pay_pays_and_a_thing_the_documents_never_give(tmp_path, real_embedder):
    """Trial 48's and 50's pages: "how much does a returns clerk earn?" had been answered with
    what the next grade pays ("... become a Returns Grader (Band C, GBP 12.90 per hour)"), "spa
    receptionist salary?" with what the next step pays or, under "Do receptionists earn
    commission?", with what commission adds; "Late premium: an extra 55p per hour" is an
    amount; and a line on another topic is no answer to whether they get a thing other pages
    speak of ("do returns clerks get a staff discount?" had been answered "Returns Clerks are
    employed on Band B of the warehouse pay scale.")."""
    assistant = _with_trial_documents(
        tmp_path,
        real_embedder,
        ("48", "returns-clerk-handbook.txt"),
        ("48", "checkout-supervisor-vacancy.md"),
        ("50", "spa-receptionist-faq.txt"),
    )
    assert "GBP 12.10 per hour" in assistant.ask("how much does a returns clerk earn").answer
    assert "£11.90 an hour" in assistant.ask("spa receptionist salary?").answer
    assert "55p per hour" in assistant.ask("whats the late premium for front end supervisors after 8pm").answer
    discount = assistant.ask("do returns clerks get a staff discount")
    assert discount.abstained and "discount" in discount.reason
    assert assistant.ask("do checkout supervisors get a staff discount").answer  # theirs say so


def test_how_a_kind_of_pay_is_paid_tips_by_another_name_and_a_job_named_in_brackets(tmp_path, real_embedder):
    """Trials 52 and 53: "tyre fitter sick pay" had said the documents say nothing about sick
    pay, under a section "11. SICK PAY" whose sentence gives no amount ("full pay for up to four
    weeks, then statutory sick pay"); "Guest gratuities are yours to keep" answers whether tour
    escorts keep tips; "Vehicle Refinisher (Paint Sprayer)" names the paint sprayer, whose sick
    pay the documents do not give (it had been answered with the tyre fitter's)."""
    assistant = _with_trial_documents(
        tmp_path,
        real_embedder,
        ("52", "tyre-fitter-pay-policy.txt"),
        ("52", "vehicle-paint-sprayer-careers.html"),
        ("53", "coach-tour-manager-careers.html"),
    )
    assert "statutory sick pay" in assistant.ask("tyre fitter sick pay").answer
    assert "gratuities are yours to keep" in assistant.ask("do tour escorts get to keep tips").answer
    sprayers = assistant.ask("whats the sick pay for paint sprayers")
    assert sprayers.abstained and sprayers.role is None


def test_the_thing_a_yes_or_no_question_asks_whether_they_get():
    from assistant.evidence import _thing_asked
    from assistant.keyword import Analyzer

    analyzer = Analyzer()
    assert _thing_asked("do underwriters get a pension", analyzer) == "pension"
    assert _thing_asked("do returns clerks get a staff discount?", analyzer) == "discount"
    assert _thing_asked("is there free parking at the contact centre", analyzer) == "park"
    assert _thing_asked("do they get uniform provided?", analyzer) == "uniform"
    # what happens, a kind of pay, or a comparison: weighed otherwise
    for question in (
        "can they get promoted?",
        "do they get trained on forklifts?",
        "do enforcement agents get paid extra for working saturdays",
        "is there a bonus for credit control staff",
        "Do kennel assistants or window cleaners get more annual leave?",
    ):
        assert _thing_asked(question, analyzer) is None, question


def test_lines_trials_fifty_six_to_fifty_nine_found_wrong(tmp_path, real_embedder):
    """Trials 56 and 58: "how much does a dairy herdsman get paid?" had been answered with what
    "- Extra milkings: ..." pays; a table row of the kind of pay asked had lost its amount
    ("Tool allowance — When it is paid: ..."); and trial 18's: a reporting line on a policy for
    several jobs names no role but whom they report to ("Controllers report operationally to
    the Watch Supervisor")."""
    assistant = _with_trial_documents(
        tmp_path,
        real_embedder,
        ("56", "dairy-herdsperson-vacancy.md"),
        ("58", "substation-fitter-pay-policy.docx"),
        ("18", "atco-pay-allowances-policy-HR14.docx"),
    )
    assert "£32,500" in assistant.ask("how much does a dairy herdsman get paid?").answer
    assert "£320 per year" in assistant.ask("tool allowance for a substation craftsperson?").answer
    assert "Watch Supervisor" in assistant.ask("Who do air traffic controllers report to?").answer


def test_trials_sixty_four_to_sixty_seven_jobs_other_names_and_pay(tmp_path, real_embedder):
    """Trials 66 and 67: the shotfirer, whose vacancy is headed "Vacancy: Shotfirer – ...", had
    no role (the promotion sentence answered its pay, and "the blaster" had no boss); "digger
    drivers" (the excavator operators' other name, 'or "digger driver", as most of her family
    still call it') got the dump truck drivers' pay; "The basic rate ... is £19.20 an hour, and
    ... a supplement" is what they earn; "Trainees start on GBP 21,400 a year." is pay; the
    podiatrists' "older name, chiropodist" and "community dietician" were unknown; an "art
    therapist" got the speech and language therapists' pay."""
    assistant = _with_trial_documents(
        tmp_path,
        real_embedder,
        ("66", "shotfirer-vacancy-garth-hill.md"),
        ("66", "excavator-operator-profile.txt"),
        ("66", "dump-truck-drivers-handbook.pdf"),
        ("67", "pharmacy-technician-faq.txt"),
        ("67", "speech-language-therapist-careers.html"),
        ("67", "community-podiatrist-vacancy.md"),
    )
    assert "£43,200" in assistant.ask("how much does a shotfirer get paid?").answer
    assert "Quarry Manager" in assistant.ask("who does the blaster report to").answer
    assert "£19.20" in assistant.ask("how much do digger drivers make").answer
    assert "21,400" in assistant.ask("what do trainee pharmacy techs get paid").answer
    assert "5% of basic salary" in assistant.ask("do chiropodists get anything extra on top of basic salary").answer
    art = assistant.ask("art therapist salary?")
    assert art.abstained and art.reason == "the documents say nothing about art therapists"


def test_trials_sixty_four_and_sixty_five_other_jobs_ranks_and_a_title_cell(tmp_path, real_embedder):
    """Trials 64 and 65: a "curtain maker" got the cabinet makers' pay and "the Harbour Master"
    a tug master's, though the documents give neither; "trimmers" ('some customers still call
    them "trimmers"') got the cabinet makers' tools; a "Third Engineer" was a job of its own,
    whose pay "Third Engineer Officer: GBP 41,500" was no amount for it; a pay row had lost the
    cell naming its job ("M3 — Hourly rate: £12.60"); and an abstention says whose pension
    the documents are silent on (other pages give a pension)."""
    assistant = _with_trial_documents(
        tmp_path,
        real_embedder,
        ("64", "upholsterer-careers.md"),
        ("64", "cabinet-maker-profile.html"),
        ("64", "sewing-machinist-pay-policy.docx"),
        ("65", "harbour-pilot-careers.md"),
        ("65", "marine-engineer-officer-faq.txt"),
        ("65", "tug-master-profile.pdf"),
    )
    curtains = assistant.ask("how much does a curtain maker earn")
    assert curtains.abstained and curtains.reason == "the documents say nothing about curtain makers"
    harbour = assistant.ask("what does a harbour master get paid")
    assert harbour.abstained and "harbour masters" in harbour.reason
    assert "magnetic tack hammer" in assistant.ask("what tools does a trimmer get given").answer
    assert "41,500" in assistant.ask("what does a third engineer earn on the ferries").answer
    machinist = assistant.ask("how much does a sewing machinist get paid per hour").answer
    assert all(f"{grade} — Job title:" in machinist for grade in re.findall(r"\b(M\d) — ", machinist))
    pension = assistant.ask("do upholsterers get a pension")
    assert pension.abstained and pension.reason.endswith("pension for upholsterers")


def test_trials_sixty_five_to_sixty_seven_rotas_kinds_of_pay_and_a_line_that_has_the_topic(tmp_path, real_embedder):
    """Trials 65-67: "stevedore shift pattern?" had the breaks, "what shifts do reefer techs
    work" a shift premium's row and "what rota do tugboat captains work" abstained (its "We work
    seven days on, seven days off" is further down); "is there a pension for port operatives
    ...?" abstained though "Company pension with 6% ..." was close behind a line without
    "pension"; "The bonus is not linked to hearing aid sales" answered whether there is a
    bonus; "call out pay" and "how much extra ... for LNG escort jobs" ask an amount; an
    interviewer's "Q: Talk us through those checks." is no answer."""
    assistant = _with_trial_documents(
        tmp_path,
        real_embedder,
        ("65", "dock-operative-stevedore-vacancy.html"),
        ("65", "reefer-technician-pay-policy.docx"),
        ("65", "tug-master-profile.pdf"),
        ("66", "shotfirer-vacancy-garth-hill.md"),
        ("66", "excavator-operator-profile.txt"),
        ("67", "hearing-aid-dispenser-pay-policy.docx"),
    )
    assert "4-on-4-off" in assistant.ask("stevedore shift pattern?").answer
    assert "06:00 to 14:00" in assistant.ask("what shifts do reefer techs work").answer
    assert "seven days on" in assistant.ask("what rota do tugboat captains work").answer
    assert "6% employer" in assistant.ask("is there a pension for port operatives at the container terminal").answer
    assert "£400" in assistant.ask("is there a bonus for hearing aid dispensers?").answer
    assert "£40 per call-out" in assistant.ask("shotfirer call out pay if theres a misfire").answer
    assert "GBP 150" in assistant.ask("how much extra do tug masters get for LNG escort jobs").answer
    checks = assistant.ask("what checks does a digger driver do before starting the machine").answer
    assert not checks.startswith("“Q:")


def test_trials_sixty_eight_and_seventy_other_names_a_rank_above_and_the_reason_words(tmp_path, real_embedder):
    """Trials 68 and 70: "who does a red cap report to" (the dispatchers' other name) had
    abstained; "barristers clerks" had been read as barristers; "The Senior Clerk reports to the
    Head of Chambers" answered whom a junior clerk reports to; a company car the page never
    gives is no line; a reason names the people, not "process servers earn"."""
    assistant = _with_trial_documents(
        tmp_path,
        real_embedder,
        ("68", "flight-dispatcher-faq.txt"),
        ("70", "barristers-clerk-careers.md"),
        ("70", "process-server-vacancy.pdf"),
    )
    assert "Ramp Duty Manager" in assistant.ask("who does a red cap report to").answer
    assert "£24,000" in assistant.ask("how much do barristers clerks get paid when they start").answer
    assert "First Junior Clerk" in assistant.ask("who does a junior clerk in chambers report to?").answer
    car = assistant.ask("do barristers clerks get a company car")
    assert car.abstained and car.reason.endswith("company car for barristers' clerks")
    servers = assistant.ask("how much do process servers earn")
    assert not servers.abstained or not servers.reason.endswith("earn")


def test_review_of_the_ninth_sessions_line_rules_on_ordinary_text():
    """A helper tried the session's line rules on text of its own: an overtime rate "1.5x basic
    rate" is not what a job earns; "how much extra training ...?" asks no amount; "Senior Care
    Assistants supervise each shift; all care assistants report to ..." is no rank's reporting
    line; "shift work" keeps its noun in a reason."""
    from assistant.claim import _led_by_another_rank, _phrase
    from assistant.evidence import _base_pay
    from assistant.question import frame
    from assistant.roles import RoleBook

    assert not _base_pay("Overtime at 1.5x basic rate (£18.90 an hour for most staff).", False)
    assert not _base_pay("The overtime rate is time and a half of the basic rate: £18.90 an hour.", False)
    assert _base_pay("The basic rate for an operator is £19.20 an hour, and a supplement of £1.00 an hour.", False)
    roles = RoleBook.from_dicts([{"id": "ds", "name": "data scientist"}])
    assert frame("How much extra training do data scientists get?", roles).expects is None
    sentence = "Senior Care Assistants supervise each shift; all care assistants report to the Home Manager."
    assert not _led_by_another_rank(sentence, {"care", "assistants"})
    assert _led_by_another_rank("The Senior Clerk reports to the Head of Chambers.", {"junior", "clerk"})
    assert _phrase("is there shift work for nurses", ("shift",)) == "shift work"


def test_a_reporting_line_of_another_title_and_on_call_pay_trials_seventy_two_to_seventy_five():
    """Trial 74: "The Peer Support Lead reports to the Head of Lived Experience" was the line for
    "who does a peer support worker report to?" over "You will be line managed by the Peer
    Support Lead": a title in capitals that is not the people asked reports to someone else
    (though "You report to ...", "Priya reports to ..." and "Roustabouts report to ..." are
    theirs). Trial 72: "weekend on call pay" asks a kind of pay, so "Weekend on-call standby —
    Rate: £45 per day" answers it though it is no salary."""
    from assistant.claim import _led_by_another_rank
    from assistant.evidence import _PAY_KIND

    asked = {"who", "does", "a", "peer", "support", "worker", "report", "to", "specialist"}
    assert _led_by_another_rank("The Peer Support Lead reports to the Head of Lived Experience.", asked)
    assert _led_by_another_rank("The Deck Foreman reports to the Marine Supervisor.", {"roustabout", "deck", "crew"})
    assert not _led_by_another_rank("You will be line managed by the Peer Support Lead.", asked)
    assert not _led_by_another_rank("You report to the Head Chef.", asked)
    assert not _led_by_another_rank("Priya reports to Tom, the general manager.", asked)
    assert not _led_by_another_rank("Peer Support Workers report to the Lead.", asked)
    assert not _led_by_another_rank("Roustabouts report to the Deck Foreman.", {"roustabout"})
    assert _PAY_KIND.findall("cemetery registrar weekend on call pay")
    assert _PAY_KIND.findall("on-call allowance for beer line technicians")
    # (an amount answers the "paid" of "how much do they get paid?", a schedule the "times" of "shift times?")
    from assistant.keyword import Analyzer
    from assistant.question import frame
    from assistant.roles import RoleBook

    roles = RoleBook.from_dicts([{"id": "r", "name": "roustabout"}, {"id": "a", "name": "AMHP"}])
    analyzer = Analyzer()
    assert "paid" in frame("how much do roustabouts get paid", roles).answered_by_kind(analyzer)
    assert "time" in frame("AMHP shift times?", roles).answered_by_kind(analyzer)


def test_lines_trials_seventy_two_to_seventy_five_got_wrong(tmp_path, real_embedder):
    """Lines the new users of trials 72-75 read wrong: the roustabouts' pay was the over-trip
    rate (an amount answers "get paid" whatever its words, so the salary rows hold the question
    as well), the derrickhand's next step a duty (a step on a path answers "what's the next
    step?"), the AMHP's shift times a line on weekends ("times" is a word of a schedule), a
    rank above's reporting line for a peer support worker's, and "weekend on call pay" and a
    host's pension abstained."""
    assistant = _with_trial_documents(
        tmp_path,
        real_embedder,
        ("72", "bereavement-services-officer-handbook.pdf"),
        ("73", "roustabout-staff-handbook.docx"),
        ("73", "derrickhand-vacancy.txt"),
        ("74", "amhp-careers.html"),
        ("74", "peer-support-worker-vacancy.md"),
        ("75", "restaurant-host-careers.html"),
    )
    assert "Basic salary" in assistant.ask("how much do roustabouts get paid").answer
    assert "Assistant Driller" in assistant.ask("whats the next step after derrickhand").answer
    assert "8.30am to 9pm" in assistant.ask("amhp shift times?").answer
    assert "line managed by the Peer Support Lead" in assistant.ask("who does a peer support worker report to").answer
    assert "£45 per day" in assistant.ask("cemetary registrar weekend on call pay").answer
    assert "3% employer contribution" in assistant.ask("do restaurant hosts get a pension").answer


def test_review_of_the_tenth_sessions_line_rules():
    """A helper tried the session's line rules on text of its own: "She reports to her ward
    manager" is a reporting line (only "to me", "to us" are not); "Peer Support Leads report
    to ..." and "The Team Leader reports to ..." are other titles' lines, as the singular
    was; a question that writes "on-call" asks its parts, which "on call" holds."""
    from assistant.claim import _REPORTING, _led_by_another_rank
    from assistant.keyword import Analyzer

    assert _REPORTING.search("She reports to her ward manager, Sister Jones.")
    assert not _REPORTING.search("Reporting to me I have an assistant site manager.")
    asked = {"who", "does", "a", "peer", "support", "worker", "report", "to"}
    assert _led_by_another_rank("Peer Support Leads report to the Head of Lived Experience.", asked)
    assert _led_by_another_rank("The Team Leader reports to the Service Manager.", asked)
    analyzer = Analyzer()
    assert analyzer.joined_terms("Do cellar technicians get paid for being on-call?") == {"oncal"}
    assert analyzer.joined_terms("do derrickhands get paid for overtrip days") == frozenset()

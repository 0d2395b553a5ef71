"""What the web page shows: escaped, highlighted, complete."""

from html import unescape

from assistant.answer import Answer, Passage
from assistant.record import Record
from assistant.roles import RoleBook
from assistant.web.render import answer_html, compare_html, escape, footer_text, related_html

HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3)) '
    '<a href="javascript:alert(4)">y</a> **bold** $x$'
)
ROLES = RoleBook.from_dicts(
    [{"id": "ml_engineer", "name": "ML engineer"}, {"id": "data_scientist", "name": "data scientist"}]
)


def passage(text=HOSTILE, highlight="[x](javascript:alert(3))", **kw):
    values = dict(
        rank=1,
        id="d.md#0",
        kind="article",
        text=text,
        source="d<b>.md",
        section="S",
        score=0.4,
        dense=0.6,
        keyword=0.2,
        fused=0.5,
        prior=0.8,
        highlight=highlight,
        evidence=None,
        fact=None,
        role=None,
    )
    values.update(kw)
    return Passage(**values)


def answer(**kw):
    values = dict(
        question="q",
        resolved_question="q",
        answer="ML engineers: <b>x</b>",
        role="ml_engineer",
        abstained=False,
        reason=None,
        passages=(passage(),),
    )
    values.update(kw)
    return Answer(**values)


def test_escape_leaves_no_markup():
    out = escape(HOSTILE)
    for dangerous in ("<", ">", "javascript:", "**", "](", "$"):
        assert dangerous not in out


def test_answer_html_escapes_everything_and_marks_the_highlight():
    html = answer_html(answer())
    assert "<script" not in html and "<img" not in html and "javascript:" not in html and "<b>" not in html
    assert html.count("<mark>") == 1
    assert "score 0.40 (dense 0.60, keyword 0.20, fused 0.50 × 0.80 role fit)" in unescape(html)


def test_facts_show_their_evidence():
    html = answer_html(
        answer(
            passages=(
                passage(
                    text="A sentence. The evidence here.",
                    highlight="The evidence here.",
                    kind="fact",
                    fact="ML engineers do it.",
                    evidence="The evidence here.",
                ),
            )
        )
    )
    assert "Evidence: “The evidence here.”" in html and "Fact: ML engineers do it." in html


def test_abstention_says_why_and_keeps_passages_for_the_related_block():
    a = answer(answer=None, role=None, abstained=True, reason="best similarity 0.12 is below 0.30")
    html = answer_html(a)
    assert "The documents don&#39;t cover this" in html or "The documents don't cover this" in html
    assert "Best similarity 0.12" in html and "ra-passage" not in html
    assert "ra-passage" in related_html(a)


def test_follow_up_note_is_shown():
    html = answer_html(answer(resolved_question="how much do ML engineers earn?", note="“they” = ML engineers"))
    assert "Understood as “how much do ML engineers earn?”" in html


def test_compare_table_has_topics_by_role_and_filters():
    facts = [
        Record(
            "fact:a",
            "fact",
            "d.md",
            "T",
            "Salary",
            0,
            1,
            "ML engineers earn <b>more</b>.",
            role="ml_engineer",
            topic="salary",
            evidence="earn more",
        ),
        Record(
            "fact:b",
            "fact",
            "d.md",
            "T",
            "Skills",
            0,
            1,
            "Both roles use Python.",
            role="both",
            topic="skills",
            evidence="use Python",
        ),
    ]
    html = compare_html(facts, ROLES)
    assert ">Salary</th>" in html and ">Skills</th>" in html and "<b>more" not in html
    assert '<details class="ra-curated"><summary>' in html and "“earn more”" in html
    assert ">Skills</th>" not in compare_html(facts, ROLES, ["salary"])
    assert "Data scientists</th>" not in html  # a role without facts has no column
    extracted = Record(
        "xfact:d.md#0:0",
        "fact",
        "d.md",
        "T",
        "Tools",
        0,
        1,
        "Data scientists use BI tools.",
        role="data_scientist",
        topic="tools",
        evidence="Data scientists use BI tools.",
        extracted=True,
    )
    html = compare_html([*facts, extracted], ROLES)
    assert "Data scientists</th>" in html
    assert '<details class="ra-extracted"><summary>Data scientists use BI tools. <span class="ra-tag">' in html


def test_footer_names_build_counts_and_model():
    text = footer_text(
        {
            "built_at": "2026-11-27T12:00:00+00:00",
            "counts": {"passages": 17, "facts": 59, "documents": 1},
            "model": {"name": "all-MiniLM-L6-v2"},
        }
    )
    assert text == (
        "Index in service: built 2026-11-27 12:00 UTC · 17 passages and 59 facts from 1 documents · "
        "model all-MiniLM-L6-v2"
    )


def test_a_pdf_page_reads_as_file_comma_page():
    from assistant.web.render import where

    assert where(passage(source="handbook.pdf", section="p. 3")) == "handbook.pdf, p. 3"
    assert where(passage(source="a.md", section="Salary")) == "a.md › Salary"

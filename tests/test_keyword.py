"""The keyword index's words: one spelling and one stem per word, whichever way a document or a
question writes it."""

from __future__ import annotations

import pytest

from assistant.keyword import Analyzer, KeywordIndex


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("registered with HCPC", "HCPC registration"),  # regist / registr
        ("certified", "certification"),  # certifi / certif
        ("qualified", "qualifications"),
        ("organisation centre labour licence", "organization center labor license"),
        ("paediatric anaesthetist", "pediatric anesthetist"),
        ("analyse the catalogue", "analyze the catalog"),
        ("synthesis", "synthesize"),
        ("tools built in-house", "build tools in-house"),
        ("annual leave", "vacation"),  # American and British words for one thing
        ("paid time off", "PTO"),
        ("a joining bonus", "a welcome bonus"),  # a bonus for joining, by its names
        ("sign-on bonus", "golden hello"),
        ("promotion", "progression"),  # a career's next step, by either name
        ("wfh", "work from home"),
        ("next step career wise", "next step career"),  # "-wise" says what about, no word of it
        ("skill-wise", "skill"),
        ("what else is a groom called", "what is a groom called"),  # "else" asks for more, of nothing new
        ("qualifications etc", "qualifications"),
        ("night shift premium", "night shift differential"),  # extra pay by the names employers give it
        ("unsocial hours enhancements", "unsocial hours differentials"),
        ("strong maths", "strong mathematics"),  # clipped words of everyday speech
        ("lab stats", "laboratory statistics"),
        ("what quals and reqs", "what qualifications and requirements"),  # (trial 43: "nothing about quals")
    ],
)
def test_one_word_written_two_ways_is_one_term(one, other):
    analyzer = Analyzer()
    assert sorted(analyzer.terms([one])[0]) == sorted(analyzer.terms([other])[0])


def test_words_that_only_look_british_keep_apart():
    analyzer = Analyzer()
    assert analyzer.terms(["hours tour four"]) == [["hour", "tour", "four"]]
    assert analyzer.terms(["expertise"]) != analyzer.terms(["exercise"])


def test_an_acronym_spelt_like_a_stop_word_is_a_word_unless_the_text_shouts():
    analyzer = Analyzer()
    assert analyzer.terms(["Which job is closer to IT?"]) == [["job", "closer", "it_"]]
    assert analyzer.terms(["salaries in the US"])[0][-1] == "us_"
    assert analyzer.terms(["IT IS REQUIRED"]) == [["requir"]]
    assert analyzer.terms(["it is required"]) == [["requir"]]
    # terms_by_word agrees with terms, word by word
    assert analyzer.terms_by_word("closer to IT") == [["closer"], [], ["it_"]]
    assert analyzer.terms_by_word("IT IS REQUIRED") == [[], [], ["requir"]]


def test_a_question_finds_a_document_spelt_the_other_way():
    index = KeywordIndex.build(
        ["Every radiographer is registered with the HCPC.", "Parking is free.", "The canteen opens at 8."]
    )
    scores, rows = index.search(index.analyzer.terms(["is registration required?"])[0], 3)
    assert rows.tolist() == [0] and scores[0] > 0


def test_a_tech_is_a_technician():
    analyzer = Analyzer()
    assert analyzer.terms(["wind tech pay"]) == analyzer.terms(["wind technician pay"])


def test_an_acronyms_plural_is_the_acronym():
    analyzer = Analyzer()
    assert analyzer.terms(["Do they have to be CPAs?", "a CPA license"]) == [["cpa"], ["cpa", "licens"]]
    assert analyzer.terms_by_word("SREs and IT") == [["sre"], [], ["it_"]]


def test_a_hyphened_word_is_also_the_word_without_its_hyphens():
    """Trial 73 asked "do derrickhands get paid for overtrip days", of a document that says
    "Over-trip days": a hyphened word is also one word ("co-ordinator", "coordinator")."""
    analyzer = Analyzer()
    assert "overtrip" in analyzer.terms(["Over-trip days are paid at GBP 420."])[0]
    assert set(analyzer.terms(["co-ordinator"])[0]) >= set(analyzer.terms(["coordinator"])[0])
    assert analyzer.terms(["12-hour shifts"]) == [["12", "hour", "shift"]]
    words = analyzer.terms_by_word("Over-trip days")
    assert [t for w in words for t in w] == analyzer.terms(["Over-trip days"])[0]

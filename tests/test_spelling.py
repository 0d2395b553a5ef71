"""Misspelt role names in a question are read as the role meant, and said so."""

from __future__ import annotations

from assistant.roles import RoleBook
from assistant.spelling import Speller

ROLES = RoleBook.from_dicts(
    [
        {"id": "security_analyst", "name": "security analyst"},
        {"id": "ux_designer", "name": "UX designer"},
        {"id": "ml_engineer", "name": "ML engineer", "aliases": ["machine learning engineer", "MLE"]},
        {"id": "video_editor", "name": "video editor"},
    ]
)
CORPUS_WORDS = {"secure", "securely", "design", "award", "earn", "paid", "report"}


def speller() -> Speller:
    return Speller(ROLES, lambda word: word in CORPUS_WORDS)


def test_a_misspelt_role_name_is_corrected_with_a_notice():
    assert speller().correct("What does a secuirty analyst earn?") == (
        "What does a security analyst earn?",
        ["read “secuirty analyst” as “security analyst”"],
    )
    text, notices = speller().correct("Do UX desingers earn more than machine lerning engineers?")
    assert text == "Do UX designers earn more than machine learning engineers?"
    assert notices == [
        "read “UX desingers” as “UX designers”",
        "read “machine lerning engineers” as “machine learning engineers”",
    ]


def test_two_letters_swapped_in_a_short_word_are_a_misspelling():
    """ "vidoe" is 0.8 like "video" by the ratio, under the cutoff (trial 31)."""
    assert speller().correct("what does a vidoe editor do day to day") == (
        "what does a video editor do day to day",
        ["read “vidoe editor” as “video editor”"],
    )


def test_a_contraction_typed_without_its_apostrophe_is_read_with_it_without_a_notice():
    """ "whats the night shift premium?" asks what the premium is, as "what's" does (trial 29)."""
    assert speller().correct("whats the pay, and dont UX designers get overtime? theyre paid") == (
        "what's the pay, and don't UX designers get overtime? they're paid",
        [],
    )
    assert speller().correct("Its salary") == ("Its salary", [])  # a possessive, not "it's"


def test_words_the_documents_use_and_words_that_make_no_role_are_left_alone():
    for question in (
        "What does a securely analyst do?",  # a word of the documents, however close
        "What is the Secuirty award?",  # close to "security", but no role once corrected
        "Is data analysis a good career?",  # "analysis" is no misspelt "analyst" (0.80)
        "What does a securty analst do?",  # two misspellings in one name: neither alone names it
        "What does a security analyst earn?",  # nothing to correct
    ):
        assert speller().correct(question) == (question, [])


def test_a_long_paste_of_unknown_words_is_tried_a_few_words_at_most():
    from assistant.spelling import MAX_TRIES

    fixed, notices = speller().correct(" ".join(["secuirty analyst"] * 300))
    assert len(notices) == MAX_TRIES and fixed.count("security analyst") == MAX_TRIES


def test_a_word_of_the_models_vocabulary_is_no_misspelling(real_embedder):
    """ "pay range" is no park ranger's pay: "range" is an English word (the model's vocabulary
    has it), though no document uses it; "secuirty" is not one."""
    from assistant.embed.base import model_words

    roles = RoleBook.from_dicts(
        [{"id": "park_ranger", "name": "park ranger", "aliases": ["ranger"]}, *ROLES.as_dicts()]
    )
    words = model_words(real_embedder.path)
    speller = Speller(roles, lambda word: word in CORPUS_WORDS, words)
    question = "What is the pay range for a security analyst?"
    assert speller.correct(question) == (question, [])
    assert speller.correct("What does a secuirty analyst earn?")[0] == "What does a security analyst earn?"
    assert Speller(roles, lambda word: False).correct(question)[0] == "What is the pay ranger for a security analyst?"


def test_a_misspelt_word_of_what_is_asked_is_read_as_the_english_word_the_documents_use():
    """Trial 45: "how long is pcso trainng" had said "the documents say nothing about
    trainng". Only an English word the documents use is a correction: "pensoin" is left as
    typed where no document says "pension", and so is a word of neither kind."""
    used = CORPUS_WORDS | {"training", "overtime"}
    english = frozenset({"training", "overtime", "pension", "trains"})
    speller = Speller(ROLES, lambda word: word in used, english)
    assert speller.correct("how long is security analyst trainng") == (
        "how long is security analyst training",
        ["read “trainng” as “training”"],
    )
    for question in ("do security analysts get a pensoin", "what is the zqxvw plan"):
        assert speller.correct(question) == (question, [])
    assert speller.correct("whats the overtme rate")[0] == "what's the overtime rate"
    # more than one slip, a word for people by their work, a piece of a hyphened word: as typed
    used |= {"specializes", "projections", "coordinator"}
    speller = Speller(ROLES, lambda word: word in used, english | {"specializes", "projections", "coordinator"})
    for question in (
        "are the specialties fixed",
        "what do cinema projectionists earn",
        "what hours do co-ordinators work",
    ):
        assert speller.correct(question) == (question, [])

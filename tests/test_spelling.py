"""Misspelt role names in a question are read as the role meant, and said so."""

from __future__ import annotations

from assistant.roles import RoleBook
from assistant.spelling import correct, role_words

ROLES = RoleBook.from_dicts(
    [
        {"id": "security_analyst", "name": "security analyst"},
        {"id": "ux_designer", "name": "UX designer"},
        {"id": "ml_engineer", "name": "ML engineer", "aliases": ["machine learning engineer", "MLE"]},
    ]
)
CORPUS_WORDS = {"secure", "securely", "design", "award", "earn", "paid", "report"}


def known(word: str) -> bool:
    return word in CORPUS_WORDS


def test_a_misspelt_role_name_is_corrected_with_a_notice():
    words = role_words(ROLES)
    assert correct("What does a secuirty analyst earn?", ROLES, words, known) == (
        "What does a security analyst earn?",
        ["read “secuirty analyst” as “security analyst”"],
    )
    text, notices = correct("Do UX desingers earn more than machine lerning engineers?", ROLES, words, known)
    assert text == "Do UX designers earn more than machine learning engineers?"
    assert notices == [
        "read “UX desingers” as “UX designers”",
        "read “machine lerning engineers” as “machine learning engineers”",
    ]


def test_words_the_documents_use_and_words_that_make_no_role_are_left_alone():
    words = role_words(ROLES)
    for question in (
        "What does a securely analyst do?",  # a word of the documents, however close
        "What is the Secuirty award?",  # close to "security", but no role once corrected
        "What does a security analyst earn?",  # nothing to correct
    ):
        assert correct(question, ROLES, words, known) == (question, [])

import pytest
import yaml
from conftest import CORPUS

from assistant.followup import resolve
from assistant.question import frame
from assistant.roles import BOTH, RoleBook

ROLES = RoleBook.from_dicts(yaml.safe_load((CORPUS / "roles.yaml").read_text())["roles"])


def role_of(answers):
    return lambda question: answers.get(question)


@pytest.mark.parametrize(
    "question, history, answers, resolved, role",
    [
        (
            "how much do they earn?",
            ["who deploys models?"],
            {"who deploys models?": "ml_engineer"},
            "how much do ML engineers earn?",
            "ml_engineer",
        ),
        (
            "what is their salary?",
            ["What do data scientists do?"],
            {},
            "what is data scientists’ salary?",
            "data_scientist",
        ),
        (
            "and the salary?",
            ["who talks to stakeholders?"],
            {"who talks to stakeholders?": "data_scientist"},
            "and the salary (data scientists)?",
            "data_scientist",
        ),
        (
            "what should I learn to become one?",
            ["who writes low-level code?"],
            {"who writes low-level code?": "ml_engineer"},
            "what should I learn to become an ML engineer?",
            "ml_engineer",
        ),
        (
            "how can they move into ML engineering?",
            ["who is the builder?"],
            {"who is the builder?": "data_scientist"},
            "how can data scientists move into ML engineering?",
            "data_scientist",
        ),
        (
            "do they use Python?",
            ["What do ML engineers and data scientists share?"],
            {},
            "do ML engineers and data scientists use Python?",
            BOTH,
        ),
        ("how much do they earn?", [], {}, "how much do they earn?", None),
        ("what do ML engineers earn?", ["who is the builder?"], {}, "what do ML engineers earn?", None),
    ],
)
def test_resolve(question, history, answers, resolved, role):
    r = resolve(question, history, ROLES, role_of(answers))
    assert r.text == resolved
    if role:
        assert ROLES.group_name(role) in r.note
    elif r.text == question:
        assert r.note is None


def test_and_another_role_asks_the_previous_question_about_it():
    r = resolve("and ML engineers?", ["What do data scientists do?"], ROLES, role_of({}))
    assert r.text == "What do ML engineers do?" and "ML engineers" in r.note


def test_why_is_that_carries_the_previous_question():
    r = resolve("why is that?", ["which role earns more?"], ROLES, role_of({}))
    assert "which role earns more?" in r.text


def test_the_pronoun_follows_the_latest_named_role():
    answers = {"who deploys models?": "ml_engineer"}
    r = resolve("what do they earn?", ["who deploys models?", "What about data scientists?"], ROLES, role_of(answers))
    assert r.text == "what do data scientists earn?"


@pytest.mark.parametrize(
    "question, roles, comparison, seeking",
    [
        ("who deploys models?", (), False, True),
        ("which role uses BI tools?", (), False, True),
        ("which pays more?", (), True, True),
        ("what do both need?", (), True, False),
        ("Which programming languages do ML engineers know?", ("ml_engineer",), False, False),
        ("How do data scientists and ML engineers differ?", ("data_scientist", "ml_engineer"), True, False),
        # A role named by its field: the stems of its name, in a row.
        (
            "I'm a data scientist; how do I move into machine learning engineering?",
            ("data_scientist", "ml_engineer"),
            False,
            False,
        ),
        ("Which tools does the engineering team use for machine learning?", (), False, False),
    ],
)
def test_frame(question, roles, comparison, seeking):
    f = frame(question, ROLES)
    assert (f.roles, f.comparison, f.role_seeking) == (roles, comparison, seeking)

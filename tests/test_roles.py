import pytest
import yaml
from conftest import CORPUS

from assistant.errors import CorpusError
from assistant.evidence import qualified_titles
from assistant.roles import BOTH, RoleBook, same_work_names


@pytest.fixture
def roles() -> RoleBook:
    return RoleBook.from_dicts(yaml.safe_load((CORPUS / "roles.yaml").read_text())["roles"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("who deploys models?", []),
        ("What does an MLE do?", ["ml_engineer"]),
        ("what does a DS earn", ["data_scientist"]),
        ("ds and mle in lower case are not acronyms", []),
        ("Machine learning engineers and data scientists", ["ml_engineer", "data_scientist"]),
        ("the ML engineer's salary", ["ml_engineer"]),
        ("data science is a field, not a role", []),
        ("", []),
        ("データサイエンティスト", []),
        ("Does an ML eng need maths?", ["ml_engineer"]),  # a word of the name in its clipped form
        ("ML engs", ["ml_engineer"]),
    ],
)
def test_mentions(roles, text, expected):
    assert roles.mentioned(text) == expected


def test_normalise_spells_out_acronyms_only(roles):
    assert roles.normalise("Do MLEs earn more than DS?") == "Do ML engineers earn more than data scientist?"
    assert roles.normalise("machine learning engineers") == "machine learning engineers"


def test_an_acronym_of_four_letters_or_more_is_its_role_in_any_case():
    """Trial 45's "how much do pcsos make" abstained on "pcsos make"; "ds" or "mle" stay words."""
    book = RoleBook.from_dicts(
        [
            {"id": "pcso", "name": "police community support officer", "aliases": ["PCSO"]},
            {"id": "ds", "name": "data scientist", "aliases": ["DS", "MLE"]},
        ]
    )
    assert book.mentioned("how much do pcsos make") == ["pcso"]
    assert book.mentioned("Do PCSOs and Pcsos differ?") == ["pcso"]
    assert book.mentioned("the ds and mle files") == []


def test_the_words_of_a_name_run_together_or_hyphened_name_it_too():
    """Trial 47's "does the foodbank coordinator get paid overtime" had lost its role."""
    book = RoleBook.from_dicts([{"id": "fbc", "name": "food bank coordinator"}])
    for text in ("the foodbank coordinator", "food-bank coordinators", "a food bank coordinator's pay"):
        assert book.mentioned(text) == ["fbc"]
    assert book.mentioned("the food bank's coordinator") == []
    # (trial 74: "low intensity therapist" had been an occupational therapist, the document's
    # "low-intensity therapist" a psychological wellbeing practitioner's other name)
    book = RoleBook.from_dicts(
        [{"id": "pwp", "name": "wellbeing practitioner", "aliases": ["low-intensity therapist"]}]
    )
    for text in ("a low intensity therapist", "low-intensity therapists", "lowintensity therapist"):
        assert book.mentioned(text) == ["pwp"]


def test_without_mentions(roles):
    assert roles.without_mentions("How much do ML engineers earn?") == "How much do earn?"


@pytest.mark.parametrize(
    "statement, role, predicate",
    [
        ("ML engineers focus on code.", "ml_engineer", "focus on code."),
        ("Data scientists who want more should learn.", "data_scientist", None),
        ("Both roles use Python.", BOTH, "use Python."),
        ("The salary is high.", "ml_engineer", None),
    ],
)
def test_predicate(roles, statement, role, predicate):
    assert roles.predicate(statement, role) == predicate


def test_display_and_group_names(roles):
    assert roles.display("ml_engineer") == "ML engineers"
    assert roles.display(BOTH) == "Both roles"
    assert roles.group_name(BOTH) == "ML engineers and data scientists"


def test_a_new_role_needs_no_code():
    book = RoleBook.from_dicts([{"id": "analyst", "name": "data analyst", "aliases": ["DA", "BI analyst"]}])
    assert book.mentioned("What tools does a BI analyst use?") == ["analyst"]
    assert book.display("analyst") == "data analysts"
    assert book.normalise("Do DAs code?") == "Do data analysts code?"


@pytest.mark.parametrize(
    "items",
    [
        [{"id": "x", "name": "X"}, {"id": "x", "name": "Y"}],
        [{"id": "both", "name": "Both"}],
        [{"name": "no id"}],
    ],
)
def test_bad_roles_are_refused(items):
    with pytest.raises(CorpusError):
        RoleBook.from_dicts(items)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("What does a junior data scientist earn?", [("junior data scientist", "junior", "data_scientist")]),
        (
            "Do senior MLEs and ML engineer leads differ?",
            [("senior MLEs", "senior", "ml_engineer"), ("ML engineer leads", "lead", "ml_engineer")],
        ),
        ("How long until a data scientist makes senior?", []),  # a step in the career, not the role asked
        ("What does a data scientist earn?", []),
    ],
)
def test_a_role_narrowed_by_rank(roles, question, expected):
    assert qualified_titles(question, roles) == expected


def test_clipped_words_of_a_longer_name_only():
    book = RoleBook.from_dicts(
        [
            {"id": "glass", "name": "laboratory glass technician", "aliases": []},
            {"id": "tech", "name": "technician", "aliases": []},
        ]
    )
    assert book.mentioned("What hours does a lab glass tech work?") == ["glass"]
    assert book.mentioned("What tech stack do they use?") == []  # "tech" alone is no technician


def test_a_job_is_named_by_another_word_for_the_same_work():
    """A "ski teacher" is the ski instructor and a "crane driver" the crane operator, in the
    plural too; a "home carer" the home care worker; "customer service reps" the customer
    service representatives. Not a "motorcycle instructor" (other words before it), nor a
    name another role has, nor one two roles' names both give."""
    book = RoleBook.from_dicts(
        [
            {"id": "ski", "name": "Ski Instructor"},
            {"id": "crane", "name": "tower crane operator", "aliases": ["crane operator"]},
            {"id": "care", "name": "home care worker", "aliases": ["domiciliary care worker"]},
            {"id": "csr", "name": "customer service representative"},
            {"id": "atco", "name": "air traffic control officer"},
            {"id": "guard", "name": "security guard"},  # a name of its own, not the security officer's
            {"id": "officer", "name": "security officer"},
        ]
    )
    assert book.mentioned("how much do ski teachers earn? and ski coaches?") == ["ski"]
    assert book.mentioned("Do crane drivers get paid extra?") == ["crane"]
    assert book.mentioned("bank holiday pay for domiciliary carers and home carers") == ["care"]
    assert book.mentioned("can customer service reps work from home") == ["csr"]
    assert book.mentioned("What do air traffic controllers earn?") == ["atco"]
    assert book.mentioned("what do motorcycle instructors earn") == []
    assert book.mentioned("a security guard and a security officer") == ["guard", "officer"]
    # (one other word per name's ending, the longest: a "pest control officer" is no "pest control guard")
    assert "pest control guard" not in same_work_names("pest control officer")
    assert "pest controller" in same_work_names("pest control officer")
    both = RoleBook.from_dicts([{"id": "a", "name": "golf instructor"}, {"id": "b", "name": "golf coach"}])
    assert both.mentioned("what does a golf teacher earn?") == []  # which of them?
    assert both.mentioned("golf coaches and golf instructors") == ["b", "a"]

"""The quality bar, with the real bundled model, on the development questions."""

import pytest
from conftest import EVAL

from assistant.evaluate import evaluate, read_jsonl

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def report(real_assistant):
    return evaluate(
        real_assistant,
        read_jsonl(EVAL / "dev_questions.jsonl", ("q", "gold")),
        read_jsonl(EVAL / "dev_offtopic.jsonl", ("q",)),
        read_jsonl(EVAL / "dev_followups.jsonl", ("turns", "gold")),
    )


def test_retrieval(report):
    m = report.metrics
    assert m["R@1"] >= 0.85, report.misses
    assert m["R@3"] == 1.0, report.misses


def test_abstention(report):
    assert report.metrics["offtopic_abstention"] == 1.0, report.misses
    assert report.metrics["false_abstentions"] == 0, report.misses


def test_answer_lines(report):
    # the development questions carry answer keys: the line itself must hold the answer
    assert report.metrics["answer_questions"] == 16
    assert report.metrics["answer_accuracy"] >= 0.85, [m for m in report.misses if m["kind"] == "answer line"]


def test_roles(report):
    assert report.metrics["role_accuracy"] >= 0.9, report.misses


def test_followups(report):
    assert report.metrics["followup_R@3"] == 1.0, report.misses


def test_who_deploys_models(real_assistant):
    answer = real_assistant.ask("who deploys models?")
    assert answer.role == "ml_engineer" and answer.answer.startswith("ML engineers:")
    assert any("deploying machine learning products" in p.text for p in answer.passages[:3])


def test_comparison_names_both_roles(real_assistant):
    answer = real_assistant.ask("which pays more?")
    assert "ML engineers" in answer.answer and "Data scientists" in answer.answer
    assert answer.role == "ml_engineer"


def test_follow_up_is_resolved(real_assistant):
    answer = real_assistant.ask("how much do they earn?", ["who deploys models?"])
    assert answer.resolved_question == "how much do ML engineers earn?"
    assert any("$132,651" in p.text for p in answer.passages[:3])


def test_capital_of_australia_abstains_with_a_reason(real_assistant):
    answer = real_assistant.ask("What is the capital of Australia?")
    assert answer.abstained and answer.answer is None and "similarity" in answer.reason
    assert answer.passages  # shown as possibly related


def test_which_pays_less_reads_the_comparison_the_other_way(real_assistant):
    more = real_assistant.ask("Which role pays more?")
    less = real_assistant.ask("Which role pays less?")
    assert more.role == "ml_engineer" and less.role == "data_scientist"
    assert "higher average salary" in more.answer and "$109,802" in less.answer


def test_a_question_about_one_role_is_answered_about_it(real_assistant):
    answer = real_assistant.ask("what about their salary?", ["What do data scientists do?"])
    assert answer.role == "data_scientist" and "$109,802" in answer.answer


def test_and_the_other_role(real_assistant):
    answer = real_assistant.ask("and ML engineers?", ["What is the average salary of a data scientist?"])
    assert answer.resolved_question == "What is the average salary of an ML engineer?"
    assert "$132,651" in answer.answer

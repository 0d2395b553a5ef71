"""The web app's API through gradio_client, against the app started in-process."""

import os

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def client(web):
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    from gradio_client import Client

    return Client(web[1], verbose=False)


def test_ask_endpoint_returns_the_result_json(client, web):
    result = client.predict("who deploys models?", [], api_name="/ask")
    assert set(result) == {"question", "resolved_question", "answer", "role", "abstained", "reason", "passages"}
    assert result["role"] == "ml_engineer" and result["answer"].startswith("ML engineers:")
    assert any("deploying machine learning products" in p["text"] for p in result["passages"])
    assert result == web[0].ask("who deploys models?").to_json()  # same as `assistant ask --json`


def test_ask_endpoint_follow_up(client):
    result = client.predict("how much do they earn?", ["who deploys models?"], api_name="/ask")
    assert result["resolved_question"] == "how much do ML engineers earn?"


def test_off_topic_abstains(client):
    result = client.predict("What is the tallest mountain in Europe?", [], api_name="/ask")
    assert result["abstained"] is True and result["answer"] is None and result["reason"]


def test_bad_question_is_a_clear_error(client):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="question is empty"):
        client.predict("   ", [], api_name="/ask")


def test_only_the_ask_endpoint_is_public(client):
    assert list(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == ["/ask"]

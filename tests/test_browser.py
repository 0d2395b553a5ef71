"""The chat in a real browser: Debian's Chromium driven by Playwright, offline (every page
records and aborts requests that would leave the machine, and asserts there were none)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import CORPUS, Page, copy_of_corpus

from assistant.config import Settings
from assistant.web.database import SQLITE_NAME
from assistant.web.testing import start_web

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
HOSTILE = """# Deployment checklist

ML engineers follow a deployment checklist before release. <script>window.__pwned = 1</script>
The checklist has an image <img src=x onerror="window.__pwned2 = 1"> and a link
<a href="javascript:window.__pwned3 = 1">open the checklist</a> and [a markdown link](javascript:window.__pwned4=1).
"""


@pytest.fixture
def page(browser, web):
    p = Page(browser, web[1])
    yield p
    p.close()


def test_ask_with_enter_and_see_answer_and_passage(page):
    page.ask("who deploys models?")
    reply = page.page.locator(".bot.message").last
    assert "ML engineers:" in reply.inner_text()
    assert "deploying machine learning products" in page.page.locator(".bot").inner_text()
    assert reply.locator("mark").count() >= 1  # the best sentence is highlighted
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)


def test_click_an_example_then_a_follow_up(page):
    page.page.get_by_role("button", name="who deploys models?").click()
    page.wait_for_reply(0)
    page.ask("how much do they earn?")
    text = page.last_reply()
    assert "Understood as “how much do ML engineers earn?”" in text and "$132,651" in text


def test_off_topic_says_not_covered_with_related_collapsed(page):
    page.ask("What is the capital of Australia?")
    text = page.page.locator(".bot").last.inner_text()
    assert "The documents don't cover this." in text
    assert "Possibly related" in text
    related = p_related = page.page.locator(".bot").last.locator(".ra-passage")
    assert related.count() == 0 or not related.first.is_visible()  # collapsed until opened
    page.page.get_by_text("Possibly related").last.click()
    p_related.first.wait_for(state="visible", timeout=5000)


def test_compare_roles_tab_shows_the_salary_row(page):
    page.page.get_by_role("tab", name="Compare roles").click()
    table = page.page.locator("#ra-compare table")
    table.wait_for()
    assert table.locator("th", has_text="Salary").count() == 1
    assert "$132,651" in table.inner_text()


def test_a_vote_lands_in_sqlite(page, web):
    service, _ = web
    page.ask("Which role uses BI tools?")
    before = len(service.feedback.rows())
    page.page.get_by_role("button", name="Like").last.click()
    page.page.wait_for_function("document.body.innerText.includes('feedback was saved')", timeout=10000)
    with sqlite3.connect(service.settings.index_dir / SQLITE_NAME) as db:
        rows = db.execute("SELECT question, vote, passage_ids FROM feedback ORDER BY id").fetchall()
    assert len(rows) == before + 1 and rows[-1][:2] == ("Which role uses BI tools?", 1)


def test_phone_width_is_usable(browser, web):
    p = Page(browser, web[1], width=390)
    p.ask("What do both roles need to know?")
    box = p.page.locator(".bot.message").last.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    p.close()


@pytest.fixture(scope="module")
def hostile_web(tmp_path_factory, real_embedder):
    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "checklist.md").write_text(HOSTILE, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=corpus.parent / "index")  # with the quality gate
    service, server, url = start_web(settings, real_embedder)
    yield url
    server.stop()


def test_hostile_document_shows_as_text_and_runs_nothing(browser, hostile_web):
    p = Page(browser, hostile_web)
    p.ask("What is on the ML engineers' deployment checklist?")
    text = p.page.locator(".bot").last.inner_text()
    assert "<script>window.__pwned = 1</script>" in text and "javascript:" in text
    injected = p.page.evaluate("[window.__pwned, window.__pwned2, window.__pwned3, window.__pwned4]")
    assert injected == [None, None, None, None]
    assert p.page.locator(".bot img[src='x']").count() == 0
    assert p.page.locator(".bot a[href^='javascript']").count() == 0
    p.close()


def _answer_line_in_view(p: Page) -> bool:
    """Whether the last reply's answer line is inside the window and inside the chat's view."""
    return p.page.evaluate(
        """() => {
        const lines = document.querySelectorAll('#ra-chat .ra-answer');
        const line = lines[lines.length - 1];
        if (!line) return false;
        const r = line.getBoundingClientRect();
        let box = line.parentElement;
        while (box && !(box.scrollHeight > box.clientHeight + 4 && getComputedStyle(box).overflowY !== 'visible'))
            box = box.parentElement;
        const view = box ? box.getBoundingClientRect() : {top: 0, bottom: innerHeight};
        return r.top >= Math.max(0, view.top) - 1 && r.top < Math.min(innerHeight, view.bottom);
    }"""
    )


def test_a_new_reply_is_shown_from_its_answer_line_on_a_phone(browser, web):
    p = Page(browser, web[1], width=390)
    p.ask("What do both roles need to know?")
    p.ask("who deploys models?")  # five passages: taller than the chat
    p.page.wait_for_timeout(300)
    assert _answer_line_in_view(p)
    p.close()


NEW_ROLE = """# Product Analyst

## Pay

In our 2025 compensation review, the median base salary of a product analyst was $97,500.

## Tools

Product analysts mostly work in SQL and Looker, and they keep the experiment log in Notion.
Product analysts run A/B tests for every major release.
"""


@pytest.fixture(scope="module")
def new_role_web(tmp_path_factory, real_embedder):
    settings = copy_of_corpus(tmp_path_factory.mktemp("newrole"))
    corpus = settings.corpus_dir
    (corpus / "product-analyst.md").write_text(NEW_ROLE, encoding="utf-8")
    service, server, url = start_web(settings, real_embedder)
    yield url
    server.stop()


def test_compare_tab_has_a_column_for_a_discovered_role_with_extracted_facts_marked(browser, new_role_web):
    p = Page(browser, new_role_web)
    p.page.get_by_role("tab", name="Compare roles").click()
    table = p.page.locator("#ra-compare table")
    table.wait_for()
    assert table.locator("th", has_text="Product analysts").count() == 1
    extracted = table.locator("details.ra-extracted", has_text="Product analysts run A/B tests")
    assert extracted.count() == 1 and "from the documents" in extracted.inner_text()
    assert table.locator("details.ra-curated", has_text="$132,651").count() >= 1  # curated facts stay
    p.close()


def test_a_quoted_line_about_a_discovered_role_in_the_chat(browser, new_role_web):
    p = Page(browser, new_role_web)
    p.ask("What does a product analyst earn?")
    reply = p.page.locator(".bot.message").last
    quote = reply.locator("blockquote.ra-quote")
    assert quote.count() == 1 and "$97,500" in quote.inner_text() and "product-analyst.md › Pay" in quote.inner_text()
    assert "$97,500" in reply.locator("mark").first.inner_text()  # line and highlighted sentence agree
    p.close()


TOKEN = "gaps-test-admin-token-0123"
OFF_TOPIC = {  # what people asked that the article does not cover, in three kinds
    "leave": [
        "How many weeks of parental leave do we get?",
        "Is there paternity leave for new fathers?",
        "How much maternity leave does the company give?",
    ],
    "parking": ["Where can I park my car at the office?", "Is there free parking for staff?"],
    "lunch": ["What is on the canteen menu for lunch today?"],
}


@pytest.fixture(scope="module")
def gaps_web(tmp_path_factory, real_index_dir, real_embedder):
    import httpx

    index = tmp_path_factory.mktemp("gaps") / "index"
    shutil.copytree(real_index_dir, index, symlinks=True)
    service, server, url = start_web(
        Settings(corpus_dir=CORPUS, index_dir=index), real_embedder, admin_token=TOKEN, question_log=True
    )
    asked = [q for kind in OFF_TOPIC.values() for q in kind] + ["who deploys models?"] * 3 + ["Which role pays more?"]
    for question in asked:  # the real path: each question through the API, logged by the server
        assert httpx.post(url + "api/ask", json={"q": question}, timeout=30).status_code == 200
    yield service, url
    server.stop()


def test_the_gaps_view_groups_what_the_documents_missed(browser, gaps_web):
    _, url = gaps_web
    page = Page(browser, url)
    p = page.page
    p.get_by_role("tab", name="Admin").click()
    p.get_by_label("Admin token").fill(TOKEN)
    p.get_by_role("button", name="Unlock").click()
    p.get_by_role("button", name="Show gaps").click()
    table = p.locator("#ra-gaps table.ra-gaps")
    table.wait_for(timeout=30000)
    rows = [r.inner_text() for r in table.locator("tbody tr").all()]
    assert rows[0].startswith("3") and "leave" in rows[0].lower()  # the largest group first
    parking = [r for r in rows if "park" in r.lower()]
    assert len(parking) == 1 and parking[0].startswith("2")
    assert not any("leave" in r.lower() for r in rows[1:])  # one group for leave, not three
    assert ".md#" in rows[0]  # the nearest passage the index had
    text = p.locator("#ra-gaps").inner_text()
    assert "10 questions; the documents answered 40%" in text and "3 × who deploys models?" in text
    page.close()

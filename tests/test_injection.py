"""Script and markup injection from every way text gets in (documents, facts, questions,
widget attributes), shown in the chat, the Compare tab, the widget, the iframe and the API:
in Chromium, nothing runs and no injected element appears."""

import httpx
import pytest
from conftest import HostPages, Page, copy_of_corpus

from assistant.web.testing import start_web

pytestmark = pytest.mark.e2e

PAYLOADS = [
    "<script>window.__x1=1</script>",
    '<img src=x onerror="window.__x2=1">',
    '<a href="javascript:window.__x3=1">link</a>',
    "[md](javascript:window.__x4=1)",
    '<svg onload="window.__x5=1"></svg>',
    '"><iframe srcdoc="<script>parent.__x6=1</script>">',
]
PROBE = "[1,2,3,4,5,6].map(i => window['__x' + i]).filter(v => v !== undefined).length"
HOSTILE_DOC = (
    "# Zephyr release checklist\n\nML engineers use the Zephyr release checklist before each deployment. "
    + " ".join(PAYLOADS)
    + "\n"
)
HOSTILE_FACTS = """facts:
  - id: mle-zephyr
    role: ml_engineer
    topic: tools
    statement: "ML engineers use the Zephyr release checklist <img src=x onerror=window.__x2=1> [go](javascript:window.__x4=1)."
    evidence: "ML engineers use the Zephyr release checklist before each deployment."
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, real_embedder):
    settings = copy_of_corpus(tmp_path_factory.mktemp("hostile"))
    corpus = settings.corpus_dir
    (corpus / "zephyr.md").write_text(HOSTILE_DOC)
    (corpus / "zephyr-facts.yaml").write_text(HOSTILE_FACTS)
    host = HostPages(tmp_path_factory.mktemp("host"))
    service, server, url = start_web(settings, real_embedder, allowed_origins=(host.origin,))
    yield service, url, host
    server.stop()
    host.stop()


def inert(page: Page) -> None:
    p = page.page
    assert p.evaluate(PROBE) == 0
    for selector in ("img[src='x']", "a[href^='javascript']", "svg[onload]", "iframe[srcdoc]", "script:not([src])"):
        assert p.locator(f".bot {selector}, [data-role-assistant] {selector}, #ra-compare {selector}").count() == 0


def test_chat_shows_hostile_documents_facts_and_questions_as_text(browser, hostile):
    service, url, _ = hostile
    page = Page(browser, url)
    page.ask("What is the Zephyr release checklist? " + PAYLOADS[1])
    text = page.page.locator(".bot").last.inner_text()
    assert PAYLOADS[0] in text and "javascript:" in text  # shown, as text
    assert page.page.locator(".user").last.inner_text().endswith(PAYLOADS[1])
    page.page.get_by_role("tab", name="Compare roles").click()
    assert "onerror=window.__x2=1" in page.page.locator("#ra-compare").inner_text()
    inert(page)
    page.close()


def test_widget_and_its_attributes_stay_inert(browser, hostile):
    _, url, host = hostile
    attributes = (
        'data-title="&lt;img src=x onerror=window.__x2=1&gt;" data-color="red;}</style><script>window.__x1=1'
        '</script>" data-greeting="&lt;script&gt;window.__x1=1&lt;/script&gt;"'
    )
    page = Page(
        browser, host.page("hostile.html", f'<script src="{url}widget.js" {attributes} defer></script>'), gradio=False
    )
    page.page.get_by_role("button", name="Ask about roles").click()
    text = page.ask_widget("What is the Zephyr release checklist?")
    assert PAYLOADS[0] in text
    assert page.page.locator("[data-role-assistant] h2").inner_text() == "<img src=x onerror=window.__x2=1>"
    inert(page)
    page.close()


def test_iframe_stays_inert(browser, hostile):
    _, url, host = hostile
    page = Page(
        browser,
        host.page("frame.html", f'<iframe src="{url}embed" title="x" style="height:600px"></iframe>'),
        gradio=False,
    )
    frame = page.page.frame_locator("iframe")
    box = frame.get_by_label("Your question")
    box.fill("What is the Zephyr release checklist?")
    box.press("Enter")
    frame.locator(".msg.bot .answer").first.wait_for(timeout=30000)
    assert PAYLOADS[0] in frame.locator(".log").inner_text()
    assert page.page.frames[1].evaluate(PROBE) == 0 and page.page.evaluate(PROBE) == 0
    page.close()


def test_api_returns_hostile_text_as_json_data_only(hostile):
    _, url, _ = hostile
    r = httpx.post(f"{url}api/ask", json={"q": "What is the Zephyr release checklist?"}, timeout=30)
    assert r.headers["content-type"] == "application/json" and r.headers["x-content-type-options"] == "nosniff"
    assert any(PAYLOADS[0] in p["text"] for p in r.json()["passages"])

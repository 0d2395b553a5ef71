"""Embedding in another site's page, in Chromium: the script widget, the iframe and the web
component on an allowed origin, and the refusals on an origin that is not allowed."""

import pytest
from conftest import CORPUS, HostPages, Page

from assistant.config import Settings
from assistant.web.testing import start_web

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def sites(tmp_path_factory, real_index_dir, real_embedder):
    friend = HostPages(tmp_path_factory.mktemp("friend"))
    stranger = HostPages(tmp_path_factory.mktemp("stranger"))
    service, server, url = start_web(
        Settings(corpus_dir=CORPUS, index_dir=real_index_dir), real_embedder, allowed_origins=(friend.origin,)
    )
    yield url, friend, stranger
    server.stop()
    friend.stop()
    stranger.stop()


def widget_page(app: str, extra: str = "") -> str:
    target = 'data-target="#slot"' if extra else ""
    return (
        "<!doctype html><html><head><title>Careers portal</title></head><body><h1>Careers portal</h1>"
        f'{extra}<script src="{app}widget.js" data-title="Careers helper" data-color="#0f766e" {target} defer>'
        "</script></body></html>"
    )


def test_script_widget_floating_button(browser, sites):
    app, friend, _ = sites
    page = Page(browser, friend.page("widget.html", widget_page(app)), gradio=False)
    p = page.page
    p.get_by_role("button", name="Ask about roles").click()
    text = page.ask_widget("who deploys models?")
    assert "ML engineers:" in text and "Key Functions" in text
    assert p.locator("[data-role-assistant] mark").count() >= 1
    followup = page.ask_widget("how much do they earn?")
    assert "Understood as “how much do ML engineers earn?”" in followup and "$132,651" in followup
    p.keyboard.press("Escape")
    assert not p.get_by_label("Your question").is_visible()
    page.close()


def test_script_widget_inline_in_a_target(browser, sites):
    app, friend, _ = sites
    page = Page(
        browser,
        friend.page("inline.html", widget_page(app, '<div id="slot" style="height:500px"></div>')),
        gradio=False,
    )
    assert page.page.locator("#slot [data-role-assistant]").count() == 1
    assert page.page.locator("#slot h2").inner_text() == "Careers helper"
    assert "ML engineers:" in page.ask_widget("who deploys models?")
    page.close()


def test_iframe(browser, sites):
    app, friend, _ = sites
    page = Page(
        browser,
        friend.page(
            "iframe.html",
            f'<iframe src="{app}embed" title="Role Assistant" style="width:420px;height:600px;border:0"></iframe>',
        ),
        gradio=False,
    )
    frame = page.page.frame_locator("iframe")
    box = frame.get_by_label("Your question")
    box.fill("who deploys models?")
    box.press("Enter")
    frame.locator(".msg.bot .answer").first.wait_for(timeout=30000)
    assert "ML engineers:" in frame.locator(".log").inner_text()
    page.close()


def test_web_component(browser, sites):
    app, friend, _ = sites
    page = Page(
        browser,
        friend.page(
            "component.html",
            f'<script type="module" src="{app}gradio.js"></script><gradio-app src="{app}"></gradio-app>',
        ),
        gradio=False,
    )
    p = page.page
    box = p.locator("gradio-app").get_by_test_id("textbox").first
    box.wait_for(timeout=60000)
    box.fill("who deploys models?")
    box.press("Enter")
    p.locator("gradio-app .bot.message").first.wait_for(timeout=30000)
    p.wait_for_timeout(500)
    assert "ML engineers:" in p.locator("gradio-app .bot.message").last.inner_text()
    page.close()


def test_an_origin_not_on_the_list_is_refused(browser, sites):
    app, _, stranger = sites
    page = Page(browser, stranger.page("widget.html", widget_page(app)), gradio=False)
    page.page.get_by_role("button", name="Ask about roles").click()
    text = page.ask_widget("who deploys models?")
    assert "not on the server's list of allowed origins" in text
    page.errors.clear()  # the browser reports the refused CORS request as a page error; that is the point
    page.close()

    page = Page(
        browser,
        stranger.page("iframe.html", f'<iframe src="{app}embed" title="Role Assistant"></iframe>'),
        gradio=False,
    )
    page.page.wait_for_timeout(1500)
    frame = page.page.frames[1]
    assert frame.url.startswith("chrome-error://") or frame.locator("input").count() == 0
    page.close()


def test_script_widget_shows_a_new_reply_from_its_answer_line_on_a_phone(browser, sites):
    app, friend, _ = sites
    page = Page(browser, friend.page("phone.html", widget_page(app)), width=390, gradio=False)
    page.page.get_by_role("button", name="Ask about roles").click()
    page.ask_widget("What do both roles need to know?")
    page.ask_widget("who deploys models?")  # five passages: taller than the panel
    in_view = page.page.evaluate(
        """() => {
        const root = document.querySelector('[data-role-assistant]').shadowRoot;
        const log = root.querySelector('.log');
        const answers = root.querySelectorAll('.msg.bot .answer');
        const line = answers[answers.length - 1].getBoundingClientRect(), view = log.getBoundingClientRect();
        return log.scrollHeight > log.clientHeight && line.top >= view.top - 1 && line.top < view.bottom;
    }"""
    )
    assert in_view
    page.close()

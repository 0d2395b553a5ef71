"""A running server takes a newly published index into service without a restart, and the
Admin tab adds documents and rebuilds, in a real browser."""

import time

import pytest
from conftest import Page, copy_of_corpus

from assistant.build import build_index
from assistant.web.testing import start_web

pytestmark = pytest.mark.e2e

TOKEN = "correct horse battery staple"
NEW_DOC = (
    "# ACME platform\n\nAt ACME, ML engineers ship every model with the Zephyrine release "
    "platform, which they maintain together with the site reliability team.\n"
)


@pytest.fixture
def live(tmp_path, real_embedder):
    settings = copy_of_corpus(tmp_path)
    service, server, url = start_web(settings, real_embedder, admin_token=TOKEN, watch=True)
    yield service, url
    service.close()
    server.stop()


def test_hot_reload_answers_from_the_new_documents(live, real_embedder):
    service, url = live
    old = service.assistant
    assert not any("Zephyrine" in p.text for p in service.ask("Which release platform do ML engineers use?").passages)
    (service.settings.corpus_dir / "acme.md").write_text(NEW_DOC)
    report = build_index(service.settings, real_embedder)
    assert report.published
    deadline = time.time() + 10
    while service.assistant is old and time.time() < deadline:
        time.sleep(0.1)
    assert service.manifest["build_id"] == report.build_id
    answer = service.ask("Which release platform do ML engineers use?")
    assert any("Zephyrine" in p.text for p in answer.passages)
    assert old.ask("who deploys models?").passages  # a request holding the old index still finishes


def test_a_broken_new_index_keeps_the_old_one_in_service(live, real_embedder):
    service, _ = live
    before = service.manifest["build_id"]
    (service.settings.corpus_dir / "acme.md").write_text(NEW_DOC)
    report = build_index(service.settings, real_embedder)
    from assistant.store import IndexStore

    (IndexStore(service.settings.index_dir).current_path() / "dense.faiss").write_bytes(b"broken")
    assert service.reload_if_published() is False
    assert service.manifest["build_id"] == before != report.build_id
    assert service.ask("who deploys models?").passages


def test_admin_upload_and_rebuild_in_the_browser(browser, live, tmp_path):
    service, url = live
    page = Page(browser, url)
    p = page.page
    p.get_by_role("tab", name="Admin").click()
    p.get_by_label("Admin token").fill("wrong token")
    p.get_by_role("button", name="Unlock").click()
    p.get_by_text("Wrong admin token.").first.wait_for(timeout=10000)
    assert not p.get_by_text("Add documents").is_visible()
    p.get_by_label("Admin token").fill(TOKEN)
    p.get_by_role("button", name="Unlock").click()
    p.get_by_text("Add documents").wait_for(timeout=10000)
    upload = tmp_path / "acme-platform.md"
    upload.write_text(NEW_DOC)
    p.locator("input[type=file][multiple]").set_input_files(str(upload))
    p.wait_for_timeout(1000)
    p.get_by_role("button", name="Add to corpus").click()
    p.get_by_text("added acme-platform.md").wait_for(timeout=15000)
    assert (service.settings.corpus_dir / "acme-platform.md").exists()
    p.get_by_role("button", name="Rebuild index").click()
    p.wait_for_function("document.querySelector('#ra-build-status').innerText.startsWith('Published')", timeout=60000)
    assert "acme-platform.md" in p.get_by_label("Build report").input_value()
    p.get_by_role("tab", name="Ask").click()
    page.ask("Which release platform do ML engineers use at ACME?")
    assert "Zephyrine" in p.locator(".bot").last.inner_text()
    assert service.manifest["build_id"] in [b.name for b in (service.settings.index_dir / "builds").iterdir()]
    page.close()


def test_admin_tab_is_off_without_a_token(browser, web):
    page = Page(browser, web[1])
    page.page.get_by_role("tab", name="Admin").click()
    assert page.page.get_by_text("ASSISTANT_ADMIN_TOKEN=").first.is_visible()
    assert page.page.get_by_label("Admin token").count() == 0
    page.close()

"""Files into the server, attacked over raw HTTP: the Admin tab's "add" takes only files uploaded
to this server (not any path on it, through `..` or a symlink, nor a URL), and Gradio's upload
route takes files only from a browser session with the Admin tab unlocked, within caps per
request and per client, and answers without absolute paths."""

import os
import shutil
import uuid
from pathlib import Path

import pytest
from conftest import REPO, copy_of_corpus
from gradio.utils import get_upload_folder
from raw import Raw

from assistant.web.testing import start_web

pytestmark = pytest.mark.e2e

TOKEN = "a-long-and-secret-admin-token-0123456789"
FILES_PER_REQUEST, MB_PER_REQUEST, FILES_PER_HOUR = 5, 1, 8


@pytest.fixture(scope="module")
def server(tmp_path_factory, real_embedder):
    settings = copy_of_corpus(tmp_path_factory.mktemp("uploads"))
    service, server, url = start_web(
        settings,
        real_embedder,
        admin_token=TOKEN,
        trusted_proxies=("127.0.0.1",),  # so each test can be a client of its own (X-Forwarded-For)
        upload_files_per_request=FILES_PER_REQUEST,
        upload_mb_per_request=MB_PER_REQUEST,
        upload_files_per_hour=FILES_PER_HOUR,
    )
    yield service, url
    server.stop()


def file_data(path: str) -> dict:
    return {"path": path, "orig_name": Path(path).name, "meta": {"_type": "gradio.FileData"}}


def admin(url: str, address: str) -> Raw:
    client = Raw(url, address)
    assert client.unlock(TOKEN)["success"] is True
    return client


def test_add_takes_only_files_uploaded_to_this_server(server, tmp_path):
    service, url = server
    corpus = service.settings.corpus_dir
    before = sorted(p.name for p in corpus.iterdir())
    marker = f"zebra-{uuid.uuid4().hex}"
    secret = tmp_path / "secret-notes.md"
    secret.write_text(f"# Secret\n\nThe password is {marker}.\n")
    folder = Path(get_upload_folder()).resolve()
    link_dir = folder / f"link-{uuid.uuid4().hex}"
    link_dir.mkdir(parents=True)
    (link_dir / "notes.md").symlink_to(secret)  # inside the upload folder, pointing out of it
    attempts = [
        str(secret),  # a file elsewhere on the server
        str(REPO / "README.md"),  # the project's own files
        f"{folder}/../{os.path.relpath(secret, folder.parent)}",  # out of the folder with ..
        os.path.relpath(secret, folder),  # a relative path climbing out
        str(link_dir / "notes.md"),  # a symlink out
        "http://127.0.0.1:9/notes.md",  # a URL for Gradio to fetch
        "/dev/zero",  # a file that never ends
    ]
    client = admin(url, "10.1.0.1")
    add = client.fn("admin_add")
    try:
        for path in attempts:
            r = client.join(add, [TOKEN, [file_data(path)]])
            assert r.status_code == 403 and "uploaded to this server" in r.json()["error"], path
        assert sorted(p.name for p in corpus.iterdir()) == before
        copied = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and marker in _text(p)]
        assert copied == []  # nor was the secret copied into Gradio's cache on the way

        uploaded = client.upload(("fine.md", b"# Fine\n\nML engineers deploy models.\n"))
        assert uploaded.status_code == 200
        done = client.call(add, [TOKEN, [file_data(uploaded.json()[0])]])
        assert done["success"] is True and "added fine.md" in str(done["output"])
    finally:
        shutil.rmtree(link_dir)
        (corpus / "fine.md").unlink(missing_ok=True)


def _text(path: Path) -> str:
    try:
        return path.read_text(errors="replace")[:10000] if path.stat().st_size < 10**6 else ""
    except OSError:
        return ""


def test_uploads_need_an_unlocked_admin_session(server):
    _, url = server
    anonymous = Raw(url, "10.1.1.1")
    r = anonymous.upload(("x.md", b"# X"))
    assert r.status_code == 403 and "Admin tab unlocked" in r.json()["error"]
    anonymous.open_page()  # a session cookie, but the token never entered
    assert anonymous.upload(("x.md", b"# X")).status_code == 403
    assert anonymous.call(anonymous.fn("admin_unlock"), ["wrong token"])["success"] is True  # says "Wrong admin token."
    assert anonymous.upload(("x.md", b"# X")).status_code == 403
    for route in ("/gradio_api/upload_progress?upload_id=x", f"/gradio_api/file={get_upload_folder()}/x.md"):
        assert anonymous.http.get(route).status_code == 403
    unlocked = admin(url, "10.1.1.2")
    r = unlocked.upload(("x.md", b"# X"))
    assert r.status_code == 200
    stolen = Raw(url, "10.1.1.3")  # the cookie belongs to the browser that unlocked, not to an address
    assert stolen.upload(("x.md", b"# X")).status_code == 403


def test_upload_replies_name_no_absolute_path(server):
    _, url = server
    client = admin(url, "10.1.2.1")
    r = client.upload(("a.md", b"# A"), ("b.txt", b"B text"))
    assert r.status_code == 200 and len(r.json()) == 2
    assert all(not p.startswith("/") for p in r.json()) and str(get_upload_folder()) not in r.text
    got = client.http.get(f"/gradio_api/file={r.json()[0]}")  # the relative name still serves the file
    assert got.status_code == 200 and got.content == b"# A"


def test_uploads_are_capped_per_request_and_per_client(server):
    _, url = server
    client = admin(url, "10.1.3.1")
    names = [f"many-{uuid.uuid4().hex}-{i}.md" for i in range(FILES_PER_REQUEST + 1)]
    r = client.upload(*[(name, b"# Many") for name in names])
    assert r.status_code == 413 and f"at most {FILES_PER_REQUEST} files" in r.json()["error"]
    r = client.upload(("big.md", b"x" * (MB_PER_REQUEST * 10**6 + 1)))
    assert r.status_code == 413 and f"at most {MB_PER_REQUEST} MB" in r.json()["error"]
    stored = {p.name for p in Path(get_upload_folder()).rglob("*")}
    assert not stored & set(names)  # refused before Gradio stored any of them
    codes = [client.upload(*[(f"q{i}-{j}.md", b"# Q") for j in range(4)]).status_code for i in range(3)]
    assert codes == [200, 200, 429]  # 8 files an hour
    r = client.upload(("one.md", b"# One"))
    assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 3601
    assert admin(url, "10.1.3.2").upload(("other.md", b"# Other")).status_code == 200  # per client

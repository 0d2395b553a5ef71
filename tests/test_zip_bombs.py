"""Zip bombs: a 0.3 MB .docx whose document.xml unpacks to 300 MB used to take a rebuild to
2.8 GB and stall it; now it fails in a moment with "unpacked size over the limit", whether its
sizes are declared honestly or forged, and the rest of the corpus is indexed."""

import io
import struct
import time
import zipfile

import pytest

from assistant.build import build_index
from assistant.formats import UnreadableDocument, check_archive, extract

UNPACKED_MB = 300
PARTS = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
    '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
}


def bomb_docx(unpacked_mb: int = UNPACKED_MB) -> bytes:
    """A .docx whose word/document.xml is `unpacked_mb` MB of paragraphs, deflated to ~1/1000."""
    paragraph = b"<w:p><w:r><w:t>ML engineers deploy models.</w:t></w:r></w:p>"
    block = paragraph * (2**20 // len(paragraph))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open("word/document.xml", "w") as part:
            part.write(
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body>'
            )
            written = 0
            while written < unpacked_mb * 10**6:
                part.write(block)
                written += len(block)
            part.write(b"</w:body></w:document>")
    return out.getvalue()


def forged(data: bytes, member: str, size: int) -> bytes:
    """`data` with `member` declaring `size` bytes unpacked, in its local header and in the
    central directory: the lie a bomb tells to pass a check of declared sizes."""
    raw = bytearray(data)
    name = member.encode()
    local = raw.find(b"PK\x03\x04")
    while local != -1:
        if raw[local + 30 : local + 30 + len(name)] == name:
            struct.pack_into("<I", raw, local + 22, size)
        local = raw.find(b"PK\x03\x04", local + 4)
    central = raw.find(b"PK\x01\x02")
    while central != -1:
        if raw[central + 46 : central + 46 + len(name)] == name:
            struct.pack_into("<I", raw, central + 24, size)
        central = raw.find(b"PK\x01\x02", central + 4)
    return bytes(raw)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return bomb_docx()


def test_a_zip_bomb_is_refused_in_a_moment(tmp_path, bomb):
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    assert len(bomb) < 2 * 10**6
    start = time.perf_counter()
    with pytest.raises(UnreadableDocument, match="unpacked size over the limit"):
        extract(path)
    seconds = time.perf_counter() - start
    print(f"\n{len(bomb) / 1e6:.2f} MB .docx unpacking to {UNPACKED_MB} MB refused in {seconds:.3f} s")
    assert seconds < 5


def test_forged_sizes_are_caught_while_reading(bomb):
    """Declared small, the member still unpacks no further than it says (zipfile stops there,
    then its checksum fails): refused as corrupt, quickly, without unpacking 300 MB."""
    lying = forged(bomb, "word/document.xml", 10_000)
    assert zipfile.ZipFile(io.BytesIO(lying)).getinfo("word/document.xml").file_size == 10_000
    start = time.perf_counter()
    with pytest.raises(UnreadableDocument, match="not a readable zip archive"):
        check_archive(lying)
    assert time.perf_counter() - start < 5


def test_each_limit_on_its_own():
    small = bomb_docx(3)  # 3 MB unpacked, compressed ~1000:1
    with pytest.raises(UnreadableDocument, match="compressed .* to 1"):
        check_archive(small)
    check_archive(small, max_ratio=10_000)  # within every limit
    with pytest.raises(UnreadableDocument, match="unpacks to 3 MB, the limit is 2 MB"):
        check_archive(small, max_unpacked=2 * 10**6, max_ratio=10_000)
    lying = forged(small, "word/document.xml", 100)
    with pytest.raises(UnreadableDocument, match="not a readable zip archive"):
        check_archive(lying, max_ratio=10_000)


@pytest.mark.e2e
def test_a_build_with_a_zip_bomb_indexes_the_rest(settings, fake, bomb):
    (settings.corpus_dir / "handbook.docx").write_bytes(bomb)
    start = time.perf_counter()
    report = build_index(settings, fake)
    seconds = time.perf_counter() - start
    print(f"\nbuild with the bomb: {seconds:.1f} s")
    status = {f.doc_id: (f.status, f.detail) for f in report.files}
    assert status["handbook.docx"][0] == "failed" and "unpacked size over the limit" in status["handbook.docx"][1]
    assert report.published and all(s == "indexed" for d, (s, _) in status.items() if d != "handbook.docx")
    assert seconds < 60

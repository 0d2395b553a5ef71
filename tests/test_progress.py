"""Build progress reads the same everywhere: stage, count, rate and time left."""

from __future__ import annotations

import io

from assistant.build import build_index
from assistant.progress import PlainLines, duration, stage_line


def test_a_stage_line_has_its_rate_and_time_left():
    assert stage_line("Embedding", 3000, 12078, "passage", 60.0) == (
        "Embedding: 3,000/12,078 passages, 50.0/s, about 3 min 02 s left"
    )
    assert stage_line("Reading documents", 0, 10, "doc", 0.0) == "Reading documents: 0/10 docs"
    assert stage_line("Embedding", 10, 10, "passage", 2.0) == "Embedding: 10/10 passages, 5.0/s"
    assert [duration(s) for s in (5, 65, 3725)] == ["5 s", "1 min 05 s", "1 h 02 min"]


def test_without_a_terminal_a_build_prints_plain_lines_per_stage(settings, fake):
    out = io.StringIO()
    lines = PlainLines(out, every=0.0)
    build_index(settings, fake, progress=lines)
    lines.close()
    text = out.getvalue()
    for stage in ("Reading documents: ", "Embedding: ", "Embedding sentences: ", "Writing the index: "):
        assert stage in text
    assert "\x1b" not in text and "\r" not in text  # no terminal codes in a log
    finished = [line for line in text.splitlines() if line.startswith("Embedding: ") and " in " in line]
    assert finished and finished[0].split(":")[1].split()[0].split("/")[0] == finished[0].split("/")[1].split()[0]

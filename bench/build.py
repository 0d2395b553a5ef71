"""Build throughput on a generated corpus of mixed formats, the no-change rebuild at that size,
and the time from publishing an index to the running service answering from it.

    .venv/bin/python bench/build.py [--documents 2000]

Documents are generated from a seeded generator (40% Markdown, 20% text, 20% HTML, 10% PDF,
10% DOCX, about 250 words each) into a temporary folder, beside a copy of the real corpus.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.build import build_index  # noqa: E402
from assistant.config import DEFAULT_MODEL, Settings  # noqa: E402
from assistant.embed.factory import make_embedder  # noqa: E402
from assistant.web.service import Service  # noqa: E402

WORDS = (
    "team model data pipeline deploy monitor feature metric stakeholder insight python sql cloud "
    "training review salary career mentor project release quality experiment dashboard report "
    "platform service latency budget hiring interview skill statistics algorithm production"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def paragraphs(rng: random.Random, n: int) -> list[str]:
    return [" ".join(sentence(rng) for _ in range(rng.randint(3, 6))) for _ in range(n)]


def write_corpus(folder: Path, count: int, seed: int = 7) -> None:
    import docx
    from fpdf import FPDF

    rng = random.Random(seed)
    for i in range(count):
        kind = rng.choices(["md", "txt", "html", "pdf", "docx"], [40, 20, 20, 10, 10])[0]
        title = f"Document {i}: {rng.choice(WORDS)} {rng.choice(WORDS)}"
        body = paragraphs(rng, 4)
        path = folder / f"doc-{i:05d}.{kind}"
        if kind == "md":
            path.write_text(
                f"# {title}\n\n## Part one\n\n"
                + "\n\n".join(body[:2])
                + "\n\n## Part two\n\n"
                + "\n\n".join(body[2:])
                + "\n"
            )
        elif kind == "txt":
            path.write_text(title + "\n\n" + "\n\n".join(body) + "\n")
        elif kind == "html":
            path.write_text(
                f"<html><head><title>{title}</title><script>var a=1;</script></head><body>"
                f"<nav>Home | About</nav><h1>{title}</h1>"
                + "".join(f"<p>{p}</p>" for p in body)
                + "<footer>(c)</footer></body></html>"
            )
        elif kind == "pdf":
            pdf = FPDF()
            pdf.set_font("helvetica", size=11)
            for p in body:
                pdf.add_page()
                pdf.multi_cell(0, 6, p)
            path.write_bytes(bytes(pdf.output()))
        else:
            document = docx.Document()
            document.add_heading(title, level=1)
            for p in body:
                document.add_paragraph(p)
            out = io.BytesIO()
            document.save(out)
            path.write_bytes(out.getvalue())


class Timing:
    """Progress that remembers how long each stage took."""

    def __init__(self):
        self.stages: dict[str, tuple[int, float]] = {}
        self._stage, self._total, self._t = None, 0, 0.0

    def start(self, stage, total, unit):
        self._close()
        self._stage, self._total, self._t = stage, total, time.perf_counter()

    def advance(self, n=1):
        pass

    def _close(self):
        if self._stage:
            self.stages[self._stage] = (self._total, time.perf_counter() - self._t)

    def done(self):
        self._close()
        self._stage = None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        embedder = make_embedder(DEFAULT_MODEL, "onnx", 1, Path(tmp) / "models")
        embedder.encode(["load (and export) the model before timing the build"])
        corpus = Path(tmp) / "corpus"
        shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("eval"))
        t = time.perf_counter()
        write_corpus(corpus, args.documents)
        print(f"generated {args.documents} documents in {time.perf_counter() - t:.0f} s")
        settings = Settings(corpus_dir=corpus, index_dir=Path(tmp) / "index")

        timing = Timing()
        report = build_index(settings, embedder, progress=timing)
        timing.done()
        docs, read_s = timing.stages["Reading documents"]
        chunks, embed_s = timing.stages["Embedding"]
        print("\n| step | count | seconds | rate |\n|---|---|---|---|")
        print(f"| read, extract and chunk | {docs} documents | {read_s:.1f} | {docs / read_s:.0f} documents/s |")
        print(f"| embed | {chunks} passages and facts | {embed_s:.1f} | {chunks / embed_s:.0f} chunks/s |")
        print(
            f"| full build | {report.passages} passages | {report.seconds:.1f} | "
            f"{docs / report.seconds:.0f} documents/s |"
        )

        t = time.perf_counter()
        again = build_index(settings, embedder)
        in_process = time.perf_counter() - t
        cli = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run(
                [
                    str(Path(sys.executable).parent / "assistant"),
                    "build",
                    "--corpus",
                    str(corpus),
                    "--index",
                    str(settings.index_dir),
                ],
                capture_output=True,
            )
            cli.append(time.perf_counter() - t)
        assert not again.published
        print(f"| no-change rebuild, in-process | {docs} documents | {in_process:.2f} | embeds 0 |")
        print(
            f"| no-change rebuild, `assistant build` | {docs} documents | {statistics.median(cli):.2f} | "
            "median of 3, process start included |"
        )

        service = Service.start(settings, embedder)
        service.watch(interval=1.0)
        delays = []
        for n in range(3):
            (corpus / f"fresh-{n}.md").write_text(f"# Fresh {n}\n\nThe quokkafish{n} protocol is new.\n")
            build_index(settings, embedder)
            published = time.perf_counter()
            while not any(f"quokkafish{n}" in p.text for p in service.ask(f"quokkafish{n} protocol").passages):
                time.sleep(0.02)
            delays.append(time.perf_counter() - published)
        service.close()
        print(
            f"| publish to answering from the new index | 3 rebuilds | {statistics.median(delays):.2f} | "
            "median; the watcher looks every 1 s |"
        )


if __name__ == "__main__":
    main()

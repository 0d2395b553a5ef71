"""The `assistant` command line. Heavy libraries are imported inside the commands that need
them, so `assistant --help` is instant. Domain errors become one line on stderr and an exit
code (2 for bad input, 1 otherwise); no stack trace reaches the user."""

from __future__ import annotations

import json
import logging
import sys
import textwrap
from pathlib import Path

import click

from assistant import __version__
from assistant.config import Settings
from assistant.errors import AssistantError, BadInput
from assistant.options import DEFAULTS, domain_errors, settings_options


def _embedder(settings: Settings, *, building: bool = False):
    from assistant.embed.factory import embedder_for

    return embedder_for(settings, building=building)


def _open(settings: Settings):
    from assistant.build import open_for_questions
    from assistant.engine import Assistant

    index, asking = open_for_questions(settings, _embedder(settings), notify=lambda m: click.echo(m, err=True))
    return Assistant(index, asking, settings)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assistant")
def main() -> None:
    """Role Assistant: answers questions about the jobs its documents describe (the ML
    engineer and the data scientist, and any role the documents add), showing the passages
    that answer them."""
    logging.basicConfig(level=logging.WARNING, format="warning: %(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.WARNING)  # libraries that set their own loggers to DEBUG stay quiet
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # the build report says what matters


class _Bars:
    """Build progress as tqdm bars on stderr, with rate and time left (documents/s while
    reading, passages/s and sentences/s while embedding)."""

    def __init__(self):
        self.bar = None

    def start(self, stage: str, total: int, unit: str) -> None:
        from tqdm import tqdm

        self.close()
        self.bar = tqdm(total=total, desc=stage, unit=unit, leave=False)

    def advance(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


UP_TO_DATE = 3  # exit code of a build that found nothing to publish


@main.command()
@settings_options
@click.option("--dry-run", is_flag=True, help="Print the plan (+added ~changed -removed =unchanged) and stop.")
@click.option("--force", is_flag=True, help="Build even when nothing changed, and publish even below the quality gate.")
@click.option("--wait", is_flag=True, help="Wait for another running build instead of stopping.")
@click.option(
    "--golden",
    multiple=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Golden questions (JSON lines) for the quality gate; default: corpus/eval/*.jsonl.",
)
@domain_errors
def build(settings: Settings, dry_run: bool, force: bool, wait: bool, golden: tuple[Path, ...]) -> None:
    """Build or update the index from the corpus folder.

    Exit codes: 0 a new index was published; 3 nothing to publish (already up to date);
    1 nothing published because of an error or the quality gate; 2 bad input."""
    from assistant.build import build_index, plan_build

    settings = settings.with_(golden=golden or None)
    embedder = _embedder(settings, building=True)
    if dry_run:
        plan = plan_build(settings, embedder)
        why = (
            f" (read and embed everything: {plan.reembed_all})"
            if plan.reembed_all
            else f" (build again: {plan.settings_changed})"
            if plan.settings_changed
            else ""
        )
        click.echo(f"plan: {plan.summary()}{why}")
        for label, ids in (("add", plan.added), ("change", plan.changed), ("remove", plan.removed)):
            for doc_id in ids:
                click.echo(f"  {label:7} {doc_id}")
        click.echo("dry run: nothing written")
        return
    from assistant.progress import PlainLines

    bars: _Bars | PlainLines = _Bars() if sys.stderr.isatty() else PlainLines()
    try:
        report = build_index(settings, embedder, progress=bars, force=force, wait=wait)
    finally:
        bars.close()
    if not report.published:
        click.echo(report.summary())
        sys.exit(UP_TO_DATE)
    for line in report.file_lines():
        click.echo(f"  {line}")
    for problem in report.problems:
        click.echo(f"warning: {problem}", err=True)
    if roles := report.roles_line():
        click.echo(roles)
    if report.quality:
        # (the questions it checks are named: they may be about other documents than the new ones)
        asked = ", ".join(str(p) for p in settings.golden_files())  # (where they are: new users asked)
        click.echo(f"quality: {report.quality}; questions from {asked} (add your own about new documents there)")
    click.echo(report.summary())


@main.command()
@settings_options
@click.argument("question", required=False)
@click.option(
    "-k", type=click.IntRange(1, 50), default=DEFAULTS.k, metavar="N", show_default=True, help="Passages to show."
)
@click.option(
    "--history",
    multiple=True,
    metavar="EARLIER QUESTION",
    help="An earlier question of the conversation (repeat, oldest first).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--jsonl", is_flag=True, help='Answer JSON lines {"id"?, "q", "history"?} from stdin.')
@domain_errors
def ask(settings: Settings, question: str | None, k: int, history: tuple[str, ...], as_json: bool, jsonl: bool) -> None:
    """Answer QUESTION from the documents.

    When there is no index yet, or the corpus changed since it was built, it is built first:
    the options marked "When building" then apply; otherwise they change nothing."""
    if jsonl:
        if question:
            raise BadInput("give either a QUESTION or --jsonl, not both")
        return _ask_jsonl(_open(settings), k)
    if question is None or not question.strip():
        raise BadInput('the question is empty; ask one, for example: assistant ask "who deploys models?"')
    answer = _open(settings).ask(question, list(history), k)
    for notice in answer.notices:
        click.echo(f"notice: {notice}", err=True)
    if as_json:
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_answer(answer))


def _ask_jsonl(assistant, k: int) -> None:
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        request = None
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise BadInput("each line must be a JSON object")
            history = request.get("history") or []
            if not isinstance(history, list):
                raise BadInput("'history' must be a list of strings")
            result = assistant.ask(request.get("q") or "", history, k).to_json()
        except json.JSONDecodeError as exc:
            result = {"error": f"line {n}: not valid JSON ({exc.msg})"}
        except AssistantError as exc:
            result = {"error": f"line {n}: {exc}"}
        if isinstance(request, dict) and "id" in request:
            result = {"id": request["id"], **result}
        click.echo(json.dumps(result, ensure_ascii=False))
        sys.stdout.flush()


def format_answer(answer) -> str:
    from assistant.web.render import score_text, split_highlight, where

    out = []
    if answer.note:
        out.append(f"(understood as: {answer.resolved_question}  [{answer.note}])")
    if answer.abstained:
        out.append(f"The documents don't cover this: {answer.reason}.")
        if answer.passages:
            out.append("\nPossibly related:")
    else:
        out.append(answer.answer or "(no direct answer; see the passages)")
        out.append("")
    for p in answer.passages:
        score = score_text(p)
        out.append(click.style(f"{p.rank}. {where(p)}", bold=True) + f"  [{p.kind}] {score}")
        parts = split_highlight(p)
        text = f"{parts[0]}»{parts[1]}«{parts[2]}" if parts and (parts[0] or parts[2]) else p.text[:1000]
        out.append(textwrap.indent(textwrap.fill(" ".join(text.split()), 96), "   "))
        if p.evidence:
            out.append(textwrap.indent(textwrap.fill(f"Evidence: “{p.evidence}”", 96), "   "))
    return "\n".join(out)


@main.command(name="eval")
@settings_options
@click.argument("questions", required=False, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--offtopic", type=click.Path(path_type=Path, exists=True, dir_okay=False), help="Questions that must abstain."
)
@click.option(
    "--followups",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Conversations whose last turn is a follow-up.",
)
@click.option(
    "--beir",
    "beir_dir",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="A dataset in BEIR layout (corpus.jsonl, queries.jsonl, qrels/<split>.tsv) to evaluate on instead.",
)
@click.option(
    "--beir-work",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where to build the dataset's own index (default: DIR/.role-assistant).",
)
@click.option(
    "--split",
    default="test",
    show_default=True,
    metavar="NAME",
    help="The BEIR split whose qrels to use: qrels/NAME.tsv.",
)
@click.option(
    "-k", type=click.IntRange(1, 50), default=DEFAULTS.k, metavar="N", show_default=True, help="Passages per question."
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@domain_errors
def eval_command(
    settings: Settings,
    questions: Path | None,
    offtopic: Path | None,
    followups: Path | None,
    beir_dir: Path | None,
    beir_work: Path | None,
    split: str,
    k: int,
    as_json: bool,
) -> None:
    """Measure retrieval and answers on QUESTIONS.jsonl (R@1/3/5, MRR, roles, abstention), or
    retrieval on a BEIR dataset (nDCG@10, Recall@10/100, MRR@10 for dense, keyword, hybrid)."""
    if beir_dir is not None:
        from assistant.beir import evaluate_beir, format_beir

        if not split or "/" in split or "\\" in split or split.startswith("."):
            raise BadInput(f"--split: '{split}' is not a split name like test, dev or train")
        beir = evaluate_beir(
            beir_dir, _embedder(settings, building=True), beir_work or beir_dir / ".role-assistant", settings, split
        )
        click.echo(json.dumps(beir.to_json(), indent=2) if as_json else format_beir(beir))
        return
    if questions is None:
        raise BadInput("give a QUESTIONS.jsonl file, or --beir DIR")
    from assistant.evaluate import evaluate, format_report, read_jsonl

    qs = read_jsonl(questions, ("q", "gold"))
    off = read_jsonl(offtopic, ("q",)) if offtopic else []
    fus = read_jsonl(followups, ("turns", "gold")) if followups else []
    report = evaluate(_open(settings), qs, off, fus, k=k)
    click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False) if as_json else format_report(report))


def _register_web_commands() -> None:
    from assistant.web.commands import feedback, gaps, serve

    for command in (serve, feedback, gaps):
        main.add_command(command)


_register_web_commands()

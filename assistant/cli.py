"""The `assistant` command line. Heavy libraries are imported inside the commands that need
them, so `assistant --help` is instant. Domain errors become one line on stderr and an exit
code (2 for bad input, 1 otherwise); no stack trace reaches the user."""

from __future__ import annotations

import json
import logging
import os
import sys
import textwrap
from functools import wraps
from pathlib import Path

import click

from assistant import __version__
from assistant.config import BACKENDS, DENSE_INDEX_KINDS, ENV_PREFIX, Settings, WebSettings
from assistant.errors import AssistantError, BadInput

DEFAULTS, WEB_DEFAULTS = Settings(), WebSettings()


def envvar(flag: str) -> str:
    """The environment variable of a flag: --max-document-mb -> ASSISTANT_MAX_DOCUMENT_MB."""
    return ENV_PREFIX + flag.lstrip("-").replace("-", "_").upper()


def setting(flag: str, name: str, default, variable: str | None = None, **kwargs):
    """A click option read from its flag, else its ASSISTANT_* variable (named after the flag
    unless `variable` says otherwise), else `default` (taken from the settings dataclasses, the
    one source of every default)."""
    return click.option(
        flag,
        name,
        envvar=variable or envvar(flag),
        default=default,
        show_default=default not in (None, ""),
        show_envvar=True,
        **kwargs,
    )


def settings_options(func):
    """The settings every command shares."""

    @setting(
        "--corpus",
        "corpus_dir",
        DEFAULTS.corpus_dir,
        type=click.Path(path_type=Path),
        help="Folder of source documents and role data.",
    )
    @setting(
        "--index", "index_dir", DEFAULTS.index_dir, type=click.Path(path_type=Path), help="Folder of the built index."
    )
    @setting(
        "--model",
        "model",
        DEFAULTS.model,
        help="sentence-transformers model name (in the local cache) or folder; the default is bundled.",
    )
    @setting(
        "--backend",
        "backend",
        DEFAULTS.backend,
        type=click.Choice(BACKENDS),
        help="How the model runs: onnx (ONNX Runtime, no torch at answer time), torch, or onnx-int8.",
    )
    @setting("--threads", "threads", DEFAULTS.threads, type=click.IntRange(1, 64), help="Threads for embedding.")
    @setting(
        "--max-document-mb",
        "max_document_mb",
        DEFAULTS.max_document_mb,
        type=click.FloatRange(0.001),
        help="Larger documents are skipped when building.",
    )
    @setting(
        "--dense-index",
        "dense_index",
        DEFAULTS.dense_index,
        type=click.Choice(DENSE_INDEX_KINDS),
        help="Vector index: exact below 100k passages and IVF above (auto), or forced.",
    )
    @setting(
        "--min-r3",
        "min_r3",
        DEFAULTS.min_r3,
        type=click.FloatRange(0, 1),
        help="Quality gate: R@3 on the golden questions below which a new index is not published.",
    )
    @wraps(func)
    def wrapper(corpus_dir, index_dir, model, backend, threads, max_document_mb, dense_index, min_r3, **kwargs):
        if index_dir.exists() and not index_dir.is_dir():
            raise click.BadParameter(f"{index_dir} is a file; the index needs a folder", param_hint="--index")
        settings = Settings(
            corpus_dir=corpus_dir,
            index_dir=index_dir,
            model=model,
            backend=backend,
            threads=threads,
            max_document_mb=max_document_mb,
            dense_index=dense_index,
            min_r3=min_r3,
        )
        return func(settings, **kwargs)

    return wrapper


def domain_errors(func):
    """Errors become one line on stderr and an exit code; a stack trace only with ASSISTANT_DEBUG=1."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except AssistantError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except OSError as exc:
            click.echo(f"error: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", err=True)
            sys.exit(1)
        except Exception as exc:  # noqa: BLE001 - the last line of defence against a stack trace
            if os.environ.get("ASSISTANT_DEBUG") == "1":
                raise
            click.echo(
                f"error: unexpected {type(exc).__name__}: {exc} (set ASSISTANT_DEBUG=1 for details, "
                "and please report it)",
                err=True,
            )
            sys.exit(1)

    return wrapper


def _embedder(settings: Settings):
    from assistant.embed.factory import make_embedder

    return make_embedder(settings.model, settings.backend, settings.threads, settings.model_cache)


def _open(settings: Settings):
    from assistant.build import ensure_index
    from assistant.engine import Assistant

    embedder = _embedder(settings)
    return Assistant(ensure_index(settings, embedder, notify=lambda m: click.echo(m, err=True)), embedder, settings)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assistant")
def main() -> None:
    """Role Assistant: answers questions about the ML-engineer and data-scientist roles from
    its documents, showing the passages that answer them."""
    logging.basicConfig(level=logging.WARNING, format="warning: %(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.WARNING)  # libraries that set their own loggers to DEBUG stay quiet
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # the build report says what matters


class _Bars:
    """Build progress as tqdm bars on stderr (documents/s while reading, records/s while embedding)."""

    def __init__(self, enabled: bool):
        self.enabled, self.bar = enabled, None

    def start(self, stage: str, total: int, unit: str) -> None:
        from tqdm import tqdm

        self.close()
        self.bar = tqdm(total=total, desc=stage, unit=unit, disable=not self.enabled, leave=False)

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
    embedder = _embedder(settings)
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
    bars = _Bars(sys.stderr.isatty())
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
    if report.quality:
        click.echo(f"quality: {report.quality}")
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
    """Answer QUESTION from the documents."""
    if jsonl:
        if question:
            raise BadInput("give either a QUESTION or --jsonl, not both")
        return _ask_jsonl(_open(settings), k)
    if question is None or not question.strip():
        raise BadInput('the question is empty: assistant ask "who deploys models?"')
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
    help="A dataset in BEIR layout (corpus.jsonl, queries.jsonl, qrels/test.tsv) to evaluate on instead.",
)
@click.option(
    "--beir-work",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where to build the dataset's own index (default: DIR/.role-assistant).",
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
    k: int,
    as_json: bool,
) -> None:
    """Measure retrieval and answers on QUESTIONS.jsonl (R@1/3/5, MRR, roles, abstention), or
    retrieval on a BEIR dataset (nDCG@10, Recall@10/100, MRR@10 for dense, keyword, hybrid)."""
    if beir_dir is not None:
        from assistant.beir import evaluate_beir, format_beir

        beir = evaluate_beir(beir_dir, _embedder(settings), beir_work or beir_dir / ".role-assistant", settings)
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


@main.command()
@settings_options
@setting("--host", "host", WEB_DEFAULTS.host, help="Address to listen on.")
@setting("--port", "port", WEB_DEFAULTS.port, type=click.IntRange(1, 65535), help="Port to listen on.")
@setting(
    "--root-path",
    "root_path",
    WEB_DEFAULTS.root_path,
    metavar="PREFIX",
    help="URL prefix when served behind a reverse proxy, e.g. /assistant.",
)
@setting(
    "--allowed-origins",
    "allowed_origins",
    ",".join(WEB_DEFAULTS.allowed_origins),
    metavar="ORIGINS",
    help="Comma-separated origins of pages that may embed the assistant, e.g. https://intranet.example.com "
    "(default: this server only).",
)
@setting(
    "--rate-limit",
    "rate_limit",
    WEB_DEFAULTS.rate_limit,
    type=click.IntRange(1),
    help="Questions per client per minute, through /api/ask, the Gradio ask endpoint and the chat together.",
)
@setting(
    "--concurrency",
    "concurrency",
    WEB_DEFAULTS.concurrency,
    type=click.IntRange(1, 64),
    help="Questions answered at once (one per core suits the model).",
)
@setting(
    "--queue-size",
    "queue_size",
    WEB_DEFAULTS.queue_size,
    type=click.IntRange(0, 10_000),
    help="Questions that may wait; past that, requests are refused (503).",
)
@setting(
    "--admin-token",
    "admin_token",
    WEB_DEFAULTS.admin_token,
    metavar="SECRET",
    help="Turns the Admin tab on (at least 12 characters); better given as the variable than as a flag.",
)
@setting(
    "--allowed-hosts",
    "allowed_hosts",
    ",".join(WEB_DEFAULTS.allowed_hosts),
    metavar="NAMES",
    help="Comma-separated host names the server answers to, e.g. assistant.example.com or *.example.com; "
    "others get 400 (default: the --host address, localhost and 127.0.0.1). Set it when serving under a real name.",
)
@setting(
    "--proxy",
    "trusted_proxies",
    ",".join(WEB_DEFAULTS.trusted_proxies),
    variable=ENV_PREFIX + "TRUSTED_PROXIES",
    metavar="ADDRESSES",
    help="Comma-separated addresses or networks of reverse proxies whose X-Forwarded-For/-Host/-Proto are "
    "believed, e.g. 127.0.0.1 (default: none; from anyone else those headers are dropped).",
)
@domain_errors
def serve(
    settings: Settings,
    host: str,
    port: int,
    root_path: str,
    allowed_origins: str,
    rate_limit: int,
    concurrency: int,
    queue_size: int,
    admin_token: str | None,
    allowed_hosts: str,
    trusted_proxies: str,
) -> None:
    """Start the web app (building the index first if needed) and print its URL."""
    from assistant.web.admin import MIN_TOKEN_LENGTH
    from assistant.web.app import create_app, run
    from assistant.web.forwarded import parse_hosts, parse_proxies
    from assistant.web.security import parse_origins
    from assistant.web.service import Service

    try:
        origins = parse_origins(allowed_origins)
    except ValueError as exc:
        raise BadInput(f"{envvar('--allowed-origins')} / --allowed-origins: {exc}") from None
    try:
        hosts = parse_hosts(allowed_hosts)
    except ValueError as exc:
        raise BadInput(f"{envvar('--allowed-hosts')} / --allowed-hosts: {exc}") from None
    try:
        parse_proxies(trusted_proxies)
    except ValueError as exc:
        raise BadInput(f"{ENV_PREFIX}TRUSTED_PROXIES / --proxy: {exc}") from None
    token = admin_token or None
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise BadInput(f"{envvar('--admin-token')} is too short to be safe: use at least {MIN_TOKEN_LENGTH} characters")
    prefix = "/" + root_path.strip("/") if root_path.strip("/") else ""
    problem = cannot_listen(host, port)  # say so now, not after loading the model
    if problem:
        raise BadInput(f"cannot listen on {host}:{port} ({problem}); choose another with --port")
    service = Service.start(settings, _embedder(settings), notify=lambda m: click.echo(m, err=True))
    service.watch()  # a newly published index is taken into service without a restart
    web = WebSettings(
        host=host,
        port=port,
        root_path=prefix,
        admin_token=token,
        allowed_origins=origins,
        rate_limit=rate_limit,
        concurrency=concurrency,
        queue_size=queue_size,
        allowed_hosts=hosts,
        trusted_proxies=tuple(p.strip() for p in trusted_proxies.split(",") if p.strip()),
    )
    app = create_app(service, web)
    counts = service.manifest["counts"]
    click.echo(
        f"Role Assistant is running at http://{host}:{port}{prefix}/ "
        f"({counts['passages']} passages, {counts['facts']} facts; Admin tab "
        f"{'on' if token else 'off: set ' + envvar('--admin-token') + ' to enable it'}; embedding allowed "
        f"from {', '.join(origins) or 'this server only'}; answering to {', '.join(web.hosts())}). "
        "Press Ctrl+C to stop."
    )
    if not hosts and host in ("0.0.0.0", "::"):
        click.echo(f"warning: set {envvar('--allowed-hosts')} to the name clients use to reach this server", err=True)
    try:
        run(app, host, port, prefix)
    finally:
        service.close()


def cannot_listen(host: str, port: int) -> str | None:
    """Why `host:port` cannot be listened on, or None. Binds as uvicorn does, with SO_REUSEADDR,
    so the connections of a server just stopped (closing, in TIME_WAIT) do not count."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


@main.command()
@setting(
    "--index",
    "index_dir",
    DEFAULTS.index_dir,
    type=click.Path(path_type=Path),
    help="Folder of the built index (feedback lives beside it).",
)
@click.option(
    "--export", "target", type=click.Path(path_type=Path, dir_okay=False), required=True, help="CSV file to write."
)
@domain_errors
def feedback(index_dir: Path, target: Path) -> None:
    """Export the votes people gave to replies in the web app."""
    from assistant.web.feedback import FeedbackStore, feedback_path

    path = feedback_path(index_dir)
    if not path.exists():
        raise BadInput(f"no feedback yet: {path} does not exist (votes are recorded by `assistant serve`)")
    count = FeedbackStore(path).export_csv(target)
    click.echo(f"wrote {count} votes to {target}")

"""The command line's options, shared by every command: each read from its flag, else its
ASSISTANT_* environment variable, else the default in the settings dataclasses (the one source
of every default), and the one place where errors become a message and an exit code."""

from __future__ import annotations

import os
import sys
from functools import wraps
from pathlib import Path

import click

from assistant.config import BACKENDS, DENSE_INDEX_KINDS, ENV_PREFIX, Settings, WebSettings
from assistant.errors import AssistantError

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


def database_option(func):
    return setting(
        "--database-url",
        "database_url",
        DEFAULTS.database_url,
        metavar="URL",
        help="postgresql://... for state that replicas share (votes, question log) and a build lock across hosts; "
        "default: SQLite beside the index and a file lock.",
    )(func)


def index_option(func):
    return setting(
        "--index",
        "index_dir",
        DEFAULTS.index_dir,
        type=click.Path(path_type=Path),
        help="Folder of the built index (the SQLite database lives beside it).",
    )(func)


def settings_options(func):
    """The settings every command shares."""

    @setting(
        "--corpus",
        "corpus_dir",
        None,
        type=click.Path(path_type=Path),
        help=f"Folder of source documents and role data; default: the folder the index was built from, else "
        f"{DEFAULTS.corpus_dir}/ (so `ask --index X` never rebuilds X from another corpus).",
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
        help="When building: how to run the model: onnx-int8 (ONNX Runtime, int8 matrix products), onnx (float32) "
        "or torch; questions use the backend that built the index.",
    )
    @setting(
        "--threads",
        "threads",
        DEFAULTS.threads,
        type=click.IntRange(1, 64),
        help="Threads for the embedding model; default: every core when building, 1 when answering.",
    )
    @setting(
        "--max-document-mb",
        "max_document_mb",
        DEFAULTS.max_document_mb,
        type=click.FloatRange(0.001),
        help="When building: larger documents are skipped.",
    )
    @setting(
        "--dense-index",
        "dense_index",
        DEFAULTS.dense_index,
        type=click.Choice(DENSE_INDEX_KINDS),
        help="When building: the vector index, exact below 100k passages and IVF above (auto), or forced.",
    )
    @setting(
        "--min-r3",
        "min_r3",
        DEFAULTS.min_r3,
        type=click.FloatRange(0, 1),
        help="When building: the quality gate, R@3 on the golden questions below which a new index is not published.",
    )
    @setting(
        "--min-answer",
        "min_answer",
        DEFAULTS.min_answer,
        type=click.FloatRange(0, 1),
        help="When building: the quality gate's share of right answer lines (golden questions with answer_keys) "
        "below which a new index is not published; 0 does not check it.",
    )
    @database_option
    @wraps(func)
    def wrapper(
        corpus_dir,
        index_dir,
        model,
        backend,
        threads,
        max_document_mb,
        dense_index,
        min_r3,
        min_answer,
        database_url,
        **kwargs,
    ):
        if index_dir.exists() and not index_dir.is_dir():
            raise click.BadParameter(f"{index_dir} is a file; the index needs a folder", param_hint="--index")
        if corpus_dir is None:
            from assistant.store import IndexStore  # (numpy: not for --help)

            corpus_dir = IndexStore(index_dir).built_from() or DEFAULTS.corpus_dir
        settings = Settings(
            corpus_dir=corpus_dir,
            index_dir=index_dir,
            model=model,
            backend=backend,
            threads=threads,
            max_document_mb=max_document_mb,
            dense_index=dense_index,
            min_r3=min_r3,
            min_answer=min_answer,
            database_url=database_url or None,
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

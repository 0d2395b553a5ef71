"""The commands of the web server: `serve`, `feedback --export` and `gaps`. Registered on the
`assistant` group by cli.py; heavy libraries are imported inside each command."""

from __future__ import annotations

import json
from pathlib import Path

import click

from assistant.config import ENV_PREFIX, Settings, WebSettings
from assistant.errors import AssistantError, BadInput
from assistant.options import (
    WEB_DEFAULTS,
    database_option,
    domain_errors,
    envvar,
    index_option,
    setting,
    settings_options,
)


@click.command()
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
@setting(
    "--question-log",
    "question_log",
    "on" if WEB_DEFAULTS.question_log else "off",
    type=click.Choice(["on", "off"]),
    help="Keep each question, how it was answered and its vote (no identity), for the Admin tab's Gaps.",
)
@setting(
    "--question-log-days",
    "question_log_days",
    WEB_DEFAULTS.question_log_days,
    type=click.IntRange(1, 3650),
    help="Days the question log keeps a question; older ones are pruned.",
)
@setting(
    "--metrics",
    "metrics",
    "on" if WEB_DEFAULTS.metrics else "off",
    type=click.Choice(["on", "off"]),
    help="Serve Prometheus metrics at /metrics (to loopback and --metrics-allow only).",
)
@setting(
    "--metrics-allow",
    "metrics_allow",
    ",".join(WEB_DEFAULTS.metrics_allow),
    metavar="ADDRESSES",
    help="Comma-separated addresses or networks (10.0.0.0/8) besides loopback that may read /metrics.",
)
@setting(
    "--log-format",
    "log_format",
    WEB_DEFAULTS.log_format,
    type=click.Choice(["text", "json"]),
    help="json: one JSON line per request on stderr (time, request id, endpoint, status, ms, abstained, build).",
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
    question_log: str,
    question_log_days: int,
    metrics: str,
    metrics_allow: str,
    log_format: str,
) -> None:
    """Start the web app (building the index first if needed) and print its URL."""
    from assistant.web.admin import MIN_TOKEN_LENGTH
    from assistant.web.app import create_app, run
    from assistant.web.forwarded import parse_hosts, parse_proxies
    from assistant.web.security import parse_networks, parse_origins
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
    if (why := cannot_listen(host, port)) is not None:  # say so now, not after loading the model
        raise BadInput(f"cannot listen on {host}:{port} ({why}); choose another with --port")
    try:
        allowed_for_metrics = parse_networks(metrics_allow)
    except ValueError as exc:
        raise BadInput(f"{envvar('--metrics-allow')} / --metrics-allow: {exc}") from None
    from assistant.embed.factory import embedder_for

    service = Service.start(
        settings,
        embedder_for(settings),
        notify=lambda m: click.echo(m, err=True),
        question_log_days=question_log_days if question_log == "on" else None,
    )
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
        question_log=question_log == "on",
        question_log_days=question_log_days,
        metrics=metrics == "on",
        metrics_allow=allowed_for_metrics,
        log_format=log_format,
    )
    if log_format == "json":
        from assistant.web.observe import use_json_lines

        use_json_lines()
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


@click.command()
@index_option
@database_option
@click.option(
    "--export", "target", type=click.Path(path_type=Path, dir_okay=False), required=True, help="CSV file to write."
)
@domain_errors
def feedback(index_dir: Path, database_url: str | None, target: Path) -> None:
    """Export the votes people gave to replies in the web app."""
    from assistant.web.database import SQLITE_NAME, open_database
    from assistant.web.feedback import FeedbackStore

    if not database_url and not (index_dir / SQLITE_NAME).exists():
        raise BadInput(
            f"no feedback yet: {index_dir / SQLITE_NAME} does not exist (votes are recorded by `assistant serve`)"
        )
    database = open_database(database_url, index_dir)
    try:
        count = FeedbackStore(database).export_csv(target)
    finally:
        database.close()
    click.echo(f"wrote {count} votes to {target}")


@click.command()
@settings_options
@click.option(
    "--since",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    metavar="DAYS",
    help="Only questions of the last DAYS days (default: all the log keeps).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@domain_errors
def gaps(settings: Settings, since: float | None, as_json: bool) -> None:
    """What people asked that the documents miss, from the question log: the questions that
    abstained or were voted down, grouped by meaning, largest group first."""
    from assistant.roles import RoleBook
    from assistant.store import IndexStore
    from assistant.web.database import open_database
    from assistant.web.gaps import find_gaps, format_gaps
    from assistant.web.questionlog import QuestionLog

    database = open_database(settings.database_url, settings.index_dir)
    try:
        rows = QuestionLog(database).rows(since)
    finally:
        database.close()
    try:  # the index's roles (curated and found), so that role names do not drive the grouping
        roles = RoleBook.from_dicts(IndexStore(settings.index_dir).read_manifest()["roles"])
    except AssistantError:
        roles = None
    from assistant.embed.factory import embedder_for

    report = find_gaps(rows, embedder_for(settings), roles)
    click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False) if as_json else format_gaps(report))


def cannot_listen(host: str, port: int) -> str | None:
    """Why `host:port` cannot be listened on, or None. Binds as uvicorn does, with SO_REUSEADDR,
    so the connections of a server just stopped or killed (in TIME_WAIT) do not count."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None
